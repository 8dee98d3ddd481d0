// The cost of a private /dev, measured side by side in one run.
//
// For 10, 100 and 1000 device nodes (copies of /dev/null made below
// /dev/vireo-bench-<pid>/, each with its own owner and an access ACL):
//  (a) vireo: planPrivateDev in the parent + spawnProcess of /bin/true with
//      the pre-exec hook + waitpid;
//  (b) the floor: the same system calls written out bare (fork, unshare,
//      make-rslave, fsopen/fsmount a tmpfs beneath /dev, mknodat, fchownat
//      and lsetxattr per node, move the kept mounts, detach the old /dev,
//      exec /bin/true, wait), with the node data known in advance;
// and the latency that the namespace adds to a spawn of /bin/true (the seed
// list only). Prints medians and the ratio vireo/floor. Needs root.
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "lib/ns/dev_plan.h"
#include "lib/ns/dev_program.h"
#include "lib/ns/mount_table.h"
#include "lib/util/error.h"
#include "lib/util/spawn.h"

#ifndef MOVE_MOUNT_BENEATH
#define MOVE_MOUNT_BENEATH 0x00000200
#endif

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// A raw access ACL (the kernel's xattr format, version 2): user::rw-,
// user:UID:rw-, group::r--, mask::rw-, other::---.
std::string rawAcl(unsigned uid) {
  struct Entry {
    uint16_t tag, perm;
    uint32_t id;
  };
  const uint32_t undefined = 0xffffffffu;
  Entry entries[] = {{0x01, 6, undefined}, {0x02, 6, uid}, {0x04, 4, undefined}, {0x10, 6, undefined},
                     {0x20, 0, undefined}};
  uint32_t version = 2;
  std::string out(reinterpret_cast<const char*>(&version), sizeof version);
  out.append(reinterpret_cast<const char*>(entries), sizeof entries);
  return out;
}

struct BenchTree {
  std::string base;
  std::vector<std::string> paths;
  explicit BenchTree(int count) {
    base = "/dev/vireo-bench-" + std::to_string(getpid());
    if (mkdir(base.c_str(), 0755) != 0) {
      perror("mkdir");
      exit(1);
    }
    for (int i = 0; i < count; ++i) {
      char name[32];
      snprintf(name, sizeof name, "/n%04d", i);
      std::string p = base + name;
      std::string acl = rawAcl(2000 + i);
      if (mknod(p.c_str(), S_IFCHR | 0640, makedev(1, 3)) != 0 || chown(p.c_str(), 1000 + i % 7, 1000 + i % 5) != 0 ||
          setxattr(p.c_str(), "system.posix_acl_access", acl.data(), acl.size(), 0) != 0) {
        perror(p.c_str());
        exit(1);
      }
      paths.push_back(p);
    }
  }
  ~BenchTree() {
    std::string cmd = "rm -rf '" + base + "'";
    if (system(cmd.c_str()) != 0) fprintf(stderr, "could not remove %s\n", base.c_str());
  }
};

void waitFor(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "child failed (status %d)\n", status);
    exit(1);
  }
}

vireo::SpawnPlan truePlan() {
  vireo::SpawnPlan plan;
  plan.program = "/bin/true";
  plan.argv = {"true"};
  return plan;
}

// (a) vireo, from the list of paths to the exited child.
double vireoOnce(const std::vector<std::string>& paths, const vireo::ns::DevPlanOptions& opts, bool withNamespace) {
  auto start = Clock::now();
  vireo::SpawnPlan spawn = truePlan();
  if (!withNamespace) {
    waitFor(vireo::spawnProcess(spawn, VIR_FROM_QEMU));
    return msSince(start);
  }
  vireo::ns::DevPlan plan = vireo::ns::planPrivateDev(paths, opts, VIR_FROM_QEMU);
  vireo::ns::DevChildProgram program = vireo::ns::DevChildProgram::forBuild(plan, opts, VIR_FROM_QEMU);
  vireo::ns::attachPrivateDev(spawn, program);
  waitFor(vireo::spawnProcess(spawn, VIR_FROM_QEMU));
  return msSince(start);
}

constexpr int kFloorRootFd = 200;

// What the floor's child needs, prepared before fork like vireo's program.
struct FloorNode {
  std::string rel;
  std::string acl;
  uid_t uid;
  gid_t gid;
  std::string procPath;  // filled in once the mount fd number is known
};

