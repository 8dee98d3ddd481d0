// The bookkeeping of the built-in event loop: which handles and timers exist,
// their ids, masks and expiry times, and which were removed but not yet freed.
//
// The table does no locking and no system calls; Loop (event_loop.h) guards it
// with its mutex and does the polling. Keeping it apart makes the rules below
// testable with a fake clock:
//   * Ids start at 1, grow by one per registration and are never reused, even
//     after removal (separate sequences for handles and timers, as in libvirt).
//   * A handle with mask 0 and a timer with frequency < 0 stay registered but
//     are not watched (disabled). Frequency 0 makes a timer due at once, so it
//     fires on every iteration; N > 0 makes it due N ms after it was armed.
//   * Removal only marks an entry. The entry disappears, and its free callback
//     becomes owed, when the loop calls collectRemoved() at a point where no
//     callback is running. Removing twice fails the second time.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <vector>

#include <libvirt/libvirt.h>

namespace vireo::event {

using Clock = std::chrono::steady_clock;  // monotonic: wall-clock jumps never fire timers

// A live, enabled handle as the poller needs it.
struct PollRequest {
  int watch;
  int fd;
  int events;  // VIR_EVENT_HANDLE_* bits, never 0
};

// What to call for a handle or timer that is being dispatched; copied out of
// the table so that the call happens without the loop's lock.
struct HandleCall {
  virEventHandleCallback cb;
  int fd;
  void* opaque;
};
struct TimerCall {
  virEventTimeoutCallback cb;
  void* opaque;
};

// A free callback owed to a removed entry. Calling it with a null ff is a no-op.
struct PendingFree {
  virFreeCallback ff;
  void* opaque;
  void operator()() const {
    if (ff) ff(opaque);
  }
};

class DispatchTable {
 public:
  // Registers a handle or timer and returns its new id. Throws vireo::Error
  // (VIR_ERR_INTERNAL_ERROR) only when the id sequence is exhausted (INT_MAX).
  int addHandle(int fd, int events, virEventHandleCallback cb, void* opaque, virFreeCallback ff);
  int addTimer(int frequencyMs, Clock::time_point now, virEventTimeoutCallback cb, void* opaque,
               virFreeCallback ff);

  // Change the mask, or the frequency (re-arming the timer from `now`).
  // Return false, changing nothing, when the id is unknown or removed.
  bool updateHandle(int watch, int events);
  bool updateTimer(int timer, int frequencyMs, Clock::time_point now);

  // Mark an entry removed. Return false when the id is unknown or already removed.
  bool removeHandle(int watch);
  bool removeTimer(int timer);

  // The live handles with a non-zero mask, in id order.
  std::vector<PollRequest> pollRequests() const;
  // The earliest expiry of a live, enabled timer; nullopt when there is none.
  std::optional<Clock::time_point> nextExpiry() const;
  // Ids of the live, enabled timers due at `now`, in id order.
  std::vector<int> dueTimers(Clock::time_point now) const;

  // Called just before dispatching: the callback to run if the handle is still
  // live and enabled (an earlier callback of the same iteration may have
  // removed or disabled it), nullopt otherwise.
  std::optional<HandleCall> claimHandle(int watch) const;
  // The same for a timer that must also still be due at `now`; claiming
  // re-arms it for now + frequency (no catching up on missed periods).
  std::optional<TimerCall> claimTimer(int timer, Clock::time_point now);

  // Drops every removed entry and returns the free callbacks now owed, in
  // removal order, for the caller to run once its lock is released.
  std::vector<PendingFree> collectRemoved();

  // Live (not removed) entries, for tests and diagnostics.
  std::size_t handleCount() const { return handles_.size() - removedHandles_.size(); }
  std::size_t timerCount() const { return timers_.size() - removedTimers_.size(); }

 private:
  struct Handle {
    int fd;
    int events;
    virEventHandleCallback cb;
    void* opaque;
    virFreeCallback ff;
    bool removed = false;
  };
  struct Timer {
    int frequencyMs;
    Clock::time_point expiresAt;
    virEventTimeoutCallback cb;
    void* opaque;
    virFreeCallback ff;
    bool removed = false;
  };

  static int takeId(int& next, const char* what);

  // Ordered by id, which is registration order: dispatch follows it.
  std::map<int, Handle> handles_;
  std::map<int, Timer> timers_;
  std::vector<int> removedHandles_;  // ids marked removed, in removal order
  std::vector<int> removedTimers_;
  int nextWatch_ = 1;
  int nextTimer_ = 1;
};

}  // namespace vireo::event
