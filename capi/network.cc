// libvirt-network.h: the functions that need more than a generated body
// (network_generated.cc): an output argument, and the event registrations.
#include <string>

#include "capi/entry_point.h"
#include "capi/object_events.h"
#include "lib/driver/domain_events.h"
#include "lib/driver/network_driver.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::DomainEvent;
using vireo::driver::DomainEventState;
using vireo::driver::EventObject;
using vireo::driver::NetworkDriver;

namespace {

void deliver(virConnectPtr conn, virConnectNetworkEventGenericCallback cb, void* opaque, const DomainEvent& ev) {
  virNetworkPtr net = newObjectHandle(conn, ev.network);
  // The only network event id is LIFECYCLE; libvirt's contract is that the
  // registered function has its signature.
  auto lifecycle = reinterpret_cast<virConnectNetworkEventLifecycleCallback>(reinterpret_cast<void (*)(void)>(cb));
  lifecycle(conn, net, ev.type, ev.detail, opaque);
  unrefObject(net);
}

}  // namespace

extern "C" {

int virNetworkGetAutostart(virNetworkPtr network, int* autostart) {
  return guarded("virNetworkGetAutostart", VIR_FROM_NETWORK, -1, [&](Call& call) {
    call.object(network);
    call.nonNull(autostart, "autostart");
    *autostart = call.op(&NetworkDriver::networkGetAutostart)(call.impl(), network->identity);
    return 0;
  }, bothArgs(entryArgs("network", network), entryArgs("autostart", autostart)));
}

int virConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                      virConnectNetworkEventGenericCallback cb, void* opaque,
                                      virFreeCallback freecb) {
  return guarded("virConnectNetworkEventRegisterAny", VIR_FROM_NETWORK, -1, [&](Call& call) {
    call.connection(conn);
    if (net) {
      Call check(call.function(), VIR_FROM_NETWORK);
      check.object(net);
      if (net->conn != conn)
        call.invalidArg("network '" + net->identity.name + "' in " + call.function() + " must match connection");
    }
    ObjectEventRegistration r;
    r.object = EventObject::Network;
    r.eventId = eventID;
    r.eventIdLast = VIR_NETWORK_EVENT_ID_LAST;
    r.callback = reinterpret_cast<const void*>(cb);
    r.opaque = opaque;
    r.freecb = freecb;
    if (net) r.onlyUuid = net->identity.uuid;
    r.deliver = [conn, cb, opaque](const DomainEvent& ev) { deliver(conn, cb, opaque, ev); };
    auto events = [&]() -> DomainEventState& { return call.op(&NetworkDriver::networkEventState)(call.impl()); };
    return addObjectEventCallback(call, conn, events, std::move(r));
  }, bothArgs(entryArgs("conn", conn), entryArgs("net, eventID, cb, opaque, freecb", net, eventID, cb, opaque, freecb)));
}

int virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID) {
  return guarded("virConnectNetworkEventDeregisterAny", VIR_FROM_NETWORK, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNegative(callbackID, "callbackID");
    call.op(&NetworkDriver::networkEventState)(call.impl()).remove(conn, callbackID);
    return 0;
  }, bothArgs(entryArgs("conn", conn), entryArgs("callbackID", callbackID)));
}

}  // extern "C"
