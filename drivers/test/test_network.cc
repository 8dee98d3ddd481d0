// The test driver's virtual networks: the functions of libvirt-network.h
// that libvirt 9.0's test driver implements, with its checks, messages and
// events (compared with Debian's libvirt, tests/capi/test_network.c). Its
// DHCP leases and network ports are not implemented there either: their
// entries stay null (VIR_ERR_NO_SUPPORT).
#include "drivers/test/test_network.h"

#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {
namespace {

using driver::Connection;
using driver::NetworkIdentity;

constexpr unsigned kListFlags = VIR_CONNECT_LIST_NETWORKS_INACTIVE | VIR_CONNECT_LIST_NETWORKS_ACTIVE |
                                VIR_CONNECT_LIST_NETWORKS_PERSISTENT | VIR_CONNECT_LIST_NETWORKS_TRANSIENT |
                                VIR_CONNECT_LIST_NETWORKS_AUTOSTART | VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART;

// Whether `net` passes the filter groups of virConnectListAllNetworks (a
// group with neither or both of its flags set lets everything through).
bool listed(const TestNetwork& net, unsigned flags) {
  auto group = [&](unsigned yes, unsigned no, bool value) {
    bool wantYes = flags & yes, wantNo = flags & no;
    return wantYes == wantNo || (value ? wantYes : wantNo);
  };
  return group(VIR_CONNECT_LIST_NETWORKS_ACTIVE, VIR_CONNECT_LIST_NETWORKS_INACTIVE, net.active) &&
         group(VIR_CONNECT_LIST_NETWORKS_PERSISTENT, VIR_CONNECT_LIST_NETWORKS_TRANSIENT, net.persistent) &&
         group(VIR_CONNECT_LIST_NETWORKS_AUTOSTART, VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, net.autostart);
}

std::vector<std::string> names(Connection& conn, bool active) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<std::string> out;
  for (const TestNetwork& net : s.networks)
    if (net.active == active) out.push_back(net.def.name);
  return out;
}

int count(Connection& conn, bool active) { return static_cast<int>(names(conn, active).size()); }

std::vector<NetworkIdentity> listAll(Connection& conn, unsigned int flags) {
  checkFlags(flags, kListFlags, VIR_FROM_TEST, "testConnectListAllNetworks");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<NetworkIdentity> out;
  for (const TestNetwork& net : s.networks)
    if (listed(net, flags)) out.push_back(net.identity());
  return out;
}

NetworkIdentity lookupByName(Connection& conn, std::string_view name) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  if (TestNetwork* net = s.networkByName(name)) return net->identity();
  Error e(VIR_ERR_NO_NETWORK, VIR_FROM_TEST, "no network with matching name '" + std::string(name) + "'");
  e.str1 = std::string(name);
  throw e;
}

NetworkIdentity lookupByUuid(Connection& conn, const Uuid& uuid) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  if (TestNetwork* net = s.networkByUuid(uuid)) return net->identity();
  fail(VIR_ERR_NO_NETWORK, VIR_FROM_TEST, "no network with matching uuid '" + uuid.toString() + "'");
}

NetworkIdentity defineXMLFlags(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_NETWORK_DEFINE_VALIDATE, VIR_FROM_TEST, "testNetworkDefineXMLFlags");
  conf::NetworkDef def = conf::parseNetworkXml(xml);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  bool created = false;
  TestNetwork& net = s.assignNetwork(def, created);
  // libvirt sets a new definition of a running network aside for its next
  // start; its test driver never starts from it, so the running one stays
  // the only one visible.
  if (!net.active) net.def = std::move(def);
  net.persistent = true;
  s.emitNetwork(net, VIR_NETWORK_EVENT_DEFINED);
  return net.identity();
}

NetworkIdentity defineXML(Connection& conn, std::string_view xml) { return defineXMLFlags(conn, xml, 0); }

NetworkIdentity createXMLFlags(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_NETWORK_CREATE_VALIDATE, VIR_FROM_TEST, "testNetworkCreateXMLFlags");
  conf::NetworkDef def = conf::parseNetworkXml(xml);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  bool created = false;
  TestNetwork& net = s.assignNetwork(def, created);
  if (!created && net.active)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK, "network '" + def.name + "' is already active");
  if (created) net.persistent = false;
  net.def = std::move(def);
  net.active = true;
  s.emitNetwork(net, VIR_NETWORK_EVENT_STARTED);
  return net.identity();
}

