#include "lib/conf/units.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>

#include "lib/util/error.h"

namespace vireo::conf {

unsigned long long unitScale(const std::string& unit, unsigned long long defaultScale) {
  if (unit.empty()) return defaultScale;
  std::string u;
  for (char c : unit) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u == "b" || u == "byte" || u == "bytes") return 1;
  const std::string prefixes = "kmgtpe";
  std::size_t power = prefixes.find(u[0]);
  if (power == std::string::npos) fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "unknown suffix '" + unit + "'");
  unsigned long long base = 1024;
  std::string tail = u.substr(1);
  // "k", "KiB": binary; "KB": decimal, as libvirt reads them.
  if (tail == "b") base = 1000;
  else if (!tail.empty() && tail != "ib")
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "unknown suffix '" + unit + "'");
  unsigned long long scale = 1;
  for (std::size_t i = 0; i <= power; ++i) scale *= base;
  return scale;
}

unsigned long long parseMemoryKiB(const std::string& value, const std::string& unit,
                                  const std::string& what) {
  std::string v = value;
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  std::size_t start = 0;
  while (start < v.size() && std::isspace(static_cast<unsigned char>(v[start]))) ++start;
  v = v.substr(start);
  errno = 0;
  char* end = nullptr;
  unsigned long long n = std::strtoull(v.c_str(), &end, 10);
  if (v.empty() || v[0] == '-' || *end || errno)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Invalid value '" + value + "' for element or attribute '" + what + "'");
  unsigned long long scale = unitScale(unit, 1024);
  // libvirt caps sizes so that bytes fit a signed 64-bit value.
  const unsigned long long limit = static_cast<unsigned long long>(LLONG_MAX);
  if (n && scale > limit / n)
    fail(VIR_ERR_OVERFLOW, VIR_FROM_NONE, "value too large: " + value + unit);
  unsigned long long bytes = n * scale;
  return (bytes + 1023) / 1024;
}

unsigned long long parseScaledBytes(const std::string& value, const std::string& unit, const std::string& what) {
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "Invalid value '" + value + "' for element or attribute '" + what + "'");
  errno = 0;
  const unsigned long long n = std::strtoull(value.c_str(), nullptr, 10);
  const unsigned long long scale = unitScale(unit, 1);
  if (errno || (n && scale > ULLONG_MAX / n)) fail(VIR_ERR_OVERFLOW, VIR_FROM_NONE, "value too large: " + value + unit);
  return n * scale;
}

}  // namespace vireo::conf
