// lib/cgroup's layout detection from sample mountinfo and /proc/PID/cgroup
// text: pure functions, no root needed.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "lib/cgroup/cgroup_layout.h"

using namespace vireo::cgroup;

namespace {

// A hybrid host like the development machine: v1 controllers under
// /sys/fs/cgroup, v2 at /sys/fs/cgroup/unified.
const char* kHybrid =
    "23 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory\n"
    "37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
    // A bind of the memory hierarchy elsewhere: the first mount wins.
    "90 23 0:32 /x /mnt/mem\\040copy rw - cgroup cgroup rw,memory\n";

const char* kPureV2 =
    "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 "
    "rw,nsdelegate,memory_recursiveprot\n";

const char* kPureV1 =
    "32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"
    "33 31 0:30 / /sys/fs/cgroup/cpuacct rw - cgroup cgroup rw,cpuacct\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
    "37 31 0:34 / /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer\n";

}  // namespace

TEST_CASE("cgroup mounts: v1 controllers, co-mounts, names and v2", "[cgroup]") {
  CgroupMounts m = parseCgroupMounts(kHybrid);
  CHECK(m.unified == "/sys/fs/cgroup/unified");
  CHECK(m.v1.at("cpu") == "/sys/fs/cgroup/cpu,cpuacct");
  CHECK(m.v1.at("cpuacct") == "/sys/fs/cgroup/cpu,cpuacct");
  CHECK(m.v1.at("memory") == "/sys/fs/cgroup/memory");
  CHECK(m.v1.at("freezer") == "/sys/fs/cgroup/freezer");
  CHECK(m.v1.at("name=systemd") == "/sys/fs/cgroup/systemd");
  CHECK(m.v1.count("rw") == 0);
  CHECK(m.v1.count("xattr") == 0);
  CHECK(m.v1.size() == 5);

  CgroupMounts v2 = parseCgroupMounts(kPureV2);
  CHECK(v2.unified == "/sys/fs/cgroup");
  CHECK(v2.v1.empty());

  CHECK(parseCgroupMounts("").unified.empty());
  CHECK(parseCgroupMounts("garbage line\n1 2 3\n").v1.empty());
  // An escaped mount point is unescaped.
  CgroupMounts esc = parseCgroupMounts("9 1 0:5 / /a\\040b rw - cgroup cgroup rw,pids\n");
  CHECK(esc.v1.at("pids") == "/a b");
}

TEST_CASE("cgroup placement of a process: v1 per controller, v2 under the empty key", "[cgroup]") {
  auto p = parseProcCgroup("9:name=systemd:/\n4:memory:/process_api/da89\n2:cpu,cpuacct:/x\n0::/init.scope\n");
  CHECK(p.at("memory") == "/process_api/da89");
  CHECK(p.at("cpu") == "/x");
  CHECK(p.at("cpuacct") == "/x");
  CHECK(p.at("name=systemd") == "/");
  CHECK(p.at("") == "/init.scope");
  CHECK(parseProcCgroup("").empty());
}

TEST_CASE("cgroup hierarchies: v2 where it offers the resource, v1 otherwise", "[cgroup]") {
  SECTION("hybrid, no v2 controller: controllers in v1, freezer and CPU time in v2's core files") {
    auto h = chooseHierarchies(parseCgroupMounts(kHybrid), {"hugetlb"});
    CHECK(h.at(Resource::Memory) == Hierarchy{1, "/sys/fs/cgroup/memory", "memory"});
    CHECK(h.at(Resource::Cpu) == Hierarchy{1, "/sys/fs/cgroup/cpu,cpuacct", "cpu"});
    CHECK(h.at(Resource::CpuTime) == Hierarchy{2, "/sys/fs/cgroup/unified", ""});
    CHECK(h.at(Resource::Freezer) == Hierarchy{2, "/sys/fs/cgroup/unified", ""});
  }
  SECTION("hybrid with memory in v2") {
    auto h = chooseHierarchies(parseCgroupMounts(kHybrid), {"memory"});
    CHECK(h.at(Resource::Memory) == Hierarchy{2, "/sys/fs/cgroup/unified", ""});
    CHECK(h.at(Resource::Cpu).version == 1);
  }
  SECTION("pure v2") {
    auto h = chooseHierarchies(parseCgroupMounts(kPureV2), {"cpu", "memory", "pids"});
    for (Resource r : kAllResources) CHECK(h.at(r) == Hierarchy{2, "/sys/fs/cgroup", ""});
  }
  SECTION("pure v2 without the memory controller: no memory home") {
    auto h = chooseHierarchies(parseCgroupMounts(kPureV2), {"cpu"});
    CHECK(h.count(Resource::Memory) == 0);
    CHECK(h.at(Resource::Cpu).version == 2);
  }
  SECTION("pure v1") {
    auto h = chooseHierarchies(parseCgroupMounts(kPureV1), {});
    CHECK(h.at(Resource::CpuTime) == Hierarchy{1, "/sys/fs/cgroup/cpuacct", "cpuacct"});
    CHECK(h.at(Resource::Freezer) == Hierarchy{1, "/sys/fs/cgroup/freezer", "freezer"});
    CHECK(h.at(Resource::Cpu) == Hierarchy{1, "/sys/fs/cgroup/cpu", "cpu"});
  }
  SECTION("no cgroups at all") { CHECK(chooseHierarchies(parseCgroupMounts(""), {}).empty()); }
}

TEST_CASE("cgroup resource names round-trip", "[cgroup]") {
  for (Resource r : kAllResources) CHECK(resourceByName(resourceName(r)) == r);
  CHECK(!resourceByName("blkio"));
}
