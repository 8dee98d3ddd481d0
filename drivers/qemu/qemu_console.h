// virDomainOpenConsole and virDomainOpenChannel on QEMU domains.
//
// A console is a <serial>, <console> or <parallel> of type 'pty': QEMU
// allocates the pty in the host's devpts (the domain's private /dev keeps
// /dev/pts shared, lib/ns), and its path is in the live definition, hence in
// the status file, so a process that took the domain over opens it too. A
// channel is a <channel type='unix'> whose socket QEMU listens on.
// One session per device at a time (lib/driver/stream_sessions.h).
#pragma once

#include <memory>

#include "lib/driver/hypervisor_driver.h"

namespace vireo::qemu::domainops {

std::shared_ptr<driver::Stream> openConsole(driver::Connection&, driver::DomainIdentity&, const char* devName,
                                            unsigned int flags);
std::shared_ptr<driver::Stream> openChannel(driver::Connection&, driver::DomainIdentity&, const char* name,
                                            unsigned int flags);

}  // namespace vireo::qemu::domainops