[[noreturn]] void floorChild(std::vector<FloorNode>& nodes, const std::vector<std::string>& kept,
                             const std::vector<std::string>& keptRel, const std::string& dirRel) {
  char* const argv[] = {const_cast<char*>("true"), nullptr};
  char* const envp[] = {nullptr};
  if (unshare(CLONE_NEWNS) || mount("", "/", nullptr, MS_SLAVE | MS_REC, nullptr)) _exit(10);
  int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
  if (fs < 0 || fsconfig(fs, FSCONFIG_SET_STRING, "mode", "755", 0) ||
      fsconfig(fs, FSCONFIG_SET_STRING, "size", "65536k", 0) || fsconfig(fs, FSCONFIG_CMD_CREATE, nullptr, nullptr, 0))
    _exit(11);
  int mnt = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID);
  int root = mnt < 0 ? -1 : dup2(mnt, kFloorRootFd);
  if (root < 0 || move_mount(root, "", AT_FDCWD, "/dev", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_BENEATH)) _exit(12);
  umask(0);
  if (mkdirat(root, dirRel.c_str(), 0755)) _exit(13);
  for (auto& n : nodes) {
    if (mknodat(root, n.rel.c_str(), S_IFCHR | 0640, makedev(1, 3)) ||
        fchownat(root, n.rel.c_str(), n.uid, n.gid, AT_SYMLINK_NOFOLLOW) ||
        lsetxattr(n.procPath.c_str(), "system.posix_acl_access", n.acl.data(), n.acl.size(), 0))
      _exit(14);
  }
  for (size_t i = 0; i < kept.size(); ++i)
    if (mkdirat(root, keptRel[i].c_str(), 0755) || move_mount(AT_FDCWD, kept[i].c_str(), root, keptRel[i].c_str(), 0))
      _exit(15);
  if (umount2("/dev", MNT_DETACH)) _exit(16);
  execve("/bin/true", argv, envp);
  _exit(17);
}

// (b) the floor; the parent's preparation (strings) is not timed.
double floorOnce(const std::vector<std::string>& paths, const std::string& base) {
  std::vector<FloorNode> nodes;
  for (size_t i = 0; i < paths.size(); ++i)
    nodes.push_back({paths[i].substr(5), rawAcl(2000 + static_cast<unsigned>(i)), static_cast<uid_t>(1000 + i % 7),
                     static_cast<gid_t>(1000 + i % 5), {}});
  std::vector<std::string> kept = vireo::ns::preservedDevMounts(vireo::ns::readMountInfo("/proc/self/mountinfo", VIR_FROM_QEMU));
  std::vector<std::string> keptRel;
  for (const auto& k : kept) keptRel.push_back(k.substr(5));
  // The child puts its mount descriptor at this number, so the paths for the
  // l*xattr calls can be made here.
  for (auto& n : nodes) n.procPath = "/proc/self/fd/" + std::to_string(kFloorRootFd) + "/" + n.rel;
  std::string dirRel = base.substr(5);

  auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) floorChild(nodes, kept, keptRel, dirRel);
  waitFor(pid);
  return msSince(start);
}

}  // namespace

int main(int argc, char** argv) {
  if (geteuid() != 0) {
    fprintf(stderr, "ns_populate_bench: SKIPPED, needs root (mknod below /dev, mount namespaces)\n");
    return 77;
  }
  int runs = argc > 1 ? atoi(argv[1]) : 11;
  char runTemplate[] = "/tmp/vireo-bench-run-XXXXXX";
  if (!mkdtemp(runTemplate)) return 1;
  vireo::ns::DevPlanOptions opts;
  opts.runDir = runTemplate;
  opts.optionalPaths.clear();

  try {
    BenchTree tree(1000);
    printf("private /dev: median of %d runs, in ms\n", runs);
    printf("%6s %12s %12s %12s %14s\n", "nodes", "vireo", "floor", "vireo/floor", "vireo plan only");
    for (int count : {10, 100, 1000}) {
      std::vector<std::string> paths(tree.paths.begin(), tree.paths.begin() + count);
      std::vector<double> v, f, p;
      for (int r = 0; r < runs; ++r) {
        v.push_back(vireoOnce(paths, opts, true));
        f.push_back(floorOnce(paths, tree.base));
        auto start = Clock::now();
        vireo::ns::DevPlan plan = vireo::ns::planPrivateDev(paths, opts, VIR_FROM_QEMU);
        p.push_back(msSince(start));
      }
      printf("%6d %12.3f %12.3f %12.2f %14.3f\n", count, median(v), median(f), median(v) / median(f), median(p));
    }

    vireo::ns::DevPlanOptions seeds;
    seeds.runDir = runTemplate;
    std::vector<double> without, with;
    for (int r = 0; r < runs; ++r) {
      without.push_back(vireoOnce({}, seeds, false));
      with.push_back(vireoOnce({}, seeds, true));
    }
    printf("spawn of /bin/true: without namespace %.3f ms, with (seed list) %.3f ms, added %.3f ms\n", median(without),
           median(with), median(with) - median(without));
  } catch (const vireo::Error& e) {
    fprintf(stderr, "ns_populate_bench: %s\n", e.what());
    rmdir(runTemplate);
    return 1;
  }
  rmdir(runTemplate);
  return 0;
}
