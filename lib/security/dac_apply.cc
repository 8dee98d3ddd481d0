#include "lib/security/dac_apply.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <libvirt/virterror.h>

namespace vireo::security {

namespace {

// While another holder has a metadata lock: poll, 1 ms apart at first,
// then up to 16 ms, until the plan's deadline (libvirt: 10000 tries 1 ms
// apart).
constexpr long kFirstLockPollNs = 1000000;
constexpr long kLongestLockPollNs = 16000000;

long long monotonicNs() noexcept {
  struct timespec now {};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec;
}

// byte 1 of `fd`, exclusively. An open-file-description lock: it conflicts
// with every other holder, another process's classic fcntl lock (libvirt's)
// as well as another OFD lock of this very process (another thread), and it
// stays with this descriptor alone, so no other thread's close() of the file
// can drop it and no child process is needed to hold it.
int lockByteOne(int fd, short type, int cmd) noexcept {
  struct flock fl {};
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = 1;
  fl.l_len = 1;
  return fcntl(fd, cmd, &fl);
}

// Network file systems where a root-squashed open() fails for good reasons
// (libvirt's virFileIsSharedFS list, by statfs magic).
bool onSharedFileSystem(const char* path) noexcept {
  struct statfs fs {};
  if (statfs(path, &fs) != 0) return false;
  switch (static_cast<unsigned long>(fs.f_type)) {
    case 0x6969:      // NFS
    case 0x517B:      // SMB
    case 0xFF534D42:  // CIFS
    case 0xFE534D42:  // SMB2
    case 0x01161970:  // GFS2
    case 0x7461636F:  // OCFS2
    case 0x5346414F:  // AFS
    case 0x00C36400:  // CEPH
    case 0x47504653:  // GPFS
    case 0x51BCD6F1:  // Quobyte
      return true;
    default:
      return false;
  }
}

// ---- small async-signal-safe formatting ---------------------------------

size_t appendDecimal(char* buf, size_t pos, size_t size, unsigned long v) noexcept {
  char digits[24];
  size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n > 0 && pos + 1 < size) buf[pos++] = digits[--n];
  buf[pos] = '\0';
  return pos;
}

size_t appendText(char* buf, size_t pos, size_t size, const char* text) noexcept {
  while (*text && pos + 1 < size) buf[pos++] = *text++;
  buf[pos] = '\0';
  return pos;
}

// "+uid:+gid", the DAC label libvirt remembers.
void formatOwner(uid_t uid, gid_t gid, char* buf, size_t size) noexcept {
  size_t pos = appendText(buf, 0, size, "+");
  pos = appendDecimal(buf, pos, size, uid);
  pos = appendText(buf, pos, size, ":+");
  appendDecimal(buf, pos, size, gid);
}

bool parseDecimal(const char*& s, unsigned long* out) noexcept {
  if (*s < '0' || *s > '9') return false;
  unsigned long v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + static_cast<unsigned long>(*s++ - '0');
  *out = v;
  return true;
}

// "+uid:+gid" (the leading '+' optional), nothing else.
bool parseOwner(const char* s, uid_t* uid, gid_t* gid) noexcept {
  unsigned long u = 0, g = 0;
  if (*s == '+') ++s;
  if (!parseDecimal(s, &u) || *s++ != ':') return false;
  if (*s == '+') ++s;
  if (!parseDecimal(s, &g) || *s != '\0') return false;
  *uid = static_cast<uid_t>(u);
  *gid = static_cast<gid_t>(g);
  return true;
}

int failStep(SpawnChildError* err, int step, int errnum) noexcept {
  err->step = step;
  err->err = errnum;
  return -1;
}

// chown unless the owner is right already. Errors that mean "this file
// system does not do ownership" are not failures (libvirt logs them only).
int chownIfNeeded(const char* path, uid_t uid, gid_t gid, bool missingIsFine, SpawnChildError* err) noexcept {
  struct stat st {};
  if (stat(path, &st) != 0) {
    if (errno == ENOENT && missingIsFine) return 0;
    return failStep(err, kStepStat, errno);
  }
  if (st.st_uid == uid && st.st_gid == gid) return 0;
  if (chown(path, uid, gid) == 0) return 0;
  int e = errno;
  if (e == EOPNOTSUPP || e == EINVAL || e == EPERM || e == EROFS) return 0;
  // The ids go into the report for the message.
  char ids[64];
  size_t pos = appendDecimal(ids, 0, sizeof ids, uid);
  pos = appendText(ids, pos, sizeof ids, ":");
  appendDecimal(ids, pos, sizeof ids, gid);
  setSpawnChildErrorPath(err, ids);
  return failStep(err, kStepChown, e);
}

[[noreturn]] void failDac(virErrorNumber code, const std::string& detail) { vireo::fail(code, VIR_FROM_SECURITY, detail); }

}  // namespace

