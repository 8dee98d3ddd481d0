// UNIX sockets: the address of a path, for bind() and connect(), and a
// descriptor passed along with a message (SCM_RIGHTS).
#pragma once

#include <sys/socket.h>
#include <sys/un.h>

#include <string>

namespace vireo {

// `path` as a sockaddr_un. A path that does not fit (107 bytes and a NUL)
// throws VIR_ERR_INTERNAL_ERROR in `errorDomain`, in libvirt's words:
// "<what> <path> too big for destination" (what: "Monitor path" for QEMU's
// monitor, "UNIX socket path" elsewhere).
sockaddr_un unixSocketAddress(const std::string& path, int errorDomain, const char* what = "UNIX socket path");

// Room for the control message that carries one descriptor.
struct OneFdControl {
  alignas(cmsghdr) char bytes[CMSG_SPACE(sizeof(int))];
};

// Makes `msg` carry `fd` (SCM_RIGHTS) in `control`, which must live until
// the sendmsg() of `msg`.
void attachFd(msghdr& msg, OneFdControl& control, int fd) noexcept;

}  // namespace vireo
