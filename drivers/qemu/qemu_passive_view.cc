#include "drivers/qemu/qemu_passive_view.h"

#include "drivers/qemu/qemu_definitions.h"
#include "drivers/qemu/qemu_process_identity.h"
#include "drivers/qemu/qemu_status.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::qemu {

namespace {

void addDefinitions(const QemuDriver& d, driver::DomainObjectList<QemuDomain>& domains) {
  for (const std::string& file : listDirectory(d.paths.domainConfigDir, ".xml")) {
    try {
      conf::DomainDef def =
          conf::parseDomainXml(readWholeFile(d.paths.domainConfigDir + "/" + file, VIR_FROM_QEMU), conf::ParseInactive);
      if (domains.findSame(def)) continue;
      auto dom = std::make_shared<QemuDomain>();
      dom->persistent = true;
      dom->autostart = autostartLinkExists(d, def.name);
      dom->def = std::move(def);
      domains.add(std::move(dom));
    } catch (const Error&) {
      // A definition being replaced, or one the owner skips too.
    }
  }
}

void addRunning(const QemuDriver& d, driver::DomainObjectList<QemuDomain>& domains) {
  for (const std::string& file : listDirectory(d.paths.stateDir, ".xml")) {
    std::string path = d.paths.stateDir + "/" + file;
    StatusRecord r;
    try {
      r = parseStatus(readWholeFile(path, VIR_FROM_QEMU), path);
    } catch (const Error&) {
      continue;  // removed or replaced while we read it
    }
    if (!isDomainQemu(r.pid, r.def.name, r.pidStart)) continue;  // a stale record
    QemuDomain* dom = nullptr;
    try {
      dom = domains.findSame(r.def);
    } catch (const Error&) {
      continue;  // a status file that clashes with another definition
    }
    if (!dom) {
      auto transient = std::make_shared<QemuDomain>();
      transient->def = r.def;
      dom = &domains.add(std::move(transient));
    } else {
      dom->newDef = std::move(dom->def);
    }
    dom->def = std::move(r.def);
    dom->id = r.id;
    dom->state = r.state;
    dom->reason = r.reason;
    dom->run.pid = r.pid;
    dom->run.startTime = r.pidStart;
    dom->run.domainDir = r.domainDir;
    dom->run.monitorPath = r.monitorPath;
  }
}

}  // namespace

void refreshPassiveView(QemuDriver& d) {
  driver::DomainObjectList<QemuDomain> fresh;
  addDefinitions(d, fresh);
  addRunning(d, fresh);
  MutexLock lock(d.mu);
  d.domains = std::move(fresh);
}

}  // namespace vireo::qemu
