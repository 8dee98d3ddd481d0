// libFuzzer target: a connection URI through vireo::Uri::parse, the
// parameter lookup and toString(), and the formatted text parsed again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/util/error.h"
#include "lib/util/uri.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  vireo::Uri uri;
  try {
    uri = vireo::Uri::parse(text);
  } catch (const vireo::Error&) {
    return 0;
  }
  (void)uri.driverScheme();
  for (const auto& [name, value] : uri.params) (void)uri.param(name);
  std::string formatted = uri.toString();
  try {
    (void)vireo::Uri::parse(formatted).toString();
  } catch (const vireo::Error&) {
    // libxml2 may escape differently than it parses back; not a memory issue.
  }
  return 0;
}
