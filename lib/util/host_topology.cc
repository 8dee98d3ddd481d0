#include "lib/util/host_topology.h"

#include "lib/util/host_files.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <cctype>
#include <set>
#include <tuple>
#include <sstream>

namespace vireo {
namespace {

constexpr const char* kNodes = "/sys/devices/system/node";
constexpr const char* kCpus = "/sys/devices/system/cpu";

// The numbers after `prefix` in the names of a directory's entries
// ("node0", "hugepages-2048kB"), sorted.
std::vector<unsigned long long> numberedEntries(const std::string& dir, const std::string& prefix) {
  std::vector<unsigned long long> found;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return found;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name.compare(0, prefix.size(), prefix) != 0 || name.size() == prefix.size()) continue;
    if (!std::isdigit(static_cast<unsigned char>(name[prefix.size()]))) continue;
    found.push_back(std::stoull(name.substr(prefix.size())));
  }
  ::closedir(d);
  std::sort(found.begin(), found.end());
  return found;
}

// The kernel's CPU list format ("0-3,8") as numbers.
std::vector<unsigned> parseCpuList(const std::string& list) {
  std::vector<unsigned> cpus;
  std::stringstream in(list);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (part.empty()) continue;
    size_t dash = part.find('-');
    unsigned first = static_cast<unsigned>(std::stoul(part.substr(0, dash)));
    unsigned last = dash == std::string::npos ? first : static_cast<unsigned>(std::stoul(part.substr(dash + 1)));
    for (unsigned c = first; c <= last; c++) cpus.push_back(c);
  }
  return cpus;
}

HostCpu readCpu(unsigned id) {
  std::string topo = std::string(kCpus) + "/cpu" + std::to_string(id) + "/topology/";
  HostCpu cpu;
  cpu.id = id;
  cpu.socket = static_cast<unsigned>(readNumberFile(topo + "physical_package_id"));
  cpu.die = static_cast<unsigned>(readNumberFile(topo + "die_id"));
  cpu.core = static_cast<unsigned>(readNumberFile(topo + "core_id", id));
  cpu.siblings = readFirstLine(topo + "thread_siblings_list");
  if (cpu.siblings.empty()) cpu.siblings = std::to_string(id);
  return cpu;
}

// Pages of each size in one cell: huge pages as the kernel counts them, the
// base page for the rest of the cell's memory.
void fillPages(HostCell& cell, const std::vector<unsigned long long>& sizes, const std::string& hugeDir) {
  unsigned long long hugeKiB = 0;
  std::vector<std::pair<unsigned long long, unsigned long long>> huge;
  for (size_t i = 1; i < sizes.size(); i++) {
    unsigned long long n =
        readNumberFile(hugeDir + "/hugepages-" + std::to_string(sizes[i]) + "kB/nr_hugepages");
    huge.emplace_back(sizes[i], n);
    hugeKiB += n * sizes[i];
  }
  unsigned long long base = sizes[0];
  cell.pages.emplace_back(base, cell.memoryKiB > hugeKiB ? (cell.memoryKiB - hugeKiB) / base : 0);
  cell.pages.insert(cell.pages.end(), huge.begin(), huge.end());
}

const char* cacheTypeWord(const std::string& sysfsType) {
  if (sysfsType == "Data") return "data";
  if (sysfsType == "Instruction") return "code";
  return "both";
}

void readCaches(HostTopology& topo, const std::vector<unsigned>& cpus) {
  std::set<std::tuple<unsigned, unsigned, std::string>> seen;
  for (unsigned cpu : cpus) {
    std::string dir = std::string(kCpus) + "/cpu" + std::to_string(cpu) + "/cache";
    for (unsigned long long index : numberedEntries(dir, "index")) {
      std::string base = dir + "/index" + std::to_string(index) + "/";
      unsigned level = static_cast<unsigned>(readNumberFile(base + "level"));
      if (level < 3) continue;
      HostCacheBank bank;
      bank.level = level;
      bank.id = static_cast<unsigned>(readNumberFile(base + "id"));
      bank.type = cacheTypeWord(readFirstLine(base + "type"));
      if (!seen.insert({level, bank.id, bank.type}).second) continue;
      std::string size = readFirstLine(base + "size");  // "32768K"
      unsigned long long n = size.empty() ? 0 : std::stoull(size);
      char unit = size.empty() ? 'B' : size.back();
      bank.sizeBytes = n * (unit == 'K' ? 1024ULL : unit == 'M' ? 1024ULL * 1024 : unit == 'G' ? 1ULL << 30 : 1);
      bank.cpus = readFirstLine(base + "shared_cpu_list");
      topo.caches.push_back(bank);
    }
  }
}

}  // namespace

HostTopology readHostTopology() {
  HostTopology topo;
  topo.pageSizesKiB.push_back(static_cast<unsigned long long>(::sysconf(_SC_PAGESIZE)) / 1024);
  for (unsigned long long kib : numberedEntries("/sys/kernel/mm/hugepages", "hugepages-"))
    topo.pageSizesKiB.push_back(kib);

  std::vector<unsigned long long> nodes = numberedEntries(kNodes, "node");
  std::vector<unsigned> allCpus;
  if (nodes.empty()) {
    HostCell cell;
    cell.memoryKiB = readMeminfoKiB("/proc/meminfo", "MemTotal");
    fillPages(cell, topo.pageSizesKiB, "/sys/kernel/mm/hugepages");
    cell.distances.emplace_back(0, 10);
    allCpus = parseCpuList(readFirstLine(std::string(kCpus) + "/online"));
    for (unsigned c : allCpus) cell.cpus.push_back(readCpu(c));
    topo.cells.push_back(std::move(cell));
  }
  for (unsigned long long node : nodes) {
    std::string dir = std::string(kNodes) + "/node" + std::to_string(node);
    HostCell cell;
    cell.id = static_cast<unsigned>(node);
    cell.memoryKiB = readMeminfoKiB(dir + "/meminfo", "MemTotal");
    fillPages(cell, topo.pageSizesKiB, dir + "/hugepages");
    std::stringstream distances(readFirstLine(dir + "/distance"));
    unsigned d;
    for (size_t i = 0; distances >> d && i < nodes.size(); i++)
      cell.distances.emplace_back(static_cast<unsigned>(nodes[i]), d);
    for (unsigned c : parseCpuList(readFirstLine(dir + "/cpulist"))) {
      cell.cpus.push_back(readCpu(c));
      allCpus.push_back(c);
    }
    topo.cells.push_back(std::move(cell));
  }
  readCaches(topo, allCpus);
  return topo;
}

}  // namespace vireo
