// Hotplug and unplug of device nodes into the private /dev of a running
// process, and the undo of a failed add. Needs root; skips loudly without.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <functional>
#include <string>
#include <vector>

#include "lib/ns/dev_child.h"
#include "lib/ns/dev_hotplug.h"
#include "lib/ns/dev_plan.h"
#include "lib/ns/dev_program.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/spawn.h"
#include "tests/unit/ns_test_support.h"

using namespace vireo::ns;

namespace {

// `sleep 30` in a private /dev with the seed list only.
struct Sleeper {
  nstest::RunDir runDir;
  pid_t pid = 0;
  std::string dev;
  Sleeper() {
    DevPlanOptions opts;
    opts.runDir = runDir.path;
    DevPlan plan = planPrivateDev({}, opts, VIR_FROM_QEMU);
    DevChildProgram program = DevChildProgram::forBuild(plan, opts, VIR_FROM_QEMU);
    vireo::SpawnPlan spawn;
    spawn.program = "/bin/sleep";
    spawn.argv = {"sleep", "30"};
    attachPrivateDev(spawn, program);
    pid = vireo::spawnProcess(spawn, VIR_FROM_QEMU);
    dev = "/proc/" + std::to_string(pid) + "/root/dev";
  }
  ~Sleeper() { nstest::ChildGuard kill(pid); }
  bool has(const std::string& rel) const {
    struct stat st;
    return lstat((dev + "/" + rel).c_str(), &st) == 0;
  }
  nstest::NodeInfo info(const std::string& rel) const {
    nstest::NodeInfo n;
    REQUIRE(nstest::snapshot(dev + "/" + rel, &n));
    return n;
  }
};

// Runs an add program made from `nodes` directly, as addDevNodes would.
void addRaw(pid_t pid, const std::vector<DevNode>& nodes) {
  std::string ns = "/proc/" + std::to_string(pid) + "/ns/mnt";
  vireo::UniqueFd fd(open(ns.c_str(), O_RDONLY | O_CLOEXEC));
  REQUIRE(fd);
  DevChildProgram program = DevChildProgram::forAdd(nodes, std::move(fd), VIR_FROM_QEMU);
  vireo::runInChild(runDevChildProgram, program.layout(), describeDevChildFailure, VIR_FROM_QEMU);
}

DevNode charNode(const std::string& path, unsigned minorNumber) {
  DevNode n;
  n.path = path;
  n.type = DevNodeType::CharDevice;
  n.mode = S_IFCHR | 0600;
  n.rdev = makedev(1, minorNumber);
  return n;
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
    return "";
  } catch (const vireo::Error& e) {
    return e.message();
  }
}

void hotplugRoundTrip(const nstest::LoopDevice& loop);

}  // namespace

TEST_CASE("hotplug adds and removes a loop device in a running namespace", "[ns][hotplug][root]") {
  NS_REQUIRE_ROOT();
  std::string loopDir;
  {
    nstest::LoopDevice loop;
    if (!loop.ok()) {
      WARN("SKIPPED: losetup could not attach a loop device here");
      return;
    }
    loopDir = loop.dir;
    hotplugRoundTrip(loop);
  }
  CHECK(nstest::noLoopDeviceUses(loopDir));
  CHECK(nstest::hostDevHasNo("vireo-test-" + std::to_string(getpid()) + "-"));
  CHECK_FALSE(nstest::hostMountsMention("vireo-run-"));
}

namespace {

// Add, re-add, remove, add again, remove twice: the host never changes.
void hotplugRoundTrip(const nstest::LoopDevice& loop) {
  nstest::DevScratch dev;
  dev.mkdirs("by-id");
  std::string loopName = loop.device.substr(5);
  dev.link("by-id/disk2", "../../" + loopName);
  Sleeper vm;
  auto hostBefore = nstest::hostDevTopLevel();
  REQUIRE_FALSE(vm.has(loopName));

  addDevNodes(vm.pid, {dev.base + "/by-id/disk2"}, DevPlanOptions{}, VIR_FROM_QEMU);
  nstest::NodeInfo host;
  REQUIRE(nstest::snapshot(loop.device, &host));
  CHECK(vm.info(loopName) == host);
  CHECK(vm.info(dev.rel + "/by-id/disk2").target == "../../" + loopName);
  CHECK(S_ISDIR(vm.info(dev.rel + "/by-id").mode));
  CHECK(nstest::hostDevTopLevel() == hostBefore);

  // A second add of the same paths finds everything in place.
  addDevNodes(vm.pid, {dev.base + "/by-id/disk2", loop.device}, DevPlanOptions{}, VIR_FROM_QEMU);
  CHECK(vm.info(loopName) == host);

  removeDevNodes(vm.pid, {loopName, dev.rel + "/by-id/disk2"}, VIR_FROM_QEMU);
  CHECK_FALSE(vm.has(loopName));
  CHECK_FALSE(vm.has(dev.rel + "/by-id/disk2"));
  CHECK(vm.has(dev.rel + "/by-id"));  // directories stay
  CHECK(nstest::hostDevTopLevel() == hostBefore);
  struct stat st;
  CHECK(lstat(loop.device.c_str(), &st) == 0);
  CHECK(lstat((dev.base + "/by-id/disk2").c_str(), &st) == 0);

  // Attach again after detach (where libvirt users met EPERM).
  addDevNodes(vm.pid, {loop.device}, DevPlanOptions{}, VIR_FROM_QEMU);
  CHECK(vm.info(loopName) == host);
  // Removing what is not there is fine.
  removeDevNodes(vm.pid, {loopName, loopName}, VIR_FROM_QEMU);
  CHECK_FALSE(vm.has(loopName));
}

}  // namespace

