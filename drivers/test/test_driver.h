// The test driver: test:///default and test:///ABSOLUTE/PATH.xml.
//
// An in-memory hypervisor with libvirt 9.0 test-driver semantics
// (../shared/reference/libvirt-api.md §3): the default node and its running
// domain "test", ids that only grow, lifecycle events, save images, and
// custom node files.
#pragma once

#include "lib/driver/registry.h"

namespace vireo::test {

extern const driver::ConnectionDriver kConnectionDriver;

}  // namespace vireo::test
