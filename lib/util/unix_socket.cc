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

}  // namespace vireo
