// The I/O threads of test domains, kept in the definition (<iothreads>,
// <iothreadids>, <cputune><iothreadpin>: lib/conf/domain_tuning_edit.h) so
// that the domain XML shows them.
//
// As libvirt 9.0's test driver, an unpinned thread may run on every CPU of
// the real host (libvirt asks the host, not the node it pretends to be),
// and the polling parameters of virDomainSetIOThreadParams are checked and
// accepted but shown nowhere (libvirt 9.0 neither formats nor reports them).
#include <unistd.h>

#include <algorithm>

#include "drivers/test/test_domain_defs.h"
#include "drivers/test/test_ops.h"
#include "lib/conf/domain_tuning_edit.h"
#include "lib/util/error.h"

namespace vireo::test::domainops {

namespace {

constexpr unsigned int kAffect = VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG;

unsigned int realHostCpus() {
  long n = sysconf(_SC_NPROCESSORS_CONF);
  return n > 0 ? static_cast<unsigned int>(n) : 1;
}

std::vector<conf::IOThreadDef>::iterator findThread(std::vector<conf::IOThreadDef>& threads, unsigned int id) {
  return std::find_if(threads.begin(), threads.end(), [&](const conf::IOThreadDef& t) { return t.id == id; });
}

std::vector<conf::DomainDef*> targets(TestDomain& dom, unsigned int flags) {
  Targets t = affected(dom, flags);
  std::vector<conf::DomainDef*> defs;
  if (t.live) defs.push_back(t.live);
  if (t.config) defs.push_back(t.config);
  return defs;
}

}  // namespace

void addIOThread(Connection& conn, DomainIdentity& id, unsigned int iothreadId, unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainAddIOThread");
  if (iothreadId == 0)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid value of 0 for iothread_id");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<conf::DomainDef*> defs = targets(s.get(id), flags);
  // Check every definition before changing any.
  for (conf::DomainDef* def : defs) {
    std::vector<conf::IOThreadDef> threads = conf::ioThreads(*def);
    if (findThread(threads, iothreadId) != threads.end())
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
           "an IOThread is already using iothread_id '" + std::to_string(iothreadId) + "'");
  }
  for (conf::DomainDef* def : defs) {
    std::vector<conf::IOThreadDef> threads = conf::ioThreads(*def);
    threads.push_back({iothreadId, std::nullopt});
    conf::setIOThreads(*def, threads);
  }
}

void delIOThread(Connection& conn, DomainIdentity& id, unsigned int iothreadId, unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainDelIOThread");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<conf::DomainDef*> defs = targets(s.get(id), flags);
  for (conf::DomainDef* def : defs) {
    std::vector<conf::IOThreadDef> threads = conf::ioThreads(*def);
    if (findThread(threads, iothreadId) == threads.end())
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
           "cannot find IOThread '" + std::to_string(iothreadId) + "' in iothreadids list");
  }
  for (conf::DomainDef* def : defs) {
    std::vector<conf::IOThreadDef> threads = conf::ioThreads(*def);
    threads.erase(findThread(threads, iothreadId));
    conf::setIOThreads(*def, threads);
  }
}

std::vector<driver::IOThreadState> getIOThreadInfo(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainGetIOThreadInfo");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const conf::DomainDef& def = oneDef(s.get(id), flags);
  unsigned int hostCpus = realHostCpus();
  conf::CpuSet fallback = def.vcpu.cpuset.empty() ? conf::allCpus(hostCpus) : conf::parseCpuSet(def.vcpu.cpuset);
  std::vector<driver::IOThreadState> info;
  for (const conf::IOThreadDef& t : conf::ioThreads(def))
    info.push_back({t.id, t.pin.value_or(fallback), static_cast<int>((hostCpus + 7) / 8)});
  return info;
}

void pinIOThread(Connection& conn, DomainIdentity& id, unsigned int iothreadId, const conf::CpuSet& cpus,
                 unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainPinIOThread");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<conf::DomainDef*> defs = targets(s.get(id), flags);
  for (conf::DomainDef* def : defs) {
    std::vector<conf::IOThreadDef> threads = conf::ioThreads(*def);
    if (findThread(threads, iothreadId) == threads.end())
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "iothreadid " + std::to_string(iothreadId) + " not found");
  }
  for (conf::DomainDef* def : defs) {
    std::vector<conf::IOThreadDef> threads = conf::ioThreads(*def);
    findThread(threads, iothreadId)->pin = cpus;
    conf::setIOThreads(*def, threads);
  }
}

void setIOThreadParams(Connection& conn, DomainIdentity& id, unsigned int iothreadId,
                       const driver::TypedParamList& params, unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetIOThreadParams");
  if (iothreadId == 0)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid value of 0 for iothread_id");
  driver::validateTypedParams(params, {{VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, VIR_TYPED_PARAM_ULLONG},
                                       {VIR_DOMAIN_IOTHREAD_POLL_GROW, VIR_TYPED_PARAM_UINT},
                                       {VIR_DOMAIN_IOTHREAD_POLL_SHRINK, VIR_TYPED_PARAM_UINT}});
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  for (conf::DomainDef* def : targets(s.get(id), flags)) {
    std::vector<conf::IOThreadDef> threads = conf::ioThreads(*def);
    if (findThread(threads, iothreadId) == threads.end())
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
           "cannot find IOThread '" + std::to_string(iothreadId) + "' in iothreadids");
  }
}

}  // namespace vireo::test::domainops
