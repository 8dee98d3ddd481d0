// virDomainGetMetadata / virDomainSetMetadata on test domains: <title>,
// <description>, and application elements under <metadata>, one per
// namespace URI.
#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"
#include "lib/conf/domain.h"

namespace vireo::test {

void requireActive(const TestDomain& dom);

namespace {

void checkType(int type) {
  if (type < VIR_DOMAIN_METADATA_DESCRIPTION || type > VIR_DOMAIN_METADATA_ELEMENT)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "unknown metadata type '" + std::to_string(type) + "'");
}

// The definition a LIVE / CONFIG / CURRENT request reads or writes.
conf::DomainDef& target(TestDomain& dom, unsigned int flags) {
  bool config = (flags & VIR_DOMAIN_AFFECT_CONFIG) || (!(flags & VIR_DOMAIN_AFFECT_LIVE) && !dom.active());
  if (!config) {
    requireActive(dom);
    return dom.def;
  }
  if (!dom.persistent)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "transient domains do not have any persistent config");
  if (dom.active() && !dom.newDef) dom.newDef = dom.def;
  return dom.newDef ? *dom.newDef : dom.def;
}

}  // namespace

namespace domainops {

std::string getMetadata(Connection& conn, DomainIdentity& id, int type, const char* uri, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, VIR_FROM_TEST, "testDomainGetMetadata");
  checkType(type);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const conf::DomainDef& def = target(s.get(id), flags);
  return conf::getMetadata(def, type, uri ? uri : "");
}

void setMetadata(Connection& conn, DomainIdentity& id, int type, const char* metadata, const char* key,
                 const char* uri, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, VIR_FROM_TEST, "testDomainSetMetadata");
  checkType(type);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  conf::setMetadata(target(dom, flags), type, metadata, key, uri);
  driver::DomainEvent ev;
  ev.domain = dom.identity();
  ev.eventId = VIR_DOMAIN_EVENT_ID_METADATA_CHANGE;
  ev.type = type;
  if (type == VIR_DOMAIN_METADATA_ELEMENT) ev.nsUri = uri;
  s.emit(std::move(ev));
}

}  // namespace domainops
}  // namespace vireo::test
