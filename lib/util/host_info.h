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

// Whether the host has an IOMMU in use: /sys/kernel/iommu_groups holds at
// least one group (the directory exists, empty, on machines without one).
bool hostHasIommu();

// The host's UUID for capabilities: the SMBIOS system UUID when readable,
// else /etc/machine-id shaped as a UUID (stable across runs, where libvirt
// makes up a random one per daemon start when there is no SMBIOS).
std::string readHostUuid();

}  // namespace vireo
