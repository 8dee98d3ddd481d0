#include "lib/util/host_info.h"

#include "lib/util/host_files.h"

#include <dirent.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace vireo {


bool hostHasIommu() {
  DIR* d = ::opendir("/sys/kernel/iommu_groups");
  if (!d) return false;
  bool any = false;
  while (dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
      any = true;
      break;
    }
  }
  ::closedir(d);
  return any;
}

std::string readHostUuid() {
  std::string smbios = readFirstLine("/sys/class/dmi/id/product_uuid");
  if (smbios.size() == 36) return smbios;
  std::string id = readFirstLine("/etc/machine-id");
  if (id.size() != 32) return "00000000-0000-0000-0000-000000000000";
  return id.substr(0, 8) + "-" + id.substr(8, 4) + "-" + id.substr(12, 4) + "-" + id.substr(16, 4) + "-" +
         id.substr(20);
}

virNodeInfo readHostNodeInfo() {
  virNodeInfo info{};
  struct utsname u;
  if (uname(&u) == 0) {
    std::string machine = u.machine;
    machine.copy(info.model, sizeof info.model - 1);
  }
  info.memory = readMeminfoKiB("/proc/meminfo", "MemTotal");
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  info.cpus = online > 0 ? static_cast<unsigned>(online) : 1;
  // MHz: cpufreq when present, else /proc/cpuinfo's "cpu MHz".
  int khz = static_cast<int>(readNumberFile("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", 0));
  if (khz > 0) {
    info.mhz = static_cast<unsigned>(khz / 1000);
  } else {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("cpu MHz", 0) != 0) continue;
      size_t colon = line.find(':');
      if (colon != std::string::npos) info.mhz = static_cast<unsigned>(std::stod(line.substr(colon + 1)));
      break;
    }
  }
  // Topology: distinct packages and cores of the online CPUs.
  std::set<int> packages;
  std::set<std::pair<int, int>> cores;
  for (unsigned cpu = 0; cpu < info.cpus; ++cpu) {
    std::string base = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
    int pkg = static_cast<int>(readNumberFile(base + "physical_package_id", 0));
    packages.insert(pkg);
    cores.insert({pkg, static_cast<int>(readNumberFile(base + "core_id", cpu))});
  }
  info.nodes = 1;
  info.sockets = packages.empty() ? 1 : static_cast<unsigned>(packages.size());
  info.cores = cores.empty() ? 1 : static_cast<unsigned>(cores.size() / info.sockets);
  if (info.cores == 0) info.cores = 1;
  info.threads = info.cpus / (info.sockets * info.cores);
  if (info.threads == 0) info.threads = 1;
  return info;
}

unsigned long long readHostFreeMemory() { return readMeminfoKiB("/proc/meminfo", "MemFree") * 1024ULL; }

std::string readHostName() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

}  // namespace vireo
