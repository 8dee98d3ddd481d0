#include "drivers/lxc/lxc_exit_watcher.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::lxc {

namespace {
constexpr uint64_t kStopToken = ~uint64_t{0};
// The tokens of reapWhenGone's pidfds: this bit and the descriptor. The
// driver's own tokens are counters that never come near it.
constexpr uint64_t kReapBit = uint64_t{1} << 62;

void waitFor(pid_t pid, int options) noexcept {
  int status;
  while (waitpid(pid, &status, options) < 0 && errno == EINTR) {
  }
}
}  // namespace

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
  // Killed already: they are gone or going.
  for (auto& [fd, entry] : reaping_) waitFor(entry.second, 0);
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

void ExitWatcher::reapWhenGone(pid_t pid) noexcept {
  if (pid <= 0) return;
  UniqueFd pidfd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
  struct epoll_event ev {};
  ev.events = EPOLLIN | EPOLLONESHOT;
  ev.data.u64 = kReapBit | static_cast<uint32_t>(pidfd.get());
  std::lock_guard<std::mutex> lock(mu_);
  if (!pidfd || epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, pidfd.get(), &ev) < 0) {
    waitFor(pid, 0);
    return;
  }
  int fd = pidfd.get();
  reaping_.emplace(fd, std::make_pair(std::move(pidfd), pid));
}

void ExitWatcher::reap(int pidfd) noexcept {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = reaping_.find(pidfd);
  if (it == reaping_.end()) return;
  waitFor(it->second.second, WNOHANG);
  epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, pidfd, nullptr);
  reaping_.erase(it);
}

void ExitWatcher::run() {
  for (;;) {
    struct epoll_event events[16];
    int n = epoll_wait(epoll_.get(), events, 16, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;
    for (int i = 0; i < n; ++i) {
      uint64_t token = events[i].data.u64;
      if (token == kStopToken) return;
      if (token & kReapBit) {
        reap(static_cast<int>(token & 0xffffffffu));
        continue;
      }
      onExit_(token);
    }
  }
}

}  // namespace vireo::lxc
