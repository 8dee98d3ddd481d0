// The daemon's other programs, for libvirt-qemu.h and libvirt-lxc.h
// (libvirt-rpc.md section 2; qemu_protocol.x and lxc_protocol.x):
//
//   libvirt-qemu, program 0x20008087 v1: DOMAIN_MONITOR_COMMAND 1,
//     DOMAIN_ATTACH 2, DOMAIN_AGENT_COMMAND 3,
//     DOMAIN_MONITOR_COMMAND_WITH_FILES 7 (a CALL_WITH_FDS);
//   libvirt-lxc, program 0x00068000 v1: DOMAIN_OPEN_NAMESPACE 1, whose
//     reply brings the namespaces' descriptors (REPLY_WITH_FDS).
//
// The daemon's own driver answers, or refuses with its error, which
// arrives as it is.
#pragma once

#include <string>
#include <vector>

#include "lib/driver/connection.h"
#include "lib/driver/domain_identity.h"
#include "lib/util/fd.h"

namespace vireo::remote::ops {

// `fd` -1 sends the plain command (1); a descriptor sends the command
// with it (7), as virDomainQemuMonitorCommandWithFiles does.
std::string qemuMonitorCommand(driver::Connection& conn, driver::DomainIdentity& dom, const char* cmd, int fd,
                               unsigned int flags);
std::string qemuAgentCommand(driver::Connection& conn, driver::DomainIdentity& dom, const char* cmd, int timeout,
                             unsigned int flags);
driver::DomainIdentity qemuAttach(driver::Connection& conn, unsigned int pid, unsigned int flags);
std::vector<UniqueFd> lxcOpenNamespace(driver::Connection& conn, driver::DomainIdentity& dom, unsigned int flags);

}  // namespace vireo::remote::ops
