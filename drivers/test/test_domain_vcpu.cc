// Where the vCPUs and emulator threads of test domains run: the pins are
// kept in the definition's <cputune> (lib/conf/domain_tuning_edit.h), so the
// domain XML shows them; unpinned ones may run on every host CPU the node
// has, or on the <vcpu cpuset=...> when the definition gives one.
#include <sys/time.h>

#include "drivers/test/test_domain_defs.h"
#include "drivers/test/test_ops.h"
#include "lib/conf/domain_tuning_edit.h"
#include "lib/util/error.h"

namespace vireo::test::domainops {

namespace {

unsigned int onlineVcpus(const conf::DomainDef& def) { return def.vcpu.current.value_or(def.vcpu.max); }

// The CPUs a thread without a pin of its own may use.
conf::CpuSet defaultAffinity(const conf::DomainDef& def, const TestNode& node) {
  if (!def.vcpu.cpuset.empty()) return conf::parseCpuSet(def.vcpu.cpuset);
  return conf::allCpus(nodeCpuCount(node));
}

conf::CpuSet vcpuAffinity(const conf::DomainDef& def, const TestNode& node, unsigned int vcpu) {
  if (std::optional<conf::CpuSet> pin = conf::vcpuPin(def, vcpu)) return *pin;
  return defaultAffinity(def, node);
}

}  // namespace

std::vector<driver::VcpuState> getVcpus(Connection& conn, DomainIdentity& id, int, int) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot list vcpus for an inactive domain");
  timeval now{};
  gettimeofday(&now, nullptr);
  // A made-up, growing CPU time, as libvirt's test driver reports.
  unsigned long long cpuTime = (static_cast<unsigned long long>(now.tv_sec) * 1000000 + now.tv_usec) / 10;
  std::vector<driver::VcpuState> vcpus;
  for (unsigned int i = 0; i < onlineVcpus(dom.def); i++) {
    driver::VcpuState v;
    v.affinity = vcpuAffinity(dom.def, s.node, i);
    v.info.number = i;
    v.info.state = VIR_VCPU_RUNNING;
    v.info.cpuTime = cpuTime;
    v.info.cpu = v.affinity.empty() ? -1 : static_cast<int>(*v.affinity.rbegin());
    vcpus.push_back(v);
  }
  return vcpus;
}

void pinVcpuFlags(Connection& conn, DomainIdentity& id, unsigned int vcpu, const conf::CpuSet& cpus,
                  unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainPinVcpuFlags");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot pin vcpus on an inactive domain");
  if (vcpu >= onlineVcpus(dom.def))
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "requested vcpu '" + std::to_string(vcpu) + "' is not present in the domain");
  conf::setVcpuPin(dom.def, vcpu, cpus);
}

std::vector<conf::CpuSet> getVcpuPinInfo(Connection& conn, DomainIdentity& id, int, int, unsigned int flags) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const conf::DomainDef& def = oneDef(s.get(id), flags);
  std::vector<conf::CpuSet> pins;
  for (unsigned int i = 0; i < def.vcpu.max; i++) pins.push_back(vcpuAffinity(def, s.node, i));
  return pins;
}

void pinEmulator(Connection& conn, DomainIdentity& id, const conf::CpuSet& cpus, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, VIR_FROM_TEST, "testDomainPinEmulator");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  conf::DomainDef& def = oneDef(s.get(id), flags);
  if (cpus.empty()) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "Empty cpu list for pinning");
  conf::setEmulatorPin(def, cpus);
}

conf::CpuSet getEmulatorPinInfo(Connection& conn, DomainIdentity& id, int, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, VIR_FROM_TEST,
             "testDomainGetEmulatorPinInfo");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const conf::DomainDef& def = oneDef(s.get(id), flags);
  if (std::optional<conf::CpuSet> pin = conf::emulatorPin(def)) return *pin;
  return defaultAffinity(def, s.node);
}

}  // namespace vireo::test::domainops
