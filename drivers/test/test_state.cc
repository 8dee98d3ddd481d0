#include "drivers/test/test_state.h"

#include <algorithm>

#include "lib/util/error.h"

namespace vireo::test {

TestDomain* TestDriverState::findByName(std::string_view name) {
  auto it = byName_.find(std::string(name));
  return it == byName_.end() ? nullptr : it->second;
}

TestDomain* TestDriverState::findByUuid(const Uuid& uuid) {
  auto it = byUuid_.find(uuid);
  return it == byUuid_.end() ? nullptr : it->second;
}

TestDomain* TestDriverState::findById(int id) {
  if (id < 0) return nullptr;
  for (auto& d : domains)
    if (d->id == id) return d.get();
  return nullptr;
}

TestDomain* TestDriverState::findSame(const conf::DomainDef& def) {
  if (TestDomain* byUuid = findByUuid(def.uuid)) {
    if (byUuid->def.name != def.name)
      fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
           "domain '" + byUuid->def.name + "' is already defined with uuid " + def.uuid.toString());
    return byUuid;
  }
  if (TestDomain* byName = findByName(def.name))
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
         "domain '" + def.name + "' already exists with uuid " + byName->def.uuid.toString());
  return nullptr;
}

TestDomain& TestDriverState::add(std::unique_ptr<TestDomain> dom) {
  TestDomain* raw = dom.get();
  domains.push_back(std::move(dom));
  byName_[raw->def.name] = raw;
  byUuid_[raw->def.uuid] = raw;
  return *raw;
}

void TestDriverState::remove(const TestDomain* dom) {
  byName_.erase(dom->def.name);
  byUuid_.erase(dom->def.uuid);
  auto it = std::find_if(domains.begin(), domains.end(), [&](const auto& d) { return d.get() == dom; });
  if (it != domains.end()) domains.erase(it);
}

TestDomain& TestDriverState::get(const driver::DomainIdentity& identity) {
  TestDomain* dom = findByUuid(identity.uuid);
  if (!dom) {
    Error e(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
            "no domain with matching uuid '" + identity.uuid.toString() + "' (" + identity.name + ")");
    throw e;
  }
  return *dom;
}

void TestDriverState::start(TestDomain& dom, int reason) {
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
    remove(&dom);
    return;
  }
  // A pending persistent definition becomes the definition once stopped.
  if (dom.newDef) {
    dom.def = std::move(*dom.newDef);
    dom.newDef.reset();
  }
}

void TestDriverState::emitLifecycle(const TestDomain& dom, int type, int detail) {
  driver::DomainEvent ev;
  ev.domain = dom.identity();
  ev.eventId = VIR_DOMAIN_EVENT_ID_LIFECYCLE;
  ev.type = type;
  ev.detail = detail;
  events.queue(std::move(ev));
}

}  // namespace vireo::test
