#include "drivers/test/test_state.h"

#include <algorithm>

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

TestDomain& TestDriverState::startDefinition(conf::DomainDef def, int runningReason, int startedDetail) {
  TestDomain* dom = domains.findSame(def);
  if (dom) {
    if (dom->active())
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain '" + dom->def.name + "' is already active");
    dom->newDef = std::move(dom->def);
    dom->def = std::move(def);
  } else {
    auto fresh = std::make_unique<TestDomain>();
    fresh->def = std::move(def);
    fresh->persistent = false;
    dom = &domains.add(std::move(fresh));
  }
  start(*dom, runningReason);
  emitLifecycle(*dom, VIR_DOMAIN_EVENT_STARTED, startedDetail);
  return *dom;
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

TestNetwork* TestDriverState::networkByName(std::string_view name) {
  for (TestNetwork& net : networks)
    if (net.def.name == name) return &net;
  return nullptr;
}

TestNetwork* TestDriverState::networkByUuid(const Uuid& uuid) {
  for (TestNetwork& net : networks)
    if (net.def.uuid == uuid) return &net;
  return nullptr;
}

TestNetwork& TestDriverState::network(const driver::NetworkIdentity& identity) {
  if (TestNetwork* net = networkByUuid(identity.uuid)) return *net;
  Error e(VIR_ERR_NO_NETWORK, VIR_FROM_TEST,
          "no network with matching uuid '" + identity.uuid.toString() + "' (" + identity.name + ")");
  e.str1 = identity.name;
  throw e;
}

TestNetwork& TestDriverState::assignNetwork(const conf::NetworkDef& def, bool& created) {
  created = false;
  if (TestNetwork* byUuid = networkByUuid(def.uuid)) {
    if (byUuid->def.name != def.name)
      fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_NETWORK,
           "network '" + byUuid->def.name + "' is already defined with uuid " + def.uuid.toString());
    return *byUuid;
  }
  if (TestNetwork* byName = networkByName(def.name))
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_NETWORK,
         "network '" + def.name + "' already exists with uuid " + byName->def.uuid.toString());
  TestNetwork net;
  net.def = def;
  networks.push_back(std::move(net));
  created = true;
  return networks.back();
}

void TestDriverState::removeNetwork(const TestNetwork& net) {
  networks.erase(std::remove_if(networks.begin(), networks.end(), [&](const TestNetwork& n) { return &n == &net; }),
                 networks.end());
}

}  // namespace vireo::test
