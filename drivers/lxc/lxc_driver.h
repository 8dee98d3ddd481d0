// The container driver: lxc:///embed?root=DIR and lxc:///system
// (doc/lxc-driver.md). Containers run as processes of the host in new
// namespaces, started in-process like the QEMU driver's domains.
#pragma once

#include "lib/driver/hypervisor_driver.h"
#include "lib/driver/registry.h"

namespace vireo::lxc {

extern const driver::ConnectionDriver kConnectionDriver;
extern const driver::HypervisorDriver kHypervisorDriver;

}  // namespace vireo::lxc
