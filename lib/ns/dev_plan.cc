#include "lib/ns/dev_plan.h"

#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <map>

#include <libvirt/virterror.h>

#include "lib/ns/dev_path.h"
#include "lib/ns/mount_table.h"
#include "lib/util/error.h"

namespace vireo::ns {

namespace {

// Linux gives up after 40 links in one lookup; so do we, per requested path.
constexpr int kMaxSymlinkHops = 40;

constexpr const char* kAclXattr = "system.posix_acl_access";
constexpr const char* kLabelXattr = "security.selinux";

// The raw value of an extended attribute, "" when the node has none or the
// filesystem has no such attributes.
std::string readXattr(const std::string& path, const char* name, const char* what, virErrorDomain domain) {
  // Most values (an ACL of a few entries, a label) fit here: one call, not two.
  char small[256];
  ssize_t got = lgetxattr(path.c_str(), name, small, sizeof small);
  if (got >= 0) return std::string(small, static_cast<size_t>(got));
  if (errno == ENODATA || errno == ENOTSUP || errno == EOPNOTSUPP) return {};
  if (errno != ERANGE) failSystem(domain, errno, std::string(what) + " " + path);
  for (int attempt = 0; attempt < 4; ++attempt) {
    ssize_t size = lgetxattr(path.c_str(), name, nullptr, 0);
    if (size < 0) {
      if (errno == ENODATA || errno == ENOTSUP || errno == EOPNOTSUPP) return {};
      failSystem(domain, errno, std::string(what) + " " + path);
    }
    std::string value(static_cast<size_t>(size), '\0');
    ssize_t got = lgetxattr(path.c_str(), name, value.data(), value.size());
    if (got >= 0) {
      value.resize(static_cast<size_t>(got));
      return value;
    }
    if (errno != ERANGE) failSystem(domain, errno, std::string(what) + " " + path);
    // ERANGE: the attribute grew between the two calls; ask again.
  }
  failSystem(domain, ERANGE, std::string(what) + " " + path);
}

[[noreturn]] void refuseFileType(const std::string& path, mode_t mode, virErrorDomain domain) {
  char octal[16];
  snprintf(octal, sizeof octal, "0%o", static_cast<unsigned>(mode & S_IFMT));
  fail(VIR_ERR_CONFIG_UNSUPPORTED, domain,
       "'" + path + "' has an unsupported file type " + octal +
           "; only device nodes, directories and symlinks are copied into the private /dev");
}

std::string readLink(const std::string& path, virErrorDomain domain) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0) failSystem(domain, errno, "failed to resolve symlink " + path);
    if (static_cast<size_t>(n) < buf.size()) {
      buf.resize(static_cast<size_t>(n));
      return buf;
    }
    buf.resize(buf.size() * 2);
  }
}

// Follows requested paths through the host's /dev one component at a time,
// recording every directory, symlink and device it meets. Because each
// directory reached this way is real (no symlink in it), a relative link
// target can be normalised lexically against it, exactly as the kernel would
// resolve it.
class Planner {
 public:
  Planner(const std::vector<std::string>& keepOut, int errorDomain)
      : keepOut_(keepOut), domain_(static_cast<virErrorDomain>(errorDomain)) {}

