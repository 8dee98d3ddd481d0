// The test driver's node devices: the functions of libvirt-nodedev.h as
// libvirt 9.0's test driver implements them, with its checks, messages and
// quirks (compared with Debian's libvirt, tests/capi/test_nodedev.c).
// Nothing touches the host: the devices are definitions in the driver state,
// and creating a vHBA copies scsi_host11 as libvirt's test driver does.
#include <algorithm>

#include "drivers/test/test_nodedev.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {
namespace {

using conf::NodeDeviceDef;
using driver::Connection;
using driver::NodeDeviceIdentity;

// Every VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bit: libvirt's test driver takes
// no other listing flag (not ACTIVE or INACTIVE).
constexpr unsigned kCapFilters = (VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD << 1) - 1;

// The vHBA that virNodeDeviceCreateXML copies, and the name of the copy.
constexpr std::string_view kVhbaTemplate = "scsi_host11";
constexpr std::string_view kNewVhba = "scsi_host12";

NodeDeviceDef* byName(TestDriverState& s, std::string_view name) REQUIRES(s.mu) {
  for (NodeDeviceDef& d : s.nodeDevices)
    if (d.name == name) return &d;
  return nullptr;
}

NodeDeviceDef& find(TestDriverState& s, std::string_view name) REQUIRES(s.mu) {
  if (NodeDeviceDef* d = byName(s, name)) return *d;
  Error e(VIR_ERR_NO_NODE_DEVICE, VIR_FROM_TEST, "no node device with matching name '" + std::string(name) + "'");
  e.str1 = std::string(name);
  throw e;
}

NodeDeviceIdentity identityOf(const NodeDeviceDef& d) { return {d.name, d.parent}; }

std::vector<std::string> names(Connection& conn, std::optional<std::string_view> cap) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<std::string> out;
  for (const NodeDeviceDef& d : s.nodeDevices)
    if (!cap || d.hasCap(*cap)) out.push_back(d.name);
  return out;
}

int numOfDevices(Connection& conn, std::optional<std::string_view> cap, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testNodeNumOfDevices");
  return static_cast<int>(names(conn, cap).size());
}

std::vector<std::string> listDevices(Connection& conn, std::optional<std::string_view> cap, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testNodeListDevices");
  return names(conn, cap);
}

// A device matches when it has one of the capabilities the flags name
// (every device when they name none).
std::vector<NodeDeviceIdentity> listAll(Connection& conn, unsigned int flags) {
  checkFlags(flags, kCapFilters, VIR_FROM_TEST, "testConnectListAllNodeDevices");
  const std::vector<std::string_view>& types = conf::nodeDeviceCapTypes();
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<NodeDeviceIdentity> out;
  for (const NodeDeviceDef& d : s.nodeDevices) {
    bool wanted = flags == 0;
    for (std::size_t bit = 0; bit < types.size() && !wanted; ++bit)
      wanted = (flags & (1u << bit)) && d.hasCap(types[bit]);
    if (wanted) out.push_back(identityOf(d));
  }
  return out;
}

NodeDeviceIdentity lookupByName(Connection& conn, std::string_view name) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return identityOf(find(s, name));
}

std::string getXMLDesc(Connection& conn, const NodeDeviceIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testNodeDeviceGetXMLDesc");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return conf::formatNodeDeviceXml(find(s, id.name));
}

std::string getParent(Connection& conn, const NodeDeviceIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const NodeDeviceDef& d = find(s, id.name);
  if (d.parent.empty()) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "no parent for this device");
  return d.parent;
}

// The capabilities of the device itself: a scsi_host's fc_host and
// vport_ops are not counted, as in libvirt's test driver.
std::vector<std::string> listCaps(Connection& conn, const NodeDeviceIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<std::string> out;
  for (const conf::NodeDeviceCap& cap : find(s, id.name).caps) out.push_back(cap.type);
  return out;
}

int numOfCaps(Connection& conn, const NodeDeviceIdentity& id) { return static_cast<int>(listCaps(conn, id).size()); }

[[noreturn]] void noParent(const NodeDeviceDef& def) {
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV, "Could not find parent device for '" + def.name + "'");
}

