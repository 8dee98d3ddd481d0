// virConnectOpen for a remote URI (drivers/remote/remote_driver.cc registers it).
#pragma once

#include <libvirt/libvirt.h>

#include "lib/driver/connection.h"

namespace vireo::remote {

// Connects to the daemon the URI names, authenticates, and opens the
// daemon's driver; sets the connection's state. Throws the transport's or
// the daemon's error.
void openRemote(driver::Connection& conn, virConnectAuthPtr auth, unsigned int flags);

}  // namespace vireo::remote
