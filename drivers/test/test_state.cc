#include "drivers/test/test_state.h"

#include "lib/util/error.h"

namespace vireo::test {

void TestDriverState::start(TestDomain& dom, int reason) {
  // Like libvirt (virDomainObjSetDefTransient), a persistent domain's
  // definition is set aside at start: live changes then touch only the
  // running copy, and the inactive XML and later config changes start from
  // what was defined. Stopping puts it back (stop()).
  if (dom.persistent && !dom.newDef) dom.newDef = dom.def;
  dom.id = nextId++;
  dom.state = VIR_DOMAIN_RUNNING;
  dom.reason = reason;
}

void TestDriverState::stop(TestDomain& dom, int reason, int eventDetail) {
  dom.id = -1;
  dom.state = VIR_DOMAIN_SHUTOFF;
  dom.reason = reason;
  emitLifecycle(dom, VIR_DOMAIN_EVENT_STOPPED, eventDetail);
  if (!dom.persistent) {
    domains.remove(&dom);
    return;
  }
  // A pending persistent definition becomes the definition once stopped.
  if (dom.newDef) {
    dom.def = std::move(*dom.newDef);
    dom.newDef.reset();
  }
}

void TestDriverState::emitLifecycle(const TestDomain& dom, int type, int detail) {
  events.queueLifecycle(dom.identity(), type, detail);
}

}  // namespace vireo::test
