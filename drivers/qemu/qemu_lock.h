// The QEMU driver's disk leases (lock_manager = "lockd" in qemu.conf), taken
// from the lock daemon as libvirt's QEMU driver takes them:
//
//   start    QEMU registers itself with the daemon from its spawned child,
//            before exec, and keeps that connection for life; the domain's
//            leases are taken before its CPUs first run (a domain started
//            paused holds none until it is resumed)
//   suspend  leases given back after QEMU stopped the CPUs
//   resume   leases taken before the CPUs run again
//   hotplug  a plugged disk's lease is taken before QEMU opens it, an
//            unplugged one's given back after
//   stop     leases given back once QEMU is gone (the daemon frees them
//            too when QEMU's connection closes; doing it here as well
//            makes it immediate, and leaves the daemon no pid to kill)
//
// With lock_manager = "nop" (the default) every function here does nothing.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "lib/lock/lock_manager.h"
#include "lib/lock/lockd_child.h"

namespace vireo::qemu {

// The lock manager of a driver instance: null for "nop". Reads
// qemu-lockd.conf (paths.lockdConfigFile); a malformed file throws, naming
// the file, line and key.
std::unique_ptr<lock::LockManager> makeLockManager(const QemuPaths& paths, const QemuConfig& config);

// The lock side of one start.
class StartLocks {
 public:
  // Plans the leases (a lease required but missing throws here, before
  // anything exists) and makes sure the daemon runs, starting it if needed.
  StartLocks(QemuDriver& driver, const conf::DomainDef& live, int id);
  ~StartLocks();
  StartLocks(const StartLocks&) = delete;
  StartLocks& operator=(const StartLocks&) = delete;

  // QEMU's registration, run first in its spawned child (before the private
  // /dev and the credentials change). Must outlive the spawn.
  void addTo(SpawnChildChain& chain);
  // Before the CPUs run: every lease, for QEMU's pid. All or nothing.
  void acquire(pid_t qemuPid);
  // The start succeeded: the leases stay.
  void dismiss() { dismissed_ = true; }

 private:
  QemuDriver& driver_;
  lock::Owner owner_;
  std::vector<lock::Lease> leases_;
  std::optional<lock::LockdChildProgram> child_;
  bool acquired_ = false;
  bool dismissed_ = false;
};

// Resume and suspend of a running domain: all its leases.
void acquireDomainLeases(QemuDriver& driver, const QemuDomain& dom);
void releaseDomainLeases(QemuDriver& driver, const QemuDomain& dom) noexcept;

// One disk plugged into or unplugged from a running domain. acquireDiskLease
// returns whether a lease was taken (to give back if the plug fails).
bool acquireDiskLease(QemuDriver& driver, const QemuDomain& dom, const conf::DiskDef& disk);
void releaseDiskLease(QemuDriver& driver, const QemuDomain& dom, const conf::DiskDef& disk) noexcept;

}  // namespace vireo::qemu
