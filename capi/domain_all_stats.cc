// libvirt-domain.h: the statistics of many domains in one call
// (virConnectGetAllDomainStats, virDomainListGetStats). The driver returns
// C++ records; here they become the NULL-terminated array of malloc'ed
// records that virDomainStatsRecordListFree releases, each holding a new
// domain handle.
#include <cstdlib>

#include "capi/c_alloc.h"
#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

// The records as the caller receives them; on failure nothing is left behind.
virDomainStatsRecordPtr* recordList(virConnectPtr conn, const std::vector<driver::DomainStatsRecord>& records) {
  virDomainStatsRecordPtr* list = allocZeroed<virDomainStatsRecordPtr>(records.size() + 1);
  try {
    for (size_t i = 0; i < records.size(); i++) {
      virDomainStatsRecordPtr r = allocZeroed<virDomainStatsRecord>(1);
      list[i] = r;
      r->params = allocZeroed<virTypedParameter>(records[i].params.size());
      r->nparams = typedParamsIntoArray(records[i].params, r->params, static_cast<int>(records[i].params.size()));
      r->dom = newDomainHandle(conn, records[i].domain);
    }
  } catch (...) {
    virDomainStatsRecordListFree(list);
    throw;
  }
  return list;
}

int allDomainStats(Call& call, virConnectPtr conn, const std::vector<DomainIdentity>& domains, unsigned int stats,
                   virDomainStatsRecordPtr** retStats, unsigned int flags) {
  std::vector<driver::DomainStatsRecord> records =
      call.op(&HV::connectGetAllDomainStats)(call.impl(), domains, stats, flags);
  *retStats = recordList(conn, records);
  return static_cast<int>(records.size());
}

}  // namespace

extern "C" {

int virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats, virDomainStatsRecordPtr** retStats,
                                unsigned int flags) {
  return onConnection("virConnectGetAllDomainStats", conn, Access::Read, -1, [&](Call& call) {
    call.nonNull(retStats, "retStats");
    return allDomainStats(call, conn, {}, stats, retStats, flags);
  }, entryArgs("stats, retStats, flags", stats, retStats, flags));
}

// The object is a NULL-terminated array of domains of one connection.
int virDomainListGetStats(virDomainPtr* doms, unsigned int stats, virDomainStatsRecordPtr** retStats,
                          unsigned int flags) {
  return guarded("virDomainListGetStats", VIR_FROM_DOMAIN, -1, [&](Call& call) -> int {
    call.nonNull(doms, "doms");
    call.nonNull(retStats, "retStats");
    if (!*doms)  // reported as libvirt does here: with the code's prefix
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
           std::string("doms array in ") + call.function() + " must contain at least one domain");
    virConnectPtr conn = call.domain(*doms)->conn;
    std::vector<DomainIdentity> domains;
    for (virDomainPtr* d = doms; *d; d++) {
      call.domain(*d);
      if ((*d)->conn != conn) call.invalidArg("domains in 'doms' array must belong to a single connection");
      domains.push_back((*d)->identity());
    }
    return allDomainStats(call, conn, domains, stats, retStats, flags);
  }, entryArgs("doms, stats, retStats, flags", doms, stats, retStats, flags));
}

}  // extern "C"
