// A real process started with a private /dev: the namespace is compared
// node by node with the plan and the host, the kept mounts are the host's,
// the host's /dev does not change, and a failing step names its path.
// Needs root; skips loudly without.
#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

#include <linux/magic.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "lib/ns/dev_path.h"
#include "lib/ns/dev_plan.h"
#include "lib/ns/dev_program.h"
#include "lib/util/error.h"
#include "lib/util/spawn.h"
#include "tests/unit/ns_test_support.h"

using namespace vireo::ns;

namespace {

vireo::SpawnPlan sleepPlan() {
  vireo::SpawnPlan plan;
  plan.program = "/bin/sleep";
  plan.argv = {"sleep", "30"};
  plan.env = {"PATH=/usr/bin:/bin"};
  return plan;
}

// Spawns `sleep 30` in a private /dev built from `plan`.
pid_t spawnWithPrivateDev(const DevPlan& plan, const DevPlanOptions& opts) {
  DevChildProgram program = DevChildProgram::forBuild(plan, opts, VIR_FROM_QEMU);
  vireo::SpawnPlan spawn = sleepPlan();
  attachPrivateDev(spawn, program);
  return vireo::spawnProcess(spawn, VIR_FROM_QEMU);
}

// The namespace's /dev matches the plan exactly: the same set of entries,
// and for each the plan's type, mode, device number, owner and raw ACL.
void checkDevMatchesPlan(pid_t pid, const DevPlan& plan) {
  std::string root = "/proc/" + std::to_string(pid) + "/root/dev";
  std::set<std::string> kept;
  for (const auto& m : plan.preservedMounts) kept.insert(devRelativePath(m));
  std::map<std::string, nstest::NodeInfo> actual;
  nstest::listTree(root, "", kept, &actual);

  std::map<std::string, nstest::NodeInfo> expected;
  for (const auto& n : plan.nodes) {
    nstest::NodeInfo info;
    info.mode = n.mode;
    info.rdev = n.rdev;
    info.uid = n.uid;
    info.gid = n.gid;
    info.target = n.target;
    info.acl = n.acl;
    info.label = n.label;
    expected[n.path] = info;
    // The plan itself is a copy of the host.
    nstest::NodeInfo host;
    REQUIRE(nstest::snapshot("/dev/" + n.path, &host));
    CHECK(host == info);
  }
  for (const auto& rel : kept) {
    // A kept mount is the host's own: compare with the host's mount root.
    REQUIRE(actual.count(rel));
    nstest::NodeInfo host;
    REQUIRE(nstest::snapshot("/dev/" + rel, &host));
    CHECK(actual[rel] == host);
    actual.erase(rel);
  }
  for (const auto& [rel, info] : expected) {
    INFO("node /dev/" << rel);
    REQUIRE(actual.count(rel));
    CHECK(actual[rel] == info);
  }
  for (const auto& [rel, info] : actual) {
    INFO("unexpected /dev/" << rel);
    CHECK(expected.count(rel));
  }
}

// The same filesystem instance (st_dev) in the namespace and on the host.
dev_t devOf(const std::string& path) {
  struct stat st;
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_dev;
}

}  // namespace

