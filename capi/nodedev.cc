// libvirt-nodedev.h: the functions that need more than a generated body
// (nodedev_generated.cc): lists into the caller's array, the parent name,
// and the event registrations.
#include <string>

#include "capi/entry_point.h"
#include "capi/object_events.h"
#include "lib/driver/domain_events.h"
#include "lib/driver/node_device_driver.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::DomainEvent;
using vireo::driver::DomainEventState;
using vireo::driver::EventObject;
using vireo::driver::NodeDeviceDriver;

namespace {

// The event's handle carries the name only, as libvirt's does (GetParent
// asks the driver).
void deliver(virConnectPtr conn, virConnectNodeDeviceEventGenericCallback cb, void* opaque, const DomainEvent& ev) {
  virNodeDevicePtr dev = newObjectHandle(conn, ev.nodeDevice);
  if (ev.eventId == VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE) {
    // libvirt's contract: the registered function has the signature of its event id.
    auto lifecycle =
        reinterpret_cast<virConnectNodeDeviceEventLifecycleCallback>(reinterpret_cast<void (*)(void)>(cb));
    lifecycle(conn, dev, ev.type, ev.detail, opaque);
  } else {
    cb(conn, dev, opaque);
  }
  unrefObject(dev);
}

}  // namespace

extern "C" {

// `cap` may be NULL: every device.
int virNodeListDevices(virConnectPtr conn, const char* cap, char** const names, int maxnames, unsigned int flags) {
  return guarded("virNodeListDevices", VIR_FROM_NODEDEV, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNullArray(names, maxnames, "names");
    call.nonNegative(maxnames, "maxnames");
    auto entry = call.op(&NodeDeviceDriver::nodeListDevices);
    return copyNames(entry(call.impl(), toCxx(call, OptionalText{cap}), flags), names, maxnames);
  }, bothArgs(entryArgs("conn", conn), entryArgs("cap, names, maxnames, flags", cap, names, maxnames, flags)));
}

// libvirt answers from the handle when the lookup gave the parent's name;
// otherwise it asks the driver once and keeps the answer in the handle.
const char* virNodeDeviceGetParent(virNodeDevicePtr dev) {
  return guarded("virNodeDeviceGetParent", VIR_FROM_NODEDEV, static_cast<const char*>(nullptr), [&](Call& call) {
    call.object(dev);
    if (!dev->identity.parent.empty()) return dev->identity.parent.c_str();
    MutexLock lock(dev->parentMu);
    if (!dev->askedParent)
      dev->askedParent = call.op(&NodeDeviceDriver::nodeDeviceGetParent)(call.impl(), dev->identity);
    // Set once and never changed again, so the pointer stays valid.
    return dev->askedParent->c_str();
  }, entryArgs("dev", dev));
}

int virNodeDeviceListCaps(virNodeDevicePtr dev, char** const names, int maxnames) {
  return guarded("virNodeDeviceListCaps", VIR_FROM_NODEDEV, -1, [&](Call& call) {
    call.object(dev);
    call.nonNullArray(names, maxnames, "names");
    call.nonNegative(maxnames, "maxnames");
    return copyNames(call.op(&NodeDeviceDriver::nodeDeviceListCaps)(call.impl(), dev->identity), names, maxnames);
  }, bothArgs(entryArgs("dev", dev), entryArgs("names, maxnames", names, maxnames)));
}

int virConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                         virConnectNodeDeviceEventGenericCallback cb, void* opaque,
                                         virFreeCallback freecb) {
  return guarded("virConnectNodeDeviceEventRegisterAny", VIR_FROM_NODEDEV, -1, [&](Call& call) {
    call.connection(conn);
    auto what = [](decltype(dev) h) { return "node device '" + h->identity.name + "'"; };
    checkEventRegistration(call, conn, dev, what, reinterpret_cast<const void*>(cb), eventID,
                           VIR_NODE_DEVICE_EVENT_ID_LAST);
    DomainEventState& events = call.op(&NodeDeviceDriver::nodeDeviceEventState)(call.impl());
    DomainEventState::Callback c;
    c.object = EventObject::NodeDevice;
    c.eventId = eventID;
    c.key = reinterpret_cast<const void*>(cb);
    if (dev) c.onlyName = dev->identity.name;
    c.deliver = [conn, cb, opaque](const DomainEvent& ev) { deliver(conn, cb, opaque, ev); };
    return addEventRegistration(events, conn, std::move(c), opaque, freecb);
  }, bothArgs(entryArgs("conn", conn), entryArgs("dev, eventID, cb, opaque, freecb", dev, eventID, cb, opaque,
                                                 freecb)));
}

int virConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID) {
  return guarded("virConnectNodeDeviceEventDeregisterAny", VIR_FROM_NODEDEV, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNegative(callbackID, "callbackID");
    call.op(&NodeDeviceDriver::nodeDeviceEventState)(call.impl()).remove(conn, callbackID);
    return 0;
  }, bothArgs(entryArgs("conn", conn), entryArgs("callbackID", callbackID)));
}

int virNodeDeviceGetAutostart(virNodeDevicePtr dev, int* autostart) {
  return guarded("virNodeDeviceGetAutostart", VIR_FROM_NODEDEV, -1, [&](Call& call) {
    call.object(dev);
    // libvirt 9.0 checks no argument here: the driver answers first (an
    // error of its own even for a NULL `autostart`, where libvirt would
    // write through it after a success).
    int value = call.op(&NodeDeviceDriver::nodeDeviceGetAutostart)(call.impl(), dev->identity);
    call.nonNull(autostart, "autostart");
    *autostart = value;
    return 0;
  }, bothArgs(entryArgs("dev", dev), entryArgs("autostart", autostart)));
}

}  // extern "C"
