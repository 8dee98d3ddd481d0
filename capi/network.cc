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
    auto what = [](decltype(net) h) { return "network '" + h->identity.name + "'"; };
    checkEventRegistration(call, conn, net, what, reinterpret_cast<const void*>(cb), eventID, VIR_NETWORK_EVENT_ID_LAST);
    DomainEventState& events = call.op(&NetworkDriver::networkEventState)(call.impl());
    DomainEventState::Callback c;
    c.object = EventObject::Network;
    c.eventId = eventID;
    c.key = reinterpret_cast<const void*>(cb);
    if (net) c.only = net->identity.uuid;
    c.deliver = [conn, cb, opaque](const DomainEvent& ev) { deliver(conn, cb, opaque, ev); };
    return addEventRegistration(events, conn, std::move(c), opaque, freecb);
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