DacProgram::DacProgram(DacPlan plan) : DacProgram(std::move(plan), hostBootTime()) {}

DacProgram::DacProgram(DacPlan plan, unsigned long long bootTime)
    : plan_(std::move(plan)), names_(RememberedLabelNames::forDriver("dac")), bootTime_(bootTime) {
  prepare();
}

void DacProgram::prepare() {
  ops_.reserve(plan_.ops.size());
  for (const OwnershipOp& op : plan_.ops)
    ops_.push_back({op.path.c_str(), op.kind, op.uid, op.gid, op.remember, op.mayBeMissing});
  if (plan_.lock) {
    // One global order (no two processes wait on each other), each path once.
    for (size_t i = 0; i < ops_.size(); ++i)
      if (ops_[i].remember) lockOrder_.push_back(i);
    std::sort(lockOrder_.begin(), lockOrder_.end(),
              [&](size_t a, size_t b) { return std::strcmp(ops_[a].path, ops_[b].path) < 0; });
    lockOrder_.erase(std::unique(lockOrder_.begin(), lockOrder_.end(),
                                 [&](size_t a, size_t b) { return std::strcmp(ops_[a].path, ops_[b].path) == 0; }),
                     lockOrder_.end());
  }
  lockFds_.assign(lockOrder_.size(), -1);
  auto wait = std::clamp(plan_.lockWait, std::chrono::milliseconds{0}, kMaxMetadataLockWait);
  lockWaitNs_ = static_cast<long long>(wait.count()) * 1000000LL;
  remember_.assign(ops_.size(), 0);
}

int DacProgram::run(const void* self, SpawnChildError* err) noexcept {
  return static_cast<const DacProgram*>(self)->execute(err);
}

int DacProgram::execute(SpawnChildError* err) const noexcept {
  // Remembering is only done under the lock.
  for (size_t i = 0; i < ops_.size(); ++i) remember_[i] = ops_[i].remember && plan_.lock;
  if (plan_.lock && lockPaths(err) < 0) {
    unlockPaths();
    return -1;
  }
  SpawnChildError firstRestoreFailure;
  bool restoreFailed = false;
  for (size_t i = 0; i < ops_.size(); ++i) {
    SpawnChildError e;
    e.index = static_cast<int>(i);
    if (ops_[i].kind == OwnershipOp::Kind::Set) {
      if (setOwner(i, &e) == 0) continue;
      // Undo what this plan did so far, newest first.
      for (size_t j = i; j-- > 0;) {
        SpawnChildError ignored;
        if (ops_[j].kind == OwnershipOp::Kind::Set) restoreOwner(j, &ignored);
      }
      unlockPaths();
      *err = e;
      return -1;
    }
    if (restoreOwner(i, &e) != 0 && !restoreFailed) {
      firstRestoreFailure = e;
      restoreFailed = true;
    }
  }
  unlockPaths();
  if (restoreFailed) {
    *err = firstRestoreFailure;
    return -1;
  }
  return 0;
}

