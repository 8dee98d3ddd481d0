#include "drivers/test/test_domain_defs.h"

#include "lib/util/error.h"

namespace vireo::test {

Targets affected(TestDomain& dom, unsigned int flags) {
  bool live = flags & VIR_DOMAIN_AFFECT_LIVE, config = flags & VIR_DOMAIN_AFFECT_CONFIG;
  if (!live && !config) {  // AFFECT_CURRENT
    live = dom.active();
    config = !dom.active();
  }
  if (live) requireActive(dom);
  if (config && !dom.persistent)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "transient domains do not have any persistent config");
  Targets t;
  if (live) t.live = &dom.def;
  if (config) {
    if (dom.active() && !dom.newDef) dom.newDef = dom.def;
    t.config = dom.newDef ? &*dom.newDef : &dom.def;
  }
  return t;
}

conf::DomainDef& oneDef(TestDomain& dom, unsigned int flags) {
  if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG))
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
         "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
  Targets t = affected(dom, flags);
  return t.live ? *t.live : *t.config;
}

unsigned int nodeCpuCount(const TestNode& node) {
  return node.info.nodes * node.info.sockets * node.info.cores * node.info.threads;
}

}  // namespace vireo::test
