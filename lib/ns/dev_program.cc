#include "lib/ns/dev_program.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

#include <libvirt/virterror.h>

#include "lib/ns/dev_child.h"
#include "lib/ns/dev_path.h"
#include "lib/util/error.h"

namespace vireo::ns {

namespace {

// The most any struct of the layout needs; an array of them may start up to
// kAlign - 1 bytes after the string before it (see Builder::array).
constexpr size_t kAlign = alignof(std::max_align_t);

template <typename T>
constexpr size_t arrayRoom(size_t n) {
  static_assert(alignof(T) <= kAlign);
  return sizeof(T) * n + alignof(T) - 1;
}

int nodeKind(DevNodeType type) {
  switch (type) {
    case DevNodeType::CharDevice: return DevKindChar;
    case DevNodeType::BlockDevice: return DevKindBlock;
    case DevNodeType::Directory: return DevKindDir;
    case DevNodeType::Symlink: return DevKindSymlink;
  }
  return DevKindChar;
}

// "a/b/c" -> "a/b/.vireo-replaced-7": a name in the node's own directory, so
// that rename() stays within one filesystem.
std::string asideName(const std::string& rel, size_t index) {
  size_t slash = rel.rfind('/');
  std::string dir = slash == std::string::npos ? "" : rel.substr(0, slash + 1);
  return dir + ".vireo-replaced-" + std::to_string(index);
}

void makeDirectoryChain(const std::string& dir, virErrorDomain domain) {
  auto parts = pathComponents(dir);
  std::string path;
  for (auto p : parts) {
    path += "/" + std::string(p);
    if (mkdir(path.c_str(), 0700) < 0 && errno != EEXIST) failSystem(domain, errno, "Unable to create " + path);
  }
}

std::string nodePathOf(const DevChildLayout* l, int index) {
  if (index < 0 || static_cast<size_t>(index) >= l->nodeCount) return "/dev";
  return std::string("/dev/") + l->nodes[index].path;
}

}  // namespace

// A bump allocator over the one buffer; the size is computed before any copy.
// Strings are packed byte by byte, so every array starts at the next
// multiple of its type's alignment (the child reads those structs in place;
// a misaligned one is undefined behaviour, which UBSan reports on every
// start with a private /dev).
struct DevChildProgram::Builder {
  std::byte* next;
  std::byte* end;
  virErrorDomain domain;