TEST_CASE("a failed add leaves the namespace as it was", "[ns][hotplug][root]") {
  NS_REQUIRE_ROOT();
  Sleeper vm;
  std::string dir = "vireo-hp-" + std::to_string(getpid());
  nstest::NodeInfo nullBefore = vm.info("null");

  DevNode d;
  d.path = dir;
  d.type = DevNodeType::Directory;
  d.mode = S_IFDIR | 0755;
  DevNode link;
  link.path = dir + "/link";
  link.type = DevNodeType::Symlink;
  link.mode = S_IFLNK | 0777;
  link.target = "../null";
  // "null" exists with 1:3; this one replaces it with 1:5 before the failure.
  std::vector<DevNode> nodes = {charNode("null", 5), d, charNode(dir + "/a", 3), link, charNode("no-dir/b", 3)};
  CHECK(errorOf([&] { addRaw(vm.pid, nodes); }) ==
        "Failed to create device /dev/no-dir/b: No such file or directory (step: mknod)");
  CHECK_FALSE(vm.has(dir));
  CHECK(vm.info("null") == nullBefore);
  CHECK_FALSE(vm.has(".vireo-replaced-0"));

  // Without the failing node the replacement stays and leaves nothing aside.
  nodes.pop_back();
  addRaw(vm.pid, nodes);
  CHECK(vm.info("null").rdev == makedev(1, 5));
  CHECK(vm.info(dir + "/link").target == "../null");
  CHECK_FALSE(vm.has(".vireo-replaced-0"));
  // The host's /dev/null is untouched.
  struct stat st;
  REQUIRE(stat("/dev/null", &st) == 0);
  CHECK(st.st_rdev == makedev(1, 3));
}

TEST_CASE("hotplug refuses bad paths and names missing ones", "[ns][hotplug][root]") {
  NS_REQUIRE_ROOT();
  Sleeper vm;
  CHECK(errorOf([&] { addDevNodes(vm.pid, {"/dev/vireo-no-such-node"}, DevPlanOptions{}, VIR_FROM_QEMU); }) ==
        "Unable to access /dev/vireo-no-such-node: No such file or directory");
  CHECK(errorOf([&] { addDevNodes(vm.pid, {"/dev/../etc/shadow"}, DevPlanOptions{}, VIR_FROM_QEMU); }) ==
        "unsupported configuration: device path '/dev/../etc/shadow' has a '..' component");
  CHECK(errorOf([&] { removeDevNodes(vm.pid, {"../etc/shadow"}, VIR_FROM_QEMU); }) ==
        "unsupported configuration: device path below /dev '../etc/shadow' has a '..' component");
  CHECK(errorOf([&] { removeDevNodes(vm.pid, {"pts/ptmx"}, VIR_FROM_QEMU); }) ==
        "unsupported configuration: device path '/dev/pts/ptmx' is inside the mount /dev/pts, which is shared with "
        "the host; nothing is removed there");
  CHECK(errorOf([&] { removeDevNodes(vm.pid, {"shmfoo"}, VIR_FROM_QEMU); }).empty());  // not inside /dev/shm
  CHECK(errorOf([&] { removeDevNodes(vm.pid, {"pts"}, VIR_FROM_QEMU); }).find("is inside the mount /dev/pts") != std::string::npos);
  // A directory is never removed.
  addRaw(vm.pid, {[] {
    DevNode d;
    d.path = "vireo-dir";
    d.type = DevNodeType::Directory;
    d.mode = S_IFDIR | 0755;
    return d;
  }()});
  CHECK(errorOf([&] { removeDevNodes(vm.pid, {"vireo-dir"}, VIR_FROM_QEMU); }) ==
        "Unable to remove device /dev/vireo-dir: Is a directory (step: unlink)");
  // A process without a private /dev: its /dev is the host's.
  {
    vireo::SpawnPlan plain;
    plain.program = "/bin/sleep";
    plain.argv = {"sleep", "30"};
    nstest::ChildGuard shared(vireo::spawnProcess(plain, VIR_FROM_QEMU));
    CHECK(errorOf([&] { addDevNodes(shared.pid, {"/dev/null"}, DevPlanOptions{}, VIR_FROM_QEMU); }) ==
          "Requested operation is not valid: process " + std::to_string(shared.pid) +
              " shares our mount namespace; it has no private /dev");
    CHECK(errorOf([&] { removeDevNodes(shared.pid, {"null"}, VIR_FROM_QEMU); }).find("shares our mount namespace") !=
          std::string::npos);
  }
  // A process that does not exist.
  CHECK(errorOf([&] { addDevNodes(999999999, {"/dev/null"}, DevPlanOptions{}, VIR_FROM_QEMU); }) ==
        "Unable to open /proc/999999999/ns/mnt: No such file or directory");
}
