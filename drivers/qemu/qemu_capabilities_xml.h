// virConnectGetCapabilities for the QEMU driver, in libvirt's
// <capabilities> format: the host (uuid, cpu arch and topology, migration
// transports, security model) and one <guest> per emulator found, with its
// machine types and the domain types it can run (qemu always, kvm when
// /dev/kvm is usable).
#pragma once

#include <string>

#include "drivers/qemu/qemu_driver_state.h"

namespace vireo::qemu {

std::string capabilitiesXml(QemuDriver& driver);

}  // namespace vireo::qemu
