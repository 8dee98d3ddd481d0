// Changes to a test domain's definition beyond tuning: its name, lifecycle
// actions, balloon statistics period and perf events; and the read-only
// launch-security and message queries.
#include <algorithm>
#include <map>

#include "drivers/test/test_domain_defs.h"
#include "drivers/test/test_ops.h"
#include "lib/conf/domain_tuning_edit.h"
#include "lib/util/error.h"

namespace vireo::test::domainops {

namespace {

constexpr unsigned int kAffect = VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG;

// libvirt's perf events, in the order of virPerfEventType.
const char* const kPerfEvents[] = {
    VIR_PERF_PARAM_CMT, VIR_PERF_PARAM_MBMT, VIR_PERF_PARAM_MBML, VIR_PERF_PARAM_CPU_CYCLES,
    VIR_PERF_PARAM_INSTRUCTIONS, VIR_PERF_PARAM_CACHE_REFERENCES, VIR_PERF_PARAM_CACHE_MISSES,
    VIR_PERF_PARAM_BRANCH_INSTRUCTIONS, VIR_PERF_PARAM_BRANCH_MISSES, VIR_PERF_PARAM_BUS_CYCLES,
    VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND, VIR_PERF_PARAM_STALLED_CYCLES_BACKEND, VIR_PERF_PARAM_REF_CPU_CYCLES,
    VIR_PERF_PARAM_CPU_CLOCK, VIR_PERF_PARAM_TASK_CLOCK, VIR_PERF_PARAM_PAGE_FAULTS,
    VIR_PERF_PARAM_CONTEXT_SWITCHES, VIR_PERF_PARAM_CPU_MIGRATIONS, VIR_PERF_PARAM_PAGE_FAULTS_MIN,
    VIR_PERF_PARAM_PAGE_FAULTS_MAJ, VIR_PERF_PARAM_ALIGNMENT_FAULTS, VIR_PERF_PARAM_EMULATION_FAULTS};

const char* const kLifecycleTypes[] = {"poweroff", "reboot", "crash"};
const char* const kLifecycleActions[] = {"destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
                                         "coredump-restart"};

void setLifecycle(conf::DomainDef& def, unsigned int type, const std::string& action) {
  if (type == VIR_DOMAIN_LIFECYCLE_POWEROFF) def.lifecycle.onPoweroff = action;
  else if (type == VIR_DOMAIN_LIFECYCLE_REBOOT) def.lifecycle.onReboot = action;
  else def.lifecycle.onCrash = action;
}

}  // namespace

void rename(Connection& conn, DomainIdentity& id, const std::string& newName, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainRename");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  if (dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot rename active domain");
  if (!dom.persistent) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "cannot rename a transient domain");
  if (newName == dom.def.name) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "Can't rename domain to itself");
  if (s.domains.findByName(newName))
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain with name '" + newName + "' already exists");
  if (newName.find('/') != std::string::npos)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_TEST, "name " + newName + " cannot contain '/'");
  s.emitLifecycle(dom, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
  // The list indexes domains by name: take the domain out and put it back renamed.
  std::shared_ptr<TestDomain> held = s.domains.share(id, VIR_FROM_TEST);
  s.domains.remove(held.get());
  held->def.name = newName;
  if (held->newDef) held->newDef->name = newName;
  TestDomain& renamed = s.domains.add(held);
  s.emitLifecycle(renamed, VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_RENAMED);
}

void setLifecycleAction(Connection& conn, DomainIdentity& id, unsigned int type, unsigned int action,
                        unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetLifecycleAction");
  // Power-off and reboot cannot dump core.
  if (type != VIR_DOMAIN_LIFECYCLE_CRASH && (action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
                                            action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         std::string("Lifecycle event '") + kLifecycleTypes[type] + "' doesn't support '" +
             kLifecycleActions[action] + "' action");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  Targets t = affected(s.get(id), flags);
  if (t.live) setLifecycle(*t.live, type, kLifecycleActions[action]);
  if (t.config) setLifecycle(*t.config, type, kLifecycleActions[action]);
}

void setMemoryStatsPeriod(Connection& conn, DomainIdentity& id, int period, unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetMemoryStatsPeriod");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  if (!conf::setBalloonPeriod(oneDef(s.get(id), flags), period))
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
         "No memory balloon device configured, can not set the collection period");
}

driver::TypedParamList getPerfEvents(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, kAffect | VIR_TYPED_PARAM_STRING_OKAY, VIR_FROM_TEST, "testDomainGetPerfEvents");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::map<std::string, bool> enabled;
  for (const auto& [name, on] : conf::perfEvents(oneDef(s.get(id), flags))) enabled[name] = on;
  driver::TypedParamList list;
  for (const char* name : kPerfEvents) list.push_back({name, enabled.count(name) && enabled[name]});
  return list;
}

void setPerfEvents(Connection& conn, DomainIdentity& id, const driver::TypedParamList& params, unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetPerfEvents");
  driver::validateTypedParams(
      params, {{kPerfEvents[0], VIR_TYPED_PARAM_BOOLEAN},  {kPerfEvents[1], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[2], VIR_TYPED_PARAM_BOOLEAN},  {kPerfEvents[3], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[4], VIR_TYPED_PARAM_BOOLEAN},  {kPerfEvents[5], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[6], VIR_TYPED_PARAM_BOOLEAN},  {kPerfEvents[7], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[8], VIR_TYPED_PARAM_BOOLEAN},  {kPerfEvents[9], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[10], VIR_TYPED_PARAM_BOOLEAN}, {kPerfEvents[11], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[12], VIR_TYPED_PARAM_BOOLEAN}, {kPerfEvents[13], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[14], VIR_TYPED_PARAM_BOOLEAN}, {kPerfEvents[15], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[16], VIR_TYPED_PARAM_BOOLEAN}, {kPerfEvents[17], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[18], VIR_TYPED_PARAM_BOOLEAN}, {kPerfEvents[19], VIR_TYPED_PARAM_BOOLEAN},
               {kPerfEvents[20], VIR_TYPED_PARAM_BOOLEAN}, {kPerfEvents[21], VIR_TYPED_PARAM_BOOLEAN}});
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  conf::DomainDef& def = oneDef(s.get(id), flags);
  std::map<std::string, bool> events;
  for (const auto& [name, on] : conf::perfEvents(def)) events[name] = on;
  for (const driver::TypedParam& p : params) events[p.field] = std::get<bool>(p.value);
  // libvirt formats the events it knows in its own order.
  std::vector<std::pair<std::string, bool>> ordered;
  for (const char* name : kPerfEvents)
    if (events.count(name)) ordered.emplace_back(name, events[name]);
  conf::setPerfEvents(def, ordered);
}

driver::TypedParamList getLaunchSecurityInfo(Connection& conn, DomainIdentity& id, unsigned int flags) {
  // libvirt's test driver takes no flags, not even the VIR_TYPED_PARAM_STRING_OKAY
  // its public layer adds, so every call through the public API fails there;
  // vireo does the same (doc/test-driver.md).
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainGetLaunchSecurityInfo");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id);
  return {};
}

std::vector<std::string> getMessages(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING, VIR_FROM_TEST,
             "testDomainGetMessages");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id);
  // vireo's test driver does not track taints or deprecations: no messages.
  return {};
}

}  // namespace vireo::test::domainops
