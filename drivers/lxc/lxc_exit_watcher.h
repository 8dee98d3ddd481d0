// One thread that waits for the inits of all running containers of a
// driver instance to exit (epoll over their pidfds) and tells the driver.
// The driver finds the domain again by the token it registered, so a
// notice that comes late (the domain was destroyed meanwhile) is dropped.
#pragma once

#include <cstdint>
#include <functional>
#include <thread>

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

 private:
  void run();
  std::function<void(uint64_t)> onExit_;
  UniqueFd epoll_;
  UniqueFd stop_;  // an eventfd: written once, by the destructor
  std::thread thread_;
};

}  // namespace vireo::lxc
