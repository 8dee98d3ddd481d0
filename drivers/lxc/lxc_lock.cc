#include "drivers/lxc/lxc_lock.h"

#include <cstring>

#include "lib/lock/lockd_config.h"
#include "lib/util/log.h"

namespace vireo::lxc {

namespace {

constexpr char kLogModule[] = "lxc.lxc_lock";

lock::Owner ownerOf(const conf::DomainDef& def, int id, pid_t pid) {
  lock::Owner o;
  std::memcpy(o.uuid, def.uuid.bytes.data(), sizeof o.uuid);
  o.name = def.name;
  o.id = static_cast<uint32_t>(id);
  o.pid = static_cast<uint32_t>(pid);
  return o;
}

}  // namespace

std::unique_ptr<lock::LockManager> makeLockManager(const LxcPaths& paths, const std::string& lockManager) {
  if (lockManager != "lockd") return nullptr;
  lock::LockManagerSetup setup;
  setup.socketPath = paths.lockdSocket;
  setup.pidFile = paths.lockdPidFile;
  setup.logFile = paths.lockdLog;
  setup.config = lock::loadLockdConfig(paths.lockdConfigFile);
  return std::make_unique<lock::LockManager>(std::move(setup));
}

StartLocks::StartLocks(lock::LockManager* locks, const conf::DomainDef& live, int id) : locks_(locks) {
  if (!locks_) return;
  owner_ = ownerOf(live, id, 0);
  leases_ = lock::domainLeases(live, locks_->config());
  bool started = false;
  locks_->connect(&started);
  if (started) VIREO_INFO(kLogModule, "started the lock daemon at %s", locks_->socketPath().c_str());
  child_.emplace(locks_->socketPath(), owner_);
  VIREO_DEBUG(kLogModule, "container '%s': %zu lease(s) to take", live.name.c_str(), leases_.size());
}

StartLocks::~StartLocks() {
  if (acquired_ && !dismissed_) locks_->release(owner_, leases_);
}

void StartLocks::acquire(pid_t owner) {
  if (!locks_) return;
  owner_.pid = static_cast<uint32_t>(owner);
  locks_->acquire(owner_, leases_);
  acquired_ = true;
}

void releaseContainerLeases(lock::LockManager* locks, const conf::DomainDef& def, int id,
                            pid_t keeper) noexcept {
  if (!locks || keeper <= 0) return;
  try {
    locks->release(ownerOf(def, id, keeper), lock::heldLeases(def, locks->config()));
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "container '%s': leases not released: %s", def.name.c_str(), e.what());
  }
}

}  // namespace vireo::lxc
