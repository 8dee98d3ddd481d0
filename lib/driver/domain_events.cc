#include "lib/driver/domain_events.h"

#include <algorithm>
#include <mutex>

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

struct DomainEventState::Shared {
  std::mutex mu;
  int timer = -1;
  // libvirt numbers callbacks from 0, legacy ones included, and never
  // reuses a number.
  int nextId = 0;
  std::vector<std::shared_ptr<Entry>> callbacks;
  std::vector<DomainEvent> pending;

  // How many callbacks of (object, eventId) there are. Called with mu held.
  size_t countOf(EventObject object, int eventId) const {
    return std::count_if(callbacks.begin(), callbacks.end(),
                         [&](const auto& e) { return e->cb.object == object && e->cb.eventId == eventId; });
  }

  // Removes the timer once no callback is left. Called with mu held.
  void dropTimerIfIdle() {
    if (!callbacks.empty() || timer < 0) return;
    event::removeTimeout(timer);
    timer = -1;
    pending.clear();
  }

  void flush();
};

namespace {

// The uuid of the object an event is about, for callbacks registered for one
// object (node devices have none: they filter by name).
const Uuid& uuidOf(const DomainEvent& ev) {
  switch (ev.object) {
    case EventObject::Domain: return ev.domain.uuid;
    case EventObject::StoragePool: return ev.storagePool.uuid;
    case EventObject::Secret: return ev.secret.uuid;
    case EventObject::Network:
    case EventObject::NodeDevice: break;
  }
  return ev.network.uuid;
}

// The timer's opaque pointer: a heap reference to the shared block.
using TimerRef = std::shared_ptr<DomainEventState::Shared>;

}  // namespace

DomainEventState::DomainEventState() : shared_(std::make_shared<Shared>()) {}

DomainEventState::~DomainEventState() {
  std::vector<std::shared_ptr<Entry>> removed;
  std::lock_guard lock(shared_->mu);
  removed.swap(shared_->callbacks);
  shared_->dropTimerIfIdle();
}

int DomainEventState::add(Callback callback) {
  Shared& sh = *shared_;
  std::unique_lock lock(sh.mu);
  for (const auto& e : sh.callbacks) {
    if (callback.filtered) break;
    if (e->cb.connection == callback.connection && e->cb.key == callback.key &&
        e->cb.object == callback.object && e->cb.eventId == callback.eventId && e->cb.only == callback.only &&
        e->cb.onlyName == callback.onlyName &&
        e->cb.legacy == callback.legacy) {
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "event callback already tracked");
    }
  }
  if (sh.timer < 0) {
    auto* ref = new TimerRef(shared_);
    sh.timer = event::addTimeout(
        -1, [](int, void* opaque) { TimerRef(*static_cast<TimerRef*>(opaque))->flush(); }, ref,
        [](void* opaque) { delete static_cast<TimerRef*>(opaque); });
    if (sh.timer < 0) {
      delete ref;
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "could not initialize domain event timer");
    }
  }
  auto entry = std::make_shared<Entry>();
  entry->id = sh.nextId++;
  EventObject object = callback.object;
  int eventId = callback.eventId;
  entry->cb = std::move(callback);
  sh.callbacks.push_back(entry);
  if (hooks_.first && sh.countOf(object, eventId) == 1) {
    lock.unlock();
    try {
      hooks_.first(object, eventId);
    } catch (...) {
      lock.lock();
      auto it = std::find(sh.callbacks.begin(), sh.callbacks.end(), entry);
      if (it != sh.callbacks.end()) sh.callbacks.erase(it);
      sh.dropTimerIfIdle();
      entry->cb.release = nullptr;  // the caller keeps what it passed in
      throw;
    }
  }
  return entry->id;
}

void DomainEventState::afterRemoval(EventObject object, int eventId, std::unique_lock<std::mutex>& lock) {
  if (!hooks_.last || shared_->countOf(object, eventId) != 0) return;
  lock.unlock();
  hooks_.last(object, eventId);
}

