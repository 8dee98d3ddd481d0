// UNIX stream sockets for lib/rpc: connect, listen, peer credentials, and
// descriptor passing the way libvirt does it (one sendmsg per descriptor,
// each carrying one 0x00 byte and SCM_RIGHTS with one fd).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "lib/util/fd.h"

namespace vireo::rpc {

struct PeerCred {
  pid_t pid = -1;
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
};

// A connected, blocking, close-on-exec stream socket. Throws vireo::Error
// (VIR_ERR_SYSTEM_ERROR, "Failed to connect socket to '<path>': <strerror>").
UniqueFd connectUnix(const std::string& path);
// As connectUnix, but a refused or missing socket is not an error: returns
// an empty descriptor with the errno in `err` (ECONNREFUSED, ENOENT, ...),
// for callers that start the server then.
UniqueFd tryConnectUnix(const std::string& path, int& err);

// A listening, non-blocking, close-on-exec socket at `path` with the given
// mode. A stale socket file at `path` is replaced.
UniqueFd listenUnix(const std::string& path, mode_t mode);

// SO_PEERCRED of a connected UNIX socket.
PeerCred peerCred(int fd);

// Writes all of `data`, retrying on EINTR and waiting with poll() when the
// socket is non-blocking. Throws vireo::Error (VIR_ERR_SYSTEM_ERROR,
// "Cannot write data: <strerror>").
void writeAll(int fd, const char* data, size_t size);

// Sends each descriptor in its own message (one 0x00 byte + SCM_RIGHTS).
void sendFds(int fd, const std::vector<int>& fds);

// Reads one byte and the descriptor that comes with it (blocking). Throws
// if the peer closed or the byte came without a descriptor.
UniqueFd recvFd(int fd);

// recvmsg() into `buf`, collecting any SCM_RIGHTS descriptors (made
// close-on-exec) into `fds`. Returns the bytes read, 0 at end of file, -1
// with errno set on error.
ssize_t recvWithFds(int fd, char* buf, size_t size, std::vector<UniqueFd>& fds);

}  // namespace vireo::rpc
