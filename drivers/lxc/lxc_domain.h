// One container domain of a driver instance, and its running process.
#pragma once

#include <sys/types.h>

#include <cstdint>

#include <libvirt/libvirt.h>

#include "lib/cgroup/machine_cgroup.h"
#include "lib/conf/domain_def.h"
#include "lib/driver/domain_identity.h"
#include "lib/driver/domain_list_filter.h"
#include "lib/util/fd.h"

namespace vireo::lxc {

// The container's init while it runs.
struct LxcRuntime {
  pid_t pid = -1;                   // the init, as this (the host's) pid namespace sees it
  unsigned long long startTime = 0; // its start time, so that a recycled pid is never taken for it
  UniqueFd pidfd;                   // readable once the init has exited
  bool isChild = false;             // started by this process: ours to reap
  uint64_t token = 0;               // the exit watcher's name for it
  cgroup::MachineCgroup cgroup;     // machine/NAME.libvirt-lxc in each hierarchy used
  // The console keeper (lxc_console_keeper.h), also the owner of the disk
  // leases: its pid and start time, as for the init.
  pid_t keeperPid = -1;
  unsigned long long keeperStartTime = 0;
};

struct LxcDomain {
  conf::DomainDef def;              // the live definition while running, else the persistent one
  conf::DomainDef persistentDef;    // valid when `persistent`
  bool persistent = false;
  int id = -1;
  int state = VIR_DOMAIN_SHUTOFF;
  int reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
  LxcRuntime run;

  bool active() const { return id >= 0; }
  driver::DomainIdentity identity() const { return {def.name, def.uuid, id}; }
  driver::DomainListFacts listFacts() const {
    driver::DomainListFacts f;
    f.active = active();
    f.persistent = persistent;
    f.state = state;
    return f;
  }
};

}  // namespace vireo::lxc
