// virConnectGetAllDomainStats and virDomainListGetStats on test domains,
// with libvirt 9.0's test driver's two groups: the state (state.state,
// state.reason) and, for a running domain with I/O threads, their count
// and polling parameters.
//
// As vireo's test driver keeps no polling parameters (test_domain_iothread.cc),
// every thread reports the defaults libvirt's starts it with.
#include <cstdio>

#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/conf/domain_tuning_edit.h"
#include "lib/driver/domain_list_filter.h"
#include "lib/util/error.h"

namespace vireo::test::domainops {
namespace {

constexpr unsigned int kSupportedGroups = VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_IOTHREAD;
// The list filters libvirt's test driver passes on: active, persistent, state.
constexpr unsigned int kListFilters =
    VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE | VIR_CONNECT_LIST_DOMAINS_PERSISTENT |
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT | VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER;
// libvirt's test driver's polling defaults of a new I/O thread.
constexpr unsigned long long kPollMaxNs = 32768;

void addIOThreadStats(const TestDomain& dom, driver::TypedParamList& params) {
  if (!dom.active()) return;
  std::vector<conf::IOThreadDef> threads = conf::ioThreads(dom.def);
  if (threads.empty()) return;
  params.push_back({"iothread.count", static_cast<unsigned int>(threads.size())});
  for (const conf::IOThreadDef& t : threads) {
    std::string prefix = "iothread." + std::to_string(t.id) + ".";
    params.push_back({prefix + "poll-max-ns", kPollMaxNs});
    params.push_back({prefix + "poll-grow", 0u});
    params.push_back({prefix + "poll-shrink", 0u});
  }
}

driver::DomainStatsRecord record(const TestDomain& dom, unsigned int groups) {
  driver::DomainStatsRecord r;
  r.domain = dom.identity();
  if (groups & VIR_DOMAIN_STATS_STATE) {
    r.params.push_back({"state.state", dom.state});
    r.params.push_back({"state.reason", dom.reason});
  }
  if (groups & VIR_DOMAIN_STATS_IOTHREAD) addIOThreadStats(dom, r.params);
  return r;
}

}  // namespace

std::vector<driver::DomainStatsRecord> getAllDomainStats(Connection& conn, const std::vector<DomainIdentity>& domains,
                                                         unsigned int groups, unsigned int flags) {
  checkFlags(flags,
             kListFilters | VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT | VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                 VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS,
             VIR_FROM_TEST, "testConnectGetAllDomainStats");
  if (!groups) {
    groups = kSupportedGroups;
  } else if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) && (groups & ~kSupportedGroups)) {
    char bits[16];
    std::snprintf(bits, sizeof bits, "0x%x", groups & ~kSupportedGroups);
    fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST,
         std::string("Stats types bits ") + bits + " are not supported by this daemon");
  }
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<driver::DomainStatsRecord> records;
  unsigned int filters = flags & kListFilters;
  if (domains.empty()) {
    for (const DomainIdentity& id : s.domains.listMatching(filters)) records.push_back(record(s.get(id), groups));
    return records;
  }
  // The domains asked for, in their order; those gone or not matching are left out.
  for (const DomainIdentity& id : domains) {
    const TestDomain* dom = s.domains.findByUuid(id.uuid);
    if (dom && driver::matchesListFlags(dom->listFacts(), filters)) records.push_back(record(*dom, groups));
  }
  return records;
}

}  // namespace vireo::test::domainops
