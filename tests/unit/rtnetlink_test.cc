// lib/util/rtnetlink on the host's own links, read-only (no root needed):
// looking links up, their counters, and the errors, in the caller's error
// domain. Creating links is tested by the container driver's integration
// tests (lxc-net, lxc-userns), which need root.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <string>

#include <libvirt/virterror.h>

#include "lib/util/error.h"
#include "lib/util/rtnetlink.h"

using vireo::Error;
using vireo::netlink::RouteSocket;

TEST_CASE("rtnetlink: links are found by name, a missing one is none", "[rtnetlink]") {
  RouteSocket sock(VIR_FROM_LXC);
  std::optional<int> lo = sock.linkIndex("lo");
  REQUIRE(lo.has_value());
  CHECK(*lo > 0);
  CHECK_FALSE(sock.linkIndex("vireo-nosuch0").has_value());
}

TEST_CASE("rtnetlink: a link's counters, and a missing link's error", "[rtnetlink]") {
  RouteSocket sock(VIR_FROM_QEMU);
  vireo::netlink::LinkStats before = sock.linkStats("lo");
  vireo::netlink::LinkStats after = sock.linkStats("lo");
  // Counters only grow (other processes may use loopback meanwhile).
  CHECK(after.rxPackets >= before.rxPackets);
  CHECK(after.txBytes >= before.txBytes);
  try {
    sock.linkStats("vireo-nosuch0");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.domain() == VIR_FROM_QEMU);
    CHECK(e.message() == "Unable to get statistics of interface 'vireo-nosuch0': No such device");
  }
}

TEST_CASE("rtnetlink: bad addresses are refused before the kernel is asked", "[rtnetlink]") {
  RouteSocket sock(VIR_FROM_LXC);
  try {
    sock.addAddress("lo", {"10.0.0.300", 24});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_INVALID_ARG);
    CHECK(e.domain() == VIR_FROM_LXC);
    CHECK(e.message().find("Cannot parse IP address '10.0.0.300'") != std::string::npos);
  }
  CHECK_THROWS_WITH(sock.addAddress("lo", {"10.0.0.3", 33}),
                    Catch::Contains("Invalid prefix 33 for address '10.0.0.3'"));
  CHECK_THROWS_WITH(sock.addRoute("lo", {"fd00::", 64}, "10.0.0.1"),
                    Catch::Contains("the gateway is not of the destination's address family"));
}

TEST_CASE("rtnetlink: a socket in another process's namespace", "[rtnetlink]") {
  // Our own namespace, reached through /proc/PID/ns/net: the same links.
  RouteSocket mine = RouteSocket::inNamespaceOf(getpid(), VIR_FROM_LXC);
  CHECK(mine.linkIndex("lo") == RouteSocket(VIR_FROM_LXC).linkIndex("lo"));
  CHECK_THROWS_WITH(RouteSocket::inNamespaceOf(0x3fffffff, VIR_FROM_LXC),
                    Catch::Contains("Unable to open /proc/1073741823/ns/net: No such file or directory"));
}
