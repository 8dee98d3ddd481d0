// libvirt-domain.h: block jobs (pull, rebase, commit, copy, their speed,
// abort and progress), the write threshold of a disk, and resizing a disk.
//
// The drivers take the disk as a string and return the job as an optional
// struct; the arguments are checked as libvirt's public layer checks them.
#include <cstring>

#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

std::optional<std::string> optionalString(const char* s) {
  if (!s) return std::nullopt;
  return std::string(s);
}

}  // namespace

extern "C" {

int virDomainBlockPull(virDomainPtr dom, const char* disk, unsigned long bandwidth, unsigned int flags) {
  return onDomain("virDomainBlockPull", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.op(&HV::domainBlockPull)(call.impl(), id, disk, bandwidth, flags);
    return 0;
  }, entryArgs("disk, bandwidth, flags", disk, bandwidth, flags));
}

int virDomainBlockRebase(virDomainPtr dom, const char* disk, const char* base, unsigned long bandwidth,
                         unsigned int flags) {
  return onDomain("virDomainBlockRebase", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    constexpr unsigned int kCopyOnly = VIR_DOMAIN_BLOCK_REBASE_SHALLOW | VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT |
                                       VIR_DOMAIN_BLOCK_REBASE_COPY_RAW | VIR_DOMAIN_BLOCK_REBASE_COPY_DEV;
    if (flags & VIR_DOMAIN_BLOCK_REBASE_COPY) call.nonNull(base, "base");
    else if (flags & kCopyOnly) call.invalidArg("use of flags requires a copy job");
    call.op(&HV::domainBlockRebase)(call.impl(), id, disk, optionalString(base), bandwidth, flags);
    return 0;
  }, entryArgs("disk, base, bandwidth, flags", disk, base, bandwidth, flags));
}

int virDomainBlockCommit(virDomainPtr dom, const char* disk, const char* base, const char* top,
                         unsigned long bandwidth, unsigned int flags) {
  return onDomain("virDomainBlockCommit", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.op(&HV::domainBlockCommit)(call.impl(), id, disk, optionalString(base), optionalString(top), bandwidth,
                                    flags);
    return 0;
  }, entryArgs("disk, base, top, bandwidth, flags", disk, base, top, bandwidth, flags));
}

int virDomainBlockJobAbort(virDomainPtr dom, const char* disk, unsigned int flags) {
  return onDomain("virDomainBlockJobAbort", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.op(&HV::domainBlockJobAbort)(call.impl(), id, disk, flags);
    return 0;
  }, entryArgs("disk, flags", disk, flags));
}

int virDomainBlockJobSetSpeed(virDomainPtr dom, const char* disk, unsigned long bandwidth, unsigned int flags) {
  return onDomain("virDomainBlockJobSetSpeed", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.op(&HV::domainBlockJobSetSpeed)(call.impl(), id, disk, bandwidth, flags);
    return 0;
  }, entryArgs("disk, bandwidth, flags", disk, bandwidth, flags));
}

// 1 and the job's progress when a job runs on the disk, 0 when none does.
int virDomainGetBlockJobInfo(virDomainPtr dom, const char* disk, virDomainBlockJobInfoPtr info, unsigned int flags) {
  if (info) std::memset(info, 0, sizeof *info);  // libvirt clears it first, even for a bad handle
  return onDomain("virDomainGetBlockJobInfo", dom, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.nonNull(info, "info");
    std::optional<virDomainBlockJobInfo> job = call.op(&HV::domainGetBlockJobInfo)(call.impl(), id, disk, flags);
    if (!job) return 0;
    *info = *job;
    return 1;
  }, entryArgs("disk, info, flags", disk, info, flags));
}

int virDomainSetBlockThreshold(virDomainPtr domain, const char* dev, unsigned long long threshold,
                               unsigned int flags) {
  return onDomain("virDomainSetBlockThreshold", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(dev, "dev");
    call.op(&HV::domainSetBlockThreshold)(call.impl(), id, dev, threshold, flags);
    return 0;
  }, entryArgs("dev, threshold, flags", dev, threshold, flags));
}

int virDomainBlockResize(virDomainPtr dom, const char* disk, unsigned long long size, unsigned int flags) {
  return onDomain("virDomainBlockResize", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.op(&HV::domainBlockResize)(call.impl(), id, disk, size, flags);
    return 0;
  }, entryArgs("disk, size, flags", disk, size, flags));
}

// libvirt checks the parameters' count but not their contents here (no
// validation of names or NULL strings: the driver's list is what it gets).
int virDomainBlockCopy(virDomainPtr dom, const char* disk, const char* destxml, virTypedParameterPtr params,
                       int nparams, unsigned int flags) {
  return onDomain("virDomainBlockCopy", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.nonNull(destxml, "destxml");
    call.nonNegative(nparams, "nparams");
    if (nparams) call.nonNull(params, "params");
    driver::TypedParamList values = typedParamsForSet(params, nparams);
    call.op(&HV::domainBlockCopy)(call.impl(), id, disk, destxml, values, flags);
    return 0;
  }, entryArgs("disk, destxml, params, nparams, flags", disk, destxml, params, nparams, flags));
}

}  // extern "C"
