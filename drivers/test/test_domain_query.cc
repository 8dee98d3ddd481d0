// Queries and simple changes of test domains: info, state, XML, memory,
// vCPUs, autostart.
#include <time.h>

#include <cstring>

#include "drivers/test/test_domain_defs.h"
#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"

namespace vireo::test {

using driver::Connection;
using driver::DomainIdentity;

namespace {

constexpr int kDriverMaxVcpus = 32;

unsigned currentVcpus(const conf::DomainDef& def) { return def.vcpu.current.value_or(def.vcpu.max); }

}  // namespace

namespace domainops {

std::string getOSType(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id);
  return "linux";  // what libvirt's test driver answers for every domain
}

virDomainInfo getInfo(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = s.get(id);
  virDomainInfo info{};
  info.state = static_cast<unsigned char>(dom.state);
  info.maxMem = dom.def.memory.maxKiB;
  info.memory = dom.def.memory.currentKiB;
  info.nrVirtCpu = static_cast<unsigned short>(currentVcpus(dom.def));
  // libvirt's test driver reports the wall clock as CPU time.
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  info.cpuTime = static_cast<unsigned long long>(now.tv_sec) * 1000000000ULL + static_cast<unsigned long long>(now.tv_nsec);
  return info;
}

driver::DomainStateInfo getState(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainGetState");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = s.get(id);
  return {dom.state, dom.reason};
}

std::string getXMLDesc(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_UPDATE_CPU |
                 VIR_DOMAIN_XML_MIGRATABLE,
             VIR_FROM_TEST, "testDomainGetXMLDesc");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = s.get(id);
  bool inactive = flags & VIR_DOMAIN_XML_INACTIVE;
  const conf::DomainDef& def = inactive ? dom.persistentDef() : dom.def;
  return conf::formatDomainXml(def, flags, (dom.active() && !inactive) ? dom.id : -1);
}

unsigned long long getMaxMemory(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).def.memory.maxKiB;
}

int getVcpusFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM, VIR_FROM_TEST,
             "testDomainGetVcpusFlags");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  bool live = (flags & VIR_DOMAIN_AFFECT_LIVE) || (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && dom.active());
  if (live) requireActive(dom);
  const conf::DomainDef& def = live ? dom.def : dom.persistentDef();
  return static_cast<int>((flags & VIR_DOMAIN_VCPU_MAXIMUM) ? def.vcpu.max : currentVcpus(def));
}

int getMaxVcpus(Connection& conn, DomainIdentity& id) {
  return getVcpusFlags(conn, id, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM);
}

int getAutostart(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).autostart ? 1 : 0;
}

std::string getHostname(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_GET_HOSTNAME_LEASE | VIR_DOMAIN_GET_HOSTNAME_AGENT, VIR_FROM_TEST,
             "testDomainGetHostname");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  requireActive(s.get(id));
  return "testhost";
}

virSecurityLabel getSecurityLabel(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  virSecurityLabel label{};
  // A running test domain is labelled by the fake "testSecurity" model.
  if (s.get(id).active()) {
    std::strncpy(label.label, "libvirt-test", sizeof label.label - 1);
    label.enforcing = 1;
  }
  return label;
}

int isActive(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).active() ? 1 : 0;
}

int isPersistent(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.get(id).persistent ? 1 : 0;
}

int isUpdated(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id);
  return 0;
}

void setMaxMemory(Connection& conn, DomainIdentity& id, unsigned long memory) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (dom.active())
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot resize the maximum memory on an active domain");
  conf::DomainDef& def = dom.def;
  def.memory.maxKiB = memory;
  if (def.memory.currentKiB > memory) def.memory.currentKiB = memory;
}

void setMemoryFlags(Connection& conn, DomainIdentity& id, unsigned long memory, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_MEM_MAXIMUM, VIR_FROM_TEST,
             "testDomainSetMemoryFlags");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  Targets t = affected(dom, flags);
  if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
    if (t.live)
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot resize the maximum memory on an active domain");
    t.config->memory.maxKiB = memory;
    if (t.config->memory.currentKiB > memory) t.config->memory.currentKiB = memory;
    return;
  }
  for (conf::DomainDef* def : {t.live, t.config}) {
    if (def && memory > def->memory.maxKiB)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "cannot set memory higher than max memory");
  }
  for (conf::DomainDef* def : {t.live, t.config})
    if (def) def->memory.currentKiB = memory;
}

void setVcpusFlags(Connection& conn, DomainIdentity& id, unsigned int nvcpus, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM, VIR_FROM_TEST,
             "testDomainSetVcpusFlags");
  if (nvcpus > kDriverMaxVcpus)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
         "requested cpu amount exceeds maximum supported amount (" + std::to_string(nvcpus) + " > " +
             std::to_string(kDriverMaxVcpus) + ")");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  Targets t = affected(dom, flags);
  if (flags & VIR_DOMAIN_VCPU_MAXIMUM) {
    if (t.live) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "cannot change maximum vCPUs of a running domain");
    t.config->vcpu.max = nvcpus;
    if (currentVcpus(*t.config) > nvcpus) t.config->vcpu.current = nvcpus;
    return;
  }
  for (conf::DomainDef* def : {t.live, t.config}) {
    if (def && nvcpus > def->vcpu.max)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
           "requested cpu amount exceeds maximum (" + std::to_string(nvcpus) + " > " +
               std::to_string(def->vcpu.max) + ")");
  }
  for (conf::DomainDef* def : {t.live, t.config}) {
    if (!def) continue;
    if (nvcpus == def->vcpu.max)
      def->vcpu.current.reset();
    else
      def->vcpu.current = nvcpus;
  }
}

void setAutostart(Connection& conn, DomainIdentity& id, int autostart) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  // libvirt 9.0's test driver accepts autostart on a transient domain too.
  s.get(id).autostart = autostart != 0;
}

}  // namespace domainops
}  // namespace vireo::test
