// The virStreamPtr handle.
//
// virStreamNew makes a handle with no backing; a driver call that opens it
// (virDomainOpenConsole, ...) attaches a driver::Stream. Until then every
// data call reports VIR_ERR_NO_SUPPORT, as libvirt does for a stream without
// a driver. The handle is reference counted like the others and holds one
// reference to its connection; a registered event callback holds one more
// reference to the handle until the event loop frees its watch.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include <libvirt/libvirt.h>

#include "capi/facade.h"
#include "lib/driver/stream.h"
#include "lib/util/mutex.h"

namespace vireo::capi {

constexpr uint32_t kStreamMagic = 0x56535452;  // "VSTR"

// The application's callback registered with virStreamEventAddCallback.
struct StreamCallback {
  virStreamEventCallback cb = nullptr;
  void* opaque = nullptr;
  virFreeCallback ff = nullptr;
};

}  // namespace vireo::capi

struct _virStream {
  std::atomic<uint32_t> magic{vireo::capi::kStreamMagic};
  std::atomic<int> refs{1};
  virConnectPtr conn = nullptr;  // holds one reference
  unsigned int flags = 0;        // virStreamFlags given to virStreamNew

  vireo::Mutex mutex;
  std::shared_ptr<vireo::driver::Stream> impl GUARDED_BY(mutex);  // null until a driver opens it
  int watch GUARDED_BY(mutex) = 0;                                 // event loop watch, 0 when none
  // Shared with the watch, which may still dispatch after a removal.
  std::shared_ptr<vireo::capi::StreamCallback> callback GUARDED_BY(mutex);
};

namespace vireo::capi {

// Validates `st`: VIR_ERR_INVALID_STREAM in VIR_FROM_STREAMS for a NULL,
// freed or foreign pointer (as libvirt), VIR_ERR_INVALID_CONN when its
// connection is gone.
virStreamPtr checkStream(const Call& call, const void* st);

// Gives `st` the backing a driver opened for it, in the stream's blocking
// mode. Used by the functions that open streams (virDomainOpenConsole, ...).
void attachStream(virStreamPtr st, std::shared_ptr<driver::Stream> impl);

}  // namespace vireo::capi
