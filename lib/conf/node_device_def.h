// The node-device model: libvirt's <device> XML (virNodeDeviceDef) for the
// capabilities libvirt 9.0's test driver shows, system and scsi_host (with
// its fc_host and vport_ops sub-capabilities).
//
// A capability of another known type (pci, net, ...) is kept as given and
// written back unchanged; its content is not checked. parseNodeDeviceXml()
// makes libvirt 9.0's parse checks with its codes and messages (compared
// with Debian's libvirt, tests/unit/conf_node_device_test.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/xml.h"

namespace vireo::conf {

// <capability type='system'>: every text field is left out of the XML when empty.
struct NodeDeviceSystemCap {
  std::string product;
  std::string hardwareVendor, hardwareVersion, hardwareSerial;
  std::string hardwareUuid;  // canonical form; required
  std::string firmwareVendor, firmwareVersion, firmwareReleaseDate;
  bool operator==(const NodeDeviceSystemCap&) const = default;
};

// <capability type='scsi_host'>. libvirt reads max_vports and vports from
// sysfs, never from the XML, so the test driver always shows them as 0.
struct NodeDeviceScsiHostCap {
  unsigned host = 0;
  int uniqueId = -1;  // -1: not shown
  bool fcHost = false;
  std::string wwnn, wwpn, fabricWwn;  // of the fc_host sub-capability
  bool vportOps = false;
  bool operator==(const NodeDeviceScsiHostCap&) const = default;
};

struct NodeDeviceCap {
  std::string type;  // one of nodeDeviceCapTypes()
  NodeDeviceSystemCap system;      // type "system"
  NodeDeviceScsiHostCap scsiHost;  // type "scsi_host"
  xml::Element other;              // any other type: the element as given
  bool operator==(const NodeDeviceCap&) const = default;
};

struct NodeDeviceDef {
  std::string name;
  std::string parent;  // empty: none
  // How a new vHBA names its parent instead of (or besides) <parent>NAME</parent>.
  std::string parentWwnn, parentWwpn, parentFabricWwn;
  std::vector<NodeDeviceCap> caps;  // in document order, at least one

  // Whether the device answers to a capability name as libvirt's listings
  // filter: its own types, and "fc_host" / "vports" for a scsi_host with
  // those sub-capabilities.
  bool hasCap(std::string_view type) const;
  // The scsi_host capability with fc_host, or nullptr.
  const NodeDeviceScsiHostCap* fcHost() const;
  NodeDeviceScsiHostCap* fcHost();
  bool operator==(const NodeDeviceDef&) const = default;
};

// libvirt's capability type names, in the order of the
// VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bits (bit i is names[i]).
const std::vector<std::string_view>& nodeDeviceCapTypes();

// How a definition is read, as libvirt distinguishes them: a device that
// exists (a node file's) needs its name and SCSI host number; a device to
// create is named "new device" until the driver names it, and its fc_host
// needs a WWNN and WWPN.
enum class NodeDeviceParse { Existing, Create };

NodeDeviceDef parseNodeDeviceXml(std::string_view xml, NodeDeviceParse mode);
// The same from a parsed <device> element (a node file's).
NodeDeviceDef parseNodeDeviceTree(const xml::Element& root, NodeDeviceParse mode);
std::string formatNodeDeviceXml(const NodeDeviceDef& def);

}  // namespace vireo::conf
