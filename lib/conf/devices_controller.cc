// <controller>: buses that other devices plug into.
#include <cerrno>
#include <cstdlib>

#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const std::vector<std::string_view> kControllerOrder = {
    "model", "driver", "target", "pcihole64", "*", "boot", "alias", "master", "acpi", "rom", "address"};
const std::vector<std::string_view> kControllerAttrOrder = {"type", "index", "model", "ports",
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
  return c;
}

xml::Element formatController(const ControllerDef& c) {
  xml::Element e = xml::Element::make("controller");
  e.setAttr("type", c.type);
  e.setAttr("index", std::to_string(c.index.value_or(0)));
  setAttrIf(e, "model", c.model);
  formatDeviceInfo(e, c.info);
  appendUnparsed(e, c.rest);
  orderAttrs(e, kControllerAttrOrder);
  orderChildren(e, kControllerOrder);
  return e;
}

}  // namespace vireo::conf