void DomainEventState::remove(const void* connection, int callbackId) {
  std::shared_ptr<Entry> removed;  // destroyed after the lock is released
  Shared& sh = *shared_;
  std::unique_lock lock(sh.mu);
  auto it = std::find_if(sh.callbacks.begin(), sh.callbacks.end(), [&](const auto& e) {
    return e->id == callbackId && e->cb.connection == connection && !e->cb.legacy;
  });
  if (it == sh.callbacks.end())
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
         "could not find event callback " + std::to_string(callbackId) + " for deletion");
  removed = std::move(*it);
  sh.callbacks.erase(it);
  sh.dropTimerIfIdle();
  afterRemoval(removed->cb.object, removed->cb.eventId, lock);
}

void DomainEventState::removeLegacy(const void* connection, const void* key) {
  std::shared_ptr<Entry> removed;
  Shared& sh = *shared_;
  std::unique_lock lock(sh.mu);
  auto it = std::find_if(sh.callbacks.begin(), sh.callbacks.end(), [&](const auto& e) {
    return e->cb.legacy && e->cb.key == key && e->cb.connection == connection;
  });
  if (it == sh.callbacks.end()) fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "could not find event callback for removal");
  removed = std::move(*it);
  sh.callbacks.erase(it);
  sh.dropTimerIfIdle();
  afterRemoval(removed->cb.object, removed->cb.eventId, lock);
}

void DomainEventState::queue(DomainEvent event) {
  Shared& sh = *shared_;
  std::unique_lock lock(sh.mu);
  // With nobody listening there is nothing to deliver and no timer to arm.
  if (sh.timer < 0) return;
  sh.pending.push_back(std::move(event));
  if (sh.pending.size() == 1) event::updateTimeout(sh.timer, 0);
}

void DomainEventState::Shared::flush() {
  std::vector<DomainEvent> events;
  std::vector<std::shared_ptr<Entry>> targets;
  {
    std::unique_lock lock(mu);
    events.swap(pending);
    if (timer >= 0) event::updateTimeout(timer, -1);
    targets = callbacks;
  }
  // Callbacks run without the lock: they may register, deregister or call
  // any other API. A callback removed meanwhile is skipped.
  for (const DomainEvent& ev : events) {
    for (const auto& entry : targets) {
      const Callback& cb = entry->cb;
      if (cb.object != ev.object || cb.eventId != ev.eventId) continue;
      if (cb.only && !(*cb.only == uuidOf(ev))) continue;
      if (cb.onlyName && *cb.onlyName != ev.nodeDevice.name) continue;
      {
        std::unique_lock lock(mu);
        if (std::find(callbacks.begin(), callbacks.end(), entry) == callbacks.end()) continue;
      }
      cb.deliver(ev);
    }
  }
}

void DomainEventState::queueLifecycle(const DomainIdentity& domain, int type, int detail) {
  DomainEvent ev;
  ev.domain = domain;
  ev.eventId = VIR_DOMAIN_EVENT_ID_LIFECYCLE;
  ev.type = type;
  ev.detail = detail;
  queue(std::move(ev));
}

void DomainEventState::queueNetworkLifecycle(const NetworkIdentity& network, int type, int detail) {
  DomainEvent ev;
  ev.object = EventObject::Network;
  ev.network = network;
  ev.eventId = VIR_NETWORK_EVENT_ID_LIFECYCLE;
  ev.type = type;
  ev.detail = detail;
  queue(std::move(ev));
}

void DomainEventState::queueNodeDeviceLifecycle(const std::string& name, int type, int detail) {
  DomainEvent ev;
  ev.object = EventObject::NodeDevice;
  ev.nodeDevice.name = name;
  ev.eventId = VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE;
  ev.type = type;
  ev.detail = detail;
  queue(std::move(ev));
}

void DomainEventState::queueStoragePoolLifecycle(const StoragePoolIdentity& pool, int type, int detail) {
  DomainEvent ev;
  ev.object = EventObject::StoragePool;
  ev.storagePool = pool;
  ev.eventId = VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE;
  ev.type = type;
  ev.detail = detail;
  queue(std::move(ev));
}

void DomainEventState::queueStoragePoolRefresh(const StoragePoolIdentity& pool) {
  DomainEvent ev;
  ev.object = EventObject::StoragePool;
  ev.storagePool = pool;
  ev.eventId = VIR_STORAGE_POOL_EVENT_ID_REFRESH;
  queue(std::move(ev));
}

}  // namespace vireo::driver
