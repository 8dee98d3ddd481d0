// The container driver's disk leases (lock_manager = "lockd" in lxc.conf),
// taken from the lock daemon the QEMU driver uses (lib/lock), for the
// container's block disks (<disk type='block'>, lock::domainLeases: a
// read-only disk has none, a <shareable/> one a shared lease):
//
//   start    the console keeper (lxc_console_keeper.h) registers with the
//            daemon as the leases' owner and keeps that connection for its
//            life; the leases are taken for it before the init is started,
//            all or nothing (one held elsewhere fails the start with the
//            daemon's VIR_ERR_RESOURCE_BUSY "Lockspace resource '/dev/loop3'
//            is locked" and leaves nothing behind)
//   stop     given back when the container stops (destroy, an init that
//            exits while a vireo process has the root); when no vireo
//            process runs, the keeper exits with the init and the daemon
//            frees the leases of its closed connection
//   failed   given back
//   takeover the owner is the keeper recorded in the status file: a later
//            process gives the leases back in the keeper's name
//
// libvirt's LXC driver has no lock manager; this is vireo's addition, with
// the QEMU driver's lease names so that containers and QEMU domains sharing
// a disk exclude each other.
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <vector>

#include "drivers/lxc/lxc_domain.h"
#include "drivers/lxc/lxc_paths.h"
#include "lib/lock/lock_manager.h"
#include "lib/lock/lockd_child.h"

namespace vireo::lxc {

class LxcDriver;

// The lock manager of a driver instance: null for "nop". Reads
// lxc-lockd.conf; a malformed file throws, naming the file, line and key.
std::unique_ptr<lock::LockManager> makeLockManager(const LxcPaths& paths, const std::string& lockManager);

// The lock side of one start.
class StartLocks {
 public:
  // Plans the leases (a lease required but missing throws here) and makes
  // sure the daemon runs, starting it if needed. Does nothing without a
  // lock manager.
  StartLocks(lock::LockManager* locks, const conf::DomainDef& live, int id);
  ~StartLocks();
  StartLocks(const StartLocks&) = delete;
  StartLocks& operator=(const StartLocks&) = delete;

  // The keeper's registration, or null without a lock manager. Must outlive
  // the keeper's spawn.
  const lock::LockdChildProgram* registration() const { return child_ ? &*child_ : nullptr; }
  // Every lease, for the keeper `owner`, before the init starts.
  void acquire(pid_t owner);
  // The start succeeded: the leases stay.
  void dismiss() { dismissed_ = true; }

 private:
  lock::LockManager* locks_;
  lock::Owner owner_;
  std::vector<lock::Lease> leases_;
  std::optional<lock::LockdChildProgram> child_;
  bool acquired_ = false;
  bool dismissed_ = false;
};

// Gives back the leases of a container that stops. Never throws.
void releaseContainerLeases(lock::LockManager* locks, const conf::DomainDef& def, int id,
                            pid_t keeper) noexcept;

}  // namespace vireo::lxc
