// The host's NUMA cells, CPUs, memory pages and shared caches as sysfs
// describes them: the facts behind the <host> element of libvirt's
// capabilities XML (<cpu><pages>, <topology><cells>, <cache>).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace vireo {

struct HostCpu {
  unsigned id = 0;
  unsigned socket = 0;
  unsigned die = 0;
  unsigned core = 0;
  std::string siblings;  // thread siblings, as a CPU list ("0-1", "0,4")
};

struct HostCell {
  unsigned id = 0;
  unsigned long long memoryKiB = 0;
  // (page size in KiB, pages of that size in this cell), smallest first.
  std::vector<std::pair<unsigned long long, unsigned long long>> pages;
  // (other cell's id, distance), as the cell's distance file lists them.
  std::vector<std::pair<unsigned, unsigned>> distances;
  std::vector<HostCpu> cpus;
};

// A cache shared by several CPUs (level 3 and above, as libvirt lists them).
struct HostCacheBank {
  unsigned id = 0;
  unsigned level = 0;
  std::string type;  // libvirt's words: both, data, code
  unsigned long long sizeBytes = 0;
  std::string cpus;  // the CPUs sharing it, as a CPU list
};

struct HostTopology {
  std::vector<unsigned long long> pageSizesKiB;  // the base page, then each huge page size
  std::vector<HostCell> cells;
  std::vector<HostCacheBank> caches;
};

// Reads /sys (and /proc/meminfo). A machine without NUMA in sysfs is one
// cell 0 with all memory and every online CPU, as libvirt shows it.
HostTopology readHostTopology();

}  // namespace vireo
