// The capabilities document against one libvirt 9.0's LXC driver wrote on
// the development VM (tests/unit/data/capabilities/lxc-libvirt-9.0.xml,
// taken with a root libvirtd in a private mount namespace): the same host
// facts and guests give the same text, except what vireo leaves out on
// purpose (the guests' <emulator>, libvirt's libvirt_lxc binary).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <regex>

#include "lib/conf/capabilities_xml.h"
#include "tests/unit/conf_reference_cases.h"

using namespace vireo;

TEST_CASE("capabilities format as libvirt's LXC driver does", "[conf][capabilities]") {
  std::string want = test::readFile(test::referenceDir("capabilities") / "lxc-libvirt-9.0.xml");
  want = std::regex_replace(want, std::regex("      <emulator>[^<]*</emulator>\n"), "");

  conf::HostCaps host;
  host.uuid = "8e16eedf-5084-4d65-bb44-0fab45436e4e";
  host.arch = "x86_64";
  host.topology.pageSizesKiB = {4, 2048, 1048576};
  HostCell cell;
  cell.memoryKiB = 24683784;
  cell.pages = {{4, 6170946}, {2048, 0}, {1048576, 0}};
  cell.distances = {{0, 10}};
  cell.cpus = {{0, 0, 0, 0, "0"}, {1, 0, 0, 1, "1"}};
  host.topology.cells = {cell};
  host.topology.caches = {{0, 3, "both", 32ULL << 20, "0-1"}};
  host.secModels = {{"none", "0"}};
  std::vector<conf::CapsGuest> guests = {{"exe", "x86_64", 64, "", {"lxc"}}, {"exe", "i686", 32, "", {"lxc"}}};

  CHECK(conf::formatCapabilities(host, guests) == want);

  SECTION("an emulator, when a driver has one, goes after the word size") {
    guests[0].emulator = "/usr/bin/x";
    CHECK(conf::formatCapabilities(host, guests).find("<wordsize>64</wordsize>\n      <emulator>/usr/bin/x</emulator>\n") !=
          std::string::npos);
  }
}

TEST_CASE("the host's topology adds up", "[conf][capabilities]") {
  HostTopology t = readHostTopology();
  REQUIRE(!t.cells.empty());
  REQUIRE(!t.pageSizesKiB.empty());
  size_t cpus = 0;
  for (const HostCell& c : t.cells) {
    CHECK(c.memoryKiB > 0);
    CHECK(c.pages.size() == t.pageSizesKiB.size());
    // Every page of every size fits in the cell's memory.
    unsigned long long kib = 0;
    for (const auto& [size, count] : c.pages) kib += size * count;
    CHECK(kib <= c.memoryKiB);
    cpus += c.cpus.size();
  }
  CHECK(cpus == static_cast<size_t>(sysconf(_SC_NPROCESSORS_ONLN)));
}