  template <typename T>
  T* array(size_t n) {
    static_assert(alignof(T) <= kAlign);
    auto at = reinterpret_cast<std::uintptr_t>(next);
    size_t pad = (alignof(T) - at % alignof(T)) % alignof(T);
    reserve(pad + sizeof(T) * n);
    T* out = reinterpret_cast<T*>(next + pad);
    next += pad + sizeof(T) * n;
    std::memset(static_cast<void*>(out), 0, sizeof(T) * n);
    return out;
  }
  const char* string(std::string_view s) {
    reserve(s.size() + 1);
    char* out = reinterpret_cast<char*>(next);
    next += s.size() + 1;
    std::memcpy(out, s.data(), s.size());
    out[s.size()] = '\0';
    return out;
  }
  const void* bytes(std::string_view s) {
    if (s.empty()) return nullptr;
    return string(s);
  }
  DevChildNode* nodeArray(const std::vector<DevNode>& nodes, bool withAside) {
    DevChildNode* out = array<DevChildNode>(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
      const DevNode& n = nodes[i];
      out[i].path = string(n.path);
      out[i].target = string(n.target);
      out[i].aside = withAside ? string(asideName(n.path, i)) : nullptr;
      out[i].acl = bytes(n.acl);
      out[i].aclLen = n.acl.size();
      out[i].label = bytes(n.label);
      out[i].labelLen = n.label.size();
      out[i].mode = n.mode;
      out[i].rdev = n.rdev;
      out[i].uid = n.uid;
      out[i].gid = n.gid;
      out[i].kind = nodeKind(n.type);
    }
    return out;
  }
  // Throws unless `n` more bytes fit (checked before `next` moves: a pointer
  // past the end of the buffer may not even be formed).
  void reserve(size_t n) const {
    if (n > static_cast<size_t>(end - next))
      fail(VIR_ERR_INTERNAL_ERROR, domain, "device program buffer overflow");
  }
};

namespace {

// Room for every struct array, every string (with its NUL) and the scratch.
size_t programSize(const std::vector<DevNode>& nodes, const std::vector<std::string>& mountRels,
                   const std::vector<std::string>& strings, size_t scratch) {
  size_t size = arrayRoom<DevChildLayout>(1) + arrayRoom<DevChildNode>(nodes.size()) +
                arrayRoom<DevChildMount>(mountRels.size()) + 2 * arrayRoom<unsigned char>(nodes.size() + 1) +
                arrayRoom<char>(scratch);
  for (const auto& n : nodes)
    size += n.path.size() + n.target.size() + n.acl.size() + n.label.size() + n.path.size() + 64 + 4;
  for (const auto& s : strings) size += s.size() + 1;
  return size + kAlign;
}

}  // namespace

DevChildProgram DevChildProgram::forBuild(const DevPlan& plan, const DevPlanOptions& opts, int errorDomain) {
  auto domain = static_cast<virErrorDomain>(errorDomain);
  DevChildProgram program;
  makeDirectoryChain(opts.runDir, domain);
  std::string templ = opts.runDir + "/ns-XXXXXX";
  if (!mkdtemp(templ.data())) failSystem(domain, errno, "Unable to create a staging directory in " + opts.runDir);
  program.stagingDir_ = templ;

  std::vector<std::string> rels, strings{program.stagingDir_, plan.tmpfsOptions, plan.mountLabel, kDevTmpfsMode,
                                         kDevTmpfsSize};
  for (const auto& m : plan.preservedMounts) {
    rels.push_back(devRelativePath(m));
    strings.push_back(m);
    strings.push_back(rels.back());
    strings.push_back(program.stagingDir_ + "/" + rels.back());
  }
  size_t scratch = 2 * PATH_MAX + 64;
  size_t size = programSize(plan.nodes, rels, strings, scratch);
  program.buffer_ = std::make_unique<std::byte[]>(size);
  Builder b{program.buffer_.get(), program.buffer_.get() + size, domain};
  DevChildLayout* l = b.array<DevChildLayout>(1);
  l->purpose = DevChildBuild;
  l->forceStaging = opts.forceStagingDir ? 1 : 0;
  l->nsFd = -1;
  l->nodes = b.nodeArray(plan.nodes, false);
  l->nodeCount = plan.nodes.size();
  DevChildMount* mounts = b.array<DevChildMount>(plan.preservedMounts.size());
  for (size_t i = 0; i < plan.preservedMounts.size(); ++i) {
    const std::string& m = plan.preservedMounts[i];
    struct stat st;
    bool isDir = stat(m.c_str(), &st) != 0 || S_ISDIR(st.st_mode);
    mounts[i].source = b.string(m);
    mounts[i].rel = b.string(rels[i]);
    mounts[i].staged = b.string(program.stagingDir_ + "/" + rels[i]);
    mounts[i].isDirectory = isDir ? 1 : 0;
  }
  l->mounts = mounts;
  l->mountCount = plan.preservedMounts.size();
  l->stagingDir = b.string(program.stagingDir_);
  l->tmpfsData = b.string(plan.tmpfsOptions);
  l->tmpfsMode = b.string(kDevTmpfsMode);
  l->tmpfsSize = b.string(kDevTmpfsSize);
  l->tmpfsLabel = b.string(plan.mountLabel);
  l->created = b.array<unsigned char>(plan.nodes.size() + 1);
  l->replaced = b.array<unsigned char>(plan.nodes.size() + 1);
  l->scratch = b.array<char>(scratch);
  l->scratchLen = scratch;
  program.layout_ = l;
  return program;
}

DevChildProgram DevChildProgram::forPopulate(const std::vector<DevNode>& nodes, const std::string& dir,
                                             int errorDomain) {
  DevChildProgram program = forNodes(nodes, UniqueFd(), dir, errorDomain);
  program.layout_->purpose = DevChildPopulate;
  return program;
}

DevChildProgram DevChildProgram::forAdd(const std::vector<DevNode>& nodes, UniqueFd mountNs, int errorDomain) {
  return forNodes(nodes, std::move(mountNs), "", errorDomain);
}

DevChildProgram DevChildProgram::forNodes(const std::vector<DevNode>& nodes, UniqueFd mountNs, const std::string& dir,
                                          int errorDomain) {
  DevChildProgram program;
  size_t scratch = 2 * PATH_MAX + 64;
  size_t size = programSize(nodes, {}, {dir}, scratch);
  program.buffer_ = std::make_unique<std::byte[]>(size);
  Builder b{program.buffer_.get(), program.buffer_.get() + size, static_cast<virErrorDomain>(errorDomain)};
  DevChildLayout* l = b.array<DevChildLayout>(1);
  l->purpose = DevChildAdd;
  l->nsFd = mountNs.get();
  l->nodes = b.nodeArray(nodes, true);
  l->nodeCount = nodes.size();
  l->tmpfsData = l->tmpfsMode = l->tmpfsSize = l->tmpfsLabel = b.string("");
  l->stagingDir = b.string(dir);
  l->created = b.array<unsigned char>(nodes.size() + 1);
  l->replaced = b.array<unsigned char>(nodes.size() + 1);
  l->scratch = b.array<char>(scratch);
  l->scratchLen = scratch;
  program.layout_ = l;
  program.mountNs_ = std::move(mountNs);
  return program;
}

DevChildProgram DevChildProgram::forRemove(const std::vector<std::string>& relPaths, UniqueFd mountNs,
                                           int errorDomain) {
  std::vector<DevNode> nodes;
  for (const auto& rel : relPaths) {
    DevNode n;
    n.path = rel;
    nodes.push_back(std::move(n));
  }
  DevChildProgram program = forAdd(nodes, std::move(mountNs), errorDomain);
  program.layout_->purpose = DevChildRemove;
  return program;
}

DevChildProgram::DevChildProgram(DevChildProgram&& other) noexcept
    : buffer_(std::move(other.buffer_)),
      layout_(std::exchange(other.layout_, nullptr)),
      mountNs_(std::move(other.mountNs_)),
      stagingDir_(std::exchange(other.stagingDir_, std::string())) {}

DevChildProgram& DevChildProgram::operator=(DevChildProgram&& other) noexcept {
  if (this != &other) {
    removeStagingDir();
    buffer_ = std::move(other.buffer_);
    layout_ = std::exchange(other.layout_, nullptr);
    mountNs_ = std::move(other.mountNs_);
    stagingDir_ = std::exchange(other.stagingDir_, std::string());
  }
  return *this;
}

DevChildProgram::~DevChildProgram() { removeStagingDir(); }

void DevChildProgram::removeStagingDir() noexcept {
  // The child mounted on the staging directory only inside its own
  // namespace; on the host it is still an empty directory.
  if (!stagingDir_.empty()) rmdir(stagingDir_.c_str());
  stagingDir_.clear();
}

const char* devChildStepName(int step) {
  switch (step) {
    case DevStepUnshare: return "unshare";
    case DevStepPropagation: return "make-rslave";
    case DevStepMountTmpfs: return "mount-tmpfs";
    case DevStepOpenTmpfs: return "open-tmpfs";
    case DevStepMkdir: return "mkdir";
    case DevStepMknod: return "mknod";
    case DevStepSymlink: return "symlink";
    case DevStepChown: return "chown";
    case DevStepChmod: return "chmod";
    case DevStepAcl: return "set-acl";
    case DevStepLabel: return "set-label";
    case DevStepInspect: return "inspect";
    case DevStepReplace: return "replace";
    case DevStepMountPoint: return "mountpoint";
    case DevStepMoveMount: return "move-mount";
    case DevStepUnmountDev: return "umount";
    case DevStepMoveDev: return "move-dev";
    case DevStepSetns: return "setns";
    case DevStepOpenDev: return "open-dev";
    case DevStepUnlink: return "unlink";
  }
  return "unknown";
}

std::string describeDevChildFailure(const void* data, const SpawnChildError& err) {
  const auto* l = static_cast<const DevChildLayout*>(data);
  std::string node = nodePathOf(l, err.index);
  std::string mount = err.index >= 0 && static_cast<size_t>(err.index) < l->mountCount ? l->mounts[err.index].source : "";
  std::string what;
  switch (err.step) {
    case DevStepUnshare: what = "Cannot unshare mount namespace"; break;
    case DevStepPropagation: what = "Failed disable mount propagation out of the root filesystem"; break;
    case DevStepMountTmpfs:
      what = std::string("Failed to mount devfs on ") + (err.path[0] ? err.path : "/dev") + " type tmpfs (" +
             l->tmpfsData + ")";
      break;
    case DevStepOpenTmpfs: what = std::string("Unable to open ") + l->stagingDir; break;
    case DevStepMkdir: what = "Failed to create directory " + node; break;
    case DevStepMknod: what = "Failed to create device " + node; break;
    case DevStepSymlink:
      what = "Failed to create symlink " + node + " (pointing to " + l->nodes[err.index].target + ")";
      break;
    case DevStepChown: what = "Failed to chown device " + node; break;
    case DevStepChmod: what = "Failed to set permissions for device " + node; break;
    case DevStepAcl: what = "Unable to set ACLs on " + node; break;
    case DevStepLabel: what = "Unable to set SELinux label on " + node; break;
    case DevStepInspect: what = "Unable to access " + node + " in the namespace"; break;
    case DevStepReplace: what = "Unable to replace " + node + " in the namespace"; break;
    case DevStepMountPoint: what = "Cannot create " + mount; break;
    case DevStepMoveMount: what = "Unable to move " + mount + " mount to the new /dev"; break;
    case DevStepUnmountDev: what = "failed to umount devfs on /dev"; break;
    case DevStepMoveDev: what = "Unable to move the new devfs onto /dev"; break;
    case DevStepSetns: what = "Unable to enter mount namespace"; break;
    case DevStepOpenDev: what = "Unable to open /dev in the namespace"; break;
    case DevStepUnlink: what = "Unable to remove device " + node; break;
    default: what = "Unable to prepare /dev"; break;
  }
  return what + ": " + std::strerror(err.err) + " (step: " + devChildStepName(err.step) + ")";
}

std::string DevChildProgram::describeFailure(const SpawnChildError& err) const {
  return describeDevChildFailure(layout_, err);
}

void attachPrivateDev(SpawnPlan& plan, const DevChildProgram& program) {
  plan.preExec = runDevChildProgram;
  plan.preExecData = program.layout();
  plan.describePreExecError = describeDevChildFailure;
}

}  // namespace vireo::ns
