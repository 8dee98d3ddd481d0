// The daemon's other programs, for libvirt-qemu.h and libvirt-lxc.h
// (libvirt-rpc.md section 2; qemu_protocol.x and lxc_protocol.x):
//
//   libvirt-qemu, program 0x20008087 v1: DOMAIN_MONITOR_COMMAND 1,
//     DOMAIN_ATTACH 2, DOMAIN_AGENT_COMMAND 3, the monitor events'
//     CONNECT_DOMAIN_MONITOR_EVENT_REGISTER 4 / DEREGISTER 5 and their
//     MESSAGE DOMAIN_MONITOR_EVENT 6, DOMAIN_MONITOR_COMMAND_WITH_FILES 7
//     (a CALL_WITH_FDS);
//   libvirt-lxc, program 0x00068000 v1: DOMAIN_OPEN_NAMESPACE 1, whose
//     reply brings the namespaces' descriptors (REPLY_WITH_FDS).
//
// The daemon's own driver answers, or refuses with its error, which
// arrives as it is.
#pragma once

#include <string>
#include <vector>

#include "lib/driver/connection.h"
#include "lib/driver/domain_events.h"
#include "lib/driver/domain_identity.h"
#include "lib/rpc/protocol.h"
#include "lib/util/fd.h"

namespace vireo::remote::ops {

// `fd` -1 sends the plain command (1); a descriptor sends the command
// with it (7), as virDomainQemuMonitorCommandWithFiles does.
std::string qemuMonitorCommand(driver::Connection& conn, driver::DomainIdentity& dom, const char* cmd, int fd,
                               unsigned int flags);
std::string qemuAgentCommand(driver::Connection& conn, driver::DomainIdentity& dom, const char* cmd,
                             int timeout, unsigned int flags);
driver::DomainIdentity qemuAttach(driver::Connection& conn, unsigned int pid, unsigned int flags);
std::vector<UniqueFd> lxcOpenNamespace(driver::Connection& conn, driver::DomainIdentity& dom,
                                       unsigned int flags);

// The monitor events: one registration with the daemon for every event of
// every domain (the local callbacks filter by name and domain, as with the
// domain events of remote_events.cc); returns the daemon's callback id.
int qemuMonitorEventSubscribe(driver::Connection& conn);
void qemuMonitorEventUnsubscribe(driver::Connection& conn, int serverId);
// Decodes a DOMAIN_MONITOR_EVENT message into `ev` (all but its eventId)
// and returns the daemon's callback id; -1 for another message.
int decodeQemuMonitorEvent(const rpc::Message& m, driver::DomainEvent& ev);

}  // namespace vireo::remote::ops
