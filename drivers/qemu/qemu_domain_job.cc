#include "drivers/qemu/qemu_ops.h"
#include "lib/util/error.h"

namespace vireo::qemu {

DomainJob::DomainJob(QemuDriver& driver, const DomainIdentity& identity) {
  {
    MutexLock lock(driver.mu);
    dom_ = driver.domains.share(identity, VIR_FROM_QEMU);
  }
  job_ = std::unique_lock(dom_->job);
  // The domain may have gone (undefined, or a transient one stopped) while
  // we waited for the job.
  MutexLock lock(driver.mu);
  if (driver.domains.findByUuid(identity.uuid) != dom_.get())
    driver::DomainObjectList<QemuDomain>::notFound(identity, VIR_FROM_QEMU);
}

void requireActive(const QemuDomain& dom) {
  if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
}

QmpMonitor& monitorOf(QemuDomain& dom) {
  requireActive(dom);
  if (!dom.run.monitor || !dom.run.monitor->alive())
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "QEMU monitor is not available for domain '" + dom.def.name + "'");
  return *dom.run.monitor;
}

}  // namespace vireo::qemu
