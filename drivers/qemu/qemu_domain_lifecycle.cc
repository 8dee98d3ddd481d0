// Starting, stopping, pausing and rebooting QEMU domains.
#include "drivers/qemu/qemu_lifecycle_actions.h"
#include "drivers/qemu/qemu_lock.h"
#include "drivers/qemu/qemu_ops.h"
#include "drivers/qemu/qemu_process.h"
#include "lib/util/error.h"

namespace vireo::qemu::domainops {

void createWithFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_BYPASS_CACHE | VIR_DOMAIN_START_FORCE_BOOT |
                 VIR_DOMAIN_START_RESET_NVRAM,
             VIR_FROM_QEMU, "qemuDomainCreateWithFlags");
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  if (dom->active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "domain is already running");
  startDomainProcess(d, dom.shared(), (flags & VIR_DOMAIN_START_PAUSED) != 0, VIR_DOMAIN_EVENT_STARTED_BOOTED);
  MutexLock lock(d.mu);
  id.id = dom->id;
}

void destroyFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_DESTROY_GRACEFUL, VIR_FROM_QEMU, "qemuDomainDestroyFlags");
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  requireActive(*dom);
  stopDomainProcess(d, dom.shared(), VIR_DOMAIN_SHUTOFF_DESTROYED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
  id.id = -1;
}

namespace {

// ACPI power button is the only method vireo has (no guest agent, no
// initctl or signals for QEMU); asking only for others is unsupported.
void requireAcpi(unsigned int flags, unsigned int acpiFlag, const char* what) {
  if (flags != 0 && !(flags & acpiFlag))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
         std::string("the requested ") + what + " method is not supported: only the ACPI power button is");
}

}  // namespace

void shutdownFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN | VIR_DOMAIN_SHUTDOWN_GUEST_AGENT | VIR_DOMAIN_SHUTDOWN_INITCTL |
                 VIR_DOMAIN_SHUTDOWN_SIGNAL | VIR_DOMAIN_SHUTDOWN_PARAVIRT,
             VIR_FROM_QEMU, "qemuDomainShutdownFlags");
  requireAcpi(flags, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, "shutdown");
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  QmpMonitor& mon = monitorOf(*dom);
  dom->run.fakeReboot = false;
  mon.execute("system_powerdown");
}

void reboot(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_REBOOT_ACPI_POWER_BTN | VIR_DOMAIN_REBOOT_GUEST_AGENT | VIR_DOMAIN_REBOOT_INITCTL |
                 VIR_DOMAIN_REBOOT_SIGNAL | VIR_DOMAIN_REBOOT_PARAVIRT,
             VIR_FROM_QEMU, "qemuDomainReboot");
  requireAcpi(flags, VIR_DOMAIN_REBOOT_ACPI_POWER_BTN, "reboot");
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  QmpMonitor& mon = monitorOf(*dom);
  // The guest is asked to power off; when it does (SHUTDOWN), it is reset
  // and started again instead of stopped (qemu_monitor_events.cc). With
  // <on_reboot>destroy</on_reboot> a reboot is a shutdown, as in libvirt.
  dom->run.fakeReboot = rebootAllowed(dom->def);
  mon.execute("system_powerdown");
}

void reset(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_QEMU, "qemuDomainReset");
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  monitorOf(*dom).execute("system_reset");
}

void suspend(Connection& conn, DomainIdentity& id) {
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  QmpMonitor& mon = monitorOf(*dom);
  {
    MutexLock lock(d.mu);
    if (dom->state == VIR_DOMAIN_PAUSED) return;
  }
  mon.execute("stop");
  dom->stateEpoch++;  // (its STOP event has arrived: stale from now on)
  releaseDomainLeases(d, *dom);
  recordRunState(d, *dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER, VIR_DOMAIN_EVENT_SUSPENDED,
                 VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

void resume(Connection& conn, DomainIdentity& id) {
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  QmpMonitor& mon = monitorOf(*dom);
  {
    MutexLock lock(d.mu);
    if (dom->state == VIR_DOMAIN_RUNNING) return;
  }
  acquireDomainLeases(d, *dom);
  try {
    mon.execute("cont");
    dom->stateEpoch++;
  } catch (...) {
    releaseDomainLeases(d, *dom);
    throw;
  }
  recordRunState(d, *dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED, VIR_DOMAIN_EVENT_RESUMED,
                 VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}

}  // namespace vireo::qemu::domainops
