#include "drivers/qemu/qemu_reconnect.h"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "drivers/qemu/qemu_channel_paths.h"
#include "drivers/qemu/qemu_definitions.h"
#include "drivers/qemu/qemu_hotplug.h"
#include "drivers/qemu/qemu_monitor_events.h"
#include "drivers/qemu/qemu_process.h"
#include "drivers/qemu/qemu_process_identity.h"
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

// Ends a QEMU that is not ours to keep (a start that never finished, an
// orphan): SIGTERM, then SIGKILL, as a stop does.
void endProcess(pid_t pid) {
  QemuRuntime run;
  run.pid = pid;
  run.pidfd = UniqueFd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
  run.isChild = false;
  terminateProcess(run);
}

// Removes what a domain's QEMU leaves behind once it is gone: labels, its
// private and channel directories, its status file.
void cleanUpAfter(QemuDriver& d, const StatusRecord& r, const std::string& statusPath) {
  restoreDomainLabels(d, r.def, r.mountNamespace);
  if (!r.domainDir.empty()) {
    removeTree(r.domainDir);
    removeTree(channelTargetDir(d.paths.libDir, r.domainDir));
  }
  removeFileIfExists(statusPath, VIR_FROM_QEMU);
}

// The pids of QEMU processes ("-name guest=...") whose command line names a
// path under `dir`.
std::vector<pid_t> processesUsing(const std::string& dir) {
  std::vector<pid_t> found;
  std::string needle = dir + "/";
  for (const std::string& entry : listDirectory("/proc", "")) {
    if (entry.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline;
    try {
      cmdline = readWholeFile("/proc/" + entry + "/cmdline", VIR_FROM_QEMU);
    } catch (const Error&) {
      continue;
    }
    for (char& c : cmdline)
      if (c == '\0') c = ' ';
    if (cmdline.find(needle) != std::string::npos && cmdline.find(" guest=") != std::string::npos)
      found.push_back(static_cast<pid_t>(std::stoi(entry)));
  }
  return found;
}

// What a start cut short before its status file existed leaves: a private
// directory no status file names (and its channel directory), with perhaps a
// QEMU spawned a moment before the process died, and the empty ns-* staging
// directories of private /dev builds, and the temporary file of a status
// write that never got renamed. Only the owner of the root may start
// domains in it, and this instance is the owner and starts nothing before
// this runs, so whatever matches belongs to no start in progress.
void removeOrphans(QemuDriver& d, const std::vector<std::string>& liveDirs, bool allRecordsRead) {
  for (const std::string& name : allRecordsRead ? listDirectory(d.paths.libDir, "") : std::vector<std::string>{}) {
    if (name.rfind("domain-", 0) != 0) continue;
    std::string dir = d.paths.libDir + "/" + name;
    if (std::find(liveDirs.begin(), liveDirs.end(), dir) != liveDirs.end()) continue;
    for (pid_t pid : processesUsing(dir)) {
      VIREO_WARN(kLogModule, "ending process %d, a QEMU left by a start that never finished (%s)", static_cast<int>(pid),
                 dir.c_str());
      endProcess(pid);
    }
    VIREO_WARN(kLogModule, "removing %s, left by a start that never finished", dir.c_str());
    removeTree(dir);
    removeTree(channelTargetDir(d.paths.libDir, dir));
  }
  for (const std::string& name : listDirectory(d.paths.stateDir, "")) {
    std::string path = d.paths.stateDir + "/" + name;
    if (name.rfind("ns-", 0) == 0) {
      if (rmdir(path.c_str()) != 0)
        VIREO_WARN(kLogModule, "cannot remove staging directory %s: %s", path.c_str(), strerror(errno));
    } else if (name.find(".xml.new-") != std::string::npos) {
      unlink(path.c_str());  // a status file whose writer died before the rename
    }
  }
}

// A start that never finished: the process that ran it died after QEMU was
// spawned and before the domain was recorded as running. QEMU (if it still
// runs) is ended and everything of the start removed; the domain is left
// shut off, reason "failed", as libvirt leaves a domain whose start failed.
void abandonHalfStarted(QemuDriver& d, const StatusRecord& r, const std::string& statusPath) {
  if (isDomainQemu(r.pid, r.def.name, r.pidStart)) {
    VIREO_WARN(kLogModule, "domain '%s' was being started by a process that died; ending its QEMU (pid %d)",
               r.def.name.c_str(), static_cast<int>(r.pid));
    endProcess(r.pid);
  } else {
    VIREO_WARN(kLogModule, "domain '%s' was being started by a process that died; its QEMU is gone",
               r.def.name.c_str());
  }
  cleanUpAfter(d, r, statusPath);
  MutexLock lock(d.mu);
  if (QemuDomain* dom = d.domains.findSame(r.def)) {
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = VIR_DOMAIN_SHUTOFF_FAILED;
  }
}

void loadDefinitions(QemuDriver& d) {
  for (const std::string& file : listDirectory(d.paths.domainConfigDir, ".xml")) {
    std::string path = d.paths.domainConfigDir + "/" + file;
    try {
      conf::DomainDef def = conf::parseDomainXml(readWholeFile(path, VIR_FROM_QEMU), conf::ParseInactive);
      MutexLock lock(d.mu);
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
// Returns the private directory of a domain that still runs ("" if none).
std::string takeOver(const std::shared_ptr<QemuDriver>& driver, const std::string& statusPath) {
  QemuDriver& d = *driver;
  StatusRecord r = parseStatus(readWholeFile(statusPath, VIR_FROM_QEMU), statusPath);
  if (r.startIncomplete()) {
    abandonHalfStarted(d, r, statusPath);
    return "";
  }
  std::shared_ptr<QemuDomain> dom;
  {
    MutexLock lock(d.mu);
    if (QemuDomain* known = d.domains.findSame(r.def)) dom = d.domains.share(known->identity(), VIR_FROM_QEMU);
  }
  VIREO_DEBUG(kLogModule, "status of domain '%s' found in %s: pid %d", r.def.name.c_str(), statusPath.c_str(),
              static_cast<int>(r.pid));
  if (!isDomainQemu(r.pid, r.def.name, r.pidStart)) {
    // QEMU died while nobody watched: nothing to take over, only to clean.
    VIREO_INFO(kLogModule, "domain '%s' stopped while nobody watched: cleaning up", r.def.name.c_str());
    cleanUpAfter(d, r, statusPath);
    return "";
  }
  std::string liveDir = r.domainDir;
  if (!dom) {
    dom = std::make_shared<QemuDomain>();  // a transient domain
    dom->def = r.def;
    MutexLock lock(d.mu);
    d.domains.add(dom);
  }
  std::lock_guard job(dom->job);
  QemuRuntime run;
  run.pid = r.pid;
  run.startTime = r.pidStart ? r.pidStart : processStartTime(r.pid);
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
    MutexLock lock(d.mu);
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
      MutexLock lock(d.mu);
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
  return liveDir;
}

}  // namespace

void loadDriverState(const std::shared_ptr<QemuDriver>& driver) {
  loadDefinitions(*driver);
  std::vector<std::string> liveDirs;
  bool allRecordsRead = true;  // else a directory may belong to a record we cannot read
  for (const std::string& file : listDirectory(driver->paths.stateDir, ".xml")) {
    std::string path = driver->paths.stateDir + "/" + file;
    try {
      liveDirs.push_back(takeOver(driver, path));
    } catch (const Error& e) {
      VIREO_WARN(kLogModule, "cannot take over the domain of %s: %s", path.c_str(), e.message().c_str());
      // Its directory is not an orphan: the record may be readable later.
      try {
        liveDirs.push_back(parseStatus(readWholeFile(path, VIR_FROM_QEMU), path).domainDir);
      } catch (const Error&) {
        allRecordsRead = false;
      }
    }
  }
  removeOrphans(*driver, liveDirs, allRecordsRead);
}

void autostartDomains(const std::shared_ptr<QemuDriver>& driver) {
  std::vector<std::shared_ptr<QemuDomain>> todo;
  {
    MutexLock lock(driver->mu);
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