TEST_CASE("a spawned process gets a private /dev that copies the plan", "[ns][spawn][root]") {
  NS_REQUIRE_ROOT();
  bool forceStaging = GENERATE(false, true);
  INFO("staging directory forced: " << forceStaging);
  nstest::DevScratch dev;
  dev.node("null", S_IFCHR | 0640, makedev(1, 3), 123, 456);
  nstest::setAcl(dev.base + "/null", "u::rw-,u:789:rw-,g::r--,m::rw-,o::---");
  dev.mkdirs("disk");
  dev.mkdirs("disk/by-id", 0711);
  dev.link("disk/by-id/x", "../../null");
  nstest::RunDir runDir;
  auto hostBefore = nstest::hostDevTopLevel();
  std::map<std::string, nstest::NodeInfo> scratchBefore;
  nstest::listTree(dev.base, "", {}, &scratchBefore);

  DevPlanOptions opts;
  opts.runDir = runDir.path + "/run";
  opts.forceStagingDir = forceStaging;
  DevPlan plan = planPrivateDev({dev.base + "/disk/by-id/x"}, opts, VIR_FROM_QEMU);
  pid_t pid = 0;
  {
    DevChildProgram program = DevChildProgram::forBuild(plan, opts, VIR_FROM_QEMU);
    CHECK(program.stagingDir().rfind(opts.runDir + "/ns-", 0) == 0);
    vireo::SpawnPlan spawn = sleepPlan();
    attachPrivateDev(spawn, program);
    pid = vireo::spawnProcess(spawn, VIR_FROM_QEMU);
  }
  nstest::ChildGuard guard(pid);
  std::string nsDev = "/proc/" + std::to_string(pid) + "/root/dev";

  checkDevMatchesPlan(pid, plan);
  // The ACL as libacl reads it, on both sides.
  CHECK(nstest::aclText(nsDev + "/" + dev.rel + "/null") == nstest::aclText(dev.base + "/null"));
  CHECK(nstest::aclText(nsDev + "/" + dev.rel + "/null").find("user:789:rw-") != std::string::npos);
  // The seed list of this host is there (kvm does not exist here).
  nstest::NodeInfo info;
  CHECK(nstest::snapshot(nsDev + "/urandom", &info));
  CHECK(info.rdev == makedev(1, 9));
  // /dev/pts and /dev/shm are the host's mounts, /dev itself a small tmpfs.
  CHECK(devOf(nsDev + "/pts") == devOf("/dev/pts"));
  CHECK(devOf(nsDev + "/shm") == devOf("/dev/shm"));
  CHECK(devOf(nsDev) != devOf("/dev"));
  struct statfs fs;
  REQUIRE(statfs(nsDev.c_str(), &fs) == 0);
  CHECK(fs.f_type == TMPFS_MAGIC);
  std::string mounts = nstest::readFile("/proc/" + std::to_string(pid) + "/mountinfo");
  CHECK(mounts.find(" /dev rw,nosuid,") != std::string::npos);
  CHECK(mounts.find("size=65536k,mode=755") != std::string::npos);
  CHECK(mounts.find(" - devtmpfs ") == std::string::npos);  // the old /dev is gone, not hidden

  // The host did not change.
  CHECK(nstest::hostDevTopLevel() == hostBefore);
  std::map<std::string, nstest::NodeInfo> scratchAfter;
  nstest::listTree(dev.base, "", {}, &scratchAfter);
  CHECK(scratchAfter == scratchBefore);
  // The staging directory is gone and was never mounted on in the host.
  CHECK(nstest::run("test -z \"$(ls -A '" + opts.runDir + "')\"") == 0);
  CHECK_FALSE(nstest::hostMountsMention(runDir.path));
}

TEST_CASE("a private /dev with a loop device behind a symlink chain", "[ns][spawn][root]") {
  NS_REQUIRE_ROOT();
  std::string loopDir;
  std::string scratchPrefix = "vireo-test-" + std::to_string(getpid()) + "-";
  {
    nstest::LoopDevice loop;
    if (!loop.ok()) {
      WARN("SKIPPED: losetup could not attach a loop device here");
      return;
    }
    loopDir = loop.dir;
    nstest::DevScratch dev;
    dev.mkdirs("by-id");
    std::string loopName = loop.device.substr(5);
    dev.link("by-id/disk", "../../" + loopName);
    nstest::RunDir runDir;
    DevPlanOptions opts;
    opts.runDir = runDir.path;
    DevPlan plan = planPrivateDev({dev.base + "/by-id/disk"}, opts, VIR_FROM_QEMU);
    pid_t pid = spawnWithPrivateDev(plan, opts);
    nstest::ChildGuard guard(pid);
    std::string nsDev = "/proc/" + std::to_string(pid) + "/root/dev";
    checkDevMatchesPlan(pid, plan);
    nstest::NodeInfo host, inside;
    REQUIRE(nstest::snapshot(loop.device, &host));
    REQUIRE(nstest::snapshot(nsDev + "/" + loopName, &inside));
    CHECK(S_ISBLK(inside.mode));
    CHECK(inside == host);
    REQUIRE(nstest::snapshot(nsDev + "/" + dev.rel + "/by-id/disk", &inside));
    CHECK(inside.target == "../../" + loopName);
    // The chain resolves inside the namespace to the block device.
    struct stat st;
    REQUIRE(stat((nsDev + "/" + dev.rel + "/by-id/disk").c_str(), &st) == 0);
    CHECK(st.st_rdev == host.rdev);
  }
  // Nothing is left: no loop device, no scratch node, no staging mount.
  CHECK(nstest::noLoopDeviceUses(loopDir));
  CHECK(nstest::hostDevHasNo(scratchPrefix));
  CHECK_FALSE(nstest::hostMountsMention("vireo-run-"));
}

