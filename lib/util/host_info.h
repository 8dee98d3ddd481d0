// Facts about the machine we run on, for drivers that manage real guests:
// virNodeGetInfo's figures, free memory, the hostname.
#pragma once

#include <string>

#include <libvirt/libvirt.h>

namespace vireo {

// CPU model (the machine's arch name, as libvirt reports it), memory in KiB,
// online CPUs, their MHz, and the topology from sysfs (one NUMA node, one
// socket per node, cores and threads) as libvirt's virNodeGetInfo does.
virNodeInfo readHostNodeInfo();

// Free memory in bytes: MemFree of /proc/meminfo, as libvirt's
// virNodeGetFreeMemory reports it.
unsigned long long readHostFreeMemory();

// The fully qualified host name if there is one, else the short one.
std::string readHostName();

}  // namespace vireo
