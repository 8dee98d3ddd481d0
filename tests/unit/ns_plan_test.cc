// Planning a private /dev from the host's real /dev: copy semantics (type,
// mode, device number, owner, raw ACL), symlink chains, loops, missing
// paths. Needs root (it makes nodes below /dev); skips loudly without.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lib/ns/dev_plan.h"
#include "lib/util/error.h"
#include "tests/unit/ns_test_support.h"

using namespace vireo::ns;

namespace {

const DevNode* findNode(const DevPlan& plan, const std::string& rel) {
  for (const auto& n : plan.nodes)
    if (n.path == rel) return &n;
  return nullptr;
}

std::string planError(const std::vector<std::string>& paths, const DevPlanOptions& opts, int* code = nullptr) {
  try {
    planPrivateDev(paths, opts, VIR_FROM_QEMU);
    return "";
  } catch (const vireo::Error& e) {
    if (code) *code = e.code();
    return e.message();
  }
}

DevPlanOptions noSeeds() {
  DevPlanOptions opts;
  opts.optionalPaths.clear();
  return opts;
}

}  // namespace

TEST_CASE("planning copies a node's mode, device number, owner and ACL", "[ns][plan][root]") {
  NS_REQUIRE_ROOT();
  nstest::DevScratch dev;
  dev.node("null", S_IFCHR | 0640, makedev(1, 3), 123, 456);
  nstest::setAcl(dev.base + "/null", "u::rw-,u:789:rw-,g::r--,m::rw-,o::---");
  std::string hostAcl = nstest::xattr(dev.base + "/null", "system.posix_acl_access");
  REQUIRE(!hostAcl.empty());

  DevPlan plan = planPrivateDev({dev.base + "/null"}, noSeeds(), VIR_FROM_QEMU);
  REQUIRE(plan.nodes.size() == 2);
  const DevNode& dir = plan.nodes[0];
  CHECK(dir.path == dev.rel);
  CHECK(dir.type == DevNodeType::Directory);
  CHECK(dir.mode == (S_IFDIR | 0750));
  CHECK(dir.gid == 5);
  const DevNode& node = plan.nodes[1];
  CHECK(node.path == dev.rel + "/null");
  CHECK(node.type == DevNodeType::CharDevice);
  CHECK((node.mode & 07777) == 0660);  // the ACL mask became the group bits
  CHECK((node.mode & S_IFMT) == S_IFCHR);
  CHECK(node.rdev == makedev(1, 3));
  CHECK(node.uid == 123);
  CHECK(node.gid == 456);
  CHECK(node.acl == hostAcl);
  CHECK(plan.tmpfsOptions == "mode=755,size=65536k");
}

TEST_CASE("planning follows symlink chains to the end and records every hop", "[ns][plan][root]") {
  NS_REQUIRE_ROOT();
  nstest::DevScratch dev;
  dev.node("dm-0", S_IFBLK | 0660, makedev(7, 200), 0, 6);
  dev.mkdirs("disk");
  dev.mkdirs("disk/by-id", 0700);
  dev.mkdirs("mapper");
  dev.link("disk/by-id/x", "../../mapper/y");
  dev.link("mapper/y", "../dm-0");
  dev.link("abs", dev.base + "/mapper/y");

  SECTION("a relative chain") {
    DevPlan plan = planPrivateDev({dev.base + "/disk/by-id/x"}, noSeeds(), VIR_FROM_QEMU);
    std::vector<std::string> paths;
    for (const auto& n : plan.nodes) paths.push_back(n.path);
    const std::string r = dev.rel;
    CHECK(paths == std::vector<std::string>{r, r + "/disk", r + "/disk/by-id", r + "/disk/by-id/x", r + "/dm-0",
                                            r + "/mapper", r + "/mapper/y"});
    const DevNode* x = findNode(plan, r + "/disk/by-id/x");
    REQUIRE(x);
    CHECK(x->type == DevNodeType::Symlink);
    CHECK(x->target == "../../mapper/y");
    CHECK(findNode(plan, r + "/disk/by-id")->mode == (S_IFDIR | 0700));
    const DevNode* dm = findNode(plan, r + "/dm-0");
    REQUIRE(dm);
    CHECK(dm->type == DevNodeType::BlockDevice);
    CHECK(dm->rdev == makedev(7, 200));
  }
  SECTION("an absolute link, and a path requested twice, collapse to one plan") {
    DevPlan plan = planPrivateDev({dev.base + "/abs", dev.base + "/mapper/y", dev.base + "/abs"}, noSeeds(), VIR_FROM_QEMU);
    CHECK(plan.nodes.size() == 5);  // base, abs, dm-0, mapper, mapper/y
    CHECK(findNode(plan, dev.rel + "/abs")->target == dev.base + "/mapper/y");
  }
  SECTION("a directory symlink in the middle of a path") {
    dev.link("bydir", "disk/by-id");
    DevPlan plan = planPrivateDev({dev.base + "/bydir/x"}, noSeeds(), VIR_FROM_QEMU);
    CHECK(findNode(plan, dev.rel + "/bydir"));
    CHECK(findNode(plan, dev.rel + "/disk/by-id/x"));
    CHECK(findNode(plan, dev.rel + "/dm-0"));
  }
}

