// How a thread that asked QEMU to remove a device (device_del) learns that
// the device is gone, while it holds the domain's job.
//
// QEMU reports the end of an unplug with a DEVICE_DELETED event, which can
// come at once (virtio-serial and USB devices leave synchronously) or only
// when the guest has released the device (a PCI device waits for the
// guest's ACPI eject), or never. The detaching thread holds the domain's
// job, so the event cannot go through the work queue to it (the queue would
// wait for the job). Instead the monitor's reader thread hands the event
// straight to this object: when a detach is waiting for that alias, the
// detach finishes the removal itself; otherwise the event goes to the work
// queue, which finishes the removal later (libvirt's behaviour after its 5 s
// wait: the detach succeeds with the removal pending).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "lib/util/mutex.h"

namespace vireo::qemu {

class RemovalSignal {
 public:
  // The caller (holding the job) is about to send device_del for `alias`.
  void expect(const std::string& alias) {
    MutexLock lock(mu_);
    expected_ = alias;
    seen_ = false;
  }

  // From the monitor's reader thread: QEMU deleted `alias`. True when a
  // detach is waiting for it (that detach then finishes the removal); false
  // when nobody is (the event must go to the work queue).
  bool notify(const std::string& alias) {
    MutexLock lock(mu_);
    if (!expected_ || *expected_ != alias) return false;
    seen_ = true;
    cv_.notifyAll();
    return true;
  }

  // Waits up to `timeout` for the expected alias. Either way the
  // expectation ends here: an event that comes later goes to the work
  // queue. True when the device is gone.
  bool wait(std::chrono::milliseconds timeout) {
    UniqueMutexLock lock(mu_);
    cv_.waitFor(lock, timeout, [&]() REQUIRES(mu_) { return seen_; });
    bool seen = seen_;
    expected_.reset();
    seen_ = false;
    return seen;
  }

  // True when the expected alias has been reported (without waiting).
  bool seen() {
    MutexLock lock(mu_);
    return seen_;
  }

  // Drops the expectation (the detach failed before it could wait).
  void cancel() {
    MutexLock lock(mu_);
    expected_.reset();
    seen_ = false;
  }

 private:
  Mutex mu_;
  CondVar cv_;
  std::optional<std::string> expected_ GUARDED_BY(mu_);
  bool seen_ GUARDED_BY(mu_) = false;
};

}  // namespace vireo::qemu
