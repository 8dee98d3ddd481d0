// libvirt-event.h: the pluggable event loop and the built-in one.
#include "capi/facade.h"
#include "lib/util/event_loop.h"

using namespace vireo;
using namespace vireo::capi;

extern "C" {

void virEventRegisterImpl(virEventAddHandleFunc addHandle, virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle, virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout, virEventRemoveTimeoutFunc removeTimeout) {
  resetThreadError();
  event::registerImpl({addHandle, updateHandle, removeHandle, addTimeout, updateTimeout, removeTimeout});
}

int virEventRegisterDefaultImpl(void) {
  return guarded("virEventRegisterDefaultImpl", VIR_FROM_EVENT, -1, [&](Call&) {
    event::registerDefaultImpl();
    return 0;
  });
}

int virEventRunDefaultImpl(void) {
  return guarded("virEventRunDefaultImpl", VIR_FROM_EVENT, -1, [&](Call&) { return event::runDefaultImpl(); });
}

int virEventAddHandle(int fd, int events, virEventHandleCallback cb, void* opaque, virFreeCallback ff) {
  return event::addHandle(fd, events, cb, opaque, ff);
}

void virEventUpdateHandle(int watch, int events) { event::updateHandle(watch, events); }

int virEventRemoveHandle(int watch) { return event::removeHandle(watch); }

int virEventAddTimeout(int timeout, virEventTimeoutCallback cb, void* opaque, virFreeCallback ff) {
  return event::addTimeout(timeout, cb, opaque, ff);
}

void virEventUpdateTimeout(int timer, int timeout) { event::updateTimeout(timer, timeout); }

int virEventRemoveTimeout(int timer) { return event::removeTimeout(timer); }

}  // extern "C"
