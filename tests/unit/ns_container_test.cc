// The pure parts of a container start: which mounts lie under the old root,
// the order they are unmounted in, the container's /dev nodes, the child
// program's mount list and its failure messages. No root needed.
#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <vector>

#include <libvirt/virterror.h>

#include "lib/ns/block_fstypes.h"
#include "lib/ns/container_program.h"
#include "lib/ns/old_root.h"
#include "lib/util/error.h"

using namespace vireo::ns;

namespace {

std::vector<std::string> underInOrder(std::string text, const char* prefix) {
  std::vector<OldRootMount> out(64);
  long n = collectMountsUnder(text.data(), text.size(), prefix, out.data(), out.size());
  REQUIRE(n >= 0);
  orderDeepestFirst(out.data(), static_cast<size_t>(n));
  std::vector<std::string> paths;
  for (long i = 0; i < n; ++i) paths.emplace_back(out[i].path);
  return paths;
}

std::string line(int id, const std::string& mountPoint) {
  return std::to_string(id) + " 1 0:" + std::to_string(id) + " / " + mountPoint + " rw,relatime shared:1 - tmpfs tmpfs rw\n";
}

}  // namespace

TEST_CASE("old root: paths are compared by components", "[ns][container]") {
  CHECK(pathWithinComponents("/.oldroot", "/.oldroot"));
  CHECK(pathWithinComponents("/.oldroot/proc", "/.oldroot"));
  CHECK(pathWithinComponents("//.oldroot//proc/", "/.oldroot"));
  CHECK_FALSE(pathWithinComponents("/.oldrootX", "/.oldroot"));
  CHECK_FALSE(pathWithinComponents("/.oldrootX/proc", "/.oldroot"));
  CHECK_FALSE(pathWithinComponents("/", "/.oldroot"));
  CHECK_FALSE(pathWithinComponents("/proc", "/.oldroot"));
  CHECK(pathWithinComponents("/anything", "/"));
}

TEST_CASE("old root: the mounts under it, deepest first, the old root last", "[ns][container]") {
  std::string table = line(20, "/") + line(21, "/.oldroot") + line(22, "/.oldroot/proc") + line(23, "/proc") +
                      line(24, "/.oldroot/sys") + line(25, "/.oldroot/sys/fs/cgroup") + line(26, "/.oldrootX") +
                      line(27, "/.oldroot/sys/kernel/security") + line(28, "/.oldroot/a\\040b") +
                      line(29, "/.oldroot/sys") /* stacked on the first /sys */;
  CHECK(underInOrder(table, "/.oldroot") ==
        std::vector<std::string>{"/.oldroot/sys/kernel/security", "/.oldroot/sys/fs/cgroup", "/.oldroot/sys",
                                 "/.oldroot/a b", "/.oldroot/sys", "/.oldroot/proc", "/.oldroot"});
}

TEST_CASE("old root: more mounts than room is reported, malformed lines skipped", "[ns][container]") {
  std::string table = line(1, "/.oldroot") + "garbage\n\n" + line(2, "/.oldroot/x") + line(3, "/.oldroot/y");
  std::vector<OldRootMount> out(2);
  CHECK(collectMountsUnder(table.data(), table.size(), "/.oldroot", out.data(), out.size()) == -1);
  std::string last = line(1, "/.oldroot/z");
  last.pop_back();  // no final newline
  CHECK(underInOrder(last, "/.oldroot") == std::vector<std::string>{"/.oldroot/z"});
}

TEST_CASE("the container's /dev: host copies, mount points and links", "[ns][container]") {
  std::vector<DevNode> nodes = containerDevNodes({}, VIR_FROM_LXC);
  std::vector<std::string> names;
  for (const auto& n : nodes) names.push_back(n.path);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr",
                                          "stdin", "stdout", "tty", "urandom", "zero"});
  for (const auto& n : nodes) {
    if (n.path == "null") CHECK(n.rdev == makedev(1, 3));
    if (n.path == "ptmx") CHECK(n.target == "pts/ptmx");
  }
}

TEST_CASE("the container's child program: mounts in order, failures named", "[ns][container]") {
  ContainerPlan plan;
  plan.root = "/srv/ct/root";
  plan.hostname = "ct1";
  plan.binds.push_back({"/srv/data", "/data", true, false});
  plan.tmpfs.push_back({"/run", 1024});
  ContainerChildProgram program(plan, VIR_FROM_LXC);
  const ContainerChildLayout& l = program.layout();
  std::vector<std::string> targets;
  for (size_t i = 0; i < l.count; ++i) targets.emplace_back(l.mounts[i].target);
  CHECK(targets == std::vector<std::string>{"/srv/ct/root", "/proc", "/proc/sys", "/sys", "/dev", "/dev/pts",
                                            "/dev/shm", "/dev/mqueue", "/data", "/run"});
  CHECK(l.beforePivot == 1);
  CHECK(l.beforeDev == 5);
  CHECK(std::string(l.putOld) == "/srv/ct/root/.oldroot");
  CHECK(std::string(l.mounts[8].source) == "/.oldroot/srv/data");
  CHECK(l.mounts[8].remountReadonly == 1);
  CHECK(std::string(l.mounts[9].data) == "size=1024k");
  CHECK(std::string(l.mounts[5].data).find("newinstance") != std::string::npos);

  vireo::SpawnChildError err;
  err.step = CtStepMount;
  err.err = ENOENT;
  err.index = 8;
  CHECK(ContainerChildProgram::describe(&program, err) ==
        "Failed to mount /.oldroot/srv/data on /data (bind): No such file or directory (step: mount)");
  err.step = CtStepPivot;
  err.err = EINVAL;
  err.index = -1;
  CHECK(ContainerChildProgram::describe(&program, err) ==
        "Failed to pivot root into /srv/ct/root: Invalid argument (step: pivot_root)");
}

