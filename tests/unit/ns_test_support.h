// Helpers for the tests of lib/ns that need root: a scratch tree below the
// host's /dev, loop devices, snapshots of nodes, a child that is always
// killed. Every helper undoes what it made.
#pragma once

#include <catch2/catch.hpp>

#include <acl/libacl.h>
#include <dirent.h>
#include <signal.h>
#include <sys/acl.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace nstest {

// True when this process may build mount namespaces (root with
// CAP_SYS_ADMIN): checked by doing it in a throwaway child.
inline bool canBuildNamespaces() {
  if (geteuid() != 0) return false;
  pid_t pid = fork();
  if (pid == 0) _exit(unshare(CLONE_NEWNS) == 0 ? 0 : 1);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

#define NS_REQUIRE_ROOT()                                                                          \
  do {                                                                                             \
    if (!nstest::canBuildNamespaces()) {                                                           \
      WARN("SKIPPED: this test needs root with CAP_SYS_ADMIN (mknod below /dev, mount namespaces)"); \
      return;                                                                                      \
    }                                                                                              \
  } while (0)

inline int run(const std::string& cmd) { return std::system(cmd.c_str()); }

inline std::string runOutput(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[256];
  while (fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

inline std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string xattr(const std::string& path, const char* name) {
  char buf[4096];
  ssize_t n = lgetxattr(path.c_str(), name, buf, sizeof buf);
  return n < 0 ? std::string() : std::string(buf, static_cast<size_t>(n));
}

// The ACL of a node as libacl prints it ("" when it has none).
inline std::string aclText(const std::string& path) {
  acl_t acl = acl_get_file(path.c_str(), ACL_TYPE_ACCESS);
  if (!acl) return "";
  char* text = acl_to_any_text(acl, nullptr, ',', 0);
  std::string out = text ? text : "";
  acl_free(text);
  acl_free(acl);
  return out;
}

inline void setAcl(const std::string& path, const char* text) {
  acl_t acl = acl_from_text(text);
  REQUIRE(acl != nullptr);
  REQUIRE(acl_set_file(path.c_str(), ACL_TYPE_ACCESS, acl) == 0);
  acl_free(acl);
}

// What a test compares of one node.
struct NodeInfo {
  mode_t mode = 0;
  dev_t rdev = 0;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string target;
  std::string acl;
  std::string label;
  bool operator==(const NodeInfo&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const NodeInfo& n) {
  return os << "mode=0" << std::oct << n.mode << std::dec << " rdev=" << major(n.rdev) << ":" << minor(n.rdev)
            << " uid=" << n.uid << " gid=" << n.gid << " target=" << n.target << " acl=" << n.acl.size() << "B";
}

inline bool snapshot(const std::string& path, NodeInfo* out) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return false;
  out->mode = st.st_mode;
  out->rdev = (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) ? st.st_rdev : 0;
  out->uid = st.st_uid;
  out->gid = st.st_gid;
  if (S_ISLNK(st.st_mode)) {
    char buf[4096];
    ssize_t n = readlink(path.c_str(), buf, sizeof buf);
    out->target = n < 0 ? "" : std::string(buf, static_cast<size_t>(n));
  }
  out->acl = xattr(path, "system.posix_acl_access");
  out->label = xattr(path, "security.selinux");
  return true;
}

// Every entry below `root`, by relative path; the subtrees named in `opaque`
// (relative) are listed but not entered.
inline void listTree(const std::string& root, const std::string& rel, const std::set<std::string>& opaque,
                     std::map<std::string, NodeInfo>* out) {
  std::string dir = rel.empty() ? root : root + "/" + rel;
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string childRel = rel.empty() ? name : rel + "/" + name;
    NodeInfo info;
    if (!snapshot(root + "/" + childRel, &info)) continue;
    (*out)[childRel] = info;
    if (S_ISDIR(info.mode) && !opaque.count(childRel)) listTree(root, childRel, opaque, out);
  }
  closedir(d);
}

// The names directly in the host's /dev with their type, without the loop
// devices that other users of the machine may add at any time.
inline std::map<std::string, mode_t> hostDevTopLevel() {
  std::map<std::string, mode_t> out;
  DIR* d = opendir("/dev");
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == ".." || name.rfind("loop", 0) == 0) continue;
    struct stat st;
    if (lstat(("/dev/" + name).c_str(), &st) == 0) out[name] = st.st_mode & S_IFMT;
  }
  closedir(d);
  return out;
}

