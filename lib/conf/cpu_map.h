// The CPU models libvirt knows per architecture, from libvirt's CPU map
// (/usr/share/libvirt/cpu_map, installed by Debian's libvirt0): what
// virConnectGetCPUModelNames answers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vireo::conf {

inline constexpr std::string_view kLibvirtCpuMapDir = "/usr/share/libvirt/cpu_map";

// The model names of `arch`, in the map's order, as libvirt's CPU drivers
// give them: the x86 driver (i686, x86_64) and the ppc64 driver (ppc64,
// ppc64le) list the map's models; the arm and s390 drivers have none to
// list. Errors (vireo::Error): an architecture libvirt does not know is
// VIR_ERR_INVALID_ARG "cannot find architecture X" in `domain`; one without
// a CPU driver is VIR_ERR_NO_SUPPORT in VIR_FROM_CPU; a map that cannot be
// read is VIR_ERR_SYSTEM_ERROR naming the file.
std::vector<std::string> cpuModelNames(std::string_view arch, int domain,
                                       const std::string& mapDir = std::string(kLibvirtCpuMapDir));

}  // namespace vireo::conf
