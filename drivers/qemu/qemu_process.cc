// Starting, stopping and reaping QEMU processes.
#include "drivers/qemu/qemu_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "drivers/qemu/qemu_audit.h"
#include "drivers/qemu/qemu_channel_paths.h"
#include "drivers/qemu/qemu_launch.h"
#include "drivers/qemu/qemu_lock.h"
#include "drivers/qemu/qemu_security.h"
#include "drivers/qemu/qemu_status.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/log.h"

namespace vireo::qemu {

namespace {

// How long QEMU gets to act on SIGTERM before SIGKILL, and to die after it.
constexpr int kTermGraceMs = 10000;
constexpr int kKillGraceMs = 5000;

}  // namespace

bool processGone(pid_t pid) {
  if (kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::string stat;
  try {
    stat = readWholeFile("/proc/" + std::to_string(pid) + "/stat", VIR_FROM_QEMU);
  } catch (const Error&) {
    return true;  // no /proc entry: the process is gone, which is the answer
  }
  size_t paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && (stat[paren + 2] == 'Z' || stat[paren + 2] == 'X');
}

namespace {

// Waits up to `ms` for the process to exit. With a pidfd, poll() wakes the
// moment it does; without one (a kernel that lacks pidfd_open), checks
// every few milliseconds.
bool waitGone(int pidfd, pid_t pid, int ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    if (processGone(pid)) return true;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (pidfd >= 0) {
      struct pollfd p {pidfd, POLLIN, 0};
      int rc = poll(&p, 1, static_cast<int>(left.count()));
      if (rc > 0) return true;
      if (rc < 0 && errno != EINTR) return processGone(pid);
    } else {
      usleep(2000);
    }
  }
}

// Reaps our own child without blocking (a child of another process is
// reaped by its parent or by init).
void reapIfChild(const QemuRuntime& run) {
  if (!run.isChild || run.pid <= 0) return;
  int status;
  while (waitpid(run.pid, &status, WNOHANG) < 0 && errno == EINTR) {
  }
}

}  // namespace

void terminateProcess(const QemuRuntime& run) {
  if (run.pid <= 0) return;
  if (!processGone(run.pid)) {
    kill(run.pid, SIGTERM);
    if (!waitGone(run.pidfd.get(), run.pid, kTermGraceMs)) {
      kill(run.pid, SIGKILL);
      waitGone(run.pidfd.get(), run.pid, kKillGraceMs);
    }
  }
  reapIfChild(run);
}

namespace {

void cleanupRuntime(QemuDriver& driver, QemuDomain& dom) {
  dom.run.monitor.reset();
  reapIfChild(dom.run);
  restoreDomainLabels(driver, dom.def, dom.run.privateDev);
  if (!dom.run.domainDir.empty()) {
    removeTree(dom.run.domainDir);
    removeTree(channelTargetDir(driver.paths.libDir, dom.run.domainDir));
  }
  try {
    removeFileIfExists(driver.paths.stateDir + "/" + dom.def.name + ".xml", VIR_FROM_QEMU);
  } catch (const Error& e) {
    VIREO_WARN("qemu.qemu_process", "status file of domain '%s' not removed: %s", dom.def.name.c_str(),
               e.message().c_str());
  }
  dom.run = QemuRuntime{};
}

// Marks a domain shut off after its process is gone: the persistent
// definition comes back, a transient domain disappears.
void markStopped(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, int reason, int eventDetail) {
  MutexLock lock(driver.mu);
  dom->state = VIR_DOMAIN_SHUTOFF;
  dom->reason = reason;
  driver.emitLifecycle(*dom, VIR_DOMAIN_EVENT_STOPPED, eventDetail);
  dom->id = -1;
  if (!dom->persistent) {
    driver.domains.remove(dom.get());
    return;
  }
  if (dom->newDef) {
    dom->def = std::move(*dom->newDef);
    dom->newDef.reset();
  }
}

}  // namespace

void recordRunState(QemuDriver& driver, QemuDomain& dom, int state, int reason, int eventType, int eventDetail) {
  {
    MutexLock lock(driver.mu);
    dom.state = state;
    dom.reason = reason;
    driver.emitLifecycle(dom, eventType, eventDetail);
  }
  saveDomainStatus(driver, dom);
}

void writeStatusRecord(QemuDriver& driver, const StatusRecord& record) {
  // A running domain's status needs to survive our crash, not a power loss
  // (which ends QEMU too): rename without fsync.
  writeFileAtomic(driver.paths.stateDir + "/" + record.def.name + ".xml", formatStatus(record), 0600, VIR_FROM_QEMU,
                  FileDurability::ProcessCrash);
}

StatusRecord statusRecordOf(const QemuRuntime& run, int id, int state, int reason, const conf::DomainDef& live) {
  StatusRecord r;
  r.state = state;
  r.reason = reason;
  r.pid = run.pid;
  r.pidStart = run.startTime;
  r.id = id;
  r.monitorPath = run.monitorPath;
  r.domainDir = run.domainDir;
  r.mountNamespace = run.privateDev;
  r.devNodes = run.devNodes;
  r.def = live;
  return r;
}

void saveDomainStatus(QemuDriver& driver, const QemuDomain& dom) {
  StatusRecord r;
  {
    MutexLock lock(driver.mu);
    r = statusRecordOf(dom.run, dom.id, dom.state, dom.reason, dom.def);
  }
  writeStatusRecord(driver, r);
}

void startDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& domPtr, bool paused,
                        int startedDetail) {
  QemuDomain& dom = *domPtr;
  conf::DomainDef live;
  {
    MutexLock lock(driver.mu);
    if (dom.active())
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "domain is already running");
    live = dom.def;
  }
  driver.requireAudit();
  int id = -1;
  pid_t pid = 0;
  QemuRuntime run;
  try {
    run = launchDomainProcess(driver, domPtr, live, paused, id, pid);
  } catch (...) {
    // As libvirt: every start that fails once auditing is possible is
    // audited (its resources, then op=start res=failed), whatever step failed.
    auditDomainStart(driver, live, pid, "booted", false);
    throw;
  }
  auditDomainStart(driver, live, run.pid, "booted", true);

  MutexLock lock(driver.mu);
  if (dom.persistent) dom.newDef = dom.def;
  dom.def = std::move(live);
  dom.id = id;
  dom.state = paused ? VIR_DOMAIN_PAUSED : VIR_DOMAIN_RUNNING;
  dom.reason = paused ? int{VIR_DOMAIN_PAUSED_USER} : int{VIR_DOMAIN_RUNNING_BOOTED};
  dom.run = std::move(run);
  dom.stateEpoch++;  // the start's own RESUME is accounted for
  driver.emitLifecycle(dom, VIR_DOMAIN_EVENT_STARTED, startedDetail);
  if (paused) driver.emitLifecycle(dom, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

void stopDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, int reason, int eventDetail) {
  dom->run.stopping = true;
  terminateProcess(dom->run);
  releaseDomainLeases(driver, *dom);
  auditDomainStop(driver, dom->def, dom->run.pid, reason);
  cleanupRuntime(driver, *dom);
  markStopped(driver, dom, reason, eventDetail);
}

void reapDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, int reason, int eventDetail) {
  // The monitor is gone; the process may linger a moment as it exits.
  waitGone(dom->run.pidfd.get(), dom->run.pid, kKillGraceMs);
  releaseDomainLeases(driver, *dom);
  auditDomainStop(driver, dom->def, dom->run.pid, reason);
  cleanupRuntime(driver, *dom);
  markStopped(driver, dom, reason, eventDetail);
}

}  // namespace vireo::qemu
