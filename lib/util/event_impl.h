// The pluggable event loop: which implementation receives handle and timer
// requests.
//
// libvirt never runs an event loop of its own accord. The application either
// registers its own loop (virEventRegisterImpl: six function pointers, e.g.
// libvirt-python's asyncio loop) or the built-in one (virEventRegisterDefaultImpl,
// see event_loop.h). Everything in the library that needs a file handle watched
// or a timer armed goes through addHandle()/addTimeout() below, which forward
// to whichever implementation is registered.
//
// libvirt 9.0.0 rules reproduced here:
//   * The first registration wins. A later one is ignored (libvirt logs
//     "Ignoring attempt to replace registered event loop"), including
//     virEventRegisterDefaultImpl after a custom loop and the reverse.
//   * With nothing registered, the Add and Remove calls return -1 and report
//     no error; the Update calls do nothing.
//   * The implementation's own return values pass through unchanged.
#pragma once

#include <mutex>

#include <libvirt/libvirt.h>

namespace vireo::event {

// The six entry points of an event loop implementation. Any of them may be
// null; a call that finds its pointer null fails as if nothing were registered.
struct Impl {
  virEventAddHandleFunc addHandle = nullptr;
  virEventUpdateHandleFunc updateHandle = nullptr;
  virEventRemoveHandleFunc removeHandle = nullptr;
  virEventAddTimeoutFunc addTimeout = nullptr;
  virEventUpdateTimeoutFunc updateTimeout = nullptr;
  virEventRemoveTimeoutFunc removeTimeout = nullptr;

  // True when at least one pointer is set.
  bool any() const noexcept;
};

// One registration slot and the forwarding calls. The library uses a single
// process-wide Registry (the free functions below); tests make their own.
// Thread-safe: the pointers are copied under a lock and called without it, so
// an implementation may call back into the registry from its own functions.
class Registry {
 public:
  // Installs `impl` if no implementation is registered yet (an Impl with all
  // pointers null counts as none). Returns false, changing nothing, when one
  // already is.
  bool registerImpl(const Impl& impl);

  // A copy of the registered pointers (all null when none).
  Impl current() const;

  // libvirt's virEventRequireImpl test: the handle and timeout Add functions
  // are both registered.
  bool haveImpl() const;

  // Throws vireo::Error VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_EVENT,
  // "unsupported configuration: An event loop implementation must be
  // registered" unless haveImpl(). Drivers that need events call it at open.
  void requireImpl() const;

  // Forwarders. Return -1 when the matching pointer is null, otherwise
  // whatever the implementation returns. Never throw.
  int addHandle(int fd, int events, virEventHandleCallback cb, void* opaque,
                virFreeCallback ff) const noexcept;
  void updateHandle(int watch, int events) const noexcept;
  int removeHandle(int watch) const noexcept;
  int addTimeout(int frequencyMs, virEventTimeoutCallback cb, void* opaque,
                 virFreeCallback ff) const noexcept;
  void updateTimeout(int timer, int frequencyMs) const noexcept;
  int removeTimeout(int timer) const noexcept;

 private:
  mutable std::mutex mutex_;
  Impl impl_;
};

// The process-wide registry behind the free functions below. Never destroyed,
// so that threads still running at exit can call it.
Registry& registry();

// Shorthands for registry().X(...). registerImpl returns false when the call
// was ignored because an implementation was already registered.
bool registerImpl(const Impl& impl);
bool haveImpl();
void requireImpl();
int addHandle(int fd, int events, virEventHandleCallback cb, void* opaque, virFreeCallback ff);
void updateHandle(int watch, int events);
int removeHandle(int watch);
int addTimeout(int frequencyMs, virEventTimeoutCallback cb, void* opaque, virFreeCallback ff);
void updateTimeout(int timer, int frequencyMs);
int removeTimeout(int timer);

}  // namespace vireo::event
