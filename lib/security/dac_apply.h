// Carrying out a DAC plan (dac.h) with system calls only.
//
// A DacProgram is a plan made ready in the parent: paths as C strings, the
// attribute names, the host's boot time, room for lock descriptors. Its
// run() makes system calls only (stat, chown, getxattr, setxattr,
// removexattr, open, fcntl, nanosleep), so the same program can run
//   - through applyDacPlan(), here, in the calling thread (its locks are
//     open-file-description locks: they belong to its own descriptors, so
//     they exclude other threads of this process too, and no other thread's
//     close() of the file drops them);
//   - as a step of a spawned child (SpawnChildChain, spawn.h), for instance
//     in the child that builds the domain's mount namespace.
//
// Semantics, as libvirt 9.0's DAC transaction:
//   1. With plan.lock, every remembered path is locked (sorted, duplicates
//      once, exclusive lock on byte 1, F_OFD_SETLK polled until plan.lockWait
//      has passed; libvirt: a classic fcntl lock, 10000 tries 1 ms apart).
//      Both kinds conflict, so vireo and libvirt exclude each other. A
//      timeout fails the plan before anything is relabelled.
//      Directories are not locked; a path that cannot be opened because it is
//      read-only, a socket, or on a network file system is not locked either;
//      a path that is not locked is labelled without remembering.
//   2. Set: with remember, the current owner is recorded as "+uid:+gid" in
//      trusted.libvirt.security.dac and counted in ref_dac; a second user
//      asking for another owner fails ("Setting different DAC user or group
//      on PATH which is already in use") and its count is taken back. Then
//      chown, unless the owner is right already; EPERM, EROFS, EOPNOTSUPP and
//      EINVAL from chown are tolerated (a file system that cannot chown).
//   3. Restore: with remember, the count goes down; while others use the
//      file nothing changes; the last user gets the recorded owner back and
//      the attributes are removed; nothing valid recorded means root:root.
//   4. A failed Set undoes the Sets before it (in reverse). vireo's
//      difference: Restores keep going after a failure (libvirt stops at the
//      first one) and a path that no longer exists has nothing to restore.
#pragma once

#include <string>
#include <vector>

#include "lib/security/dac.h"
#include "lib/security/remembered_label.h"
#include "lib/util/error.h"
#include "lib/util/spawn.h"

namespace vireo::security {

class DacProgram {
 public:
  // Copies the plan. Reads the host's boot time (may throw
  // VIR_ERR_SYSTEM_ERROR, "Unable to get host boot time").
  explicit DacProgram(DacPlan plan);
  // Same, with a given boot time (tests; a child that cannot read /proc).
  DacProgram(DacPlan plan, unsigned long long bootTime);

  DacProgram(const DacProgram&) = delete;
  DacProgram& operator=(const DacProgram&) = delete;

  // The work, as a SpawnChildWork: `self` is a DacProgram. Returns 0, or -1
  // after filling *err (step from LabelStep, errno, index of the operation).
  static int run(const void* self, SpawnChildError* err) noexcept;

  // The message for a failure run() reported, as a SpawnChildDescribe.
  static std::string describe(const void* self, const SpawnChildError& err);

  // The failure as libvirt reports it: VIR_ERR_SYSTEM_ERROR with the system
  // error for failed calls, VIR_ERR_OPERATION_INVALID for a file in use
  // with another owner, VIR_ERR_INTERNAL_ERROR for a malformed attribute;
  // all in VIR_FROM_SECURITY.
  Error toError(const SpawnChildError& err) const;

  // Attaches run() to a spawned child (appended to `chain`).
  void addTo(SpawnChildChain& chain) const;

  const DacPlan& plan() const noexcept { return plan_; }

 private:
  struct Op {
    const char* path;
    OwnershipOp::Kind kind;
    uid_t uid;
    gid_t gid;
    bool remember;
    bool mayBeMissing;
  };
  void prepare();
  int execute(SpawnChildError* err) const noexcept;
  int lockPaths(SpawnChildError* err) const noexcept;
  void unlockPaths() const noexcept;
  int setOwner(size_t i, SpawnChildError* err) const noexcept;
  int restoreOwner(size_t i, SpawnChildError* err) const noexcept;

  DacPlan plan_;
  std::vector<Op> ops_;
  std::vector<size_t> lockOrder_;       // remembered ops by path, duplicates once
  RememberedLabelNames names_;
  unsigned long long bootTime_ = 0;
  long long lockWaitNs_ = 0;  // plan_.lockWait, at most kMaxMetadataLockWait
  // Written by run() only, so one program runs once at a time (in a child
  // that has its own copy, or in the thread that called applyDacPlan): lock
  // descriptors and which ops remember after locking.
  mutable std::vector<int> lockFds_;
  mutable std::vector<char> remember_;
};

// Carries out `plan` now, in the calling thread.
// Throws vireo::Error as DacProgram::toError describes; the plan's Sets
// before a failed Set are undone first.
void applyDacPlan(const DacPlan& plan);

}  // namespace vireo::security
