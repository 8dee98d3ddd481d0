// Where the cgroup hierarchies of this host are, and which one serves each
// resource a driver controls.
//
// A host may mount cgroup v2 (the unified hierarchy) alone, cgroup v1
// controllers alone, or both ("hybrid": v2 at /sys/fs/cgroup/unified, v1
// controllers at /sys/fs/cgroup/<controller>). The layout is read from
// /proc/self/mountinfo, never assumed. A resource is handled in v2 when v2
// offers it there -- a controller listed in the v2 root's cgroup.controllers,
// or a core file every v2 cgroup has (cgroup.freeze, cpu.stat) -- and in the
// v1 hierarchy of its controller otherwise.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <libvirt/virterror.h>

namespace vireo::cgroup {

// What a driver does through cgroups.
enum class Resource {
  Memory,   // limits and usage: v2 "memory" controller, or v1 "memory"
  Cpu,      // shares, period, quota: v2 "cpu" controller, or v1 "cpu"
  CpuTime,  // CPU time used: v2 core cpu.stat, or v1 "cpuacct"
  Freezer,  // suspend/resume: v2 core cgroup.freeze, or v1 "freezer"
};
constexpr Resource kAllResources[] = {Resource::Memory, Resource::Cpu, Resource::CpuTime, Resource::Freezer};
const char* resourceName(Resource r);  // "memory", "cpu", "cpuacct", "freezer"
std::optional<Resource> resourceByName(std::string_view name);

// The cgroup file systems mounted, from mountinfo.
struct CgroupMounts {
  std::string unified;                        // the cgroup2 mount point, "" if none
  std::map<std::string, std::string> v1;      // v1 controller (or name=X) -> its mount point
};

// Parses the text of /proc/PID/mountinfo. Co-mounted v1 controllers
// ("cpu,cpuacct") each map to the same mount point; the first mount of a
// hierarchy wins (a bind of it elsewhere is ignored).
CgroupMounts parseCgroupMounts(std::string_view mountinfo);

// The text of /proc/PID/cgroup: hierarchy -> the process's path in it. The
// v2 entry ("0::/path") is keyed "", each v1 controller by its own name
// ("4:cpu,cpuacct:/x" gives "cpu" and "cpuacct").
std::map<std::string, std::string> parseProcCgroup(std::string_view text);

// One resource's home: the version and the directory of the hierarchy's
// mount (not yet the process's place in it).
struct Hierarchy {
  int version = 0;          // 1 or 2
  std::string mount;        // e.g. /sys/fs/cgroup/memory or /sys/fs/cgroup/unified
  std::string placementKey; // key of parseProcCgroup's map for this hierarchy
  bool operator==(const Hierarchy&) const = default;
};

// The decision for each resource. `v2Controllers` is the content of the v2
// root's cgroup.controllers (ignored without a v2 mount). A resource with no
// home is absent from the map.
std::map<Resource, Hierarchy> chooseHierarchies(const CgroupMounts& mounts, const std::set<std::string>& v2Controllers);

// The same for this host: reads /proc/self/mountinfo and the v2 root's
// cgroup.controllers. Throws VIR_ERR_SYSTEM_ERROR in `errorDomain` when
// mountinfo cannot be read.
std::map<Resource, Hierarchy> hostHierarchies(virErrorDomain errorDomain);

}  // namespace vireo::cgroup