int DacProgram::lockPaths(SpawnChildError* err) const noexcept {
  long long deadline = monotonicNs() + lockWaitNs_;
  for (size_t k = 0; k < lockOrder_.size(); ++k) {
    size_t index = lockOrder_[k];
    const char* path = ops_[index].path;
    struct stat st {};
    if (stat(path, &st) != 0) continue;  // nothing to lock; the operation reports it
    if (S_ISDIR(st.st_mode)) continue;   // cannot be opened for writing
    int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      int e = errno;
      if (e == EROFS || S_ISSOCK(st.st_mode) || onSharedFileSystem(path)) continue;
      err->index = static_cast<int>(index);
      return failStep(err, kStepOpenForLock, e);
    }
    // Byte 1, so as not to meet virtlockd's lease on byte 0 of the image.
    long pollNs = kFirstLockPollNs;
    while (lockByteOne(fd, F_WRLCK, F_OFD_SETLK) != 0) {
      int e = errno;
      if (e != EACCES && e != EAGAIN) {
        close(fd);
        err->index = static_cast<int>(index);
        return failStep(err, kStepLock, e);
      }
      long long left = deadline - monotonicNs();
      if (left <= 0) {
        // Who holds it, for the message: a classic lock names its process;
        // an OFD lock has no owning process (-1).
        struct flock holder {};
        holder.l_type = F_WRLCK;
        holder.l_whence = SEEK_SET;
        holder.l_start = 1;
        holder.l_len = 1;
        int pid = fcntl(fd, F_OFD_GETLK, &holder) == 0 && holder.l_type != F_UNLCK ? holder.l_pid : 0;
        close(fd);
        err->index = static_cast<int>(index);
        char detail[24];
        appendDecimal(detail, 0, sizeof detail, static_cast<unsigned long>(pid > 0 ? pid : 0));
        setSpawnChildErrorPath(err, detail);
        return failStep(err, kStepLockTimeout, EAGAIN);
      }
      struct timespec pause = {0, pollNs < left ? pollNs : static_cast<long>(left)};
      nanosleep(&pause, nullptr);
      if (pollNs < kLongestLockPollNs) pollNs *= 2;
    }
    lockFds_[k] = fd;
  }
  // A path that could not be locked is labelled without remembering.
  for (size_t i = 0; i < ops_.size(); ++i) {
    if (!remember_[i]) continue;
    bool locked = false;
    for (size_t k = 0; k < lockOrder_.size() && !locked; ++k)
      locked = lockFds_[k] >= 0 && std::strcmp(ops_[lockOrder_[k]].path, ops_[i].path) == 0;
    remember_[i] = locked;
  }
  return 0;
}

void DacProgram::unlockPaths() const noexcept {
  for (int& fd : lockFds_) {
    if (fd < 0) continue;
    lockByteOne(fd, F_UNLCK, F_OFD_SETLK);
    close(fd);
    fd = -1;
  }
}

int DacProgram::setOwner(size_t i, SpawnChildError* err) const noexcept {
  const Op& op = ops_[i];
  bool remember = remember_[i];
  if (remember) {
    struct stat st {};
    if (stat(op.path, &st) != 0) {
      if (errno == ENOENT && op.mayBeMissing) return 0;
      return failStep(err, kStepStat, errno);
    }
    char label[48];
    formatOwner(st.st_uid, st.st_gid, label, sizeof label);
    int count = rememberLabel(names_, op.path, label, bootTime_, err);
    if (count == -1) return -1;
    // Another domain uses the file already: it must want the same owner,
    // or one of them would lose access.
    if (count > 1 && (st.st_uid != op.uid || st.st_gid != op.gid)) {
      SpawnChildError ignored;
      restoreOwner(i, &ignored);  // takes our count back
      setSpawnChildErrorPath(err, "");
      return failStep(err, kStepInUse, 0);
    }
  }
  if (chownIfNeeded(op.path, op.uid, op.gid, op.mayBeMissing, err) == 0) return 0;
  if (remember) {
    // Leave the attributes as they were before this operation.
    SpawnChildError ignored;
    restoreOwner(i, &ignored);
  }
  return -1;
}

