// Defining, undefining and creating transient QEMU domains.
#include "drivers/qemu/qemu_definitions.h"
#include "drivers/qemu/qemu_ops.h"
#include "drivers/qemu/qemu_process.h"
#include "drivers/qemu/qemu_security.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"

namespace vireo::qemu::domainops {

DomainIdentity defineXMLFlags(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_DEFINE_VALIDATE, VIR_FROM_QEMU, "qemuDomainDefineXMLFlags");
  QemuDriver& d = driverOf(conn);
  // As libvirt's QEMU driver, a define may update the ABI: NUMA cells set the memory size.
  unsigned parseFlags = conf::ParseInactive | conf::ParseAbiUpdate |
                        ((flags & VIR_DOMAIN_DEFINE_VALIDATE) ? unsigned{conf::ParseValidate} : 0u);
  conf::DomainDef def = parseQemuDefinition(d, xml, parseFlags);
  checkSecurityLabels(d, def);

  MutexLock lock(d.mu);
  QemuDomain* dom = d.domains.findSame(def);
  saveDefinition(d, def);
  bool updated = dom != nullptr;
  if (!dom) {
    auto fresh = std::make_shared<QemuDomain>();
    fresh->def = std::move(def);
    fresh->persistent = true;
    dom = &d.domains.add(std::move(fresh));
  } else if (dom->active()) {
    // The new definition takes effect at the next start.
    dom->newDef = std::move(def);
    dom->persistent = true;
  } else {
    dom->def = std::move(def);
    dom->persistent = true;
  }
  d.emitLifecycle(*dom, VIR_DOMAIN_EVENT_DEFINED,
                  updated ? VIR_DOMAIN_EVENT_DEFINED_UPDATED : VIR_DOMAIN_EVENT_DEFINED_ADDED);
  return dom->identity();
}

void undefineFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                 VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                 VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA | VIR_DOMAIN_UNDEFINE_TPM |
                 VIR_DOMAIN_UNDEFINE_KEEP_TPM,
             VIR_FROM_QEMU, "qemuDomainUndefineFlags");
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  MutexLock lock(d.mu);
  if (!dom->persistent) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "cannot undefine transient domain");
  deleteDefinition(d, dom->def.name);
  d.emitLifecycle(*dom, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
  dom->autostart = false;
  if (dom->active()) {
    // It keeps running as a transient domain.
    dom->persistent = false;
    dom->newDef.reset();
    return;
  }
  d.domains.remove(&*dom);
}

DomainIdentity createXML(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE | VIR_DOMAIN_START_RESET_NVRAM,
             VIR_FROM_QEMU, "qemuDomainCreateXML");
  QemuDriver& d = driverOf(conn);
  unsigned parseFlags =
      conf::ParseAbiUpdate | ((flags & VIR_DOMAIN_START_VALIDATE) ? unsigned{conf::ParseValidate} : 0u);
  conf::DomainDef def = parseQemuDefinition(d, xml, parseFlags);
  checkSecurityLabels(d, def);

  std::shared_ptr<QemuDomain> dom;
  bool added = false;
  {
    MutexLock lock(d.mu);
    QemuDomain* same = d.domains.findSame(def);
    if (same && same->active())
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "domain '" + def.name + "' is already active");
    if (same) {
      dom = d.domains.share(same->identity(), VIR_FROM_QEMU);
    } else {
      dom = std::make_shared<QemuDomain>();
      dom->def = def;
      d.domains.add(dom);
      added = true;
    }
  }
  std::lock_guard job(dom->job);
  conf::DomainDef persistent;
  if (!added) {
    // An inactive persistent domain runs this definition; its own comes
    // back when it stops.
    MutexLock lock(d.mu);
    persistent = dom->def;
    dom->def = def;
  }
  try {
    startDomainProcess(d, dom, (flags & VIR_DOMAIN_START_PAUSED) != 0, VIR_DOMAIN_EVENT_STARTED_BOOTED);
  } catch (...) {
    MutexLock lock(d.mu);
    if (added) d.domains.remove(dom.get());
    else dom->def = std::move(persistent);
    throw;
  }
  if (!added) {
    MutexLock lock(d.mu);
    dom->newDef = std::move(persistent);
  }
  MutexLock lock(d.mu);
  return dom->identity();
}

void setAutostart(Connection& conn, DomainIdentity& id, int autostart) {
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  MutexLock lock(d.mu);
  if (!dom->persistent) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "cannot set autostart for transient domain");
  setAutostartLink(d, dom->def.name, autostart != 0);
  dom->autostart = autostart != 0;
}

}  // namespace vireo::qemu::domainops
