// libvirt-domain.h: a domain's statistics (block, interface, memory), block
// info, guest time, control info and disk errors, and the Get*Parameters
// functions of its tuning (memory, NUMA, block I/O, interface bandwidth,
// disk I/O limits).
//
// The drivers return C++ values; the argument checks and the copying into
// the caller's memory follow libvirt's public layer.
#include <algorithm>
#include <cstring>
#include <functional>

#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

// libvirt copies only the first `size` bytes of a stats structure, so that
// a program built against an older, shorter layout keeps working.
template <typename Struct, typename Fetch>
void copyPrefix(const Call& call, void* out, size_t size, Fetch&& fetch) {
  if (size > sizeof(Struct)) call.invalidArg("size must not exceed " + std::to_string(sizeof(Struct)));
  Struct full = fetch();
  std::memcpy(out, &full, size);
}

// The protocol every Get*Parameters function shares: *nparams == 0 asks
// for the number of parameters; otherwise the first *nparams are copied and
// *nparams becomes the number copied.
int getParameters(const char* function, virDomainPtr domain, virTypedParameterPtr params, int* nparams,
                  unsigned int flags,
                  const std::function<driver::TypedParamList(Call&, DomainIdentity&, unsigned int)>& fetch) {
  return onDomain(function, domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(nparams, "nparams");
    call.nonNegative(*nparams, "*nparams");
    if (*nparams != 0) call.nonNull(params, "params");
    call.exclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE", VIR_DOMAIN_AFFECT_CONFIG,
                        "VIR_DOMAIN_AFFECT_CONFIG");
    driver::TypedParamList values = fetch(call, id, flags | stringParamsFlag(call));
    typedParamsIntoCaller(values, params, nparams);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

}  // namespace

extern "C" {

int virDomainBlockStats(virDomainPtr dom, const char* disk, virDomainBlockStatsPtr stats, size_t size) {
  return onDomain("virDomainBlockStats", dom, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.nonNull(stats, "stats");
    copyPrefix<virDomainBlockStatsStruct>(call, stats, size,
                                          [&] { return call.op(&HV::domainBlockStats)(call.impl(), id, disk); });
    return 0;
  }, entryArgs("disk, stats, size", disk, stats, size));
}

int virDomainInterfaceStats(virDomainPtr dom, const char* device, virDomainInterfaceStatsPtr stats, size_t size) {
  return onDomain("virDomainInterfaceStats", dom, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(device, "device");
    call.nonNull(stats, "stats");
    copyPrefix<virDomainInterfaceStatsStruct>(
        call, stats, size, [&] { return call.op(&HV::domainInterfaceStats)(call.impl(), id, device); });
    return 0;
  }, entryArgs("device, stats, size", device, stats, size));
}

int virDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats, unsigned int flags) {
  return onDomain("virDomainMemoryStats", dom, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    // libvirt answers 0 before asking the driver when there is no room.
    if (!stats || nr_stats == 0) return 0;
    std::vector<virDomainMemoryStatStruct> all = call.op(&HV::domainMemoryStats)(call.impl(), id, flags);
    size_t n = std::min<size_t>({all.size(), nr_stats, VIR_DOMAIN_MEMORY_STAT_NR});
    std::copy_n(all.begin(), n, stats);
    return static_cast<int>(n);
  }, entryArgs("stats, nr_stats, flags", stats, nr_stats, flags));
}

int virDomainGetBlockInfo(virDomainPtr dom, const char* disk, virDomainBlockInfoPtr info, unsigned int flags) {
  return onDomain("virDomainGetBlockInfo", dom, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.nonNull(info, "info");
    std::memset(info, 0, sizeof *info);
    *info = call.op(&HV::domainGetBlockInfo)(call.impl(), id, disk, flags);
    return 0;
  }, entryArgs("disk, info, flags", disk, info, flags));
}

// libvirt does not check the two pointers (a NULL one crashes it); vireo
// refuses them.
int virDomainGetTime(virDomainPtr dom, long long* seconds, unsigned int* nseconds, unsigned int flags) {
  return onDomain("virDomainGetTime", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(seconds, "seconds");
    call.nonNull(nseconds, "nseconds");
    driver::DomainTime t = call.op(&HV::domainGetTime)(call.impl(), id, flags);
    *seconds = t.seconds;
    *nseconds = t.nseconds;
    return 0;
  }, entryArgs("seconds, nseconds, flags", seconds, nseconds, flags));
}

