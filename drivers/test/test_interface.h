// The test driver's host-interface table (test_interface.cc).
#pragma once

#include "lib/driver/interface_driver.h"

namespace vireo::test {

extern const driver::InterfaceDriver kInterfaceDriver;

}  // namespace vireo::test
