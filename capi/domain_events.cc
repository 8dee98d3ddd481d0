// libvirt-domain.h: domain event callbacks, old (virConnectDomainEventRegister)
// and new (virConnectDomainEventRegisterAny) style.
#include <string>

#include "capi/domain_call.h"
#include "lib/driver/domain_events.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainEvent;
using vireo::driver::DomainEventState;

namespace {

// The application registers every callback as the generic type and libvirt's
// contract is that it really has the signature of its event id. Casting
// through void(*)(void) says so to the compiler.
template <typename To, typename From>
To callbackAs(From f) {
  return reinterpret_cast<To>(reinterpret_cast<void (*)(void)>(f));
}

// Calls the application's callback with the signature its event id has.
void deliver(virConnectPtr conn, int eventId, virConnectDomainEventGenericCallback cb, void* opaque,
             const DomainEvent& ev) {
  virDomainPtr dom = newDomainHandle(conn, ev.domain);
  switch (eventId) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
      callbackAs<virConnectDomainEventCallback>(cb)(conn, dom, ev.type, ev.detail, opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
      callbackAs<virConnectDomainEventDeviceAddedCallback>(cb)(conn, dom, ev.devAlias.c_str(), opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
      callbackAs<virConnectDomainEventDeviceRemovedCallback>(cb)(conn, dom, ev.devAlias.c_str(), opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
      callbackAs<virConnectDomainEventMetadataChangeCallback>(cb)(
          conn, dom, ev.type, ev.nsUri.empty() ? nullptr : ev.nsUri.c_str(), opaque);
      break;
    default:  // REBOOT and the other payload-free events
      cb(conn, dom, opaque);
      break;
  }
  unrefDomain(dom);
}

// A registration holds a reference to its connection until it is removed,
// as in libvirt, so virConnectClose reports the callbacks still registered.
// The caller takes that reference once the registration succeeded; the
// release function drops it.
DomainEventState::Callback makeCallback(virConnectPtr conn, int eventId, virConnectDomainEventGenericCallback cb,
                                        void* opaque, virFreeCallback freecb) {
  DomainEventState::Callback c;
  c.connection = conn;
  c.eventId = eventId;
  c.key = reinterpret_cast<const void*>(cb);
  c.deliver = [conn, eventId, cb, opaque](const DomainEvent& ev) { deliver(conn, eventId, cb, opaque, ev); };
  c.release = [conn, opaque, freecb] {
    if (freecb) freecb(opaque);
    unrefConnection(conn);
  };
  return c;
}

}  // namespace

extern "C" {

int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                     virConnectDomainEventGenericCallback cb, void* opaque, virFreeCallback freecb) {
  return onConnection("virConnectDomainEventRegisterAny", conn, Access::Read, -1, [&](Call& call) {
    if (dom) {
      Call check(call.function(), VIR_FROM_DOMAIN);
      check.domain(dom);
      if (dom->conn != conn) call.invalidArg("domain '" + dom->name + "' must match connection");
    }
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    call.nonNegative(eventID, "eventID");
    if (eventID >= VIR_DOMAIN_EVENT_ID_LAST)
      call.invalidArg("eventID must be less than " + std::to_string(VIR_DOMAIN_EVENT_ID_LAST));
    DomainEventState& events = call.op(&HV::domainEventState)(call.impl());
    DomainEventState::Callback c = makeCallback(conn, eventID, cb, opaque, freecb);
    if (dom) c.only = dom->uuid;
    int id = events.add(std::move(c));
    refConnection(conn);
    return id;
  }, entryArgs("dom, eventID, cb, opaque, freecb", dom, eventID, cb, opaque, freecb));
}

int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID) {
  return onConnection("virConnectDomainEventDeregisterAny", conn, Access::Read, -1, [&](Call& call) {
    call.nonNegative(callbackID, "callbackID");
    call.op(&HV::domainEventState)(call.impl()).remove(conn, callbackID);
    return 0;
  }, entryArgs("callbackID", callbackID));
}

int virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb, void* opaque,
                                  virFreeCallback freecb) {
  return onConnection("virConnectDomainEventRegister", conn, Access::Read, -1, [&](Call& call) {
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    DomainEventState& events = call.op(&HV::domainEventState)(call.impl());
    DomainEventState::Callback c = makeCallback(conn, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                callbackAs<virConnectDomainEventGenericCallback>(cb), opaque,
                                                freecb);
    c.legacy = true;
    events.add(std::move(c));
    refConnection(conn);
    return 0;
  }, entryArgs("cb, opaque, freecb", cb, opaque, freecb));
}

int virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb) {
  return onConnection("virConnectDomainEventDeregister", conn, Access::Read, -1, [&](Call& call) {
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    call.op(&HV::domainEventState)(call.impl()).removeLegacy(conn, reinterpret_cast<const void*>(cb));
    return 0;
  }, entryArgs("cb", cb));
}

}  // extern "C"
