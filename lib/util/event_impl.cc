#include "lib/util/event_impl.h"

#include "lib/util/error.h"

namespace vireo::event {

bool Impl::any() const noexcept {
  return addHandle || updateHandle || removeHandle || addTimeout || updateTimeout || removeTimeout;
}

bool Registry::registerImpl(const Impl& impl) {
  std::lock_guard lock(mutex_);
  // libvirt 9.0.0 keeps the first loop: swapping loops would strand every
  // handle and timer already added to the old one.
  if (impl_.any()) return false;
  impl_ = impl;
  return true;
}

Impl Registry::current() const {
  std::lock_guard lock(mutex_);
  return impl_;
}

bool Registry::haveImpl() const {
  Impl impl = current();
  return impl.addHandle && impl.addTimeout;
}

void Registry::requireImpl() const {
  if (!haveImpl())
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_EVENT, "An event loop implementation must be registered");
}

// Each forwarder copies the pointers and calls them without the lock held: an
// implementation may well add a timer from inside its own removeHandle.
int Registry::addHandle(int fd, int events, virEventHandleCallback cb, void* opaque,
                        virFreeCallback ff) const noexcept {
  Impl impl = current();
  return impl.addHandle ? impl.addHandle(fd, events, cb, opaque, ff) : -1;
}

void Registry::updateHandle(int watch, int events) const noexcept {
  Impl impl = current();
  if (impl.updateHandle) impl.updateHandle(watch, events);
}

int Registry::removeHandle(int watch) const noexcept {
  Impl impl = current();
  return impl.removeHandle ? impl.removeHandle(watch) : -1;
}

int Registry::addTimeout(int frequencyMs, virEventTimeoutCallback cb, void* opaque,
                         virFreeCallback ff) const noexcept {
  Impl impl = current();
  return impl.addTimeout ? impl.addTimeout(frequencyMs, cb, opaque, ff) : -1;
}

void Registry::updateTimeout(int timer, int frequencyMs) const noexcept {
  Impl impl = current();
  if (impl.updateTimeout) impl.updateTimeout(timer, frequencyMs);
}

int Registry::removeTimeout(int timer) const noexcept {
  Impl impl = current();
  return impl.removeTimeout ? impl.removeTimeout(timer) : -1;
}

Registry& registry() {
  static Registry* const instance = new Registry;  // immortal: see the header
  return *instance;
}

bool registerImpl(const Impl& impl) { return registry().registerImpl(impl); }
bool haveImpl() { return registry().haveImpl(); }
void requireImpl() { registry().requireImpl(); }

int addHandle(int fd, int events, virEventHandleCallback cb, void* opaque, virFreeCallback ff) {
  return registry().addHandle(fd, events, cb, opaque, ff);
}
void updateHandle(int watch, int events) { registry().updateHandle(watch, events); }
int removeHandle(int watch) { return registry().removeHandle(watch); }

int addTimeout(int frequencyMs, virEventTimeoutCallback cb, void* opaque, virFreeCallback ff) {
  return registry().addTimeout(frequencyMs, cb, opaque, ff);
}
void updateTimeout(int timer, int frequencyMs) { registry().updateTimeout(timer, frequencyMs); }
int removeTimeout(int timer) { return registry().removeTimeout(timer); }

}  // namespace vireo::event
