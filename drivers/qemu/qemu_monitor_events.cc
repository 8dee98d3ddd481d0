#include "drivers/qemu/qemu_monitor_events.h"

#include "drivers/qemu/qemu_hotplug.h"
#include "drivers/qemu/qemu_monitor_api.h"
#include "drivers/qemu/qemu_process.h"
#include "lib/util/error.h"

namespace vireo::qemu {

namespace {

// Runs `body` with the job lock of the domain, if the domain is still on
// the run that the event belongs to.
template <typename Body>
void withCurrentRun(const std::weak_ptr<QemuDomain>& weak, unsigned generation, Body&& body) {
  std::shared_ptr<QemuDomain> dom = weak.lock();
  if (!dom) return;
  std::lock_guard job(dom->job);
  if (!dom->active() || dom->run.generation != generation) return;
  body(dom);
}

int stateOf(QemuDriver& d, const QemuDomain& dom) {
  MutexLock lock(d.mu);
  return dom.state;
}

// Paused or resumed from outside vireo. When vireo's own suspend or resume
// caused the event, the domain is already in the new state (the job lock
// orders the API call before the event), so nothing is sent twice.
void onStop(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom, unsigned epoch) {
  if (epoch != dom->stateEpoch.load() || stateOf(d, *dom) != VIR_DOMAIN_RUNNING) return;
  recordRunState(d, *dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN, VIR_DOMAIN_EVENT_SUSPENDED,
                 VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

void onResume(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom, unsigned epoch) {
  if (epoch != dom->stateEpoch.load() || stateOf(d, *dom) != VIR_DOMAIN_PAUSED) return;
  recordRunState(d, *dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED, VIR_DOMAIN_EVENT_RESUMED,
                 VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}

void onReset(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom) {
  MutexLock lock(d.mu);
  driver::DomainEvent ev;
  ev.domain = dom->identity();
  ev.eventId = VIR_DOMAIN_EVENT_ID_REBOOT;
  d.emit(std::move(ev));
}

// The guest powered off (QEMU stays, paused, because of -no-shutdown).
void onShutdown(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom, const QmpEvent& ev) {
  if (dom->run.fakeReboot) {
    // virDomainReboot through ACPI: the guest shut down; start it again.
    dom->run.fakeReboot = false;
    dom->run.monitor->execute("system_reset");
    dom->run.monitor->execute("cont");
    return;
  }
  const json::Value* guest = ev.data.find("guest");
  bool byGuest = guest && guest->isBool() && guest->asBool();
  {
    MutexLock lock(d.mu);
    d.emitLifecycle(*dom, VIR_DOMAIN_EVENT_SHUTDOWN,
                    byGuest ? VIR_DOMAIN_EVENT_SHUTDOWN_GUEST : VIR_DOMAIN_EVENT_SHUTDOWN_HOST);
  }
  const std::string& action = dom->def.lifecycle.onPoweroff;
  // 'preserve' and 'rename-restart' are refused at define
  // (qemu_lifecycle_actions.h). With <on_reboot>destroy</on_reboot> QEMU
  // reports a guest's reset as this SHUTDOWN (reason "guest-reset").
  if (action == "restart") {
    dom->run.monitor->execute("system_reset");
    dom->run.monitor->execute("cont");
    return;
  }
  stopDomainProcess(d, dom, VIR_DOMAIN_SHUTOFF_SHUTDOWN, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
}

// The guest panicked (a pvpanic or ISA panic device told QEMU): CRASHED,
// then the on_crash action.
void onGuestPanicked(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom) {
  {
    MutexLock lock(d.mu);
    dom->state = VIR_DOMAIN_CRASHED;
    dom->reason = VIR_DOMAIN_CRASHED_PANICKED;
    d.emitLifecycle(*dom, VIR_DOMAIN_EVENT_CRASHED, VIR_DOMAIN_EVENT_CRASHED_PANICKED);
  }
  const std::string& action = dom->def.lifecycle.onCrash;
  // vireo writes no core dumps: the coredump-* actions act as their plain
  // counterparts.
  if (action == "restart" || action == "coredump-restart") {
    dom->run.monitor->execute("system_reset");
    dom->run.monitor->execute("cont");
    MutexLock lock(d.mu);
    dom->state = VIR_DOMAIN_RUNNING;
    dom->reason = VIR_DOMAIN_RUNNING_CRASHED;
    return;
  }
  if (action == "preserve") {
    saveDomainStatus(d, *dom);  // stays crashed, for inspection
    return;
  }
  stopDomainProcess(d, dom, VIR_DOMAIN_SHUTOFF_CRASHED, VIR_DOMAIN_EVENT_STOPPED_CRASHED);
}

// The id of the device a DEVICE_DELETED event is about; "" for the
// id-less parts a device is made of (its virtio backend, ...).
std::string deletedDevice(const QmpEvent& ev) {
  const json::Value* device = ev.data.find("device");
  return device && device->isString() ? device->asString() : std::string();
}

// A device left QEMU while no detach was waiting for it (the wait timed
// out, or the guest ejected it): the removal finishes here.
void onDeviceDeleted(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom, const QmpEvent& ev) {
  std::string alias = deletedDevice(ev);
  if (!alias.empty()) completeDeviceRemoval(d, dom, alias);
}

// The monitor closed without vireo asking: QEMU exited or was killed.
void onEof(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom) {
  if (dom->run.stopping) return;
  reapDomainProcess(d, dom, VIR_DOMAIN_SHUTOFF_CRASHED, VIR_DOMAIN_EVENT_STOPPED_FAILED);
}

}  // namespace

namespace {

// `epoch`: the domain's stateEpoch when the event arrived.
void dispatch(QemuDriver& d, const std::weak_ptr<QemuDomain>& weak, unsigned generation, unsigned epoch,
              const QmpEvent& ev) {
  withCurrentRun(weak, generation, [&](const std::shared_ptr<QemuDomain>& dom) {
    if (ev.name == "STOP") onStop(d, dom, epoch);
    else if (ev.name == "RESUME") onResume(d, dom, epoch);
    else if (ev.name == "RESET") onReset(d, dom);
    else if (ev.name == "SHUTDOWN") onShutdown(d, dom, ev);
    else if (ev.name == "GUEST_PANICKED") onGuestPanicked(d, dom);
    else if (ev.name == "DEVICE_DELETED") onDeviceDeleted(d, dom, ev);
  });
}

}  // namespace

void queueMonitorEvent(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, unsigned generation,
                       QmpEvent event) {
  std::weak_ptr<QemuDomain> weak = dom;
  QemuDriver* d = &driver;
  unsigned epoch = dom->stateEpoch.load();
  driver.eventSink()->post([weak, generation, epoch, d, event] { dispatch(*d, weak, generation, epoch, event); });
}

QmpMonitor::Callbacks monitorCallbacks(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom,
                                       unsigned generation) {
  std::shared_ptr<MonitorEventSink> sink = driver.eventSink();
  std::weak_ptr<QemuDomain> weak = dom;
  QemuDriver* d = &driver;  // valid while the sink is open (the driver closes it first)
  QmpMonitor::Callbacks cb;
  cb.onEvent = [sink, weak, generation, d](const QmpEvent& ev) {
    // Every event goes to the QEMU monitor event callbacks, first.
    sink->post([weak, d, ev] {
      if (std::shared_ptr<QemuDomain> dom = weak.lock()) emitQemuMonitorEvent(*d, dom, ev);
    });
    // A detach that holds the job waits for this one itself: hand it over
    // directly (the work queue would wait for that job).
    if (ev.name == "DEVICE_DELETED")
      if (std::shared_ptr<QemuDomain> dom = weak.lock(); dom && dom->removals.notify(deletedDevice(ev))) return;
    unsigned epoch = 0;
    if (std::shared_ptr<QemuDomain> dom = weak.lock()) epoch = dom->stateEpoch.load();
    sink->post([weak, generation, epoch, d, ev] { dispatch(*d, weak, generation, epoch, ev); });
  };
  cb.onEof = [sink, weak, generation, d] {
    sink->post([weak, generation, d] {
      withCurrentRun(weak, generation, [&](const std::shared_ptr<QemuDomain>& dom) { onEof(*d, dom); });
    });
  };
  return cb;
}

}  // namespace vireo::qemu
