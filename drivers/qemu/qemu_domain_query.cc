// Queries of QEMU domains: state, info, XML, memory and vCPU figures.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "drivers/qemu/qemu_ops.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"

namespace vireo::qemu::domainops {

namespace {

// Copies what a query needs under the driver lock, without the job lock:
// queries answer at once even while a start or stop is under way.
template <typename Body>
auto inspect(Connection& conn, const DomainIdentity& id, Body&& body) {
  QemuDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  return body(d.domains.get(id, VIR_FROM_QEMU));
}

// CPU time (ns) used by all threads of `pid` so far (utime + stime).
unsigned long long cpuTimeNs(pid_t pid) {
  if (pid <= 0) return 0;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream fields(stat.substr(paren + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  // After the command: state(3) ... utime is field 14, stime 15 (1-based).
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  long hz = sysconf(_SC_CLK_TCK);
  return (utime + stime) * (1000000000ULL / static_cast<unsigned long long>(hz > 0 ? hz : 100));
}

}  // namespace

std::string getOSType(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const QemuDomain& dom) { return dom.def.os.type; });
}

virDomainInfo getInfo(Connection& conn, DomainIdentity& id) {
  pid_t pid = -1;
  virDomainInfo info = inspect(conn, id, [&](const QemuDomain& dom) {
    virDomainInfo i{};
    i.state = static_cast<unsigned char>(dom.state);
    i.maxMem = dom.def.memory.maxKiB;
    i.memory = dom.def.memory.currentKiB;
    i.nrVirtCpu = static_cast<unsigned short>(dom.def.vcpu.current.value_or(dom.def.vcpu.max));
    pid = dom.active() ? dom.run.pid : -1;
    return i;
  });
  info.cpuTime = cpuTimeNs(pid);
  return info;
}

driver::DomainStateInfo getState(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_QEMU, "qemuDomainGetState");
  return inspect(conn, id, [](const QemuDomain& dom) { return driver::DomainStateInfo{dom.state, dom.reason}; });
}

std::string getXMLDesc(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_UPDATE_CPU |
                        VIR_DOMAIN_XML_MIGRATABLE,
             VIR_FROM_QEMU, "qemuDomainGetXMLDesc");
  conf::DomainDef def;
  int liveId = -1;
  inspect(conn, id, [&](const QemuDomain& dom) {
    bool inactive = (flags & VIR_DOMAIN_XML_INACTIVE) != 0;
    def = inactive ? dom.persistentDef() : dom.def;
    liveId = inactive ? -1 : dom.id;
    return 0;
  });
  return conf::formatDomainXml(def, flags, liveId);
}

unsigned long long getMaxMemory(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const QemuDomain& dom) { return dom.def.memory.maxKiB; });
}

int getMaxVcpus(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const QemuDomain& dom) { return static_cast<int>(dom.def.vcpu.max); });
}

int getVcpusFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST |
                 VIR_DOMAIN_VCPU_HOTPLUGGABLE,
             VIR_FROM_QEMU, "qemuDomainGetVcpusFlags");
  if (flags & VIR_DOMAIN_VCPU_GUEST)
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "querying vCPUs through the guest agent is not supported");
  return inspect(conn, id, [&](const QemuDomain& dom) {
    bool config = (flags & VIR_DOMAIN_AFFECT_CONFIG) != 0;
    if (!config && (flags & VIR_DOMAIN_AFFECT_LIVE)) requireActive(dom);
    const conf::DomainDef& def = config ? dom.persistentDef() : dom.def;
    if (flags & VIR_DOMAIN_VCPU_MAXIMUM) return static_cast<int>(def.vcpu.max);
    return static_cast<int>(def.vcpu.current.value_or(def.vcpu.max));
  });
}

int getAutostart(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const QemuDomain& dom) { return dom.autostart ? 1 : 0; });
}

int isActive(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const QemuDomain& dom) { return dom.active() ? 1 : 0; });
}

int isPersistent(Connection& conn, DomainIdentity& id) {
  return inspect(conn, id, [](const QemuDomain& dom) { return dom.persistent ? 1 : 0; });
}

int isUpdated(Connection& conn, DomainIdentity& id) {
  // libvirt sets this flag when a live change (a hotplug) also went into the
  // persistent definition behind the application's back; vireo makes no
  // such change yet, so a domain is never "updated".
  return inspect(conn, id, [](const QemuDomain&) { return 0; });
}

}  // namespace vireo::qemu::domainops
