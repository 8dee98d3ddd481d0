// The built-in event loop (virEventRegisterDefaultImpl / virEventRunDefaultImpl).
//
// An application that has no event loop of its own registers this one and
// calls runDefaultImpl() in a loop, typically from a dedicated thread; each call
// is one iteration: wait until a timer is due or a handle is ready, then call
// the callbacks. The semantics are libvirt's:
//   * watch and timer ids are positive and never reused in the process;
//   * timer frequency -1 disables, 0 fires on every iteration, N every N ms
//     (measured on the monotonic clock, from the last firing or update);
//     handle mask 0 disables;
//   * in one iteration due timers are dispatched first, in id order, then
//     ready handles, in id order; what a callback adds is not dispatched
//     before the next iteration, what it removes or disables is not dispatched
//     any more;
//   * callbacks may add, update and remove any handle or timer, themselves
//     included;
//   * removal is deferred: the free callback (ff) runs in the loop's thread at
//     the end of the iteration (or the start of the next one), after the
//     entry's callback has returned and never while it runs;
//   * every call is thread-safe; a change made from another thread wakes an
//     iteration that is blocked in poll, so that it takes effect at once;
//   * the loop's lock is never held while a callback or ff runs.
#pragma once

#include <mutex>
#include <thread>

#include <libvirt/libvirt.h>

#include "lib/util/event_impl.h"
#include "lib/util/event_table.h"
#include "lib/util/fd.h"

namespace vireo::event {

class Loop {
 public:
  // Creates the wakeup eventfd. Throws vireo::Error (VIR_ERR_SYSTEM_ERROR,
  // VIR_FROM_EVENT) when it cannot.
  Loop();
  // Runs the free callbacks still owed to removed entries. Entries that were
  // never removed are dropped without calling their ff. No iteration may be
  // running.
  ~Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // Register a handle or timer and return its id (> 0). Throw vireo::Error
  // only when the id sequence is exhausted. Neither fd nor cb is checked, as
  // in libvirt: a negative fd is never ready, a null cb is never called.
  int addHandle(int fd, int events, virEventHandleCallback cb, void* opaque, virFreeCallback ff);
  int addTimeout(int frequencyMs, virEventTimeoutCallback cb, void* opaque, virFreeCallback ff);

  // Change the mask or frequency; an unknown or removed id is ignored.
  void updateHandle(int watch, int events) noexcept;
  void updateTimeout(int timer, int frequencyMs) noexcept;

  // Remove; 0 on success, -1 when the id is unknown or already removed.
  int removeHandle(int watch) noexcept;
  int removeTimeout(int timer) noexcept;

  // One iteration. Blocks (no busy waiting) until a timer is due, a handle is
  // ready or interrupt() is called, then dispatches. Iterations from several
  // threads are serialised. Throws vireo::Error when poll fails
  // (VIR_ERR_SYSTEM_ERROR "Unable to poll on file handles: ...") or when
  // called from one of this loop's own callbacks (VIR_ERR_INTERNAL_ERROR).
  void runOnce();

  // Wakes an iteration blocked in poll, so that it returns (having dispatched
  // whatever is due). Does nothing when no iteration is waiting. Returns 0, or
  // -1 when the eventfd cannot be written.
  int interrupt() noexcept;

  // True from the start of an iteration until its poll returns: any change
  // made from another thread in that window wakes it. For tests, which must
  // know that the loop is waiting before they poke it.
  bool isWaiting() const;

  // Live entries, for tests.
  std::size_t handleCount() const;
  std::size_t timerCount() const;

 private:
  int interruptLocked() noexcept;
  void runFreeCallbacks();
  void dispatchTimers();
  void dispatchHandles(const std::vector<PollRequest>& polled, const std::vector<short>& revents);

  mutable std::mutex mutex_;  // guards everything below except wakeFd_'s I/O
  DispatchTable table_;
  bool polling_ = false;       // an iteration has started and not yet left poll
  std::thread::id runner_;     // the thread running an iteration, if any
  UniqueFd wakeFd_;            // eventfd, readable when interrupt() was called
  std::mutex runMutex_;        // serialises iterations
};

// The process's default loop (created on first use, never destroyed).
// Throws like Loop().
Loop& defaultLoop();

// Creates the default loop and registers it as the event implementation.
// Idempotent. Like libvirt, when another implementation is already registered
// the registration is ignored and the call still succeeds. Throws vireo::Error
// when the loop cannot be created.
void registerDefaultImpl();

// One iteration of the default loop (Loop::runOnce). Returns 0; throws
// vireo::Error on failure, including VIR_ERR_OPERATION_INVALID when
// registerDefaultImpl() was never called (libvirt would block for ever).
int runDefaultImpl();

// Wakes a blocked runDefaultImpl() in another thread. 0 on success (also when
// there is no default loop or nothing is blocked), -1 on failure.
int interruptDefault();

}  // namespace vireo::event
