// One instance of the QEMU driver: a root (embed) or the system/session
// directories, its configuration, its domains, its capability cache and the
// thread that turns monitor events into state changes.
//
// Connections in one process that open the same root share one instance;
// the instance goes when the last of them closes. The QEMU processes it
// started keep running, and the next instance that opens the root takes
// them over (qemu_reconnect.cc).
//
// An instance either owns its root (it holds the root's lock, see
// lib/util/root_lock.h, for its whole life: one owner per root across all
// processes) or is a passive view of it, for read-only connections: it
// reads the definitions and status files again before each call
// (qemu_passive_view.h) and never touches a monitor, a process or a file.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "drivers/qemu/qemu_caps.h"
#include "drivers/qemu/qemu_config.h"
#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_paths.h"
#include "lib/audit/audit_log.h"
#include "lib/driver/connection.h"
#include "lib/driver/domain_events.h"
#include "lib/driver/domain_object_list.h"
#include "lib/lock/lock_manager.h"
#include "lib/security/security_stack.h"
#include "lib/util/error.h"
#include "lib/util/mutex.h"
#include "lib/util/root_lock.h"

namespace vireo::qemu {

// Runs work items one after the other on its own thread. Monitor callbacks
// (which run on each monitor's reader thread and must not block) hand their
// work to it.
class WorkQueue {
 public:
  WorkQueue();
  ~WorkQueue();  // runs what is queued, then joins
  void post(std::function<void()> work) EXCLUDES(mu_);

 private:
  void run() EXCLUDES(mu_);
  Mutex mu_;
  CondVar cv_;
  std::deque<std::function<void()>> items_ GUARDED_BY(mu_);
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// The door through which monitor reader threads hand work to the driver's
// WorkQueue. The driver closes it before it goes away, so a reader thread
// that outlives the driver posts into nothing instead of freed memory.
class MonitorEventSink {
 public:
  explicit MonitorEventSink(WorkQueue* queue) : queue_(queue) {}
  void post(std::function<void()> work) EXCLUDES(mu_) {
    MutexLock lock(mu_);
    if (queue_) queue_->post(std::move(work));
  }
  void close() EXCLUDES(mu_) {
    MutexLock lock(mu_);
    queue_ = nullptr;
  }

 private:
  Mutex mu_;
  WorkQueue* queue_ GUARDED_BY(mu_);
};

class QemuDriver : public std::enable_shared_from_this<QemuDriver> {
 public:
  QemuDriver(QemuPaths paths, QemuConfig config, bool privileged, bool passive = false);
  ~QemuDriver();

  const QemuPaths paths;
  const QemuConfig config;
  const bool privileged;
  // A read-only view of a root that another process may own.
  const bool passive;
  // The root's lock (an owning instance only); released when the instance goes.
  std::shared_ptr<RootLock> ownership;
  // The security drivers of qemu.conf (qemu_security.h). Its methods are
  // safe to call from several threads (the SELinux category registry locks).
  security::SecurityStack security;
  // lock_manager = "lockd": the lock daemon's client (qemu_lock.h); null
  // for "nop" and for a passive view.
  std::unique_ptr<lock::LockManager> locks;

  // Guards `domains`, every domain's fields and `nextId`. Never held while
  // waiting for QEMU (see QemuDomain::job). The domains' fields cannot be
  // named in GUARDED_BY (they live in another object); functions that touch
  // them take the domain list's lock or say REQUIRES(mu).
  Mutex mu;
  driver::DomainObjectList<QemuDomain> domains GUARDED_BY(mu);
  int nextId GUARDED_BY(mu) = 1;
  driver::DomainEventState events;

  // The capabilities of `binary` (probed once per instance, cached on disk).
  std::shared_ptr<const QemuCaps> capsFor(const std::string& binary);
  // The emulator for `arch` ("" = the host's): qemu-system-<arch> on PATH.
  // Throws VIR_ERR_CONFIG_UNSUPPORTED when there is none.
  std::string defaultEmulator(const std::string& arch);
  // The emulator a definition runs (its <emulator>, else the default).
  std::string emulatorFor(const conf::DomainDef& def);

  // Queues a lifecycle event of `dom` (its identity as it is now).
  void emitLifecycle(const QemuDomain& dom, int type, int detail);
  void emit(driver::DomainEvent event) { events.queue(std::move(event)); }

  // The kernel audit connection (audit_level, audit_logging of qemu.conf).
  // When audit_level is 2 and the kernel has no audit, there is none and
  // every start fails with the error that opening it gave.
  audit::AuditLog* auditLog() { return auditLog_.get(); }
  void requireAudit() const;

  WorkQueue& worker() { return *worker_; }
  const std::shared_ptr<MonitorEventSink>& eventSink() const { return sink_; }

 private:
  Mutex capsMu_;
  std::map<std::string, std::shared_ptr<const QemuCaps>> caps_ GUARDED_BY(capsMu_);
  std::unique_ptr<WorkQueue> worker_;
  std::shared_ptr<MonitorEventSink> sink_;
  std::unique_ptr<audit::AuditLog> auditLog_;
  std::optional<Error> auditError_;
};

// The per-connection state: a reference to the shared instance.
class QemuConnection : public driver::ConnectionState {
 public:
  explicit QemuConnection(std::shared_ptr<QemuDriver> d) : driver(std::move(d)) {}
  std::shared_ptr<QemuDriver> driver;
};

// The connection's instance; a passive one first re-reads its root
// (qemu_passive_view.h), so that every call sees the state as it is now.
QemuDriver& driverOf(driver::Connection& conn);

}  // namespace vireo::qemu
