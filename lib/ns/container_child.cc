#include "lib/ns/container_child.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "lib/ns/container_child_layout.h"

namespace vireo::ns {

namespace {

// Everything here runs between clone() and execve(): system calls and loops
// over memory the parent prepared.

int stepFailed(SpawnChildError* err, int step, int index, const char* path) noexcept {
  err->step = step;
  err->err = errno;
  err->index = index;
  setSpawnChildErrorPath(err, path);
  return -1;
}

// mkdir -p of `target` (absolute), one component at a time in the scratch
// path; the last component becomes a directory or an empty file.
int makeMountPoint(const ContainerChildLayout* l, const ContainerMountOp& m, int index, SpawnChildError* err) noexcept {
  size_t n = 0;
  while (m.target[n]) ++n;
  if (n + 1 > l->pathLen) {
    errno = ENAMETOOLONG;
    return stepFailed(err, CtStepMkdir, index, m.target);
  }
  char* p = l->path;
  for (size_t i = 0; i <= n; ++i) {
    bool end = i == n;
    if (i > 0 && (end || m.target[i] == '/')) {
      p[i] = '\0';
      int rc;
      if (end && m.makePoint == CtPointFile) {
        rc = open(p, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (rc >= 0) close(rc);
        else if (errno == EEXIST) rc = 0;
      } else {
        rc = mkdir(p, 0755);
        if (rc < 0 && errno == EEXIST) rc = 0;
      }
      if (rc < 0) return stepFailed(err, CtStepMkdir, index, p);
    }
    p[i] = m.target[i];
  }
  return 0;
}

// A block device's filesystem, as libvirt's LXC driver mounts one without a
// detected format: each type in turn; EINVAL or ENODEV mean "not this type",
// any other error ends the attempt; when no type fits, ENODEV.
int mountBlock(const ContainerMountOp& m, int index, SpawnChildError* err) noexcept {
  for (size_t t = 0; t < m.fsTypeCount; ++t) {
    if (mount(m.source, m.target, m.fsTypes[t], m.flags, m.data) == 0) return 0;
    if (errno != EINVAL && errno != ENODEV) return stepFailed(err, CtStepMountBlock, index, m.fsTypes[t]);
  }
  errno = ENODEV;
  return stepFailed(err, CtStepMountBlock, index, "");
}

int runMounts(const ContainerChildLayout* l, size_t from, size_t to, SpawnChildError* err) noexcept {
  for (size_t i = from; i < to; ++i) {
    const ContainerMountOp& m = l->mounts[i];
    int index = static_cast<int>(i);
    if (m.makePoint != CtPointExisting && makeMountPoint(l, m, index, err) < 0) return -1;
    if (m.fsTypes) {
      if (mountBlock(m, index, err) < 0) return -1;
      continue;
    }
    if (mount(m.source, m.target, m.fsType, m.flags, m.data) < 0) return stepFailed(err, CtStepMount, index, m.target);
    // A bind takes its flags only from a remount.
    if (m.remountReadonly &&
        mount(nullptr, m.target, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | (m.flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC)),
              nullptr) < 0)
      return stepFailed(err, CtStepRemount, index, m.target);
  }
  return 0;
}

// Reads the whole mount table into the scratch buffer; -1 when it does not
// fit (then the caller detaches everything at once).
long readMountTable(const ContainerChildLayout* l, SpawnChildError* err) noexcept {
  int fd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return stepFailed(err, CtStepReadMounts, -1, "/proc/self/mountinfo");
  size_t got = 0;
  for (;;) {
    if (got == l->mountInfoLen) {
      close(fd);
      return -1;
    }
    ssize_t n = read(fd, l->mountInfo + got, l->mountInfoLen - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      stepFailed(err, CtStepReadMounts, -1, "/proc/self/mountinfo");
      close(fd);
      return -2;
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  close(fd);
  return static_cast<long>(got);
}

// Unmounts everything under the old root, deepest first. At the first
// failure (an autofs mount gives ELOOP, a busy one EBUSY, one hidden under
// another EINVAL) the rest goes in one lazy detach of the whole old root:
// the container never sees the host's tree either way.
int dropOldRoot(const ContainerChildLayout* l, SpawnChildError* err) noexcept {
  long len = readMountTable(l, err);
  if (len == -2) return -1;
  bool detach = len < 0;
  if (!detach) {
    long n = collectMountsUnder(l->mountInfo, static_cast<size_t>(len), l->oldRoot, l->oldMounts, l->oldMountMax);
    detach = n < 0;
    if (n > 0) {
      orderDeepestFirst(l->oldMounts, static_cast<size_t>(n));
      for (long i = 0; i < n && !detach; ++i) detach = umount2(l->oldMounts[i].path, 0) < 0;
    }
  }
  if (detach && umount2(l->oldRoot, MNT_DETACH) < 0) return stepFailed(err, CtStepDetachOld, -1, l->oldRoot);
  if (rmdir(l->oldRoot) < 0) return stepFailed(err, CtStepRemoveOld, -1, l->oldRoot);
  return 0;
}

}  // namespace

int runContainerPhase1(const void* layout, SpawnChildError* err) noexcept {
  const auto* l = static_cast<const ContainerChildLayout*>(layout);
  // pivot_root needs the new root's parent mount to be private, and nothing
  // done here may reach the host.
  if (mount("", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0) return stepFailed(err, CtStepPrivate, -1, "/");
  if (runMounts(l, 0, l->beforePivot, err) < 0) return -1;
  if (mkdir(l->putOld, 0700) < 0 && errno != EEXIST) return stepFailed(err, CtStepPutOld, -1, l->putOld);
  if (syscall(SYS_pivot_root, l->root, l->putOld) < 0) return stepFailed(err, CtStepPivot, -1, l->root);
  if (chdir("/") < 0) return stepFailed(err, CtStepChdirRoot, -1, "/");
  return runMounts(l, l->beforePivot, l->beforeDev, err);
}

int runContainerPhase2(const void* layout, SpawnChildError* err) noexcept {
  const auto* l = static_cast<const ContainerChildLayout*>(layout);
  if (runMounts(l, l->beforeDev, l->count, err) < 0) return -1;
  if (dropOldRoot(l, err) < 0) return -1;
  if (sethostname(l->hostname, l->hostnameLen) < 0) return stepFailed(err, CtStepHostname, -1, l->hostname);
  if (chdir(l->initDir) < 0) return stepFailed(err, CtStepInitDir, -1, l->initDir);
  return 0;
}

}  // namespace vireo::ns
