// The read-only view of a root that this process does not own.
//
// A read-only connection (virConnectOpenReadOnly, `vireo -r`) may inspect a
// root that another process owns (lib/util/root_lock.h). It gets a passive
// driver instance: its domains are what the files say, the persistent
// definitions (etc/qemu) and the status files of running domains
// (run/qemu), read again before every call so that the view follows what
// the owner does. A domain counts as running only while the QEMU of its
// status file is alive (same pid, same start time, same guest name); a
// start in progress shows as paused, reason "starting up", as in libvirt.
// Nothing is written, locked, signalled, reconnected or cleaned up.
#pragma once

#include "drivers/qemu/qemu_driver_state.h"

namespace vireo::qemu {

// Replaces the domains of passive instance `driver` with what its root's
// files say now. Unreadable files are skipped quietly: the owner may be
// rewriting them.
void refreshPassiveView(QemuDriver& driver);

}  // namespace vireo::qemu
