// Changes to a definition's tuning elements, for the drivers' Set*
// functions: each writes the element as libvirt formats it, so that the
// domain XML and the matching read (domain_tuning.h) show the new value.
// Callers validate the values first; these only edit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lib/conf/cpu_set.h"
#include "lib/conf/domain_def.h"
#include "lib/conf/domain_tuning.h"

namespace vireo::conf {

// <memtune>: a limit equal to kMemoryUnlimitedKiB removes its element, as
// libvirt does not format an unset limit. `name` is hard_limit, soft_limit
// or swap_hard_limit.
void setMemoryLimit(DomainDef& def, const std::string& name, unsigned long long kib);

// <numatune><memory mode=... nodeset=...>: either part may be left as it is.
void setNumaTune(DomainDef& def, std::optional<int> mode, std::optional<CpuSet> nodeset);

// <blkiotune>: the weight (0 removes it), and per-device values merged as
// libvirt merges them: each (path, value) sets the device's `child` (a
// device's value 0 removes it; a device left with nothing goes).
void setBlkioWeight(DomainDef& def, unsigned int weight);
void mergeBlkioDevices(DomainDef& def, const std::string& child,
                       const std::vector<std::pair<std::string, unsigned long long>>& entries);

// An interface's <bandwidth>: a direction given as nullopt is removed.
void setBandwidth(NetDef& net, const std::optional<BandwidthDirection>& inbound,
                  const std::optional<BandwidthDirection>& outbound);

// A disk's <iotune>, replaced as a whole (zero values are left out).
void setIoTune(DiskDef& disk, const IoTune& tune);

// <perf><event name=... enabled='yes|no'/>, replaced as a whole (in the
// order given).
void setPerfEvents(DomainDef& def, const std::vector<std::pair<std::string, bool>>& events);
// The events the definition names, with their state.
std::vector<std::pair<std::string, bool>> perfEvents(const DomainDef& def);

// The <memballoon><stats period=.../>; false when the domain has no balloon.
bool setBalloonPeriod(DomainDef& def, int period);

// <cputune><vcpupin vcpu=N cpuset=.../> and <emulatorpin cpuset=.../>.
void setVcpuPin(DomainDef& def, unsigned int vcpu, const CpuSet& cpus);
std::optional<CpuSet> vcpuPin(const DomainDef& def, unsigned int vcpu);
void setEmulatorPin(DomainDef& def, const CpuSet& cpus);
std::optional<CpuSet> emulatorPin(const DomainDef& def);

// I/O threads: <iothreads>N</iothreads> and <iothreadids>, with each
// thread's <iothreadpin> in <cputune>.
struct IOThreadDef {
  unsigned int id = 0;
  std::optional<CpuSet> pin;  // its <iothreadpin>, if any
};
std::vector<IOThreadDef> ioThreads(const DomainDef& def);
void setIOThreads(DomainDef& def, const std::vector<IOThreadDef>& threads);

}  // namespace vireo::conf
