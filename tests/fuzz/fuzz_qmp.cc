// libFuzzer target: bytes as QEMU's monitor socket delivers them, through
// the QMP monitor's framing (drivers/qemu/qmp_framing.h) and lib/util's
// JSON parser, as the monitor's reader does: split into lines across reads
// of varying sizes, the greeting first, then events and replies. QEMU's
// output is untrusted (a guest that broke into QEMU writes it).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/qemu/qmp_framing.h"
#include "lib/util/error.h"
#include "lib/util/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte sets the size of the simulated reads (1..256 bytes), so
  // that messages split across reads are explored too.
  size_t chunk = static_cast<size_t>(data[0]) + 1;
  const char* bytes = reinterpret_cast<const char*>(data) + 1;
  size_t left = size - 1;
  vireo::qemu::QmpLineBuffer buffer;
  bool greeted = false;
  while (left > 0) {
    size_t n = left < chunk ? left : chunk;
    buffer.append(bytes, n);
    bytes += n;
    left -= n;
    while (std::optional<std::string> line = buffer.takeLine()) {
      if (vireo::qemu::isBlankQmpLine(*line)) continue;
      if (!greeted) {
        try {
          greeted = vireo::qemu::qmpGreetingVersion(vireo::json::parse(*line)).has_value();
        } catch (const vireo::Error&) {
          return 0;  // open() fails: the monitor is never used
        }
        continue;
      }
      std::optional<vireo::qemu::QmpMessage> msg = vireo::qemu::decodeQmpMessage(*line);
      if (!msg) return 0;  // a broken monitor: the reader stops
      // A reply is handed to the driver, which may serialise parts of it
      // again (logs, status XML): what the parser accepted must serialise,
      // and read back. An exception escaping here is a finding.
      if (msg->kind == vireo::qemu::QmpMessage::Kind::Reply)
        (void)vireo::json::parse(vireo::json::serialize(msg->body));
    }
    if (buffer.overflowed()) return 0;  // the monitor gives up on such a QEMU
  }
  return 0;
}
