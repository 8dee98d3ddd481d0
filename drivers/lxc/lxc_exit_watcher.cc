#include "drivers/lxc/lxc_exit_watcher.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::lxc {

namespace {
constexpr uint64_t kStopToken = ~uint64_t{0};
}

ExitWatcher::ExitWatcher(std::function<void(uint64_t)> onExit)
    : onExit_(std::move(onExit)), epoll_(epoll_create1(EPOLL_CLOEXEC)), stop_(eventfd(0, EFD_CLOEXEC)) {
  if (!epoll_) failSystem(VIR_FROM_LXC, errno, "Unable to create an epoll instance");
  if (!stop_) failSystem(VIR_FROM_LXC, errno, "Unable to create an eventfd");
  struct epoll_event ev {};
  ev.events = EPOLLIN;
  ev.data.u64 = kStopToken;
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, stop_.get(), &ev) < 0)
    failSystem(VIR_FROM_LXC, errno, "Unable to watch the container exit watcher's eventfd");
  thread_ = std::thread([this] { run(); });
}

ExitWatcher::~ExitWatcher() {
  uint64_t one = 1;
  ssize_t ignored = write(stop_.get(), &one, sizeof one);
  (void)ignored;
  thread_.join();
}

void ExitWatcher::watch(int pidfd, uint64_t token) {
  struct epoll_event ev {};
  // One notice per exit: a pidfd stays readable once the process is gone.
  ev.events = EPOLLIN | EPOLLONESHOT;
  ev.data.u64 = token;
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, pidfd, &ev) < 0)
    failSystem(VIR_FROM_LXC, errno, "Unable to watch the container's init");
}

void ExitWatcher::forget(int pidfd) noexcept {
  if (pidfd >= 0) epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, pidfd, nullptr);
}

void ExitWatcher::run() {
  for (;;) {
    struct epoll_event events[16];
    int n = epoll_wait(epoll_.get(), events, 16, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;
    for (int i = 0; i < n; ++i) {
      if (events[i].data.u64 == kStopToken) return;
      onExit_(events[i].data.u64);
    }
  }
}

}  // namespace vireo::lxc
