// The test driver's node-device table (test_nodedev.cc).
#pragma once

#include "drivers/test/test_state.h"
#include "lib/driver/node_device_driver.h"
#include "lib/util/xml.h"

namespace vireo::test {

extern const driver::NodeDeviceDriver kNodeDeviceDriver;

// A <device> of a node file (test:///PATH.xml), read as an existing device;
// it replaces a device of the same name, as in libvirt's test driver.
void loadNodeDevice(TestDriverState& state, const xml::Element& e) REQUIRES(state.mu);

}  // namespace vireo::test
