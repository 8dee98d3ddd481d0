#include "lib/driver/domain_events.h"

#include <algorithm>

#include <libvirt/libvirt.h>

#include "lib/util/error.h"
#include "lib/util/event_loop.h"

namespace vireo::driver {

// A registered callback. Its destructor runs the application's free
// callback, so that it runs exactly once, after the last delivery that was
// already under way when the callback was removed.
struct DomainEventState::Entry {
  int id = 0;
  Callback cb;
  ~Entry() {
    if (cb.release) cb.release();
  }
};

DomainEventState::~DomainEventState() {
  if (timer_ >= 0) event::removeTimeout(timer_);
}

int DomainEventState::add(Callback callback) {
  std::unique_lock lock(mu_);
  for (const auto& e : callbacks_) {
    if (e->cb.connection == callback.connection && e->cb.key == callback.key &&
        e->cb.eventId == callback.eventId && e->cb.domain == callback.domain &&
        e->cb.legacy == callback.legacy) {
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "event callback already tracked");
    }
  }
  if (timer_ < 0) {
    timer_ = event::addTimeout(-1, &DomainEventState::onTimer, this, nullptr);
    if (timer_ < 0) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "could not initialize domain event timer");
  }
  auto entry = std::make_shared<Entry>();
  entry->id = nextId_++;
  entry->cb = std::move(callback);
  callbacks_.push_back(entry);
  return entry->id;
}

void DomainEventState::remove(const void* connection, int callbackId) {
  std::shared_ptr<Entry> removed;  // destroyed after the lock is released
  std::unique_lock lock(mu_);
  auto it = std::find_if(callbacks_.begin(), callbacks_.end(), [&](const auto& e) {
    return e->id == callbackId && e->cb.connection == connection && !e->cb.legacy;
  });
  if (it == callbacks_.end()) {
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
         "could not find event callback " + std::to_string(callbackId) + " for deletion");
  }
  removed = std::move(*it);
  callbacks_.erase(it);
  dropTimerIfIdle();
}

void DomainEventState::removeLegacy(const void* connection, const void* key) {
  std::shared_ptr<Entry> removed;
  std::unique_lock lock(mu_);
  auto it = std::find_if(callbacks_.begin(), callbacks_.end(), [&](const auto& e) {
    return e->cb.legacy && e->cb.key == key && e->cb.connection == connection;
  });
  if (it == callbacks_.end()) fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "could not find event callback for removal");
  removed = std::move(*it);
  callbacks_.erase(it);
  dropTimerIfIdle();
}

void DomainEventState::removeConnection(const void* connection) {
  std::vector<std::shared_ptr<Entry>> removed;
  std::unique_lock lock(mu_);
  auto keep = std::stable_partition(callbacks_.begin(), callbacks_.end(),
                                    [&](const auto& e) { return e->cb.connection != connection; });
  std::move(keep, callbacks_.end(), std::back_inserter(removed));
  callbacks_.erase(keep, callbacks_.end());
  dropTimerIfIdle();
}

void DomainEventState::dropTimerIfIdle() {
  if (!callbacks_.empty() || timer_ < 0) return;
  event::removeTimeout(timer_);
  timer_ = -1;
  pending_.clear();
}

void DomainEventState::queue(DomainEvent event) {
  std::unique_lock lock(mu_);
  // With nobody listening there is nothing to deliver and no timer to arm.
  if (timer_ < 0) return;
  pending_.push_back(std::move(event));
  if (pending_.size() == 1) event::updateTimeout(timer_, 0);
}

void DomainEventState::onTimer(int /*timer*/, void* opaque) {
  static_cast<DomainEventState*>(opaque)->flush();
}

void DomainEventState::flush() {
  std::vector<DomainEvent> events;
  std::vector<std::shared_ptr<Entry>> targets;
  {
    std::unique_lock lock(mu_);
    events.swap(pending_);
    if (timer_ >= 0) event::updateTimeout(timer_, -1);
    targets = callbacks_;
  }
  // Callbacks run without the lock: they may register, deregister or call
  // any other API. A callback removed meanwhile is skipped.
  for (const DomainEvent& ev : events) {
    for (const auto& entry : targets) {
      const Callback& cb = entry->cb;
      if (cb.eventId != ev.eventId) continue;
      if (cb.domain && !(*cb.domain == ev.domain.uuid)) continue;
      {
        std::unique_lock lock(mu_);
        if (std::find(callbacks_.begin(), callbacks_.end(), entry) == callbacks_.end()) continue;
      }
      cb.deliver(ev);
    }
  }
}

}  // namespace vireo::driver
