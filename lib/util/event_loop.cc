// The poll loop: one iteration of waiting and dispatching over a DispatchTable.
#include "lib/util/event_loop.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <ctime>
#include <optional>
#include <utility>
#include <vector>

#include "lib/util/error.h"

namespace vireo::event {
namespace {

short toPollEvents(int events) {
  short native = 0;
  if (events & VIR_EVENT_HANDLE_READABLE) native |= POLLIN;
  if (events & VIR_EVENT_HANDLE_WRITABLE) native |= POLLOUT;
  if (events & VIR_EVENT_HANDLE_ERROR) native |= POLLERR;
  if (events & VIR_EVENT_HANDLE_HANGUP) native |= POLLHUP;
  return native;
}

int fromPollEvents(short revents) {
  int events = 0;
  if (revents & POLLIN) events |= VIR_EVENT_HANDLE_READABLE;
  if (revents & POLLOUT) events |= VIR_EVENT_HANDLE_WRITABLE;
  // libvirt does not distinguish an invalid descriptor from an error.
  if (revents & (POLLERR | POLLNVAL)) events |= VIR_EVENT_HANDLE_ERROR;
  if (revents & POLLHUP) events |= VIR_EVENT_HANDLE_HANGUP;
  return events;
}

// ppoll's timeout for a deadline: null (wait for ever) without one, zero when
// it has passed. ppoll takes nanoseconds, so a timer is never polled for a
// rounded-down period that would wake early and spin.
std::optional<timespec> timeoutUntil(std::optional<Clock::time_point> deadline) {
  if (!deadline) return std::nullopt;
  auto left = *deadline - Clock::now();
  if (left < Clock::duration::zero()) left = Clock::duration::zero();
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
  return timespec{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
}

// Restores a flag when the scope ends, also when a callback throws.
template <typename Reset>
class ScopeExit {
 public:
  explicit ScopeExit(Reset reset) : reset_(std::move(reset)) {}
  ~ScopeExit() { reset_(); }
  ScopeExit(const ScopeExit&) = delete;
  ScopeExit& operator=(const ScopeExit&) = delete;

 private:
  Reset reset_;
};

}  // namespace

Loop::Loop() : wakeFd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!wakeFd_) failSystem(VIR_FROM_EVENT, errno, "Unable to create the event loop's wakeup eventfd");
}

Loop::~Loop() { runFreeCallbacks(); }

int Loop::addHandle(int fd, int events, virEventHandleCallback cb, void* opaque, virFreeCallback ff) {
  std::lock_guard lock(mutex_);
  int watch = table_.addHandle(fd, events, cb, opaque, ff);
  interruptLocked();
  return watch;
}

int Loop::addTimeout(int frequencyMs, virEventTimeoutCallback cb, void* opaque, virFreeCallback ff) {
  std::lock_guard lock(mutex_);
  int timer = table_.addTimer(frequencyMs, Clock::now(), cb, opaque, ff);
  interruptLocked();
  return timer;
}

void Loop::updateHandle(int watch, int events) noexcept {
  std::lock_guard lock(mutex_);
  if (table_.updateHandle(watch, events)) interruptLocked();
}

void Loop::updateTimeout(int timer, int frequencyMs) noexcept {
  std::lock_guard lock(mutex_);
  if (table_.updateTimer(timer, frequencyMs, Clock::now())) interruptLocked();
}

int Loop::removeHandle(int watch) noexcept {
  std::lock_guard lock(mutex_);
  if (!table_.removeHandle(watch)) return -1;
  // Woken so that the blocked iteration stops watching the fd and runs ff.
  interruptLocked();
  return 0;
}

int Loop::removeTimeout(int timer) noexcept {
  std::lock_guard lock(mutex_);
  if (!table_.removeTimer(timer)) return -1;
  interruptLocked();
  return 0;
}

int Loop::interrupt() noexcept {
  std::lock_guard lock(mutex_);
  return interruptLocked();
}

// Only an iteration that is in (or on its way to) poll needs waking: any
// other reads the table afresh when it next polls. The loop's own thread never
// needs waking (it is not in poll), so the free callbacks run before polling
// and the callbacks run after it write nothing.
int Loop::interruptLocked() noexcept {
  if (!polling_ || runner_ == std::this_thread::get_id()) return 0;
  const std::uint64_t one = 1;
  // EAGAIN means the counter is already non-zero: the poll will wake anyway.
  if (::write(wakeFd_.get(), &one, sizeof one) < 0 && errno != EAGAIN) return -1;
  return 0;
}

