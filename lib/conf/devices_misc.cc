// <hostdev>, <memballoon>, and the devices kept as preserved XML.
#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kHostdevOrder = {
    "driver", "source", "readonly", "shareable", "*", "boot", "alias", "master", "acpi", "rom", "address"};
const NameOrder kHostdevAttrOrder = {"mode", "type", "managed", "model", "display", "ramfb"};
const NameOrder kGenericOrder = {"*", "boot", "alias", "master", "acpi", "rom", "address"};
const NameOrder kMemballoonOrder = {"alias", "address", "stats", "driver", "*"};

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

void writeHostdev(xml::Writer& w, const HostdevDef& h) {
  AttrList attrs;
  attrs.add("mode", h.mode);
  attrs.add("type", h.type);
  attrs.addIf("managed", h.managed);
  attrs.addPreserved(h.rest.attrs);
  attrs.sort(kHostdevAttrOrder);
  ChildList kids(kHostdevOrder);
  addDeviceInfo(kids, h.info);
  kids.addPreserved(h.rest.children);

  w.open("hostdev");
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) { writeDeviceInfoChild(out, tag, h.info); });
  w.close();
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

void writeMemballoon(xml::Writer& w, const MemballoonDef& m) {
  AttrList attrs;
  attrs.add("model", m.model);
  attrs.addPreserved(m.rest.attrs);
  ChildList kids(kMemballoonOrder);
  addDeviceInfo(kids, m.info);
  kids.addPreserved(m.rest.children);

  w.open("memballoon");
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) { writeDeviceInfoChild(out, tag, m.info); });
  w.close();
}

GenericDeviceDef parseGenericDevice(const xml::Element& e) {
  NodeReader r(e);
  GenericDeviceDef g;
  g.kind = e.name;
  g.info = parseDeviceInfo(r);
  g.rest = r.rest();
  return g;
}

void writeGenericDevice(xml::Writer& w, const GenericDeviceDef& g) {
  AttrList attrs;
  attrs.addPreserved(g.rest.attrs);
  // The preserved children go first here: ties in the order keep them ahead.
  ChildList kids(kGenericOrder);
  kids.addPreserved(g.rest.children);
  addDeviceInfo(kids, g.info);

  w.open(g.kind);
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) { writeDeviceInfoChild(out, tag, g.info); });
  w.close();
}

}  // namespace vireo::conf
