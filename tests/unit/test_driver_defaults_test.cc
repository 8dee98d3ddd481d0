// The default node of the test driver holds what libvirt 9.0's does.
#include <catch2/catch.hpp>

#include "drivers/test/test_state.h"

using namespace vireo::test;

TEST_CASE("test:///default holds the domain, network and pool libvirt's has", "[test-driver]") {
  TestDriverState state;
  vireo::MutexLock lock(state.mu);
  loadDefaultNode(state);

  REQUIRE(state.domains.size() == 1);
  const TestDomain& dom = *state.domains.all()[0];
  CHECK(dom.def.name == "test");
  CHECK(dom.id == 1);
  CHECK(dom.state == VIR_DOMAIN_RUNNING);
  CHECK(dom.reason == VIR_DOMAIN_RUNNING_UNKNOWN);
  CHECK(state.nextId == 2);

  REQUIRE(state.networks.size() == 1);
  CHECK(state.networks[0].def.name == "default");
  CHECK(state.networks[0].def.uuid.toString() == "dd8fe884-6c02-601e-7551-cca97df1c5df");
  CHECK(state.networks[0].def.bridge.name == "virbr0");
  CHECK(state.networks[0].active);
  CHECK(state.networks[0].persistent);

  REQUIRE(state.pools.size() == 1);
  CHECK(state.pools[0].def.name == "default-pool");
  CHECK(state.pools[0].def.uuid.toString() == "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566");
  CHECK(state.pools[0].def.targetPath == "/default-pool");
  CHECK(state.pools[0].def.capacity == 107374182400ULL);
  CHECK(state.pools[0].def.allocation == 0);
  CHECK(state.pools[0].def.available == 107374182400ULL);
  CHECK(state.pools[0].active);
  CHECK(state.pools[0].volumes.empty());

  CHECK(state.node.info.cpus == 16);
  CHECK(state.node.info.memory == 3145728);
}