int DacProgram::restoreOwner(size_t i, SpawnChildError* err) const noexcept {
  const Op& op = ops_[i];
  uid_t uid = 0;  // with nothing remembered, files go back to root:root
  gid_t gid = 0;
  if (remember_[i]) {
    char label[64];
    int rc = recallLabel(names_, op.path, bootTime_, label, sizeof label, err);
    if (rc == -1) return err->err == ENOENT ? 0 : -1;  // gone: nothing to give back
    if (rc == 1) return 0;                             // still used by another domain
    if (rc == 0 && !parseOwner(label, &uid, &gid)) {
      setSpawnChildErrorPath(err, label);
      return failStep(err, kStepMalformedLabel, 0);
    }
  }
  return chownIfNeeded(op.path, uid, gid, true, err);
}

std::string DacProgram::describe(const void* self, const SpawnChildError& err) {
  return static_cast<const DacProgram*>(self)->toError(err).message();
}

Error DacProgram::toError(const SpawnChildError& err) const {
  std::string path = err.index >= 0 && static_cast<size_t>(err.index) < ops_.size() ? ops_[err.index].path : "?";
  std::string detail = err.path;
  try {
    switch (err.step) {
      case kStepStat: failSystem(VIR_FROM_SECURITY, err.err, "unable to stat: " + path);
      case kStepGetXattr: failSystem(VIR_FROM_SECURITY, err.err, "Unable to get XATTR " + detail + " on " + path);
      case kStepSetXattr: failSystem(VIR_FROM_SECURITY, err.err, "Unable to set XATTR " + detail + " on " + path);
      case kStepRemoveXattr:
        failSystem(VIR_FROM_SECURITY, err.err, "Unable to remove XATTR " + detail + " on " + path);
      case kStepChown:
        failSystem(VIR_FROM_SECURITY, err.err, "unable to set user and group to '" + detail + "' on '" + path + "'");
      case kStepMalformedRefcount: failDac(VIR_ERR_INTERNAL_ERROR, "malformed refcount " + detail + " on " + path);
      case kStepMalformedLabel:
        failDac(VIR_ERR_INTERNAL_ERROR, "malformed remembered owner '" + detail + "' on " + path);
      case kStepInUse:
        failDac(VIR_ERR_OPERATION_INVALID, "Setting different DAC user or group on " + path + " which is already in use");
      case kStepOpenForLock: failSystem(VIR_FROM_SECURITY, err.err, "unable to open " + path);
      case kStepLock: failSystem(VIR_FROM_SECURITY, err.err, "unable to lock " + path + " for metadata change");
      case kStepLockTimeout: {
        std::string holder = detail.empty() || detail == "0" ? "" : " (held by process " + detail + ")";
        failSystem(VIR_FROM_SECURITY, err.err,
                   "unable to lock " + path + " for metadata change: still locked after " +
                       std::to_string(lockWaitNs_ / 1000000) + " ms" + holder);
      }
      default:
        failSystem(VIR_FROM_SECURITY, err.err, "Unable to relabel " + path + " (step " + std::to_string(err.step) + ")");
    }
  } catch (const Error& e) {
    return e;
  }
}

void DacProgram::addTo(SpawnChildChain& chain) const { chain.add(run, this, describe); }

void applyDacPlan(const DacPlan& plan) {
  if (plan.empty()) return;
  DacProgram program(plan);
  // Locks are open-file-description locks, held by this process's own
  // descriptors, so the plan runs right here: no child, whether it locks
  // or not.
  SpawnChildError err;
  if (DacProgram::run(&program, &err) != 0) throw program.toError(err);
}

}  // namespace vireo::security
