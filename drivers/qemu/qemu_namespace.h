// The private /dev of a domain's QEMU (lib/ns), as the QEMU driver uses it:
// whether a domain gets one, which host paths go into it, and keeping it
// current as devices come and go.
//
// A domain gets a private /dev when the driver is privileged and qemu.conf's
// `namespaces` holds "mount" (the default for a privileged driver). It holds
// qemu.conf's cgroup_device_acl list (missing entries skipped) and the host
// device paths the domain's devices use (devicePaths()). The status file
// records that the domain has one and which nodes vireo made, so that a
// process that takes the domain over keeps hotplug and unplug exact.
#pragma once

#include <string>
#include <vector>

#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

bool namespaceWanted(const QemuDriver& driver);

// The host device paths (under /dev) that one device needs inside QEMU's
// /dev: a block disk's source, a host chardev (type 'dev'), an RNG's
// /dev/random or /dev/urandom backend, an evdev input, /dev/net/tun and
// /dev/vhost-net for tap interfaces, ... Paths outside /dev (image files)
// are not listed: QEMU reaches them through the shared file system.
std::vector<std::string> devicePaths(const conf::DeviceDef& device);
// The same for every device of a definition.
std::vector<std::string> domainDevicePaths(const conf::DomainDef& def);

// Makes `paths` appear in the running domain's private /dev (if it has
// one; otherwise nothing happens) before QEMU is asked to open them, and
// records the nodes. Throws with lib/ns's message naming the path and step;
// a failed call leaves nothing behind.
void namespaceAddPaths(QemuDriver& driver, QemuDomain& dom, const std::vector<std::string>& paths);

// Removes the nodes of `paths` that no remaining device of the domain needs
// (call it after the device left the live definition). Never throws: a
// node left behind is reported on stderr.
void namespaceRemovePaths(QemuDriver& driver, QemuDomain& dom, const std::vector<std::string>& paths);

}  // namespace vireo::qemu
