// libvirt-storage.h: storage pool events (lifecycle and refresh).
#include <string>

#include "capi/object_events.h"
#include "lib/driver/storage_driver.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::DomainEvent;
using vireo::driver::DomainEventState;
using vireo::driver::EventObject;
using vireo::driver::StorageDriver;

namespace {

// libvirt's contract: the registered function has the signature of its
// event id; REFRESH has the generic one.
void deliver(virConnectPtr conn, virConnectStoragePoolEventGenericCallback cb, void* opaque, const DomainEvent& ev) {
  virStoragePoolPtr pool = newObjectHandle(conn, ev.storagePool);
  if (ev.eventId == VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE) {
    auto lifecycle =
        reinterpret_cast<virConnectStoragePoolEventLifecycleCallback>(reinterpret_cast<void (*)(void)>(cb));
    lifecycle(conn, pool, ev.type, ev.detail, opaque);
  } else {
    cb(conn, pool, opaque);
  }
  unrefObject(pool);
}

}  // namespace

extern "C" {

int virConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool, int eventID,
                                          virConnectStoragePoolEventGenericCallback cb, void* opaque,
                                          virFreeCallback freecb) {
  return guarded("virConnectStoragePoolEventRegisterAny", VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.connection(conn);
    auto what = [](virStoragePoolPtr p) { return "storage pool '" + p->identity.name + "'"; };
    checkEventRegistration(call, conn, pool, what, reinterpret_cast<const void*>(cb), eventID,
                           VIR_STORAGE_POOL_EVENT_ID_LAST);
    DomainEventState& events = call.op(&StorageDriver::storagePoolEventState)(call.impl());
    DomainEventState::Callback c;
    c.object = EventObject::StoragePool;
    c.eventId = eventID;
    c.key = reinterpret_cast<const void*>(cb);
    if (pool) c.only = pool->identity.uuid;
    c.deliver = [conn, cb, opaque](const DomainEvent& ev) { deliver(conn, cb, opaque, ev); };
    return addEventRegistration(events, conn, std::move(c), opaque, freecb);
  }, bothArgs(entryArgs("conn", conn), entryArgs("pool, eventID, cb, opaque, freecb", pool, eventID, cb, opaque,
                                                 freecb)));
}

int virConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID) {
  return guarded("virConnectStoragePoolEventDeregisterAny", VIR_FROM_STORAGE, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNegative(callbackID, "callbackID");
    call.op(&StorageDriver::storagePoolEventState)(call.impl()).remove(conn, callbackID);
    return 0;
  }, bothArgs(entryArgs("conn", conn), entryArgs("callbackID", callbackID)));
}

}  // extern "C"
