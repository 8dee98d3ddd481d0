#include "drivers/qemu/qemu_driver_state.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include <sys/utsname.h>

#include "drivers/qemu/qemu_lock.h"
#include "drivers/qemu/qemu_passive_view.h"
#include "lib/util/root_lock.h"
#include "drivers/qemu/qemu_security.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/log.h"

namespace vireo::qemu {

WorkQueue::WorkQueue() : thread_([this] { run(); }) {}

WorkQueue::~WorkQueue() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.notifyAll();
  thread_.join();
}

void WorkQueue::post(std::function<void()> work) {
  {
    MutexLock lock(mu_);
    items_.push_back(std::move(work));
  }
  cv_.notifyOne();
}

void WorkQueue::run() {
  UniqueMutexLock lock(mu_);
  for (;;) {
    // The predicate runs with mu_ held, which the analysis cannot see.
    cv_.wait(lock, [&]() REQUIRES(mu_) { return stopping_ || !items_.empty(); });
    if (items_.empty()) return;  // stopping, nothing left
    auto work = std::move(items_.front());
    items_.pop_front();
    lock.unlock();
    try {
      work();
    } catch (const std::exception& e) {
      // A work item reports its own failures (as events or state); one that
      // throws must not take the thread down.
      VIREO_WARN("qemu.qemu_driver", "background work failed: %s", e.what());
    }
    lock.lock();
  }
}

QemuDriver::QemuDriver(QemuPaths p, QemuConfig c, bool priv, bool passiveView)
    : paths(std::move(p)),
      config(std::move(c)),
      privileged(priv),
      passive(passiveView),
      security(createSecurityStack(config)),
      worker_(std::make_unique<WorkQueue>()),
      sink_(std::make_shared<MonitorEventSink>(worker_.get())) {
  // (A malformed qemu-lockd.conf fails the open, naming file, line and key.)
  if (!passive) locks = makeLockManager(paths, config);
  try {
    auditLog_ = std::make_unique<audit::AuditLog>(audit::AuditSettings{config.auditLevel, config.auditLogging});
  } catch (const Error& e) {
    auditError_ = e;  // audit_level = 2 on a kernel without audit
  }
}

void QemuDriver::requireAudit() const {
  if (auditError_) throw *auditError_;
}

QemuDriver::~QemuDriver() {
  // No new work from monitor threads, then finish what is queued: its
  // items refer to domains and monitors, which go after this.
  sink_->close();
  worker_.reset();
  // Monitors close with their domains; QEMU processes keep running.
}

std::shared_ptr<const QemuCaps> QemuDriver::capsFor(const std::string& binary) {
  MutexLock lock(capsMu_);
  struct stat st;
  if (stat(binary.c_str(), &st) != 0)
    failSystem(VIR_FROM_QEMU, errno, "Cannot find QEMU binary " + binary);
  auto it = caps_.find(binary);
  if (it != caps_.end() && it->second->binaryMtime == static_cast<long long>(st.st_mtime)) return it->second;
  auto caps = std::make_shared<const QemuCaps>(probeQemuCaps(binary, paths.cacheDir, paths.libDir));
  caps_[binary] = caps;
  return caps;
}

namespace {

std::string hostArch() {
  struct utsname u;
  if (uname(&u) != 0) return "x86_64";
  std::string m = u.machine;
  if (m == "i386" || m == "i486" || m == "i586") return "i686";
  return m;
}

// libvirt's arch name → QEMU's target name in qemu-system-<target>.
std::string qemuTargetFor(const std::string& arch) {
  if (arch == "i686") return "i386";
  if (arch == "armv7l" || arch == "armv6l") return "arm";
  return arch;
}

}  // namespace

std::string QemuDriver::defaultEmulator(const std::string& archIn) {
  std::string arch = archIn.empty() ? hostArch() : archIn;
  std::string name = "qemu-system-";
  name += qemuTargetFor(arch);  // (not operator+: GCC 12 misreports -Wrestrict on it)
  std::string found = findProgramOnPath(name);
  if (!found.empty()) return found;
  fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
       "No guest options available for arch '" + arch + "': " + name + " is not on PATH");
}

std::string QemuDriver::emulatorFor(const conf::DomainDef& def) {
  return def.emulator.empty() ? defaultEmulator(def.os.arch) : def.emulator;
}

QemuDriver& driverOf(driver::Connection& conn) {
  QemuDriver& d = *conn.state<QemuConnection>().driver;
  if (d.passive) refreshPassiveView(d);
  return d;
}

void QemuDriver::emitLifecycle(const QemuDomain& dom, int type, int detail) {
  events.queueLifecycle(dom.identity(), type, detail);
}

}  // namespace vireo::qemu
