#include "lib/rpc/socket.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lib/util/error.h"
#include "lib/util/unix_socket.h"

namespace vireo::rpc {

namespace {

// Room for the largest batch of descriptors one recvmsg() may carry.
constexpr size_t kCmsgSpace = CMSG_SPACE(sizeof(int) * 32);

}  // namespace

UniqueFd tryConnectUnix(const std::string& path, int& err) {
  sockaddr_un addr = unixSocketAddress(path, VIR_FROM_RPC);
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) failSystem(VIR_FROM_RPC, errno, "Failed to create socket");
  int rc;
  do {
    rc = ::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) {
    err = errno;
    return UniqueFd();
  }
  err = 0;
  return fd;
}

UniqueFd connectUnix(const std::string& path) {
  int err = 0;
  UniqueFd fd = tryConnectUnix(path, err);
  if (!fd) failSystem(VIR_FROM_RPC, err, "Failed to connect socket to '" + path + "'");
  return fd;
}

UniqueFd listenUnix(const std::string& path, mode_t mode) {
  sockaddr_un addr = unixSocketAddress(path, VIR_FROM_RPC);
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) failSystem(VIR_FROM_RPC, errno, "Failed to create socket");
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) ::unlink(path.c_str());
  // bind() creates the file with the umask applied; narrow it first so that
  // the socket is never reachable with a wider mode, even briefly.
  mode_t old = ::umask(~mode & 0777);
  int rc = ::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  int err = errno;
  ::umask(old);
  if (rc < 0) failSystem(VIR_FROM_RPC, err, "Failed to bind socket to '" + path + "'");
  if (::listen(fd.get(), 30) < 0) failSystem(VIR_FROM_RPC, errno, "Failed to listen on '" + path + "'");
  return fd;
}

PeerCred peerCred(int fd) {
  ucred cred{};
  socklen_t len = sizeof cred;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
    failSystem(VIR_FROM_RPC, errno, "Failed to get client socket identity");
  return PeerCred{cred.pid, cred.uid, cred.gid};
}

void writeAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, -1);
        continue;
      }
      failSystem(VIR_FROM_RPC, errno, "Cannot write data");
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void sendFds(int fd, const std::vector<int>& fds) {
  for (int passed : fds) {
    char byte = 0;
    iovec iov{&byte, 1};
    OneFdControl control;
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    attachFd(msg, control, passed);
    ssize_t n;
    do {
      n = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
      if (n < 0 && errno == EAGAIN) {
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, -1);
      }
    } while (n < 0 && (errno == EINTR || errno == EAGAIN));
    if (n < 0) failSystem(VIR_FROM_RPC, errno, "Failed to send file descriptor " + std::to_string(passed));
  }
}

ssize_t recvWithFds(int fd, char* buf, size_t size, std::vector<UniqueFd>& fds) {
  iovec iov{buf, size};
  alignas(cmsghdr) char control[kCmsgSpace];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do {
    n = ::recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return n;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t i = 0; i < count; i++) {
      int got;
      std::memcpy(&got, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
      fds.emplace_back(got);
    }
  }
  if (msg.msg_flags & MSG_CTRUNC) {
    // Descriptors were dropped by the kernel: the stream cannot be trusted.
    errno = EMSGSIZE;
    return -1;
  }
  return n;
}

UniqueFd recvFd(int fd) {
  std::vector<UniqueFd> fds;
  char byte;
  ssize_t n;
  for (;;) {
    n = recvWithFds(fd, &byte, 1, fds);
    if (n < 0 && errno == EAGAIN) {
      pollfd p{fd, POLLIN, 0};
      ::poll(&p, 1, -1);
      continue;
    }
    break;
  }
  if (n < 0) failSystem(VIR_FROM_RPC, errno, "Failed to receive file descriptor");
  if (n == 0) failSystem(VIR_FROM_RPC, EIO, "End of file while reading data");
  if (fds.size() != 1)
    fail(VIR_ERR_RPC, VIR_FROM_RPC, "Expected one file descriptor, got " + std::to_string(fds.size()));
  return std::move(fds[0]);
}

}  // namespace vireo::rpc
