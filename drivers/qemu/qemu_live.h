// What a running domain's live definition has beyond the persistent one:
// device aliases, the pty paths QEMU opened, and the like.
#pragma once

#include <string>

#include "drivers/qemu/qmp_monitor.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// Gives every device without an alias libvirt's alias for it (virtio-disk0,
// ide0-0-0, net0, serial0, video0, balloon0, usb, pci.0, ...). Called on the
// live copy before the command line is built, which names devices by them.
void assignLiveAliases(conf::DomainDef& def);

// Asks the monitor for the pty paths of pty character devices and records
// them as <source path='/dev/pts/N'/> (and tty='...' on the console).
void fillLiveDetails(QmpMonitor& monitor, conf::DomainDef& def);

}  // namespace vireo::qemu
