// Reverting to and deleting test-driver snapshots, with the state changes
// and events libvirt 9.0's test driver makes (measured with Debian's
// libvirt 9.0, python3-libvirt):
//
//   domain   snapshot         what happens                 events
//   off      shut off         definition replaced          none
//   off      running/paused   started (then paused)        STARTED (, SUSPENDED)
//   active   running/paused   stopped, then started        STOPPED, STARTED (, SUSPENDED)
//   active   shut off         stopped                      STOPPED
//
// every detail FROM_SNAPSHOT. An active domain is always restarted, never
// resumed in place. Reverting to a shut-off snapshot with REVERT_RUNNING or
// REVERT_PAUSED sends STARTED (and SUSPENDED) but leaves the domain shut
// off: libvirt 9.0 queues the events without starting it, and vireo does
// the same.
#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {

using driver::DomainSnapshotIdentity;

namespace {

bool online(const conf::DomainSnapshotDef& def) { return def.state == "running" || def.state == "paused"; }

// The domain stops (libvirt's testDomainShutdownState): unlike a destroy,
// a transient domain stays, since it starts again right away.
void shutOff(TestDriverState& s, TestDomain& dom) REQUIRES(s.mu) {
  dom.id = -1;
  dom.state = VIR_DOMAIN_SHUTOFF;
  dom.reason = VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT;
  if (dom.newDef) {
    dom.def = std::move(*dom.newDef);
    dom.newDef.reset();
  }
  s.emitLifecycle(dom, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
}

// The snapshot's definition becomes the domain's: the persistent one while
// it runs (libvirt's virDomainObjAssignDef, not live), else the only one.
void assignDefinition(TestDomain& dom, const conf::DomainDef& def) {
  if (dom.active())
    dom.newDef = def;
  else
    dom.def = def;
}

void checkRevert(const TestDomain& dom, const conf::DomainSnapshotDef& snap, unsigned int flags) {
  bool start = flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED);
  if (!dom.persistent && !online(snap) && !start)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
         "transient domain needs to request run or pause to revert to inactive snapshot");
  if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_FORCE) return;
  // libvirt 9.0's test driver has no "must respawn guest" refusal: an
  // active domain reverted to an inactive snapshot with RUNNING stops.
  if (!snap.domain)
    fail(VIR_ERR_SNAPSHOT_REVERT_RISKY, VIR_FROM_TEST,
         "snapshot '" + snap.name + "' lacks domain '" + dom.def.name + "' rollback info");
}

}  // namespace

namespace snapshotops {

void revert(Connection& conn, DomainSnapshotIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                 VIR_DOMAIN_SNAPSHOT_REVERT_FORCE,
             VIR_FROM_TEST, "testDomainRevertToSnapshot");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id.domain);
  const conf::DomainSnapshotDef snap = dom.snapshots.get(id.name);
  checkRevert(dom, snap, flags);
  if (!snap.domain)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
         "snapshot '" + snap.name + "' has no domain definition to revert to");
  dom.snapshots.setCurrent("");
  bool paused = !(flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) &&
                (snap.state == "paused" || (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED));
  if (online(snap)) {
    if (dom.active()) shutOff(s, dom);
    assignDefinition(dom, *snap.domain);
    s.start(dom, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    s.emitLifecycle(dom, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
    if (paused) {
      dom.state = VIR_DOMAIN_PAUSED;
      dom.reason = VIR_DOMAIN_PAUSED_FROM_SNAPSHOT;
      s.emitLifecycle(dom, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    }
  } else {
    assignDefinition(dom, *snap.domain);
    if (dom.active()) shutOff(s, dom);
    if (flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)) {
      // Events only: see the comment at the top.
      s.emitLifecycle(dom, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
      if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
        s.emitLifecycle(dom, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    }
  }
  dom.snapshots.setCurrent(snap.name);
  id.domain.id = dom.id;
}

void remove(Connection& conn, const DomainSnapshotIdentity& id, unsigned int flags) {
  // METADATA_ONLY is refused by libvirt 9.0's test driver too.
  checkFlags(flags, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY,
             VIR_FROM_TEST, "testDomainSnapshotDelete");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id.domain).snapshots.erase(
      id.name, flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY),
      flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY);
}

}  // namespace snapshotops
}  // namespace vireo::test
