// libvirt-host.h: the host's memory (statistics, tunables, huge page
// allocation), suspending the host, and its AMD SEV platform facts.
//
// The drivers return C++ values; the arguments are checked as libvirt's
// public layer (libvirt-host.c) checks them, in its order.
#include <algorithm>

#include "capi/c_alloc.h"
#include "capi/facade.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;

extern "C" {

// With *nparams 0 (or no array) the number of statistics; otherwise the
// first *nparams of them, *nparams becoming the number copied. (libvirt's
// host drivers take only their own count; the daemon says so.)
int virNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params, int* nparams,
                          unsigned int flags) {
  return guarded("virNodeGetMemoryStats", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(nparams, "nparams");
    call.nonNegative(*nparams, "*nparams");
    if (cellNum < 0 && cellNum != VIR_NODE_MEMORY_STATS_ALL_CELLS)
      call.invalidArg("cellNum in virNodeGetMemoryStats only accepts -1 as a negative value");
    driver::NodeMemoryStats result = call.op(&HV::nodeGetMemoryStats)(call.impl(), cellNum, *nparams, flags);
    if (*nparams == 0 || !params) {
      *nparams = result.count;
      return 0;
    }
    int n = std::min<int>(*nparams, result.stats.size());
    std::copy_n(result.stats.begin(), n, params);
    *nparams = n;
    return 0;
  }, entryArgs("conn, cellNum, params, nparams, flags", conn, cellNum, params, nparams, flags));
}

int virNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int* nparams, unsigned int flags) {
  return guarded("virNodeGetMemoryParameters", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(nparams, "nparams");
    call.nonNegative(*nparams, "*nparams");
    if (*nparams != 0) call.nonNull(params, "params");
    flags |= stringParamsFlag(call);
    typedParamsIntoCaller(call.op(&HV::nodeGetMemoryParameters)(call.impl(), flags), params, nparams);
    return 0;
  }, entryArgs("conn, params, nparams, flags", conn, params, nparams, flags));
}

int virNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams, unsigned int flags) {
  return guarded("virNodeSetMemoryParameters", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.requireWritable();
    call.nonNull(params, "params");
    call.nonNegative(nparams, "nparams");
    driver::TypedParamList values = typedParamsForSet(params, nparams);
    call.op(&HV::nodeSetMemoryParameters)(call.impl(), values, flags);
    return 0;
  }, entryArgs("conn, params, nparams, flags", conn, params, nparams, flags));
}

// `npages` page sizes, each with its count, in `cellCount` cells from `startCell`.
int virNodeAllocPages(virConnectPtr conn, unsigned int npages, unsigned int* pageSizes,
                      unsigned long long* pageCounts, int startCell, unsigned int cellCount, unsigned int flags) {
  return guarded("virNodeAllocPages", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.requireWritable();
    if (npages == 0) call.invalidArg("npages in virNodeAllocPages must not be zero");
    call.nonNull(pageSizes, "pageSizes");
    call.nonNull(pageCounts, "pageCounts");
    if (cellCount == 0) call.invalidArg("cellCount in virNodeAllocPages must not be zero");
    std::vector<unsigned int> sizes(pageSizes, pageSizes + npages);
    std::vector<unsigned long long> counts(pageCounts, pageCounts + npages);
    return call.op(&HV::nodeAllocPages)(call.impl(), sizes, counts, startCell, cellCount, flags);
  }, entryArgs("conn, npages, pageSizes, pageCounts, startCell, cellCount, flags", conn, npages, pageSizes,
               pageCounts, startCell, cellCount, flags));
}

int virNodeSuspendForDuration(virConnectPtr conn, unsigned int target, unsigned long long duration,
                              unsigned int flags) {
  return guarded("virNodeSuspendForDuration", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.requireWritable();
    call.op(&HV::nodeSuspendForDuration)(call.impl(), target, duration, flags);
    return 0;
  }, entryArgs("conn, target, duration, flags", conn, target, duration, flags));
}

// The facts in a new array (virTypedParamsFree releases it).
int virNodeGetSEVInfo(virConnectPtr conn, virTypedParameterPtr* params, int* nparams, unsigned int flags) {
  return guarded("virNodeGetSEVInfo", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(nparams, "nparams");
    call.nonNegative(*nparams, "*nparams");
    call.requireWritable();
    call.nonNull(params, "params");  // libvirt's drivers would write through it unchecked
    flags |= stringParamsFlag(call);
    typedParamsAllocated(call.op(&HV::nodeGetSEVInfo)(call.impl(), flags), params, nparams);
    return 0;
  }, entryArgs("conn, params, nparams, flags", conn, params, nparams, flags));
}

}  // extern "C"
