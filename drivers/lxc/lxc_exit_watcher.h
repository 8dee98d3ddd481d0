// One thread that waits for the inits of all running containers of a
// driver instance to exit (epoll over their pidfds) and tells the driver.
// The driver finds the domain again by the token it registered, so a
// notice that comes late (the domain was destroyed meanwhile) is dropped.
// The same thread reaps the children the driver has killed but does not
// wait for (the console keepers of stopped containers).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include <sys/types.h>

#include "lib/util/fd.h"

namespace vireo::lxc {

class ExitWatcher {
 public:
  // `onExit` runs on the watcher's thread; it may take the driver's lock.
  explicit ExitWatcher(std::function<void(uint64_t token)> onExit);
  ~ExitWatcher();  // stops and joins the thread
  ExitWatcher(const ExitWatcher&) = delete;
  ExitWatcher& operator=(const ExitWatcher&) = delete;

  // Watches `pidfd` (owned by the caller, who calls forget() before closing it).
  void watch(int pidfd, uint64_t token);
  void forget(int pidfd) noexcept;

  // `pid`, a child of this process that has been sent SIGKILL, is reaped
  // once it is gone, on the watcher's thread (or at the latest by the
  // destructor). Never throws: without a pidfd it is reaped here and now.
  void reapWhenGone(pid_t pid) noexcept;

 private:
  void run();
  void reap(int pidfd) noexcept;
  std::function<void(uint64_t)> onExit_;
  std::mutex mu_;
  std::map<int, std::pair<UniqueFd, pid_t>> reaping_;  // by pidfd
  UniqueFd epoll_;
  UniqueFd stop_;  // an eventfd: written once, by the destructor
  std::thread thread_;
};

}  // namespace vireo::lxc
