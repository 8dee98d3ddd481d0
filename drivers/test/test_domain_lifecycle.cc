// Starting, stopping, pausing and rebooting test domains. Error codes and
// words follow libvirt 9.0's test driver (libvirt-api.md §3.2), which mixes
// VIR_ERR_INTERNAL_ERROR from the driver with VIR_ERR_OPERATION_INVALID from
// the shared "is it running" check.
#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {

using driver::Connection;
using driver::DomainIdentity;

namespace {

[[noreturn]] void notRunning(const TestDomain& dom) {
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "domain '" + dom.def.name + "' not running");
}

}  // namespace

// The check libvirt's drivers share (virDomainObjCheckActive).
void requireActive(const TestDomain& dom) {
  if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
}

namespace domainops {

void createWithFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainCreateWithFlags");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (dom.active()) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "Domain '" + dom.def.name + "' is already running");
  // Starting consumes a managed save image (libvirt 9.0 reports it as a boot).
  dom.hasManagedSave = false;
  s.start(dom, VIR_DOMAIN_RUNNING_BOOTED);
  s.emitLifecycle(dom, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
  id.id = dom.id;
}

void createWithFiles(Connection& conn, DomainIdentity& id, std::span<const int>, unsigned int flags) {
  createWithFlags(conn, id, flags);
}

void destroyFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_DESTROY_GRACEFUL, VIR_FROM_TEST, "testDomainDestroyFlags");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  requireActive(dom);
  s.stop(dom, VIR_DOMAIN_SHUTOFF_DESTROYED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
  id.id = -1;
}

void shutdownFlags(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainShutdownFlags");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (!dom.active()) notRunning(dom);
  s.stop(dom, VIR_DOMAIN_SHUTOFF_SHUTDOWN, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
  id.id = -1;
}

void reboot(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags,
             VIR_DOMAIN_REBOOT_ACPI_POWER_BTN | VIR_DOMAIN_REBOOT_GUEST_AGENT | VIR_DOMAIN_REBOOT_INITCTL |
                 VIR_DOMAIN_REBOOT_SIGNAL | VIR_DOMAIN_REBOOT_PARAVIRT,
             VIR_FROM_TEST, "testDomainReboot");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  requireActive(dom);
  // The guest reboots; what happens next is the domain's on_reboot action.
  if (dom.def.lifecycle.onReboot == "destroy") {
    s.stop(dom, VIR_DOMAIN_SHUTOFF_SHUTDOWN, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    id.id = -1;
    return;
  }
  // libvirt 9.0's test driver sends no event for a reboot (not even REBOOT)
  // and leaves a paused domain running.
  dom.state = VIR_DOMAIN_RUNNING;
  dom.reason = VIR_DOMAIN_RUNNING_BOOTED;
}

void reset(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainReset");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  // A reset changes neither state nor reason here (a paused domain stays paused).
  requireActive(dom);
}

void suspend(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (dom.state != VIR_DOMAIN_RUNNING) notRunning(dom);
  dom.state = VIR_DOMAIN_PAUSED;
  dom.reason = VIR_DOMAIN_PAUSED_USER;
  s.emitLifecycle(dom, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

void resume(Connection& conn, DomainIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (dom.state != VIR_DOMAIN_PAUSED)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "domain '" + dom.def.name + "' not paused");
  dom.state = VIR_DOMAIN_RUNNING;
  dom.reason = VIR_DOMAIN_RUNNING_UNPAUSED;
  s.emitLifecycle(dom, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}

}  // namespace domainops
}  // namespace vireo::test