// The parent a new vHBA names (by name, by WWNN and WWPN, by fabric name,
// or else the first device able to make vports), checked as libvirt does
// even though the copy made below does not use it.
void checkVhbaParent(TestDriverState& s, const NodeDeviceDef& def) REQUIRES(s.mu) {
  if (!def.parent.empty()) {
    const NodeDeviceDef* parent = byName(s, def.parent);
    if (!parent) noParent(def);
    if (!parent->hasCap("vports"))
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
           "Parent device " + def.parent + " is not capable of vport operations");
    return;
  }
  auto matches = [&def](const NodeDeviceDef& d) {
    const conf::NodeDeviceScsiHostCap* fc = d.fcHost();
    if (!fc || !d.hasCap("vports")) return false;
    if (!def.parentWwnn.empty()) return fc->wwnn == def.parentWwnn && fc->wwpn == def.parentWwpn;
    if (!def.parentFabricWwn.empty()) return fc->fabricWwn == def.parentFabricWwn;
    return true;
  };
  if (std::any_of(s.nodeDevices.begin(), s.nodeDevices.end(), matches)) return;
  if (def.parentWwnn.empty() && def.parentFabricWwn.empty())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV, "Could not find any vport capable device");
  noParent(def);
}

// libvirt's test driver cannot create a vport, so it copies scsi_host11 as
// scsi_host12 with the new WWNN and WWPN (replacing an earlier copy) and
// sends CREATED. The handle keeps the parent named in the XML, if any.
NodeDeviceIdentity createXML(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_NODE_DEVICE_CREATE_XML_VALIDATE, VIR_FROM_TEST, "testNodeDeviceCreateXML");
  NodeDeviceDef def = conf::parseNodeDeviceXml(xml, conf::NodeDeviceParse::Create);
  const conf::NodeDeviceScsiHostCap* wanted = def.fcHost();
  if (!wanted) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV, "Device is not a fibre channel HBA");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  checkVhbaParent(s, def);
  const NodeDeviceDef* model = byName(s, kVhbaTemplate);
  // libvirt 9.0 fails here without saying why.
  if (!model || !model->fcHost())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
         "cannot create a vHBA: the node has no fibre channel device '" + std::string(kVhbaTemplate) + "' to copy");
  NodeDeviceDef copy = *model;
  copy.name = kNewVhba;
  copy.fcHost()->wwnn = wanted->wwnn;
  copy.fcHost()->wwpn = wanted->wwpn;
  if (NodeDeviceDef* old = byName(s, kNewVhba))
    *old = std::move(copy);
  else
    s.nodeDevices.push_back(std::move(copy));
  s.events.queueNodeDeviceLifecycle(std::string(kNewVhba), VIR_NODE_DEVICE_EVENT_CREATED, 0);
  return {std::string(kNewVhba), def.parent};
}

// libvirt's test driver returns success without removing the device when it
// is not a fibre channel HBA or when its parent is gone (its error is left
// set but not returned); vireo keeps the success and the device.
int destroy(Connection& conn, const NodeDeviceIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  NodeDeviceDef& d = find(s, id.name);
  if (!d.fcHost() || d.parent.empty() || !byName(s, d.parent)) return 0;
  s.events.queueNodeDeviceLifecycle(d.name, VIR_NODE_DEVICE_EVENT_DELETED, 0);
  s.nodeDevices.erase(s.nodeDevices.begin() + (&d - s.nodeDevices.data()));
  return 0;
}

driver::DomainEventState& eventState(Connection& conn) { return stateOf(conn).events; }

}  // namespace

void loadNodeDevice(TestDriverState& s, const xml::Element& e) {
  NodeDeviceDef def = conf::parseNodeDeviceTree(e, conf::NodeDeviceParse::Existing);
  if (NodeDeviceDef* old = byName(s, def.name))
    *old = std::move(def);
  else
    s.nodeDevices.push_back(std::move(def));
}

const driver::NodeDeviceDriver kNodeDeviceDriver = {
    .nodeDeviceEventState = eventState,
    .nodeListDevices = listDevices,
    .nodeDeviceGetParent = getParent,
    .nodeDeviceListCaps = listCaps,
    .connectListAllNodeDevices = listAll,
    .nodeDeviceCreateXML = createXML,
    .nodeDeviceDestroy = destroy,
    .nodeDeviceGetXMLDesc = getXMLDesc,
    .nodeDeviceLookupByName = lookupByName,
    .nodeDeviceNumOfCaps = numOfCaps,
    .nodeNumOfDevices = numOfDevices,
};

}  // namespace vireo::test
