#include "drivers/qemu/qemu_process_identity.h"

#include <cstdlib>

#include "drivers/qemu/qemu_process.h"
#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::qemu {

bool isDomainQemu(pid_t pid, const std::string& name, unsigned long long startTime) {
  if (pid <= 0) return false;
  std::string cmdline;
  try {
    cmdline = readWholeFile("/proc/" + std::to_string(pid) + "/cmdline", VIR_FROM_QEMU);
  } catch (const Error&) {
    return false;
  }
  if (cmdline.empty() || processGone(pid)) return false;  // a zombie has no command line
  if (startTime != 0 && processStartTime(pid) != startTime) return false;
  std::string marker = std::string("guest=") + name;
  for (size_t pos = 0; pos < cmdline.size();) {
    std::string arg = cmdline.c_str() + pos;
    if (arg.rfind(marker, 0) == 0 && (arg.size() == marker.size() || arg[marker.size()] == ',')) return true;
    pos += arg.size() + 1;
  }
  return false;
}

}  // namespace vireo::qemu
