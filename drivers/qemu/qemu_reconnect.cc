#include "drivers/qemu/qemu_reconnect.h"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "drivers/qemu/qemu_channel_paths.h"
#include "drivers/qemu/qemu_definitions.h"
#include "drivers/qemu/qemu_hotplug.h"
#include "drivers/qemu/qemu_monitor_events.h"
#include "drivers/qemu/qemu_process.h"
#include "drivers/qemu/qemu_security.h"
#include "drivers/qemu/qemu_status.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/log.h"

namespace vireo::qemu {

namespace {

// How long a taken-over monitor gets to greet: it answers at once unless
// another process still holds it.
constexpr QmpMonitor::Timeout kTakeoverTimeout{5000};

constexpr char kLogModule[] = "qemu.qemu_reconnect";

// True when `pid` is alive and is the QEMU of domain `name` (a recycled pid
// running something else does not count).
bool isDomainQemu(pid_t pid, const std::string& name) {
  std::string cmdline;
  try {
    cmdline = readWholeFile("/proc/" + std::to_string(pid) + "/cmdline", VIR_FROM_QEMU);
  } catch (const Error& e) {
    VIREO_DEBUG(kLogModule, "pid %d is not running: %s", static_cast<int>(pid), e.message().c_str());
    return false;
  }
  if (cmdline.empty() || processGone(pid)) return false;  // a zombie has no command line
  std::string marker = std::string("guest=") + name;
  for (size_t pos = 0; pos < cmdline.size();) {
    std::string arg = cmdline.c_str() + pos;
    if (arg.rfind(marker, 0) == 0 && (arg.size() == marker.size() || arg[marker.size()] == ',')) return true;
    pos += arg.size() + 1;
  }
  return false;
}

void loadDefinitions(QemuDriver& d) {
  for (const std::string& file : listDirectory(d.paths.domainConfigDir, ".xml")) {
    std::string path = d.paths.domainConfigDir + "/" + file;
    try {
      conf::DomainDef def = conf::parseDomainXml(readWholeFile(path, VIR_FROM_QEMU), conf::ParseInactive);
      std::lock_guard lock(d.mu);
      if (d.domains.findSame(def)) continue;
      auto dom = std::make_shared<QemuDomain>();
      dom->persistent = true;
      dom->autostart = autostartLinkExists(d, def.name);
      dom->def = std::move(def);
      d.domains.add(std::move(dom));
    } catch (const Error& e) {
      VIREO_WARN(kLogModule, "skipping definition %s: %s", path.c_str(), e.message().c_str());
    }
  }
}

// Takes over one running domain, or cleans up after it.
void takeOver(const std::shared_ptr<QemuDriver>& driver, const std::string& statusPath) {
  QemuDriver& d = *driver;
  StatusRecord r = parseStatus(readWholeFile(statusPath, VIR_FROM_QEMU), statusPath);
  std::shared_ptr<QemuDomain> dom;
  {
    std::lock_guard lock(d.mu);
    if (QemuDomain* known = d.domains.findSame(r.def)) dom = d.domains.share(known->identity(), VIR_FROM_QEMU);
  }
  VIREO_DEBUG(kLogModule, "status of domain '%s' found in %s: pid %d", r.def.name.c_str(), statusPath.c_str(),
              static_cast<int>(r.pid));
  if (!isDomainQemu(r.pid, r.def.name)) {
    // QEMU died while nobody watched: nothing to take over, only to clean.
    VIREO_INFO(kLogModule, "domain '%s' stopped while nobody watched: cleaning up", r.def.name.c_str());
    restoreDomainLabels(d, r.def, r.mountNamespace);
    if (!r.domainDir.empty()) {
      removeTree(r.domainDir);
      removeTree(channelTargetDir(d.paths.libDir, r.domainDir));
    }
    removeFileIfExists(statusPath, VIR_FROM_QEMU);
    return;
  }
  if (!dom) {
    dom = std::make_shared<QemuDomain>();  // a transient domain
    dom->def = r.def;
    std::lock_guard lock(d.mu);
    d.domains.add(dom);
  }
  std::lock_guard job(dom->job);
  QemuRuntime run;
  run.pid = r.pid;
  run.pidfd = UniqueFd(static_cast<int>(syscall(SYS_pidfd_open, r.pid, 0)));
  run.isChild = false;
  run.domainDir = r.domainDir;
  run.monitorPath = r.monitorPath;
  // Only the status file says whether the domain has a private /dev: the
  // configuration may have changed since it started.
  run.privateDev = r.mountNamespace;
  run.devNodes = r.devNodes;
  run.generation = static_cast<unsigned>(r.id) | 0x80000000u;  // distinct from start-time generations
  {
    std::lock_guard lock(d.mu);
    if (dom->persistent) dom->newDef = dom->def;
    dom->def = std::move(r.def);
    dom->id = r.id;
    dom->state = r.state;
    dom->reason = r.reason;
    dom->run = std::move(run);
    d.nextId = std::max(d.nextId, r.id + 1);
  }
  reserveDomainLabels(d, dom->def);
  VIREO_DEBUG(kLogModule, "reconnecting to the monitor of domain '%s' at %s", dom->def.name.c_str(),
              dom->run.monitorPath.c_str());
  try {
    dom->run.monitor = QmpMonitor::connect(dom->run.monitorPath, monitorCallbacks(d, dom, dom->run.generation),
                                           kTakeoverTimeout);
    // The guest may have paused or resumed while nobody watched.
    json::Value status = dom->run.monitor->execute("query-status");
    const json::Value* running = status.find("running");
    const json::Value* runState = status.find("status");
    if (runState && runState->isString() && runState->asString() == "shutdown") {
      // The guest powered off while nobody watched (-no-shutdown kept QEMU
      // alive): carry out its on_poweroff action now, as the event would have.
      QmpEvent ev;
      ev.name = "SHUTDOWN";
      ev.data = json::Value::object({{"guest", true}, {"reason", "guest-shutdown"}});
      queueMonitorEvent(d, dom, dom->run.generation, std::move(ev));
    }
    // A device removal that was pending may have finished unseen.
    reconcileRemovedDevices(d, dom);
    if (running && running->isBool()) {
      std::lock_guard lock(d.mu);
      if (running->asBool() && dom->state == VIR_DOMAIN_PAUSED) {
        dom->state = VIR_DOMAIN_RUNNING;
        dom->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
      } else if (!running->asBool() && dom->state == VIR_DOMAIN_RUNNING) {
        dom->state = VIR_DOMAIN_PAUSED;
        dom->reason = VIR_DOMAIN_PAUSED_UNKNOWN;
      }
    }
    VIREO_INFO(kLogModule, "took over domain '%s' (pid %d)", dom->def.name.c_str(), static_cast<int>(dom->run.pid));
  } catch (const Error& e) {
    // The domain runs, but its monitor is held elsewhere or broken: it stays
    // listed as running; destroy still works through its pid.
    VIREO_WARN(kLogModule, "cannot reconnect to the monitor of domain '%s': %s", dom->def.name.c_str(),
               e.message().c_str());
  }
}

}  // namespace

void loadDriverState(const std::shared_ptr<QemuDriver>& driver) {
  loadDefinitions(*driver);
  for (const std::string& file : listDirectory(driver->paths.stateDir, ".xml")) {
    std::string path = driver->paths.stateDir + "/" + file;
    try {
      takeOver(driver, path);
    } catch (const Error& e) {
      VIREO_WARN(kLogModule, "cannot take over the domain of %s: %s", path.c_str(), e.message().c_str());
    }
  }
}

void autostartDomains(const std::shared_ptr<QemuDriver>& driver) {
  std::vector<std::shared_ptr<QemuDomain>> todo;
  {
    std::lock_guard lock(driver->mu);
    for (const auto& dom : driver->domains)
      if (dom->autostart && dom->persistent && !dom->active()) todo.push_back(dom);
  }
  for (const auto& dom : todo) {
    std::lock_guard job(dom->job);
    try {
      if (!dom->active()) startDomainProcess(*driver, dom, false, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    } catch (const Error& e) {
      VIREO_WARN(kLogModule, "failed to autostart domain '%s': %s", dom->def.name.c_str(), e.message().c_str());
    }
  }
}

}  // namespace vireo::qemu