int virDomainGetControlInfo(virDomainPtr dom, virDomainControlInfoPtr info, unsigned int flags) {
  return onDomain("virDomainGetControlInfo", dom, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(info, "info");
    std::memset(info, 0, sizeof *info);
    *info = call.op(&HV::domainGetControlInfo)(call.impl(), id, flags);
    return 0;
  }, entryArgs("info, flags", info, flags));
}

// With no array, the number of disks with errors; otherwise the first
// `maxerrors` entries (the disk names malloc'ed, freed by the caller).
int virDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors, unsigned int maxerrors,
                           unsigned int flags) {
  return onDomain("virDomainGetDiskErrors", dom, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNullArray(errors, maxerrors, "errors");
    std::vector<driver::DiskError> all = call.op(&HV::domainGetDiskErrors)(call.impl(), id, flags);
    if (!errors) return static_cast<int>(all.size());
    size_t n = std::min<size_t>(all.size(), maxerrors);
    for (size_t i = 0; i < n; i++) {
      errors[i].disk = dupString(all[i].disk);
      errors[i].error = all[i].error;
    }
    return static_cast<int>(n);
  }, entryArgs("errors, maxerrors, flags", errors, maxerrors, flags));
}

int virDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params, int* nparams,
                                 unsigned int flags) {
  return getParameters("virDomainGetMemoryParameters", domain, params, nparams, flags,
                       [](Call& call, DomainIdentity& id, unsigned int f) {
                         return call.op(&HV::domainGetMemoryParameters)(call.impl(), id, f);
                       });
}

int virDomainGetNumaParameters(virDomainPtr domain, virTypedParameterPtr params, int* nparams,
                               unsigned int flags) {
  return getParameters("virDomainGetNumaParameters", domain, params, nparams, flags,
                       [](Call& call, DomainIdentity& id, unsigned int f) {
                         return call.op(&HV::domainGetNumaParameters)(call.impl(), id, f);
                       });
}

int virDomainGetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params, int* nparams,
                                unsigned int flags) {
  return getParameters("virDomainGetBlkioParameters", domain, params, nparams, flags,
                       [](Call& call, DomainIdentity& id, unsigned int f) {
                         return call.op(&HV::domainGetBlkioParameters)(call.impl(), id, f);
                       });
}

int virDomainGetInterfaceParameters(virDomainPtr domain, const char* device, virTypedParameterPtr params,
                                    int* nparams, unsigned int flags) {
  return getParameters("virDomainGetInterfaceParameters", domain, params, nparams, flags,
                       [&](Call& call, DomainIdentity& id, unsigned int f) {
                         // libvirt dereferences a NULL device; vireo refuses it.
                         call.nonNull(device, "device");
                         return call.op(&HV::domainGetInterfaceParameters)(call.impl(), id, device, f);
                       });
}

int virDomainGetBlockIoTune(virDomainPtr dom, const char* disk, virTypedParameterPtr params, int* nparams,
                            unsigned int flags) {
  return getParameters("virDomainGetBlockIoTune", dom, params, nparams, flags,
                       [&](Call& call, DomainIdentity& id, unsigned int f) {
                         call.nonNull(disk, "disk");
                         return call.op(&HV::domainGetBlockIoTune)(call.impl(), id, disk, f);
                       });
}

// The disk's statistics as typed parameters, by getParameters' protocol
// (*nparams 0 asks how many there are).
int virDomainBlockStatsFlags(virDomainPtr dom, const char* disk, virTypedParameterPtr params, int* nparams,
                             unsigned int flags) {
  return onDomain("virDomainBlockStatsFlags", dom, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.nonNull(nparams, "nparams");
    call.nonNegative(*nparams, "*nparams");
    if (*nparams != 0) call.nonNull(params, "params");
    flags |= stringParamsFlag(call);
    typedParamsIntoCaller(call.op(&HV::domainBlockStatsFlags)(call.impl(), id, disk, flags), params, nparams);
    return 0;
  }, entryArgs("disk, params, nparams, flags", disk, params, nparams, flags));
}

}  // extern "C"
