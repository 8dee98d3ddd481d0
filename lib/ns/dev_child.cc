#include "lib/ns/dev_child.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>

#include "lib/ns/dev_child_layout.h"

// Linux 6.5: attach a mount beneath the top mount of a mount point.
#ifndef MOVE_MOUNT_BENEATH
#define MOVE_MOUNT_BENEATH 0x00000200
#endif

namespace vireo::ns {

namespace {

// Everything below runs between fork() and execve()/_exit(): system calls,
// and loops over memory the parent prepared. No libc function that may
// allocate or lock (no strlen from a locale, no snprintf).

int stepFailed(SpawnChildError* err, int step, int index, const char* path) {
  err->step = step;
  err->err = errno;
  err->index = index;
  setSpawnChildErrorPath(err, path);
  return -1;
}

size_t length(const char* s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}

bool sameBytes(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// "/proc/self/fd/<dirfd>/<rel>" in the scratch area: the way to reach a node
// of a mount that has no path (or whose path is hidden) with the l*xattr
// calls, which take paths only. nullptr (ENAMETOOLONG) when it does not fit.
const char* procPath(const DevChildLayout* l, int dirfd, const char* rel) {
  static const char prefix[] = "/proc/self/fd/";
  char digits[16];
  int nd = 0;
  unsigned v = static_cast<unsigned>(dirfd);
  do {
    digits[nd++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v && nd < 16);
  size_t need = sizeof prefix - 1 + nd + 1 + length(rel) + 1;
  if (need > l->scratchLen) {
    errno = ENAMETOOLONG;
    return nullptr;
  }
  char* p = l->scratch;
  for (size_t i = 0; i < sizeof prefix - 1; ++i) *p++ = prefix[i];
  while (nd) *p++ = digits[--nd];
  *p++ = '/';
  for (const char* r = rel; *r;) *p++ = *r++;
  *p = '\0';
  return l->scratch;
}

bool tolerableXattrError(int e) { return e == ENOTSUP || e == EOPNOTSUPP; }

// Owner, permissions, ACL and label of the node just created.
int applyAttributes(const DevChildLayout* l, int dirfd, size_t i, SpawnChildError* err) {
  const DevChildNode& n = l->nodes[i];
  int idx = static_cast<int>(i);
  if (fchownat(dirfd, n.path, n.uid, n.gid, AT_SYMLINK_NOFOLLOW) < 0) return stepFailed(err, DevStepChown, idx, n.path);
  // mknod/mkdir honoured the umask; set the exact bits (symlinks have none).
  if (n.kind != DevKindSymlink && fchmodat(dirfd, n.path, n.mode & 07777, 0) < 0)
    return stepFailed(err, DevStepChmod, idx, n.path);
  if (!n.acl && !n.label) return 0;
  const char* path = procPath(l, dirfd, n.path);
  if (!path) return stepFailed(err, n.acl ? DevStepAcl : DevStepLabel, idx, n.path);
  // The ACL after chmod: writing it sets the group bits from its mask, as on the host.
  if (n.acl && lsetxattr(path, "system.posix_acl_access", n.acl, n.aclLen, 0) < 0 && !tolerableXattrError(errno))
    return stepFailed(err, DevStepAcl, idx, n.path);
  if (n.label && lsetxattr(path, "security.selinux", n.label, n.labelLen, 0) < 0 && !tolerableXattrError(errno))
    return stepFailed(err, DevStepLabel, idx, n.path);
  return 0;
}

// True when what is at the node's path already is what the node describes.
bool alreadyThere(const DevChildLayout* l, int dirfd, const DevChildNode& n, const struct stat& st) {
  switch (n.kind) {
    case DevKindDir: return S_ISDIR(st.st_mode);
    case DevKindChar: return S_ISCHR(st.st_mode) && st.st_rdev == n.rdev;
    case DevKindBlock: return S_ISBLK(st.st_mode) && st.st_rdev == n.rdev;
    case DevKindSymlink: {
      if (!S_ISLNK(st.st_mode)) return false;
      size_t want = length(n.target);
      ssize_t got = readlinkat(dirfd, n.path, l->scratch, l->scratchLen);
      return got >= 0 && static_cast<size_t>(got) == want && sameBytes(l->scratch, n.target, want);
    }
  }
  return false;
}

int createOne(const DevChildLayout* l, int dirfd, size_t i, SpawnChildError* err) {
  const DevChildNode& n = l->nodes[i];
  int idx = static_cast<int>(i);
  switch (n.kind) {
    case DevKindDir:
      if (mkdirat(dirfd, n.path, n.mode & 07777) < 0) return stepFailed(err, DevStepMkdir, idx, n.path);
      break;
    case DevKindSymlink:
      if (symlinkat(n.target, dirfd, n.path) < 0) return stepFailed(err, DevStepSymlink, idx, n.path);
      break;
    default:
      if (mknodat(dirfd, n.path, n.mode, n.rdev) < 0) return stepFailed(err, DevStepMknod, idx, n.path);
      break;
  }
  l->created[i] = 1;
  return applyAttributes(l, dirfd, i, err);
}

// Removes what this child created and puts back what it renamed aside, last first.
void undo(const DevChildLayout* l, int dirfd, size_t upTo) {
  for (size_t j = upTo + 1; j-- > 0;) {
    const DevChildNode& n = l->nodes[j];
    if (l->created[j]) unlinkat(dirfd, n.path, n.kind == DevKindDir ? AT_REMOVEDIR : 0);
    if (l->replaced[j]) renameat(dirfd, n.aside, dirfd, n.path);
  }
}

int populate(const DevChildLayout* l, int dirfd, bool checkExisting, SpawnChildError* err) {
  for (size_t i = 0; i < l->nodeCount; ++i) {
    const DevChildNode& n = l->nodes[i];
    int idx = static_cast<int>(i);
    if (checkExisting) {
      struct stat st;
      if (fstatat(dirfd, n.path, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (alreadyThere(l, dirfd, n, st)) continue;
        // A directory in the way is never moved: it may hold nodes in use.
        if (S_ISDIR(st.st_mode)) {
          errno = EEXIST;
          stepFailed(err, DevStepReplace, idx, n.path);
          undo(l, dirfd, i);
          return -1;
        }
        if (renameat(dirfd, n.path, dirfd, n.aside) < 0) {
          stepFailed(err, DevStepReplace, idx, n.path);
          undo(l, dirfd, i);
          return -1;
        }
        l->replaced[i] = 1;
      } else if (errno != ENOENT) {
        stepFailed(err, DevStepInspect, idx, n.path);
        undo(l, dirfd, i);
        return -1;
      }
    }
    if (createOne(l, dirfd, i, err) < 0) {
      if (checkExisting) undo(l, dirfd, i);
      return -1;
    }
  }
  if (checkExisting)
    for (size_t i = 0; i < l->nodeCount; ++i)
      if (l->replaced[i]) unlinkat(dirfd, l->nodes[i].aside, 0);
  return 0;
}

// The new tmpfs as a detached mount, configured option by option. Returns
// its descriptor; -1 with errno when fsopen() itself fails (ENOSYS: Linux <
// 5.2); -2 after filling *err.
int openNewTmpfs(const DevChildLayout* l, SpawnChildError* err) {
  int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
  if (fs < 0) return -1;
  int mnt = -1;
  bool ok = fsconfig(fs, FSCONFIG_SET_STRING, "source", "devfs", 0) == 0 &&
            fsconfig(fs, FSCONFIG_SET_STRING, "mode", l->tmpfsMode, 0) == 0 &&
            fsconfig(fs, FSCONFIG_SET_STRING, "size", l->tmpfsSize, 0) == 0 &&
            (!l->tmpfsLabel[0] || fsconfig(fs, FSCONFIG_SET_STRING, "context", l->tmpfsLabel, 0) == 0) &&
            fsconfig(fs, FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) == 0 &&
            (mnt = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID)) >= 0;
  if (!ok) stepFailed(err, DevStepMountTmpfs, -1, "/dev");
  close(fs);
  return ok ? mnt : -2;
}

int buildPrivateDev(const DevChildLayout* l, SpawnChildError* err) {
  if (unshare(CLONE_NEWNS) < 0) return stepFailed(err, DevStepUnshare, -1, nullptr);
  if (mount("", "/", nullptr, MS_SLAVE | MS_REC, nullptr) < 0) return stepFailed(err, DevStepPropagation, -1, "/");

  int root = -1;
  bool beneath = false;
  bool oldApi = l->forceStaging != 0;
  if (!oldApi) {
    root = openNewTmpfs(l, err);
    if (root == -2) return -1;
    if (root < 0) {
      if (errno != ENOSYS) return stepFailed(err, DevStepMountTmpfs, -1, "/dev");
      oldApi = true;  // Linux < 5.2
    } else if (move_mount(root, "", AT_FDCWD, "/dev", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_BENEATH) == 0) {
      beneath = true;
    } else if (move_mount(root, "", AT_FDCWD, l->stagingDir, MOVE_MOUNT_F_EMPTY_PATH) < 0) {
      // Linux < 6.5, or /dev is no mount point: the staging directory it is.
      return stepFailed(err, DevStepMountTmpfs, -1, l->stagingDir);
    }
  }
  if (oldApi) {
    if (mount("devfs", l->stagingDir, "tmpfs", MS_NOSUID, l->tmpfsData) < 0)
      return stepFailed(err, DevStepMountTmpfs, -1, l->stagingDir);
    root = open(l->stagingDir, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) return stepFailed(err, DevStepOpenTmpfs, -1, l->stagingDir);
  }

  if (populate(l, root, false, err) < 0) return -1;

  for (size_t i = 0; i < l->mountCount; ++i) {
    const DevChildMount& m = l->mounts[i];
    int idx = static_cast<int>(i);
    int made = m.isDirectory ? mkdirat(root, m.rel, 0755) : mknodat(root, m.rel, S_IFREG | 0644, 0);
    if (made < 0 && errno != EEXIST) return stepFailed(err, DevStepMountPoint, idx, m.source);
    // The mount itself moves (not a copy): the same devpts instance, the same shm.
    int moved = oldApi ? mount(m.source, m.staged, nullptr, MS_MOVE, nullptr) : move_mount(AT_FDCWD, m.source, root, m.rel, 0);
    if (moved < 0) return stepFailed(err, DevStepMoveMount, idx, m.source);
  }

  // Beneath: this reveals the new tmpfs. Staging: /dev may be no mount at all.
  if (umount2("/dev", MNT_DETACH) < 0 && (beneath || errno != EINVAL))
    return stepFailed(err, DevStepUnmountDev, -1, "/dev");
  if (!beneath) {
    int moved = oldApi ? mount(l->stagingDir, "/dev", nullptr, MS_MOVE, nullptr)
                       : move_mount(root, "", AT_FDCWD, "/dev", MOVE_MOUNT_F_EMPTY_PATH);
    if (moved < 0) return stepFailed(err, DevStepMoveDev, -1, "/dev");
  }
  close(root);
  return 0;
}

// Enters the target's mount namespace and opens its /dev.
int enterAndOpenDev(const DevChildLayout* l, SpawnChildError* err) {
  if (setns(l->nsFd, CLONE_NEWNS) < 0) return stepFailed(err, DevStepSetns, -1, nullptr);
  int dev = open("/dev", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dev < 0) return stepFailed(err, DevStepOpenDev, -1, "/dev");
  return dev;
}

int addNodes(const DevChildLayout* l, SpawnChildError* err) {
  int dev = enterAndOpenDev(l, err);
  if (dev < 0) return -1;
  return populate(l, dev, true, err);
}

int removeNodes(const DevChildLayout* l, SpawnChildError* err) {
  int dev = enterAndOpenDev(l, err);
  if (dev < 0) return -1;
  for (size_t i = 0; i < l->nodeCount; ++i)
    if (unlinkat(dev, l->nodes[i].path, 0) < 0 && errno != ENOENT)
      return stepFailed(err, DevStepUnlink, static_cast<int>(i), l->nodes[i].path);
  return 0;
}

// The container's /dev: a fresh tmpfs that nobody else sees yet, so
// there is nothing to check or undo.
int populateDirectory(const DevChildLayout* l, SpawnChildError* err) {
  int dir = open(l->stagingDir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return stepFailed(err, DevStepOpenDev, -1, l->stagingDir);
  int rc = populate(l, dir, false, err);
  close(dir);
  return rc;
}

}  // namespace

int runDevChildProgram(const void* layout, SpawnChildError* err) {
  const auto* l = static_cast<const DevChildLayout*>(layout);
  switch (l->purpose) {
    case DevChildBuild: return buildPrivateDev(l, err);
    case DevChildAdd: return addNodes(l, err);
    case DevChildRemove: return removeNodes(l, err);
    case DevChildPopulate: return populateDirectory(l, err);
  }
  errno = EINVAL;
  return stepFailed(err, 0, -1, nullptr);
}

}  // namespace vireo::ns