TEST_CASE("a failing step in the child names the step, the path and the error", "[ns][spawn][root]") {
  NS_REQUIRE_ROOT();
  nstest::RunDir runDir;
  DevPlanOptions opts;
  opts.runDir = runDir.path;
  opts.optionalPaths = {"/dev/null"};
  DevPlan plan = planPrivateDev({}, opts, VIR_FROM_QEMU);
  // A node whose directory the plan does not create: mknodat fails.
  DevNode bad;
  bad.path = "no-such-dir/kvm";
  bad.type = DevNodeType::CharDevice;
  bad.mode = S_IFCHR | 0660;
  bad.rdev = makedev(10, 232);
  plan.nodes.push_back(bad);
  bool forceStaging = GENERATE(false, true);
  opts.forceStagingDir = forceStaging;
  try {
    pid_t pid = spawnWithPrivateDev(plan, opts);
    nstest::ChildGuard guard(pid);
    FAIL("the spawn succeeded");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.domain() == VIR_FROM_QEMU);
    CHECK(e.message() == "Failed to create device /dev/no-such-dir/kvm: No such file or directory (step: mknod)");
  }
  CHECK(nstest::run("test -z \"$(ls -A '" + runDir.path + "')\"") == 0);
  CHECK_FALSE(nstest::hostMountsMention(runDir.path));
}

TEST_CASE("a kept mount that cannot be moved is reported with its path", "[ns][spawn][root]") {
  NS_REQUIRE_ROOT();
  nstest::RunDir runDir;
  DevPlanOptions opts;
  opts.runDir = runDir.path;
  opts.optionalPaths = {};
  DevPlan plan = planPrivateDev({}, opts, VIR_FROM_QEMU);
  plan.preservedMounts.push_back("/dev/vireo-no-such-mount");
  try {
    pid_t pid = spawnWithPrivateDev(plan, opts);
    nstest::ChildGuard guard(pid);
    FAIL("the spawn succeeded");
  } catch (const vireo::Error& e) {
    CHECK(e.message() ==
          "Unable to move /dev/vireo-no-such-mount mount to the new /dev: No such file or directory (step: move-mount)");
  }
}

TEST_CASE("a hugetlbfs mounted below /dev is kept, nested in a copied directory", "[ns][spawn][root]") {
  NS_REQUIRE_ROOT();
  std::string scratchPrefix = "vireo-test-" + std::to_string(getpid()) + "-";
  {
    nstest::DevScratch dev;
    dev.mkdirs("hugepages", 0755);
    std::string point = dev.base + "/hugepages";
    if (mount("vireo-test", point.c_str(), "hugetlbfs", 0, nullptr) != 0) {
      WARN("SKIPPED: cannot mount hugetlbfs here: " << strerror(errno));
      return;
    }
    struct Unmount {
      std::string p;
      ~Unmount() { umount2(p.c_str(), MNT_DETACH); }
    } unmount{point};
    REQUIRE(nstest::run("touch '" + point + "/backing'") == 0);
    nstest::RunDir runDir;
    DevPlanOptions opts;
    opts.runDir = runDir.path;
    bool forceStaging = GENERATE(false, true);
    opts.forceStagingDir = forceStaging;
    DevPlan plan = planPrivateDev({}, opts, VIR_FROM_QEMU);
    CHECK(std::find(plan.preservedMounts.begin(), plan.preservedMounts.end(), point) != plan.preservedMounts.end());
    // Its parent directory is copied so that the mount point has a place.
    bool parentPlanned = false;
    for (const auto& n : plan.nodes) parentPlanned = parentPlanned || n.path == dev.rel;
    CHECK(parentPlanned);
    pid_t pid = spawnWithPrivateDev(plan, opts);
    nstest::ChildGuard guard(pid);
    std::string inside = "/proc/" + std::to_string(pid) + "/root" + point;
    CHECK(devOf(inside) == devOf(point));
    struct stat st;
    CHECK(stat((inside + "/backing").c_str(), &st) == 0);
    checkDevMatchesPlan(pid, plan);
  }
  CHECK(nstest::hostDevHasNo(scratchPrefix));
  CHECK_FALSE(nstest::hostMountsMention(scratchPrefix));
}
