// libvirt-domain.h: a domain's background job (its progress, statistics and
// abort), the tuning of a migration while it runs (downtime, bandwidth,
// compression cache, post-copy) and the start of a dirty-rate measurement.
//
// The drivers return the values (a job info struct, a DomainJobStats, a
// number); the arguments are checked as libvirt's public layer checks them,
// including where a read-only connection is refused only after them.
#include <cstring>

#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

using FlagsAction = void (*HV::*)(driver::Connection&, DomainIdentity&, unsigned int);

int withFlags(const char* function, virDomainPtr domain, unsigned int flags, FlagsAction entry) {
  return onDomain(function, domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(entry)(call.impl(), id, flags);
    return 0;
  }, entryArgs("flags", flags));
}

// A migration setting read into the caller's variable; `needsWrite`: libvirt
// refuses the read on a read-only connection (after the argument check).
template <typename Value, typename Entry>
int getSetting(const char* function, virDomainPtr domain, Value* out, const char* outName, unsigned int flags,
               Entry entry, bool needsWrite) {
  std::string names = std::string(outName) + ", flags";
  return onDomain(function, domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(out, outName);
    if (needsWrite) call.requireWritable();
    *out = call.op(entry)(call.impl(), id, flags);
    return 0;
  }, entryArgs(names.c_str(), out, flags));
}

template <typename Value, typename Entry>
int setSetting(const char* function, virDomainPtr domain, const char* names, Value value, unsigned int flags,
               Entry entry) {
  return onDomain(function, domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(entry)(call.impl(), id, value, flags);
    return 0;
  }, entryArgs(names, value, flags));
}

}  // namespace

extern "C" {

int virDomainGetJobInfo(virDomainPtr domain, virDomainJobInfoPtr info) {
  return onDomain("virDomainGetJobInfo", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(info, "info");
    std::memset(info, 0, sizeof *info);
    *info = call.op(&HV::domainGetJobInfo)(call.impl(), id);
    return 0;
  }, entryArgs("info", info));
}

// The statistics in a new array (virTypedParamsFree releases it).
int virDomainGetJobStats(virDomainPtr domain, int* type, virTypedParameterPtr* params, int* nparams,
                         unsigned int flags) {
  return onDomain("virDomainGetJobStats", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(type, "type");
    call.nonNull(params, "params");
    call.nonNull(nparams, "nparams");
    driver::DomainJobStats stats = call.op(&HV::domainGetJobStats)(call.impl(), id, flags);
    typedParamsAllocated(stats.params, params, nparams);
    *type = stats.type;
    return 0;
  }, entryArgs("type, params, nparams, flags", type, params, nparams, flags));
}

int virDomainAbortJob(virDomainPtr domain) {
  return onDomain("virDomainAbortJob", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(&HV::domainAbortJob)(call.impl(), id);
    return 0;
  });
}

int virDomainAbortJobFlags(virDomainPtr domain, unsigned int flags) {
  return withFlags("virDomainAbortJobFlags", domain, flags, &HV::domainAbortJobFlags);
}

int virDomainMigrateGetMaxDowntime(virDomainPtr domain, unsigned long long* downtime, unsigned int flags) {
  return getSetting("virDomainMigrateGetMaxDowntime", domain, downtime, "downtime", flags,
                    &HV::domainMigrateGetMaxDowntime, false);
}

int virDomainMigrateSetMaxDowntime(virDomainPtr domain, unsigned long long downtime, unsigned int flags) {
  return setSetting("virDomainMigrateSetMaxDowntime", domain, "downtime, flags", downtime, flags, &HV::domainMigrateSetMaxDowntime);
}

int virDomainMigrateGetMaxSpeed(virDomainPtr domain, unsigned long* bandwidth, unsigned int flags) {
  return getSetting("virDomainMigrateGetMaxSpeed", domain, bandwidth, "bandwidth", flags,
                    &HV::domainMigrateGetMaxSpeed, true);
}

int virDomainMigrateSetMaxSpeed(virDomainPtr domain, unsigned long bandwidth, unsigned int flags) {
  return setSetting("virDomainMigrateSetMaxSpeed", domain, "bandwidth, flags", bandwidth, flags, &HV::domainMigrateSetMaxSpeed);
}

int virDomainMigrateGetCompressionCache(virDomainPtr domain, unsigned long long* cacheSize, unsigned int flags) {
  return getSetting("virDomainMigrateGetCompressionCache", domain, cacheSize, "cacheSize", flags,
                    &HV::domainMigrateGetCompressionCache, false);
}

int virDomainMigrateSetCompressionCache(virDomainPtr domain, unsigned long long cacheSize, unsigned int flags) {
  return setSetting("virDomainMigrateSetCompressionCache", domain, "cacheSize, flags", cacheSize, flags,
                    &HV::domainMigrateSetCompressionCache);
}

int virDomainMigrateStartPostCopy(virDomainPtr domain, unsigned int flags) {
  return withFlags("virDomainMigrateStartPostCopy", domain, flags, &HV::domainMigrateStartPostCopy);
}

int virDomainStartDirtyRateCalc(virDomainPtr domain, int seconds, unsigned int flags) {
  return setSetting("virDomainStartDirtyRateCalc", domain, "seconds, flags", seconds, flags, &HV::domainStartDirtyRateCalc);
}

}  // extern "C"
