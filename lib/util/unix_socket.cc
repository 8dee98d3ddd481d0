#include "lib/util/unix_socket.h"

#include <sys/socket.h>

#include <cstring>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo {

sockaddr_un unixSocketAddress(const std::string& path, int errorDomain, const char* what) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path)
    fail(VIR_ERR_INTERNAL_ERROR, static_cast<virErrorDomain>(errorDomain),
         std::string(what) + " " + path + " too big for destination (" + std::to_string(path.size()) + " bytes, at most " +
             std::to_string(sizeof addr.sun_path - 1) + ")");
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return addr;
}

void attachFd(msghdr& msg, OneFdControl& control, int fd) noexcept {
  std::memset(control.bytes, 0, sizeof control.bytes);
  msg.msg_control = control.bytes;
  msg.msg_controllen = sizeof control.bytes;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
}

}  // namespace vireo
