// The container driver's host entries: what libvirt's LXC driver answers
// about the machine (capabilities, hostname, node info, free memory) and
// about the connection (secure, not encrypted, alive).
#pragma once

#include <libvirt/libvirt.h>

#include <string>

#include "lib/driver/connection.h"

namespace vireo::lxc::hostops {

// libvirt's LXC capabilities: the host (topology, pages, caches, secmodel
// "none") and a guest of os_type "exe" for the host's arch, plus i686 on
// x86_64. No <emulator>: vireo starts containers in-process, there is no
// libvirt_lxc binary to name.
std::string getCapabilities(driver::Connection&);
std::string getHostname(driver::Connection&);
virNodeInfo nodeGetInfo(driver::Connection&);
unsigned long long nodeGetFreeMemory(driver::Connection&);
int isSecure(driver::Connection&);
int isEncrypted(driver::Connection&);
int isAlive(driver::Connection&);

}  // namespace vireo::lxc::hostops
