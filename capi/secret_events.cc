// libvirt-secret.h: secret events (lifecycle and value changed).
#include <string>

#include "capi/object_events.h"
#include "lib/driver/secret_driver.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::DomainEvent;
using vireo::driver::DomainEventState;
using vireo::driver::EventObject;
using vireo::driver::SecretDriver;

namespace {

// libvirt's contract: the registered function has the signature of its
// event id; VALUE_CHANGED has the generic one.
void deliver(virConnectPtr conn, virConnectSecretEventGenericCallback cb, void* opaque, const DomainEvent& ev) {
  virSecretPtr secret = newObjectHandle(conn, ev.secret);
  if (ev.eventId == VIR_SECRET_EVENT_ID_LIFECYCLE) {
    auto lifecycle = reinterpret_cast<virConnectSecretEventLifecycleCallback>(reinterpret_cast<void (*)(void)>(cb));
    lifecycle(conn, secret, ev.type, ev.detail, opaque);
  } else {
    cb(conn, secret, opaque);
  }
  unrefObject(secret);
}

}  // namespace

extern "C" {

int virConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                     virConnectSecretEventGenericCallback cb, void* opaque, virFreeCallback freecb) {
  return guarded("virConnectSecretEventRegisterAny", VIR_FROM_SECRET, -1, [&](Call& call) {
    call.connection(conn);
    auto what = [](virSecretPtr s) { return "secret '" + s->identity.uuid.toString() + "'"; };
    checkEventRegistration(call, conn, secret, what, reinterpret_cast<const void*>(cb), eventID,
                           VIR_SECRET_EVENT_ID_LAST);
    DomainEventState& events = call.op(&SecretDriver::secretEventState)(call.impl());
    DomainEventState::Callback c;
    c.object = EventObject::Secret;
    c.eventId = eventID;
    c.key = reinterpret_cast<const void*>(cb);
    if (secret) c.only = secret->identity.uuid;
    c.deliver = [conn, cb, opaque](const DomainEvent& ev) { deliver(conn, cb, opaque, ev); };
    return addEventRegistration(events, conn, std::move(c), opaque, freecb);
  }, bothArgs(entryArgs("conn", conn), entryArgs("secret, eventID, cb, opaque, freecb", secret, eventID, cb,
                                                 opaque, freecb)));
}

int virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID) {
  return guarded("virConnectSecretEventDeregisterAny", VIR_FROM_SECRET, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNegative(callbackID, "callbackID");
    call.op(&SecretDriver::secretEventState)(call.impl()).remove(conn, callbackID);
    return 0;
  }, bothArgs(entryArgs("conn", conn), entryArgs("callbackID", callbackID)));
}

}  // extern "C"
