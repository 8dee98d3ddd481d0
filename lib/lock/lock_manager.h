// The lock client of a hypervisor driver: where its lock daemon listens,
// starting that daemon when nobody does, and taking or giving back a
// domain's leases (domain_leases.h) on behalf of its emulator process.
//
// Leases belong to an owner: the domain's uuid, name and id, and the pid of
// the process that runs it. The emulator itself registers on a connection
// it keeps (lockd_child.h), so that the daemon frees its leases when it
// dies; acquire() and release() here use short connections of their own
// that register the same owner, as libvirt's lockd plugin does.
#pragma once

#include <string>
#include <vector>

#include "lib/lock/domain_leases.h"
#include "lib/lock/lock_program.h"
#include "lib/lock/lockd_client.h"
#include "lib/lock/lockd_config.h"
#include "lib/util/mutex.h"

namespace vireo::lock {

struct LockManagerSetup {
  std::string socketPath;  // where the daemon listens
  std::string pidFile;     // the pid file of a daemon started here
  std::string logFile;     // its standard output and error
  // The daemon to start: "" means $VIREO_LOCKD_PATH, else the installed
  // vireo-lockd.
  std::string daemonPath;
  LockdConfig config;
};

class LockManager {
 public:
  explicit LockManager(LockManagerSetup setup);

  const LockdConfig& config() const { return setup_.config; }
  const std::string& socketPath() const { return setup_.socketPath; }

  // A connection to the daemon. When nothing listens on the socket, starts
  // the daemon (detached: it outlives this process) and connects to it;
  // `started`, if given, says whether that happened. Throws
  // VIR_ERR_SYSTEM_ERROR (VIR_FROM_LOCKING) naming the socket, or the
  // daemon and its log, when neither works.
  LockdClient connect(bool* started = nullptr);

  // Takes every lease for `owner` (whose pid is the emulator's), all or
  // nothing: when one is refused, those already taken are given back and
  // the daemon's error is thrown (VIR_ERR_RESOURCE_BUSY "Lockspace resource
  // '/images/a.img' is locked" for a lease someone holds).
  void acquire(const Owner& owner, const std::vector<Lease>& leases);

  // Gives the leases back. Never throws: a daemon that is gone has dropped
  // them already, and a lease it no longer holds is fine; anything else is
  // logged. Does not start the daemon.
  void release(const Owner& owner, const std::vector<Lease>& leases) noexcept;

  // The daemon program that connect() would start.
  std::string daemonProgram() const;

 private:
  void startDaemon();

  LockManagerSetup setup_;
  Mutex startMu_;  // one start at a time
};

}  // namespace vireo::lock
