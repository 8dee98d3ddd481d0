// The table of a connection's secret functions (libvirt-secret.h).
//
// The same rules as HypervisorDriver: one entry per public function that
// reaches a driver, named after it; a null entry (or a connection without
// this table, see SecondaryDrivers in connection.h) makes the facade report
// VIR_ERR_NO_SUPPORT through the one shared default. No driver provides this
// table yet, so every entry is still the generated one.
#pragma once

#include <string>

#include <libvirt/libvirt.h>

#include "lib/driver/connection.h"
#include "lib/driver/pending_entry.h"

namespace vireo::driver {

struct SecretDriver {
#include "lib/driver/secret_generated.inc"
};

}  // namespace vireo::driver
