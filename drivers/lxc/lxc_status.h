// The status record of a running container: ROOT/run/lxc/NAME.xml, in the
// shape of libvirt's <domstatus>, with what a later process needs to take
// the container over:
//
//   <domstatus state='paused' reason='user' pid='4242' pidStart='81234' keeper='4240' keeperStart='81233'>
//     <cgroup resource='memory' version='1' path='/sys/fs/cgroup/memory/machine/ct1.libvirt-lxc'/>
//     <cgroup resource='freezer' version='2' path='/sys/fs/cgroup/unified/machine/ct1.libvirt-lxc'/>
//     <domain type='lxc' id='1'> ... </domain>
//   </domstatus>
//
// pid is the init's pid in the host's pid namespace; pidStart (vireo's) its
// start time, so that a recycled pid is never taken for it. state and reason
// are running (booted, unpaused) or paused (user). keeper and keeperStart
// (vireo's) are the console keeper's pid and start time (it also owns the
// disk leases). The <cgroup> elements (vireo's) name the container's cgroup
// directories.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>

#include <libvirt/libvirt.h>

#include "lib/cgroup/machine_cgroup.h"
#include "lib/conf/domain_def.h"

namespace vireo::lxc {

struct LxcStatus {
  pid_t pid = -1;
  unsigned long long pidStart = 0;
  pid_t keeper = -1;
  unsigned long long keeperStart = 0;
  int id = -1;
  int state = VIR_DOMAIN_RUNNING;
  int reason = VIR_DOMAIN_RUNNING_BOOTED;
  std::map<cgroup::Resource, cgroup::CgroupDir> cgroups;
  conf::DomainDef def;  // the live definition
};

std::string formatStatus(const LxcStatus& status);
// Throws VIR_ERR_INTERNAL_ERROR (VIR_FROM_LXC) naming `path` when malformed.
LxcStatus parseStatus(const std::string& text, const std::string& path);

}  // namespace vireo::lxc
