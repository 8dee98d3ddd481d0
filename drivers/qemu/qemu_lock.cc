#include "drivers/qemu/qemu_lock.h"

#include <cstring>
#include <string>

#include "lib/util/log.h"

namespace vireo::qemu {

namespace {

constexpr char kLogModule[] = "qemu.qemu_lock";

lock::Owner ownerOf(const conf::DomainDef& def, int id, pid_t pid) {
  lock::Owner o;
  std::memcpy(o.uuid, def.uuid.bytes.data(), sizeof o.uuid);
  o.name = def.name;
  o.id = static_cast<uint32_t>(id);
  o.pid = static_cast<uint32_t>(pid);
  return o;
}

lock::Owner ownerOf(QemuDriver& driver, const QemuDomain& dom) {
  MutexLock lock(driver.mu);
  return ownerOf(dom.def, dom.id, dom.run.pid);
}

// Connects once, starting the daemon if needed. A daemon that had to be
// started means the previous one died, and with it the leases of every
// domain running now: libvirt says nothing then; vireo says so.
void ensureDaemon(QemuDriver& driver) {
  bool started = false;
  driver.locks->connect(&started);
  if (!started) return;
  std::string running;
  {
    MutexLock lock(driver.mu);
    for (const auto& dom : driver.domains.all())
      if (dom->active()) running += (running.empty() ? "" : ", ") + dom->def.name;
  }
  if (running.empty()) {
    VIREO_INFO(kLogModule, "started the lock daemon at %s", driver.locks->socketPath().c_str());
  } else {
    VIREO_WARN(kLogModule,
               "the lock daemon at %s had stopped and was started again: the disk leases of the running "
               "domains %s were lost with it and are not held now",
               driver.locks->socketPath().c_str(), running.c_str());
  }
}

}  // namespace

std::unique_ptr<lock::LockManager> makeLockManager(const QemuPaths& paths, const QemuConfig& config) {
  if (config.lockManager != "lockd") return nullptr;
  lock::LockManagerSetup setup;
  setup.socketPath = paths.lockdSocket;
  setup.pidFile = paths.lockdPidFile;
  setup.logFile = paths.lockdLog;
  setup.config = lock::loadLockdConfig(paths.lockdConfigFile);
  return std::make_unique<lock::LockManager>(std::move(setup));
}

StartLocks::StartLocks(QemuDriver& driver, const conf::DomainDef& live, int id) : driver_(driver) {
  if (!driver.locks) return;
  owner_ = ownerOf(live, id, 0);
  leases_ = lock::domainLeases(live, driver.locks->config());
  ensureDaemon(driver);
  VIREO_DEBUG(kLogModule, "domain '%s': %zu lease(s) to take", live.name.c_str(), leases_.size());
}

StartLocks::~StartLocks() {
  if (acquired_ && !dismissed_) driver_.locks->release(owner_, leases_);
}

void StartLocks::addTo(SpawnChildChain& chain) {
  if (!driver_.locks) return;
  child_.emplace(driver_.locks->socketPath(), owner_);
  chain.addFirst(lock::LockdChildProgram::run, &*child_, lock::LockdChildProgram::describe);
}

void StartLocks::acquire(pid_t qemuPid) {
  if (!driver_.locks) return;
  owner_.pid = static_cast<uint32_t>(qemuPid);
  driver_.locks->acquire(owner_, leases_);
  acquired_ = true;
}

void acquireDomainLeases(QemuDriver& driver, const QemuDomain& dom) {
  if (!driver.locks) return;
  conf::DomainDef def;
  {
    MutexLock lock(driver.mu);
    def = dom.def;
  }
  driver.locks->acquire(ownerOf(driver, dom), lock::domainLeases(def, driver.locks->config()));
}

void releaseDomainLeases(QemuDriver& driver, const QemuDomain& dom) noexcept {
  if (!driver.locks) return;
  try {
    conf::DomainDef def;
    {
      MutexLock lock(driver.mu);
      def = dom.def;
    }
    driver.locks->release(ownerOf(driver, dom), lock::heldLeases(def, driver.locks->config()));
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "domain '%s': leases not released: %s", dom.def.name.c_str(), e.what());
  }
}

namespace {

// A paused domain holds no leases: a disk plugged then gets its lease with
// the others at resume (taking it now would make the resume refuse it as
// held), and one unplugged then has none to give back.
bool holdsLeases(QemuDriver& driver, const QemuDomain& dom) {
  MutexLock lock(driver.mu);
  return dom.state == VIR_DOMAIN_RUNNING;
}

}  // namespace

bool acquireDiskLease(QemuDriver& driver, const QemuDomain& dom, const conf::DiskDef& disk) {
  if (!driver.locks || !holdsLeases(driver, dom)) return false;
  std::optional<lock::Lease> l = lock::diskLease(disk, driver.locks->config());
  if (!l) return false;
  driver.locks->acquire(ownerOf(driver, dom), {*l});
  return true;
}

void releaseDiskLease(QemuDriver& driver, const QemuDomain& dom, const conf::DiskDef& disk) noexcept {
  if (!driver.locks || !holdsLeases(driver, dom)) return;
  std::optional<lock::Lease> l = lock::diskLease(disk, driver.locks->config());
  if (l) driver.locks->release(ownerOf(driver, dom), {*l});
}

}  // namespace vireo::qemu
