// lib/cgroup's MachineCgroup on directories that stand in for cgroup
// hierarchies: which directories it makes, which file each limit, statistic
// and freezer request goes to in v1 and in v2, and what a failure leaves.
// The real kernel files are exercised by tests/integration/lxc_cgroup_test.c
// (on the development host: v1 limits, v2 freezer and CPU time); this test
// covers the v2 limits that host cannot offer. No root needed.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include "lib/cgroup/machine_cgroup.h"
#include "lib/util/error.h"
#include "tests/support/temp_dir.h"

using namespace vireo;
using namespace vireo::cgroup;

namespace {

// A placement key /proc/self/cgroup never has: the machine goes right under the "mount".
constexpr const char* kNoPlacement = "vireo-test-none";

void put(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string get(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool isDir(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

TEST_CASE("machine cgroup, v1: one directory per hierarchy, v1 file names", "[cgroup]") {
  test::TempDir tmp("vireo-cgroup");
  for (const char* h : {"memory", "cpu,cpuacct", "freezer"}) mkdir(tmp.sub(h).c_str(), 0755);
  std::map<Resource, Hierarchy> layout = {
      {Resource::Memory, {1, tmp.sub("memory"), kNoPlacement}},
      {Resource::Cpu, {1, tmp.sub("cpu,cpuacct"), kNoPlacement}},
      {Resource::CpuTime, {1, tmp.sub("cpu,cpuacct"), kNoPlacement}},
      {Resource::Freezer, {1, tmp.sub("freezer"), kNoPlacement}},
  };
  MachineCgroup cg = MachineCgroup::create(layout, "machine", "ct1.libvirt-lxc", VIR_FROM_LXC);
  std::string mem = tmp.sub("memory/machine/ct1.libvirt-lxc");
  std::string cpu = tmp.sub("cpu,cpuacct/machine/ct1.libvirt-lxc");
  std::string frz = tmp.sub("freezer/machine/ct1.libvirt-lxc");
  CHECK(isDir(mem));
  CHECK(isDir(cpu));
  CHECK(isDir(frz));
  CHECK(cg.dirFor(Resource::CpuTime)->path == cpu);
  CHECK(cg.dirFor(Resource::Memory)->version == 1);

  for (const char* f : {"memory.limit_in_bytes", "memory.soft_limit_in_bytes", "memory.memsw.limit_in_bytes"})
    put(mem + "/" + f, "");
  for (const char* f : {"cpu.shares", "cpu.cfs_period_us", "cpu.cfs_quota_us"}) put(cpu + "/" + f, "");
  CgroupLimits l;
  l.memoryKiB = 65536;
  l.softLimitKiB = 1024;
  l.swapHardLimitKiB = 131072;
  l.cpuShares = 512;
  l.cpuPeriodUs = 100000;
  l.cpuQuotaUs = -1;
  cg.applyLimits(l);
  CHECK(get(mem + "/memory.limit_in_bytes") == "67108864");
  CHECK(get(mem + "/memory.soft_limit_in_bytes") == "1048576");
  CHECK(get(mem + "/memory.memsw.limit_in_bytes") == "134217728");
  CHECK(get(cpu + "/cpu.shares") == "512");
  CHECK(get(cpu + "/cpu.cfs_period_us") == "100000");
  CHECK(get(cpu + "/cpu.cfs_quota_us") == "-1");

  put(cpu + "/cpuacct.usage", "123456789\n");
  put(mem + "/memory.usage_in_bytes", "2097152\n");
  CHECK(cg.cpuTimeNs() == 123456789ULL);
  CHECK(cg.memoryUsageKiB() == 2048);
  CHECK(!cg.swapUsageKiB());
  put(mem + "/memory.memsw.usage_in_bytes", "3145728\n");
  CHECK(cg.swapUsageKiB() == 3072ULL);

  put(frz + "/freezer.state", "FROZEN\n");  // a kernel that froze at once
  cg.freeze();
  CHECK(cg.frozen());
  put(frz + "/freezer.state", "");
  cg.thaw();
  CHECK(get(frz + "/freezer.state") == "THAWED");

  // The recorded directories give the same object back.
  MachineCgroup again = MachineCgroup::fromRecorded(cg.dirs(), VIR_FROM_LXC);
  CHECK(again.cpuTimeNs() == 123456789ULL);
}

TEST_CASE("machine cgroup, v2: one directory, controllers enabled, v2 file names", "[cgroup]") {
  test::TempDir tmp("vireo-cgroup");
  std::string unified = tmp.sub("unified");
  mkdir(unified.c_str(), 0755);
  mkdir((unified + "/machine").c_str(), 0755);
  put(unified + "/cgroup.subtree_control", "cpuset cpu memory\n");
  put(unified + "/machine/cgroup.subtree_control", "memory cpu\n");
  std::map<Resource, Hierarchy> layout;
  for (Resource r : kAllResources) layout[r] = Hierarchy{2, unified, kNoPlacement};
  MachineCgroup cg = MachineCgroup::create(layout, "machine", "ct2.libvirt-lxc", VIR_FROM_LXC);
  std::string leaf = unified + "/machine/ct2.libvirt-lxc";
  for (Resource r : kAllResources) CHECK(cg.dirFor(r)->path == leaf);

  for (const char* f : {"memory.max", "memory.high", "memory.swap.max", "cpu.weight"}) put(leaf + "/" + f, "");
  put(leaf + "/cpu.max", "max 100000\n");
  CgroupLimits l;
  l.memoryKiB = 65536;
  l.hardLimitKiB = 98304;  // replaces <memory>
  l.softLimitKiB = 32768;
  l.swapHardLimitKiB = 131072;
  l.cpuShares = 512;
  l.cpuQuotaUs = 50000;    // the period stays as it was
  cg.applyLimits(l);
  CHECK(get(leaf + "/memory.max") == "100663296");
  CHECK(get(leaf + "/memory.high") == "33554432");
  CHECK(get(leaf + "/memory.swap.max") == "134217728");
  CHECK(get(leaf + "/cpu.weight") == "512");
  CHECK(get(leaf + "/cpu.max").rfind("50000 100000", 0) == 0);

  put(leaf + "/cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
  put(leaf + "/memory.current", "8192\n");
  put(leaf + "/memory.swap.current", "0\n");
  CHECK(cg.cpuTimeNs() == 1500000ULL);
  CHECK(cg.memoryUsageKiB() == 8);
  CHECK(cg.swapUsageKiB() == 0ULL);

  put(leaf + "/cgroup.freeze", "");
  put(leaf + "/cgroup.events", "populated 1\nfrozen 1\n");
  cg.freeze();
  CHECK(get(leaf + "/cgroup.freeze") == "1");
  cg.thaw();
  CHECK(get(leaf + "/cgroup.freeze") == "0");
}

TEST_CASE("machine cgroup: a directory still in use fails the create and leaves nothing", "[cgroup]") {
  test::TempDir tmp("vireo-cgroup");
  for (const char* h : {"memory", "freezer"}) mkdir(tmp.sub(h).c_str(), 0755);
  std::map<Resource, Hierarchy> layout = {
      {Resource::Memory, {1, tmp.sub("memory"), kNoPlacement}},
      {Resource::Freezer, {1, tmp.sub("freezer"), kNoPlacement}},
  };
  // A stale empty directory is replaced.
  mkdir(tmp.sub("memory/machine").c_str(), 0755);
  mkdir(tmp.sub("memory/machine/ct3.libvirt-lxc").c_str(), 0755);
  MachineCgroup ok = MachineCgroup::create(layout, "machine", "ct3.libvirt-lxc", VIR_FROM_LXC);
  CHECK(isDir(tmp.sub("freezer/machine/ct3.libvirt-lxc")));
  ok.remove();
  CHECK(!isDir(tmp.sub("memory/machine/ct3.libvirt-lxc")));
  CHECK(!isDir(tmp.sub("freezer/machine/ct3.libvirt-lxc")));

  // One that is not empty (on a cgroup file system: has processes) is an error.
  mkdir(tmp.sub("freezer/machine/ct3.libvirt-lxc").c_str(), 0755);
  put(tmp.sub("freezer/machine/ct3.libvirt-lxc/busy"), "");
  try {
    MachineCgroup::create(layout, "machine", "ct3.libvirt-lxc", VIR_FROM_LXC);
    FAIL("created over a busy directory");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_OPERATION_FAILED);
    CHECK(e.domain() == VIR_FROM_LXC);
    CHECK(e.message().find("freezer/machine/ct3.libvirt-lxc is in use") != std::string::npos);
  }
  CHECK(!isDir(tmp.sub("memory/machine/ct3.libvirt-lxc")));  // the one made before it is gone again

  // A limit for a resource the host has no hierarchy for.
  std::map<Resource, Hierarchy> noMemory = {{Resource::Freezer, {1, tmp.sub("memory"), kNoPlacement}}};
  MachineCgroup partial = MachineCgroup::create(noMemory, "machine", "ct4.libvirt-lxc", VIR_FROM_LXC);
  CgroupLimits l;
  l.memoryKiB = 1024;
  try {
    partial.applyLimits(l);
    FAIL("applied a memory limit without a memory hierarchy");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_OPERATION_UNSUPPORTED);
    CHECK(e.message().find("no cgroup hierarchy for memory") != std::string::npos);
  }
}
