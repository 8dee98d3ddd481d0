// The remote driver: libvirt's RPC client to an existing libvirtd
// (DRIVER+TRANSPORT://[USER@]HOST[:PORT]/PATH, remote://). doc/remote.md.
#pragma once

#include "lib/driver/registry.h"

namespace vireo::remote {

extern const driver::ConnectionDriver kConnectionDriver;

}  // namespace vireo::remote
