// libvirt-nwfilter.h: the functions that need more than a generated body
// (nwfilter_generated.cc): a binding's port device and filter name, which
// libvirt answers from the handle.
#include "capi/entry_point.h"
#include "lib/driver/nwfilter_driver.h"

using namespace vireo;
using namespace vireo::capi;

extern "C" {

// Both live as long as the handle, as libvirt's do.
const char* virNWFilterBindingGetPortDev(virNWFilterBindingPtr binding) {
  return guarded("virNWFilterBindingGetPortDev", VIR_FROM_NWFILTER, static_cast<const char*>(nullptr),
                 [&](Call& call) { return call.object(binding)->identity.portDev.c_str(); },
                 entryArgs("binding", binding));
}

const char* virNWFilterBindingGetFilterName(virNWFilterBindingPtr binding) {
  return guarded("virNWFilterBindingGetFilterName", VIR_FROM_NWFILTER, static_cast<const char*>(nullptr),
                 [&](Call& call) { return call.object(binding)->identity.filterName.c_str(); },
                 entryArgs("binding", binding));
}

}  // extern "C"
