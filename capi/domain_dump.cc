// libvirt-domain.h: core dumps, guest memory peeks and a domain's CPU
// statistics.
//
// The drivers return C++ values (bytes, rows of typed parameters); the
// copying into the caller's memory and the argument checks follow
// libvirt's public layer.
#include <algorithm>
#include <climits>
#include <cstring>

#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

int coreDump(const char* function, virDomainPtr domain, const char* to, unsigned int dumpformat,
             unsigned int flags) {
  return onDomain(function, domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(to, "to");
    if (dumpformat >= VIR_DOMAIN_CORE_DUMP_FORMAT_LAST)
      throw Error::verbatim(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                            "dumpformat '" + std::to_string(dumpformat) + "' is not supported");
    if ((flags & VIR_DUMP_CRASH) && (flags & VIR_DUMP_LIVE))
      call.invalidArg("crash and live flags are mutually exclusive");
    if ((flags & VIR_DUMP_CRASH) && (flags & VIR_DUMP_RESET))
      call.invalidArg("crash and reset flags are mutually exclusive");
    if ((flags & VIR_DUMP_LIVE) && (flags & VIR_DUMP_RESET))
      call.invalidArg("live and reset flags are mutually exclusive");
    call.op(&HV::domainCoreDumpWithFormat)(call.impl(), id, to, dumpformat, flags);
    return 0;
  }, entryArgs("to, dumpformat, flags", to, dumpformat, flags));
}

}  // namespace

extern "C" {

int virDomainCoreDump(virDomainPtr domain, const char* to, unsigned int flags) {
  return coreDump("virDomainCoreDump", domain, to, VIR_DOMAIN_CORE_DUMP_FORMAT_RAW, flags);
}

int virDomainCoreDumpWithFormat(virDomainPtr domain, const char* to, unsigned int dumpformat, unsigned int flags) {
  return coreDump("virDomainCoreDumpWithFormat", domain, to, dumpformat, flags);
}

int virDomainMemoryPeek(virDomainPtr dom, unsigned long long start, size_t size, void* buffer, unsigned int flags) {
  return onDomain("virDomainMemoryPeek", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.exclusiveFlags(flags, VIR_MEMORY_VIRTUAL, "VIR_MEMORY_VIRTUAL", VIR_MEMORY_PHYSICAL,
                        "VIR_MEMORY_PHYSICAL");
    if (size > 0) call.nonNull(buffer, "buffer");
    std::vector<unsigned char> bytes = call.op(&HV::domainMemoryPeek)(call.impl(), id, start, size, flags);
    std::memcpy(buffer, bytes.data(), std::min(size, bytes.size()));
    return 0;
  }, entryArgs("start, size, buffer, flags", start, size, buffer, flags));
}

// With start_cpu -1 the domain's total; otherwise per host CPU, rows of
// nparams entries from start_cpu on. NULL params with nparams 0 ask for the
// number of parameters (or, with ncpus 0, the number of host CPUs).
int virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams, int start_cpu,
                         unsigned int ncpus, unsigned int flags) {
  return onDomain("virDomainGetCPUStats", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    if (start_cpu == -1) {
      if (ncpus != 1) throw Error::verbatim(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "ncpus must be 1 when start_cpu is -1");
    } else {
      call.nonNegative(start_cpu, "start_cpu");
    }
    if (nparams) call.nonNull(params, "params");
    else if (params) call.invalidArg("params in virDomainGetCPUStats must be NULL");
    if (ncpus == 0 && params) call.invalidArg("params in virDomainGetCPUStats must be NULL");
    if (nparams && ncpus > UINT_MAX / nparams)
      call.invalidArg("nparams * ncpus in virDomainGetCPUStats must be less than " + std::to_string(UINT_MAX));
    flags |= stringParamsFlag(call);
    driver::DomainCpuStats stats = call.op(&HV::domainGetCPUStats)(call.impl(), id, start_cpu, ncpus, flags);
    if (!params) {
      if (start_cpu != -1 && ncpus == 0) return static_cast<int>(stats.hostCpus);
      return stats.rows.empty() ? 0 : static_cast<int>(stats.rows.front().size());
    }
    int filled = 0;
    for (size_t row = 0; row < stats.rows.size(); row++)
      filled = typedParamsIntoArray(stats.rows[row], params + row * nparams, static_cast<int>(nparams));
    return filled;
  }, entryArgs("params, nparams, start_cpu, ncpus, flags", params, nparams, start_cpu, ncpus, flags));
}

// `size` bytes of the disk's image from `offset` into the caller's buffer
// (size 0: only whether the disk can be read).
int virDomainBlockPeek(virDomainPtr dom, const char* disk, unsigned long long offset, size_t size, void* buffer,
                       unsigned int flags) {
  return onDomain("virDomainBlockPeek", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    if (size > 0) call.nonNull(buffer, "buffer");
    std::vector<unsigned char> bytes = call.op(&HV::domainBlockPeek)(call.impl(), id, disk, offset, size, flags);
    if (size > 0) std::memcpy(buffer, bytes.data(), std::min(size, bytes.size()));
    return 0;
  }, entryArgs("disk, offset, size, buffer, flags", disk, offset, size, buffer, flags));
}

}  // extern "C"
