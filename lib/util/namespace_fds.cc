#include "lib/util/namespace_fds.h"

#include <fcntl.h>
#include <sched.h>

#include <cerrno>
#include <string>

#include "lib/util/error.h"

namespace vireo {

std::vector<UniqueFd> openNamespaces(pid_t pid) {
  std::string dir = "/proc/" + std::to_string(pid) + "/ns/";
  std::vector<UniqueFd> fds;
  for (const char* kind : {"user", "ipc", "uts", "net", "pid", "mnt"}) {
    UniqueFd fd(::open((dir + kind).c_str(), O_RDONLY | O_CLOEXEC));
    if (fd) fds.push_back(std::move(fd));
  }
  return fds;
}

void joinNamespaces(const int* fds, size_t count, virErrorDomain domain) {
  for (size_t i = 0; i < count; i++) {
    if (::setns(fds[i], 0) < 0 && errno != EINVAL) failSystem(domain, errno, "Unable to join domain namespace");
  }
}

}  // namespace vireo
