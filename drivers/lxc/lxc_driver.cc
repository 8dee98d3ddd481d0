// The container driver's hypervisor table and its entries. Entries left
// out report VIR_ERR_NO_SUPPORT through the facade's shared default.
#include "drivers/lxc/lxc_driver.h"

#include <sys/utsname.h>

#include <cstdio>

#include "drivers/lxc/lxc_console.h"
#include "drivers/lxc/lxc_container_def.h"
#include "drivers/lxc/lxc_control.h"
#include "drivers/lxc/lxc_driver_state.h"
#include "drivers/lxc/lxc_host.h"
#include "drivers/lxc/lxc_interface.h"
#include "drivers/lxc/lxc_namespace_api.h"
#include "drivers/lxc/lxc_process.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::lxc {

namespace {

using driver::Connection;
using driver::DomainIdentity;

LxcDomain& domainOf(LxcDriver& d, const DomainIdentity& id) REQUIRES(d.mu) { return d.domains.get(id, VIR_FROM_LXC); }

// libvirt's LXC driver reports the kernel's version as its own.
unsigned long getVersion(Connection&) {
  struct utsname u;
  uname(&u);
  unsigned major = 0, minor = 0, micro = 0;
  std::sscanf(u.release, "%u.%u.%u", &major, &minor, &micro);
  return major * 1000000UL + minor * 1000UL + micro;
}

driver::DomainEventState& eventState(Connection& conn) { return driverOf(conn).events; }

std::vector<DomainIdentity> listAllDomains(Connection& conn, unsigned int flags) {
  checkFlags(flags, driver::kAllListDomainsFlags, VIR_FROM_LXC, "lxcConnectListAllDomains");
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  return d.domains.listMatching(flags);
}

DomainIdentity lookupByName(Connection& conn, std::string_view name) {
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  LxcDomain* dom = d.domains.findByName(name);
  if (!dom) fail(VIR_ERR_NO_DOMAIN, VIR_FROM_LXC, "no domain with matching name '" + std::string(name) + "'");
  return dom->identity();
}

DomainIdentity lookupByID(Connection& conn, int id) {
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  LxcDomain* dom = d.domains.findById(id);
  if (!dom) fail(VIR_ERR_NO_DOMAIN, VIR_FROM_LXC, "no domain with matching id " + std::to_string(id));
  return dom->identity();
}

DomainIdentity lookupByUUID(Connection& conn, const Uuid& uuid) {
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  LxcDomain* dom = d.domains.findByUuid(uuid);
  if (!dom) fail(VIR_ERR_NO_DOMAIN, VIR_FROM_LXC, "no domain with matching uuid '" + uuid.toString() + "'");
  return dom->identity();
}

// A definition as the container driver accepts it: parsed, defaulted and
// checked against what the driver implements.
conf::DomainDef parseContainer(std::string_view xml, unsigned parseFlags) {
  conf::DomainDef def = conf::parseDomainXml(xml, parseFlags);
  applyContainerDefaults(def);
  containerConfigOf(def);
  return def;
}

DomainIdentity defineXMLFlags(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_DEFINE_VALIDATE, VIR_FROM_LXC, "lxcDomainDefineXMLFlags");
  unsigned parseFlags = conf::ParseInactive | ((flags & VIR_DOMAIN_DEFINE_VALIDATE) ? unsigned{conf::ParseValidate} : 0u);
  conf::DomainDef def = parseContainer(xml, parseFlags);
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  LxcDomain* dom = d.domains.findSame(def);
  writeFileAtomic(d.paths.definitionFile(def.name), conf::formatDomainXml(def, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE, -1),
                  0600, VIR_FROM_LXC);
  bool updated = dom != nullptr;
  if (!dom) {
    auto fresh = std::make_shared<LxcDomain>();
    fresh->def = def;
    dom = &d.domains.add(std::move(fresh));
  } else if (!dom->active()) {
    dom->def = def;
  }
  dom->persistentDef = std::move(def);
  dom->persistent = true;
  d.emitLifecycle(*dom, VIR_DOMAIN_EVENT_DEFINED, updated ? VIR_DOMAIN_EVENT_DEFINED_UPDATED : VIR_DOMAIN_EVENT_DEFINED_ADDED);
  return dom->identity();
}

void undefineFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_LXC, "lxcDomainUndefineFlags");
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  LxcDomain& dom = domainOf(d, id);
  if (!dom.persistent) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "cannot undefine transient domain");
  removeFileIfExists(d.paths.definitionFile(dom.def.name), VIR_FROM_LXC);
  d.emitLifecycle(dom, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
  if (dom.active()) {
    dom.persistent = false;  // it goes when it stops
  } else {
    d.domains.remove(&dom);
  }
}

DomainIdentity createXML(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_START_VALIDATE, VIR_FROM_LXC, "lxcDomainCreateXMLWithFiles");
  unsigned parseFlags = (flags & VIR_DOMAIN_START_VALIDATE) ? unsigned{conf::ParseValidate} : 0u;
  conf::DomainDef def = parseContainer(xml, parseFlags);
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  LxcDomain* dom = d.domains.findSame(def);
  if (dom && dom->active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain '" + def.name + "' is already active");
  bool added = dom == nullptr;
  if (added) {
    auto fresh = std::make_shared<LxcDomain>();
    fresh->def = def;
    dom = &d.domains.add(std::move(fresh));
  }
  try {
    startContainer(d, *dom, def);
  } catch (const Error&) {
    if (added) d.domains.remove(dom);
    throw;
  }
  return dom->identity();
}

void createWithFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_LXC, "lxcDomainCreateWithFlags");
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  LxcDomain& dom = domainOf(d, id);
  if (dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is already running");
  startContainer(d, dom, dom.persistent ? dom.persistentDef : dom.def);
  id = dom.identity();
}

void destroyFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_DESTROY_GRACEFUL, VIR_FROM_LXC, "lxcDomainDestroyFlags");
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  destroyContainer(d, domainOf(d, id));
  id.id = -1;
}

template <typename F>
auto inspect(Connection& conn, const DomainIdentity& id, F f) {
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  return f(static_cast<const LxcDomain&>(domainOf(d, id)));
}

std::string getOSType(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const LxcDomain& dom) { return dom.def.os.type; });
}

virDomainInfo getInfo(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const LxcDomain& dom) { return containerInfo(dom); });
}

std::vector<virDomainMemoryStatStruct> memoryStats(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_LXC, "lxcDomainMemoryStats");
  return inspect(conn, id, [&](const LxcDomain& dom) { return containerMemoryStats(dom); });
}

virDomainInterfaceStatsStruct interfaceStats(Connection& conn, DomainIdentity& id, const std::string& device) {
  return inspect(conn, id, [&](const LxcDomain& dom) {
    if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is not running");
    return containerInterfaceStats(dom.def, device);
  });
}

void suspend(Connection& conn, DomainIdentity& id) {
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  suspendContainer(d, domainOf(d, id));
}

void resume(Connection& conn, DomainIdentity& id) {
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  resumeContainer(d, domainOf(d, id));
}

void shutdownFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_SHUTDOWN_INITCTL | VIR_DOMAIN_SHUTDOWN_SIGNAL, VIR_FROM_LXC, "lxcDomainShutdownFlags");
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  requestShutdown(domainOf(d, id), flags, false);
}

void reboot(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_REBOOT_INITCTL | VIR_DOMAIN_REBOOT_SIGNAL, VIR_FROM_LXC, "lxcDomainReboot");
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  requestShutdown(domainOf(d, id), flags, true);
}

driver::DomainStateInfo getState(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_LXC, "lxcDomainGetState");
  return inspect(conn, id, [](const LxcDomain& dom) { return driver::DomainStateInfo{dom.state, dom.reason}; });
}

std::string getXMLDesc(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_MIGRATABLE, VIR_FROM_LXC,
             "lxcDomainGetXMLDesc");
  conf::DomainDef def;
  int liveId = -1;
  inspect(conn, id, [&](const LxcDomain& dom) {
    bool inactive = (flags & VIR_DOMAIN_XML_INACTIVE) != 0;
    def = inactive && dom.persistent ? dom.persistentDef : dom.def;
    liveId = inactive ? -1 : dom.id;
    return 0;
  });
  return conf::formatDomainXml(def, flags, liveId);
}

unsigned long long getMaxMemory(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const LxcDomain& dom) { return dom.def.memory.maxKiB; });
}

int isActive(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const LxcDomain& dom) { return dom.active() ? 1 : 0; });
}

int isPersistent(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const LxcDomain& dom) { return dom.persistent ? 1 : 0; });
}

}  // namespace

const driver::HypervisorDriver kHypervisorDriver = {
    .name = "LXC",
    .connectGetVersion = getVersion,
    .connectGetHostname = hostops::getHostname,
    .connectGetCapabilities = hostops::getCapabilities,
    .connectIsSecure = hostops::isSecure,
    .connectIsEncrypted = hostops::isEncrypted,
    .connectIsAlive = hostops::isAlive,
    .nodeGetInfo = hostops::nodeGetInfo,
    .nodeGetFreeMemory = hostops::nodeGetFreeMemory,
    .domainEventState = eventState,
    .connectListAllDomains = listAllDomains,
    .domainLookupByName = lookupByName,
    .domainLookupByID = lookupByID,
    .domainLookupByUUID = lookupByUUID,
    .domainDefineXMLFlags = defineXMLFlags,
    .domainUndefineFlags = undefineFlags,
    .domainCreateXML = createXML,
    .domainCreateWithFlags = createWithFlags,
    .domainDestroyFlags = destroyFlags,
    .domainShutdownFlags = shutdownFlags,
    .domainReboot = reboot,
    .domainSuspend = suspend,
    .domainResume = resume,
    .domainGetOSType = getOSType,
    .domainGetInfo = getInfo,
    .domainGetState = getState,
    .domainGetXMLDesc = getXMLDesc,
    .domainGetMaxMemory = getMaxMemory,
    .domainIsActive = isActive,
    .domainIsPersistent = isPersistent,
    .domainOpenConsole = openConsole,
    .domainInterfaceStats = interfaceStats,
    .domainMemoryStats = memoryStats,
    .domainLxcOpenNamespace = namespaceops::openNamespace,
    .domainLxcEnterCGroup = namespaceops::enterCGroup,
};

}  // namespace vireo::lxc