  void add(const std::string& requested, bool required) {
    checkDevPath(requested, domain_);
    std::string current = requested;
    int hops = 0;
    for (;;) {
      if (!pathIsUnderDev(current))
        fail(VIR_ERR_CONFIG_UNSUPPORTED, domain_,
             "device path '" + requested + "' resolves to '" + current +
                 "', which is outside /dev; only device nodes below /dev can be copied into the private /dev");
      auto parts = pathComponents(current);
      std::string dir = "/dev";
      bool restarted = false;
      for (size_t i = 1; i < parts.size() && !restarted; ++i) {
        std::string here = dir + "/" + std::string(parts[i]);
        // Whatever lies in a kept mount is there already, shared with the host.
        if (insideKeptMount(here)) return;
        // A directory met before (by an earlier path) needs no second look.
        if (!isLastComponent(i, parts) && isRecordedDirectory(here)) {
          dir = here;
          continue;
        }
        struct stat st;
        if (lstat(here.c_str(), &st) < 0) {
          if (errno == ENOENT && !required) return;
          std::string what = "Unable to access " + requested;
          if (here != requested) what += " (at " + here + ")";
          failSystem(domain_, errno, what);
        }
        bool last = isLastComponent(i, parts);
        if (S_ISLNK(st.st_mode)) {
          std::string target = readLink(here, domain_);
          record(here, st, DevNodeType::Symlink, target);
          if (++hops > kMaxSymlinkHops) failSystem(domain_, ELOOP, "Too many levels of symbolic links: " + requested);
          std::string next = resolveLinkTarget(dir, target);
          for (size_t j = i + 1; j < parts.size(); ++j) next += "/" + std::string(parts[j]);
          current = normalizeAbsolutePath(next);
          restarted = true;
        } else if (S_ISDIR(st.st_mode)) {
          record(here, st, DevNodeType::Directory, {});
          dir = here;
        } else if (!last) {
          failSystem(domain_, ENOTDIR, "Unable to access " + requested + " (at " + here + ")");
        } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
          record(here, st, S_ISCHR(st.st_mode) ? DevNodeType::CharDevice : DevNodeType::BlockDevice, {});
        } else {
          refuseFileType(here, st.st_mode, domain_);
        }
      }
      if (!restarted) return;
    }
  }

  std::vector<DevNode> nodes() const {
    // std::map orders a parent before everything below it ("a" < "a/b").
    std::vector<DevNode> out;
    out.reserve(nodes_.size());
    for (const auto& [path, node] : nodes_) out.push_back(node);
    return out;
  }

 private:
  static bool isLastComponent(size_t i, const std::vector<std::string_view>& parts) { return i + 1 == parts.size(); }

  bool isRecordedDirectory(const std::string& hostPath) const {
    auto it = nodes_.find(devRelativePath(hostPath));
    return it != nodes_.end() && it->second.type == DevNodeType::Directory;
  }

  bool insideKeptMount(const std::string& path) const {
    return std::any_of(keepOut_.begin(), keepOut_.end(), [&](const std::string& m) { return pathIsWithin(path, m); });
  }

  void record(const std::string& hostPath, const struct stat& st, DevNodeType type, std::string target) {
    std::string rel = devRelativePath(hostPath);
    if (nodes_.count(rel)) return;
    DevNode node;
    node.path = rel;
    node.type = type;
    node.mode = st.st_mode;
    node.rdev = (type == DevNodeType::CharDevice || type == DevNodeType::BlockDevice) ? st.st_rdev : 0;
    node.uid = st.st_uid;
    node.gid = st.st_gid;
    node.target = std::move(target);
    // Symlinks carry no ACL (Linux refuses them), but they may carry a label.
    if (type != DevNodeType::Symlink) node.acl = readXattr(hostPath, kAclXattr, "Unable to get ACLs on", domain_);
    node.label = readXattr(hostPath, kLabelXattr, "Unable to get SELinux label from", domain_);
    nodes_.emplace(rel, std::move(node));
  }

  const std::vector<std::string>& keepOut_;
  std::map<std::string, DevNode> nodes_;
  virErrorDomain domain_;
};

}  // namespace

const std::vector<std::string>& defaultDevicePaths() {
  static const std::vector<std::string> paths = {"/dev/null",   "/dev/full", "/dev/zero", "/dev/random",
                                                 "/dev/urandom", "/dev/ptmx", "/dev/kvm"};
  return paths;
}

const char* devNodeTypeName(DevNodeType type) {
  switch (type) {
    case DevNodeType::CharDevice: return "char";
    case DevNodeType::BlockDevice: return "block";
    case DevNodeType::Directory: return "directory";
    case DevNodeType::Symlink: return "symlink";
  }
  return "?";
}

std::string devTmpfsOptions(const std::string& mountLabel) {
  std::string opts = std::string("mode=") + kDevTmpfsMode + ",size=" + kDevTmpfsSize;
  if (!mountLabel.empty()) opts += ",context=\"" + mountLabel + "\"";
  return opts;
}

std::vector<DevNode> planDevNodes(const std::vector<std::string>& paths, const std::vector<std::string>& keepOut,
                                  int errorDomain) {
  Planner planner(keepOut, errorDomain);
  for (const auto& p : paths) planner.add(p, true);
  return planner.nodes();
}

DevPlan planPrivateDev(const std::vector<std::string>& paths, const DevPlanOptions& opts, int errorDomain) {
  DevPlan plan;
  plan.preservedMounts = preservedDevMounts(readMountInfo(opts.mountInfoPath, errorDomain));
  Planner planner(plan.preservedMounts, errorDomain);
  for (const auto& p : opts.optionalPaths) planner.add(p, false);
  for (const auto& p : paths) planner.add(p, true);
  // The parents of a kept mount point must exist in the new /dev as well.
  for (const auto& m : plan.preservedMounts) {
    auto parts = pathComponents(m);
    std::string parent = "/dev";
    for (size_t i = 1; i + 1 < parts.size(); ++i) {
      parent += "/" + std::string(parts[i]);
      planner.add(parent, true);
    }
  }
  plan.nodes = planner.nodes();
  plan.tmpfsOptions = devTmpfsOptions(opts.mountLabel);
  plan.mountLabel = opts.mountLabel;
  return plan;
}

}  // namespace vireo::ns
