#include "lib/rpc/channel.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include "lib/rpc/socket.h"
#include "lib/util/error.h"

namespace vireo::rpc {

void Channel::sendFds(const std::vector<int>&) {
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "Sending file descriptors is not supported on this socket");
}

SocketChannel::SocketChannel(UniqueFd fd) : fd_(std::move(fd)) {
  int family = 0;
  socklen_t len = sizeof family;
  unix_ = getsockopt(fd_.get(), SOL_SOCKET, SO_DOMAIN, &family, &len) == 0 && family == AF_UNIX;
}

void SocketChannel::writeAll(const char* data, size_t size) { rpc::writeAll(fd_.get(), data, size); }

size_t SocketChannel::read(char* buf, size_t size, std::vector<UniqueFd>& fds) {
  for (;;) {
    ssize_t got = recvWithFds(fd_.get(), buf, size, fds);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EAGAIN) failSystem(VIR_FROM_RPC, errno, "Cannot recv data");
    pollfd p{fd_.get(), POLLIN, 0};
    ::poll(&p, 1, -1);
  }
}

void SocketChannel::sendFds(const std::vector<int>& fds) { rpc::sendFds(fd_.get(), fds); }

}  // namespace vireo::rpc
