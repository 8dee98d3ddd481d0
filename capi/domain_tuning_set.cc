// libvirt-domain.h: the Set*Parameters functions of a domain's tuning
// (memory, NUMA, block I/O, interface bandwidth, disk I/O limits), its perf
// events, lifecycle actions and balloon statistics period, and the launch
// security state (secrets injected into an SEV guest).
//
// The drivers take driver::TypedParamList; the C arrays are checked and
// converted here (typed_param_values.h) as libvirt's public layer does.
#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

using Setter = void (*HV::*)(driver::Connection&, DomainIdentity&, const driver::TypedParamList&, unsigned int);

// `positiveCount`: most setters refuse an empty list; libvirt's
// virDomainSetBlkioParameters takes one.
int setParameters(const char* function, virDomainPtr domain, virTypedParameterPtr params, int nparams,
                  unsigned int flags, Setter entry, bool positiveCount = true) {
  return onDomain(function, domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (positiveCount) {
      call.positive(nparams, "nparams");
      call.nonNull(params, "params");
    } else {
      call.nonNull(params, "params");
      call.nonNegative(nparams, "nparams");
    }
    driver::TypedParamList values = typedParamsForSet(params, nparams);
    call.op(entry)(call.impl(), id, values, flags);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

}  // namespace

extern "C" {

int virDomainSetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams, unsigned int flags) {
  return setParameters("virDomainSetMemoryParameters", domain, params, nparams, flags,
                       &HV::domainSetMemoryParameters);
}

int virDomainSetNumaParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams, unsigned int flags) {
  return setParameters("virDomainSetNumaParameters", domain, params, nparams, flags, &HV::domainSetNumaParameters);
}

int virDomainSetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams, unsigned int flags) {
  return setParameters("virDomainSetBlkioParameters", domain, params, nparams, flags,
                       &HV::domainSetBlkioParameters, false);
}

int virDomainSetPerfEvents(virDomainPtr domain, virTypedParameterPtr params, int nparams, unsigned int flags) {
  return setParameters("virDomainSetPerfEvents", domain, params, nparams, flags, &HV::domainSetPerfEvents);
}

int virDomainSetInterfaceParameters(virDomainPtr domain, const char* device, virTypedParameterPtr params,
                                    int nparams, unsigned int flags) {
  return onDomain("virDomainSetInterfaceParameters", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.positive(nparams, "nparams");
    call.nonNull(params, "params");
    driver::TypedParamList values = typedParamsForSet(params, nparams);
    call.op(&HV::domainSetInterfaceParameters)(call.impl(), id, device ? device : "", values, flags);
    return 0;
  }, entryArgs("device, params, nparams, flags", device, params, nparams, flags));
}

int virDomainSetBlockIoTune(virDomainPtr dom, const char* disk, virTypedParameterPtr params, int nparams,
                            unsigned int flags) {
  return onDomain("virDomainSetBlockIoTune", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(disk, "disk");
    call.positive(nparams, "nparams");
    call.nonNull(params, "params");
    driver::TypedParamList values = typedParamsForSet(params, nparams);
    call.op(&HV::domainSetBlockIoTune)(call.impl(), id, disk, values, flags);
    return 0;
  }, entryArgs("disk, params, nparams, flags", disk, params, nparams, flags));
}

int virDomainGetPerfEvents(virDomainPtr domain, virTypedParameterPtr* params, int* nparams, unsigned int flags) {
  return onDomain("virDomainGetPerfEvents", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(params, "params");
    call.nonNull(nparams, "nparams");
    flags |= stringParamsFlag(call);
    typedParamsAllocated(call.op(&HV::domainGetPerfEvents)(call.impl(), id, flags), params, nparams);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

int virDomainGetLaunchSecurityInfo(virDomainPtr domain, virTypedParameterPtr* params, int* nparams,
                                   unsigned int flags) {
  return onDomain("virDomainGetLaunchSecurityInfo", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(params, "params");
    call.nonNull(nparams, "nparams");
    flags |= stringParamsFlag(call);
    typedParamsAllocated(call.op(&HV::domainGetLaunchSecurityInfo)(call.impl(), id, flags), params, nparams);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

int virDomainSetLifecycleAction(virDomainPtr domain, unsigned int type, unsigned int action, unsigned int flags) {
  return onDomain("virDomainSetLifecycleAction", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (type >= VIR_DOMAIN_LIFECYCLE_LAST)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "invalid lifecycle type '" + std::to_string(type) + "'");
    if (action >= VIR_DOMAIN_LIFECYCLE_ACTION_LAST)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "invalid lifecycle action '" + std::to_string(action) + "'");
    call.op(&HV::domainSetLifecycleAction)(call.impl(), id, type, action, flags);
    return 0;
  }, entryArgs("type, action, flags", type, action, flags));
}

int virDomainSetMemoryStatsPeriod(virDomainPtr domain, int period, unsigned int flags) {
  return onDomain("virDomainSetMemoryStatsPeriod", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNegative(period, "period");
    call.op(&HV::domainSetMemoryStatsPeriod)(call.impl(), id, period, flags);
    return 0;
  }, entryArgs("period, flags", period, flags));
}

int virDomainSetLaunchSecurityState(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                    unsigned int flags) {
  return onDomain("virDomainSetLaunchSecurityState", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(params, "params");
    call.positive(nparams, "nparams");
    driver::TypedParamList values = typedParamsForSet(params, nparams);
    call.requireWritable();
    call.op(&HV::domainSetLaunchSecurityState)(call.impl(), id, values, flags);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

}  // extern "C"
