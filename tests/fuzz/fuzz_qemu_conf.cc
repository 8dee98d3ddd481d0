// libFuzzer target: a qemu.conf through lib/util's reader of libvirt's
// configuration syntax and the QEMU driver's loader of its keys (both
// privileged and unprivileged, picked by the first byte), plus the typed
// getters on every entry.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/qemu/qemu_config.h"
#include "lib/util/conf_file.h"
#include "lib/util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  bool privileged = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    vireo::ConfFile conf = vireo::ConfFile::parse(text, "/fuzz/qemu.conf");
    for (const vireo::ConfEntry& e : conf.entries()) {
      // Each getter throws on the wrong type; all must stay memory-safe.
      try { (void)conf.getString(e.name); } catch (const vireo::Error&) {}
      try { (void)conf.getStringList(e.name, true); } catch (const vireo::Error&) {}
      try { (void)conf.getBool(e.name); } catch (const vireo::Error&) {}
      try { (void)conf.getInt(e.name); } catch (const vireo::Error&) {}
      try { (void)conf.getUInt(e.name); } catch (const vireo::Error&) {}
      try { (void)conf.getULLong(e.name); } catch (const vireo::Error&) {}
    }
  } catch (const vireo::Error&) {
  }
  try {
    (void)vireo::qemu::parseQemuConfig(text, "/fuzz/qemu.conf", privileged);
  } catch (const vireo::Error&) {
  }
  return 0;
}
