// The test driver's network table (test_network.cc).
#pragma once

#include "lib/driver/network_driver.h"

namespace vireo::test {

extern const driver::NetworkDriver kNetworkDriver;

}  // namespace vireo::test