bool Loop::isWaiting() const {
  std::lock_guard lock(mutex_);
  return polling_;
}

std::size_t Loop::handleCount() const {
  std::lock_guard lock(mutex_);
  return table_.handleCount();
}

std::size_t Loop::timerCount() const {
  std::lock_guard lock(mutex_);
  return table_.timerCount();
}

void Loop::runFreeCallbacks() {
  std::vector<PendingFree> owed;
  {
    std::lock_guard lock(mutex_);
    owed = table_.collectRemoved();
  }
  for (const PendingFree& owedFree : owed) owedFree();
}

void Loop::runOnce() {
  {
    std::lock_guard lock(mutex_);
    if (runner_ == std::this_thread::get_id())
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_EVENT, "event loop iteration started from one of its own callbacks");
  }
  std::lock_guard serial(runMutex_);
  std::vector<PollRequest> polled;
  std::optional<Clock::time_point> deadline;
  {
    std::lock_guard lock(mutex_);
    runner_ = std::this_thread::get_id();
    // From here until poll returns, a change from another thread writes the
    // eventfd: nothing added or removed after the snapshot below waits for
    // an unrelated event (or, for a removal, for its ff).
    polling_ = true;
  }
  ScopeExit leave([this] {
    std::lock_guard lock(mutex_);
    runner_ = {};
    polling_ = false;
  });

  // Removals made between iterations (from any thread) are settled before
  // blocking, so their ff does not wait for the next event.
  runFreeCallbacks();

  {
    std::lock_guard lock(mutex_);
    polled = table_.pollRequests();
    deadline = table_.nextExpiry();
  }

  std::vector<pollfd> fds;
  fds.reserve(polled.size() + 1);
  fds.push_back({wakeFd_.get(), POLLIN, 0});
  for (const PollRequest& r : polled) fds.push_back({r.fd, toPollEvents(r.events), 0});

  for (;;) {
    std::optional<timespec> timeout = timeoutUntil(deadline);
    if (::ppoll(fds.data(), fds.size(), timeout ? &*timeout : nullptr, nullptr) >= 0) break;
    // A signal is no reason to return early; the timeout is recomputed
    // from the deadline so that retries do not stretch it.
    if (errno != EINTR && errno != EAGAIN) failSystem(VIR_FROM_EVENT, errno, "Unable to poll on file handles");
  }

  {
    std::lock_guard lock(mutex_);
    polling_ = false;
  }
  // Drained after polling_ is cleared, whatever revents says: a wakeup
  // written before that (even after poll returned) is consumed here, none
  // can be written after it, so the next iteration does not wake for nothing.
  // The eventfd is non-blocking; EAGAIN just means there was none.
  std::uint64_t count;
  [[maybe_unused]] ssize_t n = ::read(wakeFd_.get(), &count, sizeof count);

  dispatchTimers();
  std::vector<short> revents;
  revents.reserve(polled.size());
  for (std::size_t i = 1; i < fds.size(); ++i) revents.push_back(fds[i].revents);
  dispatchHandles(polled, revents);

  runFreeCallbacks();
}

void Loop::dispatchTimers() {
  // One clock reading for the whole pass, as in libvirt: a timer due now is
  // re-armed from this instant, and one that only becomes due while earlier
  // callbacks run waits for the next iteration (which then does not block).
  const Clock::time_point now = Clock::now();
  std::vector<int> due;
  {
    std::lock_guard lock(mutex_);
    due = table_.dueTimers(now);
  }
  for (int timer : due) {
    std::optional<TimerCall> call;
    {
      std::lock_guard lock(mutex_);
      call = table_.claimTimer(timer, now);
    }
    if (call && call->cb) call->cb(timer, call->opaque);
  }
}

void Loop::dispatchHandles(const std::vector<PollRequest>& polled, const std::vector<short>& revents) {
  for (std::size_t i = 0; i < polled.size(); ++i) {
    if (revents[i] == 0) continue;
    std::optional<HandleCall> call;
    {
      std::lock_guard lock(mutex_);
      call = table_.claimHandle(polled[i].watch);
    }
    if (call && call->cb) call->cb(polled[i].watch, call->fd, fromPollEvents(revents[i]), call->opaque);
  }
}

}  // namespace vireo::event
