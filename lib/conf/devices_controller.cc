// <controller>: buses that other devices plug into.
#include <cerrno>
#include <cstdlib>

#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kControllerOrder = {
    "model", "driver", "target", "pcihole64", "*", "boot", "alias", "master", "acpi", "rom", "address"};
const NameOrder kControllerAttrOrder = {"type", "index", "model", "ports",
                                                            "vectors", "maxGrantFrames",
                                                            "maxEventChannels"};

}  // namespace

ControllerDef parseController(const xml::Element& e) {
  NodeReader r(e);
  ControllerDef c;
  c.type = r.attrOr("type", "ide");
  if (auto idx = r.attr("index")) {
    errno = 0;
    char* end = nullptr;
    long v = std::strtol(idx->c_str(), &end, 10);
    if (idx->empty() || *end || errno || v < 0 || v > 0x7fffffff)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "Invalid value for attribute 'index' in element 'controller': '" + *idx + "'.");
    c.index = static_cast<int>(v);
  }
  c.model = r.attrOr("model");
  c.info = parseDeviceInfo(r);
  c.rest = r.rest();
  // An ICH9 UHCI controller is a companion of the EHCI one of its index:
  // without <master>, libvirt gives it the ports its number implies.
  if (c.type == "usb" && c.info.master.name.empty()) {
    const char* startport = c.model == "ich9-uhci1" ? "0" : c.model == "ich9-uhci2" ? "2"
                          : c.model == "ich9-uhci3" ? "4" : nullptr;
    if (startport) {
      c.info.master = xml::Element::make("master");
      c.info.master.setAttr("startport", startport);
    }
  }
  return c;
}

void writeController(xml::Writer& w, const ControllerDef& c) {
  AttrList attrs;
  attrs.add("type", c.type);
  attrs.addNumber("index", c.index.value_or(0));
  attrs.addIf("model", c.model);
  attrs.addPreserved(c.rest.attrs);
  attrs.sort(kControllerAttrOrder);
  ChildList kids(kControllerOrder);
  addDeviceInfo(kids, c.info);
  kids.addPreserved(c.rest.children);

  w.open("controller");
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) { writeDeviceInfoChild(out, tag, c.info); });
  w.close();
}

}  // namespace vireo::conf
