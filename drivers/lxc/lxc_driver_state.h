// One instance of the container driver: a root (embed) or the system
// directories, its domains, its events and the thread that notices inits
// that exit by themselves.
//
// Connections in one process that open the same root share one instance,
// which owns the root (lib/util/root_lock.h: one owner per root across all
// processes). The containers it started keep running when it goes; the
// next instance that opens the root takes them over from their status
// records (lxc_status.h).
#pragma once

#include <cstdint>
#include <memory>

#include "drivers/lxc/lxc_domain.h"
#include "drivers/lxc/lxc_exit_watcher.h"
#include "drivers/lxc/lxc_paths.h"
#include "lib/audit/audit_log.h"
#include "lib/driver/connection.h"
#include "lib/driver/domain_events.h"
#include "lib/driver/domain_object_list.h"
#include "lib/lock/lock_manager.h"
#include "lib/util/mutex.h"
#include "lib/util/root_lock.h"

namespace vireo::lxc {

class LxcDriver {
 public:
  explicit LxcDriver(LxcPaths paths);
  ~LxcDriver();

  const LxcPaths paths;
  std::shared_ptr<RootLock> ownership;
  // lock_manager = "lockd" in lxc.conf: the lock daemon's client
  // (lxc_lock.h); null for "nop". Set once at the open, then only read.
  std::unique_ptr<lock::LockManager> locks;

  // Guards `domains`, every domain's fields, `nextId` and `nextToken`. A
  // start or a destroy holds it throughout: both take milliseconds.
  Mutex mu;
  driver::DomainObjectList<LxcDomain> domains GUARDED_BY(mu);
  int nextId GUARDED_BY(mu) = 1;
  uint64_t nextToken GUARDED_BY(mu) = 1;
  driver::DomainEventState events;

  void emitLifecycle(const LxcDomain& dom, int type, int detail) { events.queueLifecycle(dom.identity(), type, detail); }
  ExitWatcher& watcher() { return *watcher_; }
  // The kernel's audit system (audit_level 1: used when the kernel has
  // one), or nullptr when it could not be opened.
  audit::AuditLog* auditLog() { return auditLog_.get(); }

 private:
  std::unique_ptr<audit::AuditLog> auditLog_;
  // Last: it stops (and stops calling into this object) before the rest goes.
  std::unique_ptr<ExitWatcher> watcher_;
};

class LxcConnection : public driver::ConnectionState {
 public:
  explicit LxcConnection(std::shared_ptr<LxcDriver> d) : driver(std::move(d)) {}
  std::shared_ptr<LxcDriver> driver;
};

inline LxcDriver& driverOf(driver::Connection& conn) { return *conn.state<LxcConnection>().driver; }

}  // namespace vireo::lxc
