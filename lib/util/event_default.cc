// The process's default loop and its registration as the event implementation.
#include <atomic>

#include "lib/util/error.h"
#include "lib/util/event_impl.h"
#include "lib/util/event_loop.h"
#include "lib/util/log.h"

namespace vireo::event {
namespace {

std::atomic<Loop*> createdLoop{nullptr};
std::atomic<bool> defaultRegistered{false};

// The Impl entry points handed to the registry. They are called through C
// function pointers (also by applications, via virEventAddHandle), so nothing
// may escape them: a failure is libvirt's -1.
int addHandleEntry(int fd, int events, virEventHandleCallback cb, void* opaque, virFreeCallback ff) {
  try {
    return defaultLoop().addHandle(fd, events, cb, opaque, ff);
  } catch (const std::exception& e) {
    VIREO_WARN("util.event", "cannot add a handle for fd %d: %s", fd, e.what());
    return -1;
  } catch (...) {
    VIREO_WARN("util.event", "cannot add a handle for fd %d", fd);
    return -1;
  }
}

void updateHandleEntry(int watch, int events) { defaultLoop().updateHandle(watch, events); }

int removeHandleEntry(int watch) { return defaultLoop().removeHandle(watch); }

int addTimeoutEntry(int frequencyMs, virEventTimeoutCallback cb, void* opaque, virFreeCallback ff) {
  try {
    return defaultLoop().addTimeout(frequencyMs, cb, opaque, ff);
  } catch (const std::exception& e) {
    VIREO_WARN("util.event", "cannot add a timeout: %s", e.what());
    return -1;
  } catch (...) {
    VIREO_WARN("util.event", "cannot add a timeout");
    return -1;
  }
}

void updateTimeoutEntry(int timer, int frequencyMs) { defaultLoop().updateTimeout(timer, frequencyMs); }

int removeTimeoutEntry(int timer) { return defaultLoop().removeTimeout(timer); }

}  // namespace

Loop& defaultLoop() {
  // Leaked on purpose: a thread still adding a timer during exit must not
  // meet a destroyed loop. If construction throws, the next call retries.
  static Loop* const loop = new Loop;
  createdLoop.store(loop, std::memory_order_release);
  return *loop;
}

void registerDefaultImpl() {
  defaultLoop();
  // Ignored (as in libvirt) when the application registered its own loop.
  registerImpl(Impl{addHandleEntry, updateHandleEntry, removeHandleEntry, addTimeoutEntry,
                    updateTimeoutEntry, removeTimeoutEntry});
  defaultRegistered.store(true, std::memory_order_release);
}

int runDefaultImpl() {
  if (!defaultRegistered.load(std::memory_order_acquire))
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_EVENT, "the default event loop implementation is not registered");
  defaultLoop().runOnce();
  return 0;
}

int interruptDefault() {
  Loop* loop = createdLoop.load(std::memory_order_acquire);
  return loop ? loop->interrupt() : 0;
}

}  // namespace vireo::event
