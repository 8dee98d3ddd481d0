// libvirt-interface.h: the functions that need more than a generated body
// (interface_generated.cc).
#include "capi/entry_point.h"
#include "lib/driver/interface_driver.h"

using namespace vireo;
using namespace vireo::capi;

extern "C" {

// Answered from the handle, as libvirt's virInterface keeps the MAC address
// it was looked up with ("" for an interface without one).
const char* virInterfaceGetMACString(virInterfacePtr iface) {
  return onHandle({"virInterfaceGetMACString", VIR_FROM_INTERFACE, Access::Read, "", "iface"}, iface,
                  [](virInterfacePtr h) { return h->identity.mac.c_str(); });
}

}  // extern "C"
