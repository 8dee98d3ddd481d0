// The status record of a running container: ROOT/run/lxc/NAME.xml, in the
// shape of libvirt's <domstatus>, with what a later process needs to take
// the container over:
//
//   <domstatus state='running' reason='booted' pid='4242' pidStart='81234'>
//     <domain type='lxc' id='1'> ... </domain>
//   </domstatus>
//
// pid is the init's pid in the host's pid namespace; pidStart (vireo's) its
// start time, so that a recycled pid is never taken for it.
#pragma once

#include <sys/types.h>

#include <string>

#include "lib/conf/domain_def.h"

namespace vireo::lxc {

struct LxcStatus {
  pid_t pid = -1;
  unsigned long long pidStart = 0;
  int id = -1;
  conf::DomainDef def;  // the live definition
};

std::string formatStatus(const LxcStatus& status);
// Throws VIR_ERR_INTERNAL_ERROR (VIR_FROM_LXC) naming `path` when malformed.
LxcStatus parseStatus(const std::string& text, const std::string& path);

}  // namespace vireo::lxc
