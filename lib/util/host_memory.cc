#include "lib/util/host_memory.h"

#include <cstring>
#include <string>

#include "lib/util/error.h"
#include "lib/util/host_files.h"

namespace vireo {
namespace {

constexpr char kNodes[] = "/sys/devices/system/node";

virNodeMemoryStats stat(const char* field, unsigned long long kib) {
  virNodeMemoryStats s{};
  std::strncpy(s.field, field, VIR_NODE_MEMORY_STATS_FIELD_LENGTH - 1);
  s.value = kib;
  return s;
}

// The highest node number in sysfs's list of online nodes ("0", "0-3",
// "0,2"); 0 on a host without NUMA information, which has node 0 only.
int highestNode() {
  std::string online = readFirstLine(std::string(kNodes) + "/online");
  size_t end = online.find_last_of("0123456789");
  if (end == std::string::npos) return 0;
  size_t start = online.find_last_not_of("0123456789", end);
  start = start == std::string::npos ? 0 : start + 1;
  return std::stoi(online.substr(start, end - start + 1));
}

}  // namespace

std::vector<virNodeMemoryStats> readHostMemoryStats(int cellNum) {
  if (cellNum == VIR_NODE_MEMORY_STATS_ALL_CELLS) {
    const std::string meminfo = "/proc/meminfo";
    return {stat(VIR_NODE_MEMORY_STATS_TOTAL, readMeminfoKiB(meminfo, "MemTotal")),
            stat(VIR_NODE_MEMORY_STATS_FREE, readMeminfoKiB(meminfo, "MemFree")),
            stat(VIR_NODE_MEMORY_STATS_BUFFERS, readMeminfoKiB(meminfo, "Buffers")),
            stat(VIR_NODE_MEMORY_STATS_CACHED, readMeminfoKiB(meminfo, "Cached"))};
  }
  int highest = highestNode();
  if (cellNum > highest)
    throw Error::verbatim(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                          "cellNum in virHostMemGetStats must be less than or equal to " + std::to_string(highest));
  // A node's file has no buffers or cached lines; libvirt reports only these two.
  std::string meminfo = std::string(kNodes) + "/node" + std::to_string(cellNum) + "/meminfo";
  return {stat(VIR_NODE_MEMORY_STATS_TOTAL, readMeminfoKiB(meminfo, "MemTotal")),
          stat(VIR_NODE_MEMORY_STATS_FREE, readMeminfoKiB(meminfo, "MemFree"))};
}

}  // namespace vireo
