// The address of a UNIX socket path, for bind() and connect().
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

}  // namespace vireo
