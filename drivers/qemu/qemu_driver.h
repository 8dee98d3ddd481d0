// The QEMU driver: qemu:///embed?root=DIR, qemu:///system, qemu:///session.
#pragma once

#include "lib/driver/registry.h"

namespace vireo::qemu {

extern const driver::ConnectionDriver kConnectionDriver;

}  // namespace vireo::qemu
