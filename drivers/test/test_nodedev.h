// The test driver's node-device table (test_nodedev.cc).
#pragma once

#include "lib/driver/node_device_driver.h"

namespace vireo::test {

extern const driver::NodeDeviceDriver kNodeDeviceDriver;

}  // namespace vireo::test
