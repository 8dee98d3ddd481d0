// The child program of lib/ns as memory: every struct the child reads in
// place sits at an address aligned for its type (UBSan reported the kept
// mounts' array as misaligned on every start with a private /dev), whatever
// the lengths of the strings packed before it, and everything the parent
// wrote reads back. Needs no root: nothing runs.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <libvirt/virterror.h>

#include "lib/ns/dev_child_layout.h"
#include "lib/ns/dev_plan.h"
#include "lib/ns/dev_program.h"
#include "lib/util/fd.h"

using namespace vireo::ns;

namespace {

template <typename T>
bool alignedFor(const T* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

struct RunDir {
  std::string path;
  RunDir() {
    char templ[] = "/tmp/vireo-nsprog-XXXXXX";
    REQUIRE(mkdtemp(templ) != nullptr);
    path = templ;
  }
  ~RunDir() { rmdir(path.c_str()); }  // the program removed its staging directory
};

// Nodes whose strings have every length from 1 to `count`: whatever comes
// after them starts at every possible offset modulo 8 in one plan or another.
std::vector<DevNode> oddNodes(size_t count) {
  std::vector<DevNode> nodes;
  for (size_t i = 1; i <= count; ++i) {
    DevNode n;
    n.path = std::string(i, 'n');
    n.type = i % 2 ? DevNodeType::CharDevice : DevNodeType::Symlink;
    n.mode = (i % 2 ? S_IFCHR : S_IFLNK) | 0660;
    n.rdev = makedev(1, static_cast<unsigned>(i));
    n.uid = static_cast<uid_t>(100 + i);
    n.gid = static_cast<gid_t>(200 + i);
    if (i % 2 == 0) n.target = std::string(i % 5 + 1, 't');
    if (i % 3 == 0) n.acl = std::string(i % 7 + 1, '\x02');
    nodes.push_back(std::move(n));
  }
  return nodes;
}

void checkLayout(const DevChildLayout* l, const std::vector<DevNode>& nodes, size_t mountCount) {
  REQUIRE(alignedFor(l));
  REQUIRE(l->nodeCount == nodes.size());
  REQUIRE(l->mountCount == mountCount);
  CHECK(alignedFor(l->nodes));
  CHECK(alignedFor(l->mounts));
  for (size_t i = 0; i < nodes.size(); ++i) {
    const DevChildNode& c = l->nodes[i];
    CHECK(std::string(c.path) == nodes[i].path);
    CHECK(std::string(c.target) == nodes[i].target);
    CHECK(c.rdev == nodes[i].rdev);
    CHECK(c.uid == nodes[i].uid);
    CHECK(c.gid == nodes[i].gid);
    CHECK(c.aclLen == nodes[i].acl.size());
    if (!nodes[i].acl.empty()) CHECK(std::string(static_cast<const char*>(c.acl), c.aclLen) == nodes[i].acl);
  }
  for (size_t i = 0; i < nodes.size() + 1; ++i) {
    CHECK(l->created[i] == 0);
    CHECK(l->replaced[i] == 0);
  }
  CHECK(l->scratchLen > 0);
}

}  // namespace

TEST_CASE("the child program's arrays are aligned for their types, whatever the strings", "[ns][program]") {
  RunDir run;
  DevPlanOptions opts;
  opts.runDir = run.path;
  for (size_t count = 1; count <= 9; ++count) {
    CAPTURE(count);
    DevPlan plan;
    plan.nodes = oddNodes(count);
    // Mount points need not exist for the program to be made.
    plan.preservedMounts = {"/dev/pts", "/dev/shm", "/dev/m" + std::string(count, 'x')};
    plan.tmpfsOptions = devTmpfsOptions("");
    DevChildProgram program = DevChildProgram::forBuild(plan, opts, VIR_FROM_QEMU);
    const DevChildLayout* l = program.layout();
    checkLayout(l, plan.nodes, plan.preservedMounts.size());
    for (size_t i = 0; i < plan.preservedMounts.size(); ++i) {
      CHECK(std::string(l->mounts[i].source) == plan.preservedMounts[i]);
      CHECK(std::string(l->mounts[i].staged) == program.stagingDir() + "/" + std::string(l->mounts[i].rel));
    }
    CHECK(std::string(l->tmpfsData) == plan.tmpfsOptions);
  }
}

TEST_CASE("hotplug programs are aligned too", "[ns][program]") {
  for (size_t count = 1; count <= 9; ++count) {
    CAPTURE(count);
    std::vector<DevNode> nodes = oddNodes(count);
    DevChildProgram add = DevChildProgram::forAdd(nodes, vireo::UniqueFd(), VIR_FROM_QEMU);
    checkLayout(add.layout(), nodes, 0);
    for (size_t i = 0; i < nodes.size(); ++i) CHECK(add.layout()->nodes[i].aside != nullptr);
    DevChildProgram remove = DevChildProgram::forRemove({"a", "bb", "ccc"}, vireo::UniqueFd(), VIR_FROM_QEMU);
    CHECK(remove.layout()->purpose == DevChildRemove);
    CHECK(alignedFor(remove.layout()->nodes));
  }
}
