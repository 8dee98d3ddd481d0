// <hostdev>, <memballoon>, and the devices kept as preserved XML.
#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const std::vector<std::string_view> kHostdevOrder = {
    "driver", "source", "readonly", "shareable", "*", "boot", "alias", "master", "acpi", "rom", "address"};
const std::vector<std::string_view> kGenericOrder = {"*", "boot", "alias", "master", "acpi", "rom", "address"};
const std::vector<std::string_view> kMemballoonOrder = {"alias", "address", "stats", "driver", "*"};

}  // namespace

HostdevDef parseHostdev(const xml::Element& e) {
  NodeReader r(e);
  HostdevDef h;
  h.mode = r.attrOr("mode", "subsystem");
  h.type = r.attrOr("type");
  h.managed = r.attrOr("managed");
  // libvirt spells out managed='no' for the PCI-like subsystem types.
  if (h.mode == "subsystem" && h.managed.empty() &&
      (h.type == "pci" || h.type == "usb" || h.type == "scsi" || h.type == "mdev" || h.type == "scsi_host"))
    h.managed = "no";
  h.info = parseDeviceInfo(r);
  h.rest = r.rest();
  return h;
}

xml::Element formatHostdev(const HostdevDef& h) {
  xml::Element e = xml::Element::make("hostdev");
  e.setAttr("mode", h.mode);
  e.setAttr("type", h.type);
  setAttrIf(e, "managed", h.managed);
  formatDeviceInfo(e, h.info);
  appendUnparsed(e, h.rest);
  orderAttrs(e, {"mode", "type", "managed", "model", "display", "ramfb"});
  orderChildren(e, kHostdevOrder);
  return e;
}

MemballoonDef parseMemballoon(const xml::Element& e) {
  NodeReader r(e);
  MemballoonDef m;
  m.model = r.attrOr("model");
  if (m.model.empty()) fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "balloon memory must contain model name");
  m.info = parseDeviceInfo(r);
  m.rest = r.rest();
  return m;
}

xml::Element formatMemballoon(const MemballoonDef& m) {
  xml::Element e = xml::Element::make("memballoon");
  e.setAttr("model", m.model);
  formatDeviceInfo(e, m.info);
  appendUnparsed(e, m.rest);
  orderChildren(e, kMemballoonOrder);
  return e;
}

GenericDeviceDef parseGenericDevice(const xml::Element& e) {
  NodeReader r(e);
  GenericDeviceDef g;
  g.kind = e.name;
  g.info = parseDeviceInfo(r);
  g.rest = r.rest();
  return g;
}

xml::Element formatGenericDevice(const GenericDeviceDef& g) {
  xml::Element e = xml::Element::make(g.kind);
  appendUnparsed(e, g.rest);
  formatDeviceInfo(e, g.info);
  orderChildren(e, kGenericOrder);
  return e;
}

}  // namespace vireo::conf
