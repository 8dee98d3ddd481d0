#include "lib/util/process_info.h"

#include <cstdlib>
#include <string>

#include <libvirt/virterror.h>

#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo {

unsigned long long processStartTime(pid_t pid) {
  if (pid <= 0) return 0;
  std::string stat;
  try {
    stat = readWholeFile("/proc/" + std::to_string(pid) + "/stat", VIR_FROM_NONE);
  } catch (const Error&) {
    return 0;
  }
  // The command name (field 2) may hold spaces and parentheses: count the
  // fields after its last ')'. Field 3 (the state) follows it.
  size_t pos = stat.rfind(')');
  if (pos == std::string::npos) return 0;
  pos += 1;
  for (int field = 3; field <= 22; ++field) {
    while (pos < stat.size() && stat[pos] == ' ') ++pos;
    if (field == 22) return strtoull(stat.c_str() + pos, nullptr, 10);
    while (pos < stat.size() && stat[pos] != ' ') ++pos;
  }
  return 0;
}

}  // namespace vireo
