// Defining, undefining and creating transient domains.
#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {

using driver::Connection;
using driver::DomainIdentity;

namespace domainops {

DomainIdentity defineXMLFlags(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_DEFINE_VALIDATE, VIR_FROM_TEST, "testDomainDefineXMLFlags");
  unsigned parseFlags = conf::ParseInactive | ((flags & VIR_DOMAIN_DEFINE_VALIDATE) ? unsigned{conf::ParseValidate} : 0u);
  conf::DomainDef def = parseDefinition(xml, parseFlags);

  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain* dom = s.domains.findSame(def);
  int detail = VIR_DOMAIN_EVENT_DEFINED_UPDATED;
  if (dom) {
    // A running domain keeps its live definition; the new one waits.
    if (dom->active())
      dom->newDef = std::move(def);
    else
      dom->def = std::move(def);
    dom->persistent = true;
  } else {
    auto fresh = std::make_unique<TestDomain>();
    fresh->def = std::move(def);
    dom = &s.domains.add(std::move(fresh));
    detail = VIR_DOMAIN_EVENT_DEFINED_ADDED;
  }
  s.emitLifecycle(*dom, VIR_DOMAIN_EVENT_DEFINED, detail);
  return dom->identity();
}

void undefineFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  // libvirt 9.0's test driver takes these two only (checked with Debian's:
  // NVRAM, KEEP_NVRAM, CHECKPOINTS_METADATA, TPM and KEEP_TPM are
  // "unsupported flags (0x4) in function testDomainUndefineFlags", ...).
  checkFlags(flags, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, VIR_FROM_TEST,
             "testDomainUndefineFlags");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (!dom.persistent) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "cannot undefine transient domain");
  if (dom.hasManagedSave && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE))
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Refusing to undefine while domain managed save image exists");
  // Only an inactive domain's snapshots stand in the way (libvirt 9.0: a
  // running one is undefined and keeps them while it lives on).
  if (!dom.active() && !dom.snapshots.empty() && !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA))
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
         "cannot delete inactive domain with " + std::to_string(dom.snapshots.size()) + " snapshots");
  dom.hasManagedSave = false;
  s.emitLifecycle(dom, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
  if (dom.active()) {
    // A running domain lives on as a transient one until it stops.
    dom.persistent = false;
    dom.newDef.reset();
  } else {
    s.domains.remove(&dom);
  }
}

DomainIdentity createXML(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_START_VALIDATE, VIR_FROM_TEST, "testDomainCreateXML");
  // As libvirt's test driver, a new domain's document is read as a
  // definition: the live state it may carry (block jobs, ports, labels...)
  // is not taken from it.
  unsigned parseFlags =
      conf::ParseInactive | ((flags & VIR_DOMAIN_START_VALIDATE) ? unsigned{conf::ParseValidate} : 0u);
  conf::DomainDef def = parseDefinition(xml, parseFlags);

  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.startDefinition(std::move(def), VIR_DOMAIN_RUNNING_BOOTED, VIR_DOMAIN_EVENT_STARTED_BOOTED).identity();
}

DomainIdentity createXMLWithFiles(Connection& conn, std::string_view xml, std::span<const int>, unsigned int flags) {
  return createXML(conn, xml, flags);
}

}  // namespace domainops
}  // namespace vireo::test
