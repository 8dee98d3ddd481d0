// libvirt-nodedev.h: the functions that need more than a generated body
// (nodedev_generated.cc).
#include <string>

#include "capi/entry_point.h"
#include "lib/driver/node_device_driver.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::NodeDeviceDriver;

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

// No driver delivers node device events yet: after libvirt's checks of the
// arguments the null entry reports VIR_ERR_NO_SUPPORT.
int virConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                         virConnectNodeDeviceEventGenericCallback cb, void* opaque,
                                         virFreeCallback freecb) {
  return guarded("virConnectNodeDeviceEventRegisterAny", VIR_FROM_NODEDEV, -1, [&](Call& call) -> int {
    call.connection(conn);
    if (dev) {
      Call check(call.function(), VIR_FROM_NODEDEV);
      check.object(dev);
      if (dev->conn != conn)
        call.invalidArg("node device '" + dev->identity.name + "' in " + call.function() +
                        " must match connection");
    }
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    call.nonNegative(eventID, "eventID");
    if (eventID >= VIR_NODE_DEVICE_EVENT_ID_LAST)
      call.invalidArg("eventID in " + std::string(call.function()) + " must be less than " +
                      std::to_string(VIR_NODE_DEVICE_EVENT_ID_LAST));
    call.pending(&NodeDeviceDriver::connectNodeDeviceEventRegisterAny);
  }, bothArgs(entryArgs("conn", conn), entryArgs("dev, eventID, cb, opaque, freecb", dev, eventID, cb, opaque,
                                                 freecb)));
}

}  // extern "C"
