// The table of a connection's host-interface functions (libvirt-interface.h).
//
// The same rules as HypervisorDriver: one entry per public function that
// reaches a driver, named after it; a null entry (or a connection without
// this table, see SecondaryDrivers in connection.h) makes the facade report
// VIR_ERR_NO_SUPPORT through the one shared default. The generated entries
// take C++ types (capi/gen_entry_points.py, CXX_TABLES): an interface as its
// InterfaceIdentity; virInterfaceGetMACString is answered from the handle
// (capi/interface.cc).
//
// Every entry reports failure by throwing vireo::Error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libvirt/libvirt.h>

#include "lib/driver/connection.h"
#include "lib/driver/object_identity.h"
#include "lib/driver/pending_entry.h"
#include "lib/util/uuid.h"

namespace vireo::driver {

struct InterfaceDriver {
#include "lib/driver/interface_generated.inc"
};

}  // namespace vireo::driver
