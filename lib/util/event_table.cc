#include "lib/util/event_table.h"

#include <algorithm>
#include <climits>
#include <string>

#include "lib/util/error.h"

namespace vireo::event {
namespace {

Clock::time_point expiryFor(int frequencyMs, Clock::time_point now) {
  return now + std::chrono::milliseconds(frequencyMs);
}

}  // namespace

int DispatchTable::takeId(int& next, const char* what) {
  // Ids are never reused, so a process that registers more than INT_MAX of
  // them gets an error rather than a recycled (or negative) id.
  if (next == INT_MAX)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_EVENT, std::string("no more event loop ") + what + " ids");
  return next++;
}

int DispatchTable::addHandle(int fd, int events, virEventHandleCallback cb, void* opaque,
                             virFreeCallback ff) {
  int watch = takeId(nextWatch_, "handle");
  handles_.emplace_hint(handles_.end(), watch, Handle{fd, events, cb, opaque, ff});
  return watch;
}

int DispatchTable::addTimer(int frequencyMs, Clock::time_point now, virEventTimeoutCallback cb,
                            void* opaque, virFreeCallback ff) {
  int timer = takeId(nextTimer_, "timer");
  timers_.emplace_hint(timers_.end(), timer, Timer{frequencyMs, expiryFor(std::max(frequencyMs, 0), now), cb, opaque, ff});
  return timer;
}

bool DispatchTable::updateHandle(int watch, int events) {
  auto it = handles_.find(watch);
  if (it == handles_.end() || it->second.removed) return false;
  it->second.events = events;
  return true;
}

bool DispatchTable::updateTimer(int timer, int frequencyMs, Clock::time_point now) {
  auto it = timers_.find(timer);
  if (it == timers_.end() || it->second.removed) return false;
  // Like libvirt, an update always restarts the period from now, even when
  // the frequency does not change.
  it->second.frequencyMs = frequencyMs;
  it->second.expiresAt = expiryFor(std::max(frequencyMs, 0), now);
  return true;
}

bool DispatchTable::removeHandle(int watch) {
  auto it = handles_.find(watch);
  if (it == handles_.end() || it->second.removed) return false;
  it->second.removed = true;
  removedHandles_.push_back(watch);
  return true;
}

bool DispatchTable::removeTimer(int timer) {
  auto it = timers_.find(timer);
  if (it == timers_.end() || it->second.removed) return false;
  it->second.removed = true;
  removedTimers_.push_back(timer);
  return true;
}

std::vector<PollRequest> DispatchTable::pollRequests() const {
  std::vector<PollRequest> requests;
  requests.reserve(handles_.size());
  for (const auto& [watch, h] : handles_) {
    if (!h.removed && h.events != 0) requests.push_back({watch, h.fd, h.events});
  }
  return requests;
}

std::optional<Clock::time_point> DispatchTable::nextExpiry() const {
  std::optional<Clock::time_point> earliest;
  for (const auto& [id, t] : timers_) {
    if (t.removed || t.frequencyMs < 0) continue;
    if (!earliest || t.expiresAt < *earliest) earliest = t.expiresAt;
  }
  return earliest;
}

std::vector<int> DispatchTable::dueTimers(Clock::time_point now) const {
  std::vector<int> due;
  for (const auto& [id, t] : timers_) {
    if (!t.removed && t.frequencyMs >= 0 && t.expiresAt <= now) due.push_back(id);
  }
  return due;
}

std::optional<HandleCall> DispatchTable::claimHandle(int watch) const {
  auto it = handles_.find(watch);
  if (it == handles_.end() || it->second.removed || it->second.events == 0) return std::nullopt;
  return HandleCall{it->second.cb, it->second.fd, it->second.opaque};
}

std::optional<TimerCall> DispatchTable::claimTimer(int timer, Clock::time_point now) {
  auto it = timers_.find(timer);
  if (it == timers_.end()) return std::nullopt;
  Timer& t = it->second;
  // Re-checked here because an earlier callback of this iteration may have
  // removed, disabled or re-armed this timer.
  if (t.removed || t.frequencyMs < 0 || t.expiresAt > now) return std::nullopt;
  t.expiresAt = expiryFor(t.frequencyMs, now);
  return TimerCall{t.cb, t.opaque};
}

std::vector<PendingFree> DispatchTable::collectRemoved() {
  std::vector<PendingFree> owed;
  owed.reserve(removedTimers_.size() + removedHandles_.size());
  // Timers first, then handles: the order libvirt's poll loop purged them in.
  for (int id : removedTimers_) {
    auto node = timers_.extract(id);
    owed.push_back({node.mapped().ff, node.mapped().opaque});
  }
  for (int id : removedHandles_) {
    auto node = handles_.extract(id);
    owed.push_back({node.mapped().ff, node.mapped().opaque});
  }
  removedTimers_.clear();
  removedHandles_.clear();
  return owed;
}

}  // namespace vireo::event
