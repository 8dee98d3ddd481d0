// The table of a connection's network-filter functions (libvirt-nwfilter.h: filters and their bindings).
//
// The same rules as HypervisorDriver: one entry per public function that
// reaches a driver, named after it; a null entry (or a connection without
// this table, see SecondaryDrivers in connection.h) makes the facade report
// VIR_ERR_NO_SUPPORT through the one shared default. Every entry is a
// generated one, taking C++ types (capi/gen_entry_points.py, CXX_TABLES): a
// filter as its NWFilterIdentity, a binding as its NWFilterBindingIdentity.
// The remote driver fills it (the daemon's nwfilter driver); vireo's test
// driver has none, as libvirt's.
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

struct NWFilterDriver {
#include "lib/driver/nwfilter_generated.inc"
};

}  // namespace vireo::driver