TEST_CASE("the container's child program: the console pty is bound onto /dev/console", "[ns][container]") {
  ContainerPlan plan;
  plan.root = "/srv/ct/root";
  plan.console = "/dev/pts/7";
  ContainerChildProgram program(plan, VIR_FROM_LXC);
  const ContainerChildLayout& l = program.layout();
  // After the container's own devpts, before its filesystems.
  REQUIRE(l.count == 9);
  const ContainerMountOp& console = l.mounts[8];
  CHECK(std::string(console.target) == "/dev/console");
  CHECK(std::string(console.source) == "/.oldroot/dev/pts/7");
  CHECK(console.flags == MS_BIND);
  CHECK(console.makePoint == CtPointFile);
}

TEST_CASE("block filesystems: the types tried, as mount(8) and libvirt list them", "[ns][container]") {
  const std::string proc = "nodev\tsysfs\n\text3\n\text2\nnodev\ttmpfs\n\text4\n\tvfat\n";
  // No /etc/filesystems: the kernel's device-backed types, in its order.
  CHECK(blockFilesystemTypes(std::nullopt, proc) == std::vector<std::string>{"ext3", "ext2", "ext4", "vfat"});
  // /etc/filesystems alone, unless it ends in "*"; "nodev" and blank lines skipped, each type once.
  CHECK(blockFilesystemTypes(std::string("xfs\n  vfat\n\nnodev proc\n"), proc) ==
        std::vector<std::string>{"xfs", "vfat"});
  CHECK(blockFilesystemTypes(std::string("vfat\n*\n"), proc) ==
        std::vector<std::string>{"vfat", "ext3", "ext2", "ext4"});
}

TEST_CASE("the container's child program: a block filesystem tries each type", "[ns][container]") {
  ContainerPlan plan;
  plan.root = "/srv/ct/root";
  plan.binds.push_back({"/srv/data", "/data", false, false});
  plan.blockMounts.push_back({"/dev/loop4", "/mnt", true, {"ext3", "ext4"}});
  plan.tmpfs.push_back({"/run", 0});
  ContainerChildProgram program(plan, VIR_FROM_LXC);
  const ContainerChildLayout& l = program.layout();
  REQUIRE(l.count == 11);
  // After the binds, before the tmpfs mounts.
  const ContainerMountOp& block = l.mounts[9];
  CHECK(std::string(block.source) == "/.oldroot/dev/loop4");
  CHECK(std::string(block.target) == "/mnt");
  CHECK(block.flags == MS_RDONLY);
  REQUIRE(block.fsTypeCount == 2);
  CHECK(std::string(block.fsTypes[0]) == "ext3");
  CHECK(std::string(block.fsTypes[1]) == "ext4");
  CHECK(l.mounts[8].fsTypes == nullptr);

  vireo::SpawnChildError err;
  err.step = CtStepMountBlock;
  err.err = ENOTBLK;
  err.index = 9;
  vireo::setSpawnChildErrorPath(&err, "ext3");
  CHECK(ContainerChildProgram::describe(&program, err) ==
        "Failed to mount device /.oldroot/dev/loop4 to /mnt as ext3: Block device required "
        "(step: mount-block)");
  err.err = ENODEV;
  vireo::setSpawnChildErrorPath(&err, "");
  CHECK(ContainerChildProgram::describe(&program, err) ==
        "Failed to mount device /.oldroot/dev/loop4 to /mnt, unable to detect filesystem (tried 2 types): "
        "No such device (step: mount-block)");
}

TEST_CASE("the container's /dev: host devices at their paths, reserved names refused", "[ns][container]") {
  std::vector<DevNode> nodes = containerDevNodes({"/dev/null", "/dev/zero"}, VIR_FROM_LXC);
  CHECK(std::count_if(nodes.begin(), nodes.end(), [](const DevNode& n) { return n.path == "null"; }) == 1);
  for (const char* path : {"/dev/ptmx", "/dev/pts/0", "/dev/console", "/dev/shm"}) {
    try {
      containerDevNodes({path}, VIR_FROM_LXC);
      FAIL("accepted " << path);
    } catch (const vireo::Error& e) {
      CHECK(e.code() == VIR_ERR_CONFIG_UNSUPPORTED);
      CHECK(e.message().find(std::string("device path '") + path + "' is reserved") != std::string::npos);
    }
  }
}
