#include "lib/util/fd.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "lib/util/error.h"

namespace vireo {

void UniqueFd::reset(int fd) noexcept {
  int old = std::exchange(fd_, fd < 0 ? -1 : fd);
  if (old >= 0) {
    int saved = errno;
    ::close(old);  // EINTR still closes on Linux: never retry
    errno = saved;
  }
}

Pipe Pipe::create(int extraFlags) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | extraFlags) < 0) failSystem(VIR_FROM_NONE, errno, "Unable to create pipe");
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

}  // namespace vireo
