// The test driver's host-interface table (test_interface.cc).
#pragma once

#include "drivers/test/test_state.h"
#include "lib/driver/interface_driver.h"
#include "lib/util/xml.h"

namespace vireo::test {

extern const driver::InterfaceDriver kInterfaceDriver;

// An <interface> of a node file (test:///PATH.xml): running, replacing an
// interface of the same name, as in libvirt's test driver.
void loadInterface(TestDriverState& state, const xml::Element& e) REQUIRES(state.mu);

}  // namespace vireo::test
