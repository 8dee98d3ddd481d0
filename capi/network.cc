// libvirt-network.h: the functions that need more than a generated body
// (network_generated.cc): an output argument, and the event registrations.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "capi/c_alloc.h"
#include "capi/entry_point.h"
#include "capi/object_events.h"
#include "lib/driver/domain_events.h"
#include "lib/driver/network_driver.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::DomainEvent;
using vireo::driver::DomainEventState;
using vireo::driver::EventObject;
using vireo::driver::NetworkDhcpLease;
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

char* dupOptional(const std::optional<std::string>& s) { return s ? dupString(*s) : nullptr; }

virNetworkDHCPLeasePtr leaseInfo(const NetworkDhcpLease& l) {
  virNetworkDHCPLeasePtr lease = allocZeroed<virNetworkDHCPLease>(1);
  try {
    lease->iface = dupString(l.iface);
    lease->expirytime = l.expiryTime;
    lease->type = l.type;
    lease->mac = dupOptional(l.mac);
    lease->iaid = dupOptional(l.iaid);
    lease->ipaddr = dupString(l.ipAddr);
    lease->prefix = l.prefix;
    lease->hostname = dupOptional(l.hostname);
    lease->clientid = dupOptional(l.clientId);
  } catch (...) {
    virNetworkDHCPLeaseFree(lease);
    throw;
  }
  return lease;
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

// libvirt checks nothing but the network: `leases` may be NULL (then only
// the count), and is set to NULL first.
int virNetworkGetDHCPLeases(virNetworkPtr network, const char* mac, virNetworkDHCPLeasePtr** leases,
                            unsigned int flags) {
  if (leases) *leases = nullptr;
  return guarded("virNetworkGetDHCPLeases", VIR_FROM_NETWORK, -1, [&](Call& call) {
    call.object(network);
    std::optional<std::string_view> filter;
    if (mac) filter = mac;
    std::vector<NetworkDhcpLease> list =
        call.op(&NetworkDriver::networkGetDHCPLeases)(call.impl(), network->identity, filter, flags);
    if (leases && !list.empty()) return intoList(list, leases, leaseInfo, virNetworkDHCPLeaseFree);
    return static_cast<int>(list.size());
  }, bothArgs(entryArgs("network", network), entryArgs("mac, leases, flags", mac, leases, flags)));
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
