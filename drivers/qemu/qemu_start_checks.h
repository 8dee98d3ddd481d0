// Checks of a definition that run when a domain starts, before anything of
// the start (directory, socket, process, audit record) exists, so that a
// definition QEMU could only fail on later is refused with a clear error.
#pragma once

#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// The sources of <disk type='block'> devices: each must be an absolute path
// (a relative one would be looked up from the application's working
// directory) and must exist on the host, as libvirt checks before it starts
// QEMU. A path below /dev must also pass the private /dev's path policy
// (ns::checkDevPath), whether or not the domain gets a private /dev. Throws
// vireo::Error (VIR_FROM_QEMU):
//  - VIR_ERR_CONFIG_UNSUPPORTED "disk source 'sda' of disk 'vdb' must be an
//    absolute path", or the path policy's refusal ("device path
//    '/dev/../etc/shadow' has a '..' component");
//  - VIR_ERR_SYSTEM_ERROR "Cannot access storage file '/devfoo': No such
//    file or directory".
// The private /dev's planner checks paths below /dev further (symlink
// chains that leave /dev, file types).
void checkBlockDiskSources(const conf::DomainDef& def);

}  // namespace vireo::qemu
