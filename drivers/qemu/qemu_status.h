// The status record of a running domain: ROOT/run/qemu/NAME.xml.
//
// It holds what a later process needs to take the domain over: QEMU's pid,
// the monitor socket, the domain's private directory, its state and the
// live definition (with id, aliases and pty paths). The layout follows
// libvirt's <domstatus> document, so that the files read familiar:
//
//   <domstatus state='running' reason='booted' pid='4242' pidStart='81234'>
//     <monitor path='ROOT/lib/qemu/domain-1-vm/monitor.sock' type='unix'/>
//     <namespaces>
//       <mount/>
//     </namespaces>
//     <devNodes>
//       <node path='null'/> ...
//     </devNodes>
//     <libDir path='ROOT/lib/qemu/domain-1-vm'/>
//     <domain type='qemu' id='1'> ... </domain>
//   </domstatus>
//
// <namespaces> is libvirt's element, written the same way. <devNodes> is
// vireo's: the nodes vireo created in the private /dev, so that unplug
// after a takeover removes exactly those. pidStart is vireo's too: QEMU's
// start time (/proc/PID/stat), so that a recycled pid is never taken for it.
//
// A start in progress is recorded too, right after QEMU is spawned and
// before its monitor is up, as state='paused' reason='starting up' (the
// state libvirt gives a domain while it starts). A process that finds such
// a record when it takes the root over knows the start never finished: the
// process that started it died, and the QEMU it left is killed.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "lib/conf/domain_def.h"

namespace vireo::qemu {

struct StatusRecord {
  int state = 0;       // virDomainState
  int reason = 0;      // the state's reason
  pid_t pid = -1;
  unsigned long long pidStart = 0;  // QEMU's start time, 0 if not recorded
  int id = -1;
  std::string monitorPath;
  std::string domainDir;
  bool mountNamespace = false;
  std::vector<std::string> devNodes;
  conf::DomainDef def;  // the live definition

  // The record of a start that has not finished (see above).
  bool startIncomplete() const;
};

std::string formatStatus(const StatusRecord& record);
// Throws vireo::Error (VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU) naming `path`
// for a malformed record.
StatusRecord parseStatus(const std::string& text, const std::string& path);

// libvirt's names for states and their reasons, as virsh and status files use them.
const char* stateName(int state);
int stateFromName(const std::string& name);
const char* reasonName(int state, int reason);
int reasonFromName(int state, const std::string& name);

}  // namespace vireo::qemu
