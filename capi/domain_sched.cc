// libvirt-domain.h: the scheduler's parameters of a domain.
//
// The drivers take and return driver::TypedParamList; the C arrays are
// converted here (typed_param_values.h). Both the plain and the *Flags
// forms reach one driver entry each: the plain ones with no flags, as libvirt's
// drivers implement them, the *Flags ones with the caller's flags plus
// VIR_TYPED_PARAM_STRING_OKAY on a get (the caller of a *Flags function can
// take string parameters; libvirt adds it when the driver supports them).
#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

int getParameters(const char* function, virDomainPtr domain, virTypedParameterPtr params, int* nparams,
                  unsigned int flags, bool withFlags) {
  return onDomain(function, domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(params, "params");
    call.nonNull(nparams, "nparams");
    call.positive(*nparams, "*nparams");
    if (withFlags) {
      call.exclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE", VIR_DOMAIN_AFFECT_CONFIG,
                          "VIR_DOMAIN_AFFECT_CONFIG");
      flags |= stringParamsFlag(call);
    }
    driver::TypedParamList values = call.op(&HV::domainGetSchedulerParameters)(call.impl(), id, flags);
    *nparams = typedParamsIntoArray(values, params, *nparams);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

// Unlike a get, libvirt's public layer does not check the AFFECT flags of a
// set: that is left to the driver.
int setParameters(const char* function, virDomainPtr domain, virTypedParameterPtr params, int nparams,
                  unsigned int flags) {
  return onDomain(function, domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(params, "params");
    call.nonNegative(nparams, "nparams");
    driver::TypedParamList values = typedParamsForSet(params, nparams);
    call.op(&HV::domainSetSchedulerParameters)(call.impl(), id, values, flags);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

}  // namespace

extern "C" {

char* virDomainGetSchedulerType(virDomainPtr domain, int* nparams) {
  return onDomain("virDomainGetSchedulerType", domain, Access::Read, static_cast<char*>(nullptr),
                  [&](Call& call, DomainIdentity& id) {
                    int count = 0;
                    std::string type = call.op(&HV::domainGetSchedulerType)(call.impl(), id, count);
                    if (nparams) *nparams = count;
                    return dupString(type);
                  }, entryArgs("nparams", nparams));
}

int virDomainGetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int* nparams) {
  return getParameters("virDomainGetSchedulerParameters", domain, params, nparams, 0, false);
}

int virDomainGetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params, int* nparams,
                                         unsigned int flags) {
  return getParameters("virDomainGetSchedulerParametersFlags", domain, params, nparams, flags, true);
}

int virDomainSetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams) {
  return setParameters("virDomainSetSchedulerParameters", domain, params, nparams, 0);
}

int virDomainSetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                         unsigned int flags) {
  return setParameters("virDomainSetSchedulerParametersFlags", domain, params, nparams, flags);
}

}  // extern "C"
