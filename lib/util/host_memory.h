// The host's memory statistics, as libvirt's virNodeGetMemoryStats reports
// them for drivers that run real guests.
#pragma once

#include <vector>

#include <libvirt/libvirt.h>

namespace vireo {

// In KiB: for the whole host (VIR_NODE_MEMORY_STATS_ALL_CELLS) "total",
// "free", "buffers" and "cached" from /proc/meminfo; for NUMA node
// `cellNum`, "total" and "free" from its sysfs meminfo. A node past the
// host's highest is VIR_ERR_INVALID_ARG, as libvirt words it.
std::vector<virNodeMemoryStats> readHostMemoryStats(int cellNum);

}  // namespace vireo
