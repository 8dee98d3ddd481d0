// The scheduler of test domains: libvirt's test driver reports one
// parameter, "weight" (uint), under the scheduler type "fair".
//
// libvirt 9.0's test driver always answers weight 50 and drops what is set
// (its code marks both with "XXX"); vireo keeps the weight that was set, per
// domain, for as long as the driver instance lives, so that a get returns
// what the last set stored. Its *Flags get also refuses the
// VIR_TYPED_PARAM_STRING_OKAY flag that libvirt's own public layer adds, so
// virDomainGetSchedulerParametersFlags fails there for every caller; vireo
// accepts it (doc/test-driver.md).
#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test::domainops {

std::string getSchedulerType(Connection& conn, DomainIdentity& id, int& nparams) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id);
  nparams = 1;
  return "fair";
}

driver::TypedParamList getSchedulerParameters(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_TYPED_PARAM_STRING_OKAY, VIR_FROM_TEST, "testDomainGetSchedulerParametersFlags");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return {{VIR_DOMAIN_SCHEDULER_WEIGHT, s.get(id).schedulerWeight}};
}

void setSchedulerParameters(Connection& conn, DomainIdentity& id, const driver::TypedParamList& params,
                            unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainSetSchedulerParametersFlags");
  driver::validateTypedParams(params, {{VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT}});
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  for (const driver::TypedParam& p : params) dom.schedulerWeight = std::get<unsigned int>(p.value);
}

}  // namespace vireo::test::domainops