NetworkIdentity createXML(Connection& conn, std::string_view xml) { return createXMLFlags(conn, xml, 0); }

int create(Connection& conn, const NetworkIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestNetwork& net = s.network(id);
  if (net.active)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Network '" + net.def.name + "' is already running");
  net.active = true;
  s.emitNetwork(net, VIR_NETWORK_EVENT_STARTED);
  return 0;
}

// As libvirt 9.0's test driver, stopping a network that is not running
// succeeds (and says so with an event).
int destroy(Connection& conn, const NetworkIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestNetwork& net = s.network(id);
  net.active = false;
  s.emitNetwork(net, VIR_NETWORK_EVENT_STOPPED);
  if (!net.persistent) s.removeNetwork(net);
  return 0;
}

int undefine(Connection& conn, const NetworkIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestNetwork& net = s.network(id);
  if (net.active) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Network '" + net.def.name + "' is still running");
  s.emitNetwork(net, VIR_NETWORK_EVENT_UNDEFINED);
  s.removeNetwork(net);
  return 0;
}

std::string getXMLDesc(Connection& conn, const NetworkIdentity& id, unsigned int flags) {
  // libvirt's test driver knows no flag here, VIR_NETWORK_XML_INACTIVE included.
  checkFlags(flags, 0, VIR_FROM_TEST, "testNetworkGetXMLDesc");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return conf::formatNetworkXml(s.network(id).def);
}

std::string getBridgeName(Connection& conn, const NetworkIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestNetwork& net = s.network(id);
  if (net.def.bridge.name.empty())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "network '" + net.def.name + "' does not have a bridge name.");
  return net.def.bridge.name;
}

int getAutostart(Connection& conn, const NetworkIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.network(id).autostart ? 1 : 0;
}

int setAutostart(Connection& conn, const NetworkIdentity& id, int autostart) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.network(id).autostart = autostart != 0;
  return 0;
}

int isActive(Connection& conn, const NetworkIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.network(id).active ? 1 : 0;
}

int isPersistent(Connection& conn, const NetworkIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.network(id).persistent ? 1 : 0;
}

// The test driver keeps one definition per network, so LIVE and CONFIG
// change the same one once their preconditions hold.
int update(Connection& conn, const NetworkIdentity& id, unsigned int command, unsigned int section,
           int parentIndex, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG, VIR_FROM_TEST,
             "testNetworkUpdate");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestNetwork& net = s.network(id);
  if (!(flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
    flags = net.active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;
  if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) && !net.persistent)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK, "cannot change persistent config of a transient network");
  if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) && !net.active)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK, "network is not running");
  conf::updateNetworkSection(net.def, command, section, parentIndex, xml);
  return 0;
}

driver::DomainEventState& eventState(Connection& conn) { return stateOf(conn).events; }

}  // namespace

const driver::NetworkDriver kNetworkDriver = {
    .networkGetAutostart = getAutostart,
    .networkEventState = eventState,
    .connectListAllNetworks = listAll,
    .connectListDefinedNetworks = [](Connection& c) { return names(c, false); },
    .connectListNetworks = [](Connection& c) { return names(c, true); },
    .connectNumOfDefinedNetworks = [](Connection& c) { return count(c, false); },
    .connectNumOfNetworks = [](Connection& c) { return count(c, true); },
    .networkCreate = create,
    .networkCreateXML = createXML,
    .networkCreateXMLFlags = createXMLFlags,
    .networkDefineXML = defineXML,
    .networkDefineXMLFlags = defineXMLFlags,
    .networkDestroy = destroy,
    .networkGetBridgeName = getBridgeName,
    .networkGetXMLDesc = getXMLDesc,
    .networkIsActive = isActive,
    .networkIsPersistent = isPersistent,
    .networkLookupByName = lookupByName,
    .networkLookupByUUID = lookupByUuid,
    .networkLookupByUUIDString = lookupByUuid,
    .networkSetAutostart = setAutostart,
    .networkUndefine = undefine,
    .networkUpdate = update,
};

}  // namespace vireo::test
