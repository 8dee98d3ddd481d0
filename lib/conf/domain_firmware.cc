// The guest firmware: <os firmware=...> (autoselection), its <firmware>
// features, <loader> and <nvram>, read and checked as libvirt 9.0 does.
//
// With autoselection the hypervisor picks the firmware image, so the
// loader may not name one (path, type, readonly) nor refuse Secure Boot;
// without it the loader must name its image, a ROM unless told otherwise.
#include <algorithm>
#include <string>

#include "lib/conf/domain_internal.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void detail(const std::string& msg) { fail(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, msg); }

[[noreturn]] void badValue(std::string_view attr, std::string_view element, const std::string& value) {
  fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
       "Invalid value for attribute '" + std::string(attr) + "' in element '" + std::string(element) +
           "': '" + value + "'.");
}

void checkYesNo(const xml::Element& e, std::string_view attr) {
  if (const std::string* v = e.attr(attr); v && *v != "yes" && *v != "no") badValue(attr, e.name, *v);
}

// <firmware><feature enabled= name=/>: read only with autoselection; the
// last value given for a feature wins, and enrolled keys imply Secure Boot.
void readFirmwareFeatures(OsDef& os) {
  auto it = std::find_if(os.rest.children.begin(), os.rest.children.end(),
                         [](const xml::Element& c) { return c.isElement() && c.name == "firmware"; });
  if (it == os.rest.children.end()) return;
  if (os.firmware.empty()) {
    os.rest.children.erase(it);
    return;
  }
  std::string enrolledKeys, secureBoot;
  for (const xml::Element* f : it->childrenNamed("feature")) {
    const std::string* enabled = f->attr("enabled");
    const std::string* name = f->attr("name");
    if (!enabled)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "Missing required attribute 'enabled' in element 'feature'");
    if (*enabled != "yes" && *enabled != "no") badValue("enabled", "feature", *enabled);
    if (!name)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "Missing required attribute 'name' in element 'feature'");
    if (*name == "enrolled-keys")
      enrolledKeys = *enabled;
    else if (*name == "secure-boot")
      secureBoot = *enabled;
    else
      badValue("name", "feature", *name);
  }
  if (enrolledKeys == "yes" && secureBoot.empty()) secureBoot = "yes";
  it->attrs.clear();
  it->children.clear();
  for (const auto& [name, enabled] :
       {std::pair{"enrolled-keys", enrolledKeys}, std::pair{"secure-boot", secureBoot}}) {
    if (enabled.empty()) continue;
    xml::Element f = xml::Element::make("feature");
    f.setAttr("enabled", enabled);
    f.setAttr("name", name);
    it->addChild(std::move(f));
  }
  if (it->children.empty()) os.rest.children.erase(it);
}

// <loader>: yes/no switches, a type, the image path. libvirt keeps only
// these, in its order.
void readLoader(OsDef& os) {
  xml::Element& l = os.loader;
  for (const char* attr : {"readonly", "secure", "stateless"}) checkYesNo(l, attr);
  std::string type = l.attrOr("type");
  if (!type.empty() && type != "rom" && type != "pflash") badValue("type", "loader", type);
  const std::string path = l.textContent();
  const bool autoselect = !os.firmware.empty();
  if (autoselect) {
    if (l.hasAttr("readonly"))
      detail("loader attribute 'readonly' cannot be specified when firmware autoselection is enabled");
    if (!type.empty() || !path.empty())
      detail("loader attribute 'type' cannot be specified when firmware autoselection is enabled");
    if (l.attrOr("secure") == "no")
      detail("loader attribute 'secure' cannot be specified when firmware autoselection is enabled");
  } else if (!path.empty() && type.empty()) {
    type = "rom";
  }
  xml::Element kept = xml::Element::make("loader");
  for (const char* attr : {"readonly", "secure", "type", "stateless"}) {
    std::string v = std::string_view(attr) == "type" ? type : l.attrOr(attr);
    if (!v.empty()) kept.setAttr(attr, v);
  }
  if (!path.empty()) kept.addText(path);
  // With autoselection a loader that says nothing is not kept at all.
  if (autoselect && kept.attrs.empty()) kept = xml::Element();
  l = std::move(kept);
}

}  // namespace

void readFirmware(OsDef& os) {
  if (!os.firmware.empty() && os.firmware != "bios" && os.firmware != "efi")
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "unknown firmware value " + os.firmware);
  readFirmwareFeatures(os);
  if (!os.loader.name.empty()) readLoader(os);
  if (!os.firmware.empty() && os.nvram.hasAttr("template"))
    detail("nvram attribute 'template' cannot be specified when firmware autoselection is enabled");
}

void validateFirmware(const OsDef& os) {
  const bool hasLoader = !os.loader.name.empty() || !os.nvram.name.empty();
  const xml::Element* features = nullptr;
  for (const auto& c : os.rest.children)
    if (c.isElement() && c.name == "firmware") features = &c;
  auto feature = [&](std::string_view name) {
    if (features)
      for (const xml::Element* f : features->childrenNamed("feature"))
        if (f->attrOr("name") == name) return f->attrOr("enabled");
    return std::string();
  };
  // An NVRAM store: a path or a source, not just a template.
  const bool nvram =
      !os.nvram.name.empty() && (!os.nvram.textContent().empty() || os.nvram.hasElementChildren());
  if (!os.firmware.empty()) {
    if (feature("enrolled-keys") == "yes" && feature("secure-boot") == "no")
      detail(
          "firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is "
          "disabled");
    if (!hasLoader) return;
    if (nvram && os.firmware != "efi") detail("firmware type '" + os.firmware + "' does not support nvram");
  } else {
    if (!hasLoader) return;
    if (os.loader.textContent().empty())
      detail("no loader path specified and firmware auto selection disabled");
  }
  const std::string stateless = os.loader.attrOr("stateless");
  if (stateless == "yes") {
    if (os.nvram.hasAttr("template")) detail("NVRAM template is not permitted when loader is stateless");
    if (nvram) detail("NVRAM is not permitted when loader is stateless");
  } else if (stateless == "no") {
    if (os.firmware.empty() && os.loader.attrOr("type") != "pflash")
      detail("Only pflash loader type permits NVRAM");
    if (!os.firmware.empty() && os.firmware != "efi") detail("Only EFI firmware permits NVRAM");
  }
}

}  // namespace vireo::conf
