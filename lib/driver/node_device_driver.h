// The table of a connection's node-device functions (libvirt-nodedev.h).
//
// The same rules as HypervisorDriver: one entry per public function that
// reaches a driver, named after it; a null entry (or a connection without
// this table, see SecondaryDrivers in connection.h) makes the facade report
// VIR_ERR_NO_SUPPORT through the one shared default. No driver provides this
// table yet, so every entry is still the generated one; they take C++ types
// (capi/gen_entry_points.py, CXX_TABLES).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libvirt/libvirt.h>

#include "lib/driver/connection.h"
#include "lib/driver/pending_entry.h"
#include "lib/util/uuid.h"

namespace vireo::driver {

struct NodeDeviceDriver {
#include "lib/driver/node_device_generated.inc"
};

}  // namespace vireo::driver
