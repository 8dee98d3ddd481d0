// A process's namespaces as file descriptors, and joining them with setns():
// what virDomainLxcOpenNamespace hands out and virDomainLxcEnterNamespace
// takes (libvirt's virProcessGetNamespaces / virProcessSetNamespaces).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <vector>

#include <libvirt/virterror.h>

#include "lib/util/fd.h"

namespace vireo {

// /proc/PID/ns/{user,ipc,uts,net,pid,mnt}, opened read-only in that order
// (libvirt's). One that cannot be opened is left out, as libvirt does.
std::vector<UniqueFd> openNamespaces(pid_t pid);

// setns() into each of `fds` in turn. EINVAL is ignored as libvirt ignores
// it: it is what joining the namespace one is already in (such as the
// host's user namespace of a container without one) gives. Other failures
// throw VIR_ERR_SYSTEM_ERROR "Unable to join domain namespace: <errno>".
void joinNamespaces(const int* fds, size_t count, virErrorDomain domain);

}  // namespace vireo