// A scratch tree below the host's /dev: /dev/vireo-test-<pid>-<n>, removed
// with everything in it.
struct DevScratch {
  std::string base;
  std::string rel;
  DevScratch() {
    static int counter = 0;
    rel = "vireo-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
    base = "/dev/" + rel;
    REQUIRE(mkdir(base.c_str(), 0750) == 0);
    REQUIRE(chown(base.c_str(), 0, 5) == 0);
  }
  ~DevScratch() { run("rm -rf '" + base + "'"); }
  void mkdirs(const std::string& sub, mode_t mode = 0755) { REQUIRE(mkdir((base + "/" + sub).c_str(), mode) == 0); }
  void node(const std::string& sub, mode_t mode, dev_t rdev, uid_t uid, gid_t gid) {
    std::string p = base + "/" + sub;
    REQUIRE(mknod(p.c_str(), mode, rdev) == 0);
    REQUIRE(chown(p.c_str(), uid, gid) == 0);
    REQUIRE(chmod(p.c_str(), mode & 07777) == 0);
  }
  void link(const std::string& sub, const std::string& target) {
    REQUIRE(symlink(target.c_str(), (base + "/" + sub).c_str()) == 0);
  }
};

// A loop device over a 1 MiB file in a private temporary directory.
struct LoopDevice {
  std::string dir, file, device;
  LoopDevice() {
    char templ[] = "/tmp/vireo-loop-XXXXXX";
    REQUIRE(mkdtemp(templ) != nullptr);
    dir = templ;
    file = dir + "/backing.img";
    REQUIRE(run("truncate -s 1M '" + file + "'") == 0);
    device = runOutput("losetup -f --show '" + file + "' 2>/dev/null");
  }
  bool ok() const { return device.rfind("/dev/loop", 0) == 0; }
  ~LoopDevice() {
    if (ok()) run("losetup -d '" + device + "'");
    run("rm -rf '" + dir + "'");
  }
};

// True when no loop device is attached to a file below `dir`.
inline bool noLoopDeviceUses(const std::string& dir) { return runOutput("losetup -a").find(dir) == std::string::npos; }

// True when the host's /dev has no entry whose name starts with `prefix`.
inline bool hostDevHasNo(const std::string& prefix) {
  for (const auto& [name, type] : hostDevTopLevel())
    if (name.rfind(prefix, 0) == 0) return false;
  return true;
}

// A private temporary run directory for staging directories.
struct RunDir {
  std::string path;
  RunDir() {
    char templ[] = "/tmp/vireo-run-XXXXXX";
    REQUIRE(mkdtemp(templ) != nullptr);
    path = templ;
  }
  ~RunDir() { run("rm -rf '" + path + "'"); }
  bool isEmpty() const {
    DIR* d = opendir(path.c_str());
    int n = 0;
    while (dirent* e = readdir(d)) n += std::string(e->d_name) != "." && std::string(e->d_name) != "..";
    closedir(d);
    return n == 0;
  }
};

// A child that is killed and reaped whatever happens.
struct ChildGuard {
  pid_t pid;
  explicit ChildGuard(pid_t p) : pid(p) {}
  ~ChildGuard() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      int status;
      waitpid(pid, &status, 0);
    }
  }
};

inline bool hostMountsMention(const std::string& text) {
  return readFile("/proc/self/mountinfo").find(text) != std::string::npos;
}

}  // namespace nstest
