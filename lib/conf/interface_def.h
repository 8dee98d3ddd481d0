// The host-interface model: libvirt's <interface> XML (virInterfaceDef) for
// the types ethernet, bridge, bond and vlan.
//
// Typed where drivers need it (type, name, MAC address, start mode, MTU);
// the protocol blocks and the type's own content (a bridge's ports, a bond's
// slaves, a vlan's device) are kept as given and written back in libvirt's
// order: start, mtu, protocols, then the type's content.
//
// parseInterfaceXml() makes libvirt 9.0's parse checks with its codes and
// messages (compared with Debian's libvirt, tests/unit/test_interface_def.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/xml.h"

namespace vireo::conf {

struct InterfaceDef {
  std::string type;  // ethernet, bridge, bond or vlan
  std::string name;
  std::string mac;        // empty when the definition has none (bridge, bond)
  std::string startMode;  // "onboot", "hotplug", "none" or empty
  std::optional<unsigned> mtu;
  std::vector<xml::Element> protocols;  // <protocol family=...> as given
  std::vector<xml::Element> content;    // the type's own elements (<bridge>, <bond>, <vlan>, <link>)

  bool operator==(const InterfaceDef&) const = default;
};

InterfaceDef parseInterfaceXml(std::string_view xml);
// The same from a parsed <interface> element (a node file's).
InterfaceDef parseInterfaceTree(const xml::Element& root);
std::string formatInterfaceXml(const InterfaceDef& def);

}  // namespace vireo::conf