TEST_CASE("planning refuses loops, escapes from /dev and unsupported files", "[ns][plan][root]") {
  NS_REQUIRE_ROOT();
  nstest::DevScratch dev;
  dev.link("loopA", "loopB");
  dev.link("loopB", "loopA");
  dev.link("self", "self");
  dev.link("escape", "../../etc/passwd");
  dev.link("toproc", "/proc/self/fd/0");
  dev.link("dangling", "nowhere");
  REQUIRE(nstest::run("touch '" + dev.base + "/regular'") == 0);

  int code = 0;
  CHECK(planError({dev.base + "/loopA"}, noSeeds(), &code) ==
        "Too many levels of symbolic links: " + dev.base + "/loopA: Too many levels of symbolic links");
  CHECK(code == VIR_ERR_SYSTEM_ERROR);
  CHECK(planError({dev.base + "/self"}, noSeeds()).find("Too many levels") == 0);
  CHECK(planError({dev.base + "/escape"}, noSeeds(), &code) ==
        "unsupported configuration: device path '" + dev.base + "/escape' resolves to '/etc/passwd', which is outside "
        "/dev; only device nodes below /dev can be copied into the private /dev");
  CHECK(code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(planError({dev.base + "/toproc"}, noSeeds()).find("resolves to '/proc/self/fd/0'") != std::string::npos);
  CHECK(planError({dev.base + "/regular"}, noSeeds()) ==
        "unsupported configuration: '" + dev.base +
            "/regular' has an unsupported file type 0100000; only device nodes, directories and symlinks are copied "
            "into the private /dev");
  CHECK(planError({dev.base + "/dangling"}, noSeeds(), &code) ==
        "Unable to access " + dev.base + "/dangling (at " + dev.base + "/nowhere): No such file or directory");
  CHECK(planError({"/dev/../etc/shadow"}, noSeeds()) ==
        "unsupported configuration: device path '/dev/../etc/shadow' has a '..' component");
  CHECK(planError({"/devfoo"}, noSeeds()) == "unsupported configuration: device path '/devfoo' is not under /dev");
  CHECK(planError({"dev/null"}, noSeeds()) == "unsupported configuration: device path 'dev/null' is not absolute");
}

TEST_CASE("optional paths may be missing, required ones may not", "[ns][plan][root]") {
  NS_REQUIRE_ROOT();
  nstest::DevScratch dev;
  DevPlanOptions opts;
  opts.optionalPaths = {"/dev/null", dev.base + "/not-there", "/dev/pts/ptmx", "/dev/shm/x"};
  DevPlan plan = planPrivateDev({}, opts, VIR_FROM_QEMU);
  CHECK(findNode(plan, "null"));
  CHECK_FALSE(findNode(plan, dev.rel + "/not-there"));
  // Inside kept mounts: shared with the host, never copied.
  CHECK_FALSE(findNode(plan, "pts/ptmx"));
  CHECK_FALSE(findNode(plan, "pts"));
  CHECK(std::find(plan.preservedMounts.begin(), plan.preservedMounts.end(), "/dev/pts") != plan.preservedMounts.end());

  int code = 0;
  CHECK(planError({dev.base + "/not-there"}, noSeeds(), &code) ==
        "Unable to access " + dev.base + "/not-there: No such file or directory");
  CHECK(code == VIR_ERR_SYSTEM_ERROR);
}

TEST_CASE("the default seed list is libvirt 9.0's cgroup_device_acl", "[ns][plan]") {
  CHECK(defaultDevicePaths() == std::vector<std::string>{"/dev/null", "/dev/full", "/dev/zero", "/dev/random",
                                                          "/dev/urandom", "/dev/ptmx", "/dev/kvm"});
  CHECK(devTmpfsOptions("system_u:object_r:svirt_image_t:s0:c1,c2") ==
        "mode=755,size=65536k,context=\"system_u:object_r:svirt_image_t:s0:c1,c2\"");
}

TEST_CASE("planning errors carry the caller's error domain", "[ns][plan]") {
  for (int domain : {VIR_FROM_QEMU, VIR_FROM_LXC}) {
    CAPTURE(domain);
    try {
      planDevNodes({"/dev/vireo-no-such-node"}, {}, domain);
      FAIL("planned");
    } catch (const vireo::Error& e) {
      CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
      CHECK(e.domain() == domain);
    }
  }
}
