// <interface> XML to InterfaceDef and back, with libvirt 9.0's parse checks
// (virInterfaceDefParseXML) and its formatting (virInterfaceDefFormat): the
// messages were taken from Debian's libvirt 9.0 test driver.
#include <cerrno>
#include <cstdlib>

#include "lib/conf/interface_def.h"
#include "lib/conf/node_reader.h"
#include "lib/util/error.h"

namespace vireo::conf {
namespace {

constexpr std::string_view kTypes[] = {"ethernet", "bridge", "bond", "vlan"};
constexpr std::string_view kStartModes[] = {"none", "onboot", "hotplug"};

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE, msg); }

template <typename List>
bool oneOf(const List& list, std::string_view v) {
  for (std::string_view x : list)
    if (x == v) return true;
  return false;
}

// `nested`: a bridge port or bond slave, which libvirt parses as a plain
// definition of its own (ethernet only in practice) without the start mode
// and protocols of a top-level one.
InterfaceDef parseTree(const xml::Element& root, bool nested) {
  if (root.name != "interface")
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "expecting root element of 'interface', not '" + root.name + "'");
  InterfaceDef def;
  const std::string* type = root.attr("type");
  if (!type) fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "Missing required attribute 'type' in element 'interface'");
  if (!oneOf(kTypes, *type))
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
         "Invalid value for attribute 'type' in element 'interface': '" + *type + "'.");
  def.type = *type;
  def.name = root.attrOr("name");
  if (def.name.empty()) xmlError("interface has no name");
  if (const xml::Element* mac = root.child("mac")) def.mac = mac->attrOr("address");
  if (nested) return def;

  if (const xml::Element* start = root.child("start")) {
    def.startMode = start->attrOr("mode");
    if (!def.startMode.empty() && !oneOf(kStartModes, def.startMode))
      xmlError("unknown interface startmode " + def.startMode);
  }
  if (const xml::Element* mtu = root.child("mtu")) {
    // libvirt 9.0 fails here without setting an error (VIR_ERR_INTERNAL_ERROR
    // "An error occurred, but the cause is unknown"); vireo names the cause.
    std::string size = mtu->attrOr("size");
    char* end = nullptr;
    errno = 0;
    unsigned long v = std::strtoul(size.c_str(), &end, 10);
    if (size.empty() || size[0] == '-' || *end || errno || v > 0xffffffffUL)
      xmlError("invalid mtu size '" + size + "' of interface '" + def.name + "'");
    def.mtu = static_cast<unsigned>(v);
  }
  for (const xml::Element* p : root.childrenNamed("protocol")) {
    std::string family = p->attrOr("family");
    if (family != "ipv4" && family != "ipv6") xmlError("unsupported protocol family '" + family + "'");
    def.protocols.push_back(*p);
  }
  if (def.type == "ethernet") {
    if (const xml::Element* link = root.child("link")) def.content.push_back(*link);
  } else {
    const xml::Element* own = root.child(def.type);
    if (!own) xmlError(def.type + " interface misses the " + def.type + " element");
    if (def.type != "vlan")
      for (const xml::Element* port : own->childrenNamed("interface")) parseTree(*port, true);
    def.content.push_back(*own);
  }
  return def;
}

void formatTree(xml::Writer& w, const InterfaceDef& def);

// A bridge's or bond's element: its attributes and every element child as
// given, except the member interfaces, which libvirt formats itself.
void formatContainer(xml::Writer& w, const xml::Element& e) {
  w.open(e.name);
  for (const auto& [name, value] : e.attrs) w.attr(name, value);
  w.endStartTag();
  for (const xml::Element* child : e.elements()) {
    if (child->name == "interface")
      formatTree(w, parseTree(*child, true));
    else
      w.element(*child);
  }
  w.close();
}

void formatTree(xml::Writer& w, const InterfaceDef& def) {
  w.open("interface").attr("type", def.type).attr("name", def.name).endStartTag();
  if (!def.startMode.empty()) w.open("start").attr("mode", def.startMode).close();
  if (def.mtu) w.open("mtu").attr("size", *def.mtu).close();
  for (const xml::Element& p : def.protocols) w.element(p);
  for (const xml::Element& c : def.content) {
    if (c.name == "link") {
      w.open("link");
      if (const std::string* speed = c.attr("speed")) w.attr("speed", *speed);
      if (const std::string* state = c.attr("state")) w.attr("state", *state);
      w.close();
    } else if (c.name == "vlan") {
      w.element(c);
    } else {
      formatContainer(w, c);
    }
  }
  if (!def.mac.empty() && (def.type == "ethernet" || def.type == "vlan"))
    w.open("mac").attr("address", def.mac).close();
  w.close();
}

}  // namespace

InterfaceDef parseInterfaceXml(std::string_view xml) {
  return parseTree(xml::parseElement(xml, "(interface_definition)", VIR_FROM_INTERFACE), false);
}

InterfaceDef parseInterfaceTree(const xml::Element& root) { return parseTree(root, false); }

std::string formatInterfaceXml(const InterfaceDef& def) {
  xml::Writer w;
  formatTree(w, def);
  return w.take();
}

}  // namespace vireo::conf
