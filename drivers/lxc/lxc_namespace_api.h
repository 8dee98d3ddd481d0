// The container functions of libvirt-lxc.h that need the driver: the init's
// namespaces and its cgroup (doc/lxc-driver.md, "libvirt-lxc.so.0").
#pragma once

#include <vector>

#include "lib/driver/connection.h"
#include "lib/driver/domain_identity.h"
#include "lib/util/fd.h"

namespace vireo::lxc::namespaceops {

// virDomainLxcOpenNamespace: the init's namespaces (lib/util/namespace_fds.h).
std::vector<UniqueFd> openNamespace(driver::Connection&, driver::DomainIdentity&, unsigned int flags);

// virDomainLxcEnterCGroup: moves the calling process into the cgroups of
// the container's init, in every hierarchy mounted in the caller's mount
// namespace (so: before entering the container's, as virsh does).
void enterCGroup(driver::Connection&, driver::DomainIdentity&, unsigned int flags);

}  // namespace vireo::lxc::namespaceops
