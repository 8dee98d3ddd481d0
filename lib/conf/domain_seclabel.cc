// Security labels: the domain's <seclabel>s (one per security model) and
// the per-resource <seclabel>s inside a disk's or character device's
// <source>, read as libvirt reads a persistent definition.
//
// What a label becomes at run time (a dynamic label's label and every
// <imagelabel>, a resource's labelskip) is live state: kept when a live
// (status) definition is read, dropped from a persistent one.
#include <algorithm>
#include <set>
#include <string>

#include "lib/conf/domain_internal.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void badValue(std::string_view attr, const std::string& value) {
  fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
       "Invalid value for attribute '" + std::string(attr) + "' in element 'seclabel': '" + value + "'.");
}

std::string yesNo(const xml::Element& e, std::string_view attr, std::string_view fallback) {
  const std::string* v = e.attr(attr);
  if (!v) return std::string(fallback);
  if (*v != "yes" && *v != "no") badValue(attr, *v);
  return *v;
}

void checkModelOnce(std::set<std::string>& models, const std::string& model) {
  if (!model.empty() && !models.insert(model).second)
    fail(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "seclabel for model " + model + " is already provided");
}

std::string childText(const xml::Element& e, std::string_view name) {
  const xml::Element* c = e.child(name);
  return c ? c->textContent() : std::string();
}

// One domain label. Returns false for a label of no type, which libvirt
// keeps unformatted.
bool normalizeDomainLabel(xml::Element& l, bool inactive) {
  const std::string type = l.attrOr("type");
  if (!type.empty() && type != "none" && type != "dynamic" && type != "static") badValue("type", type);
  // A dynamic label is relabelled by definition; a static one is not unless told.
  const std::string relabel = yesNo(l, "relabel", type == "static" ? "no" : "yes");
  if (type == "dynamic" && relabel == "no")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "dynamic label type must use resource relabeling");
  if (type == "none" && l.hasAttr("relabel") && relabel == "yes")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         "resource relabeling is not compatible with 'none' label type");
  const std::string label = childText(l, "label");
  if (type == "static" && label.empty())
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "security label is missing");
  const std::string baselabel = childText(l, "baselabel");
  const std::string imagelabel = childText(l, "imagelabel");
  const std::string model = l.attrOr("model");

  xml::Element kept = xml::Element::make("seclabel");
  kept.setAttr("type", type);
  if (!model.empty()) kept.setAttr("model", model);
  if (type != "none") kept.setAttr("relabel", relabel);
  if (type == "static" || (!inactive && type == "dynamic" && !label.empty()))
    kept.addChild(xml::Element::make("label")).addText(label);
  if (!inactive && type != "none" && relabel == "yes" && !imagelabel.empty())
    kept.addChild(xml::Element::make("imagelabel")).addText(imagelabel);
  if (type == "dynamic" && !baselabel.empty())
    kept.addChild(xml::Element::make("baselabel")).addText(baselabel);
  l = std::move(kept);
  return !type.empty();
}

}  // namespace

void normalizeDomainSeclabels(DomainDef& def, bool inactive) {
  std::set<std::string> models;
  std::size_t count = 0;
  bool missingModel = false;
  for (auto& e : def.otherTopLevel) {
    if (!e.isElement() || e.name != "seclabel") continue;
    ++count;
    const std::string model = e.attrOr("model");
    missingModel |= model.empty();
    if (!normalizeDomainLabel(e, inactive)) e = xml::Element();
    checkModelOnce(models, model);
  }
  if (count > 1 && missingModel)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "missing security model when using multiple labels");
  std::erase_if(def.otherTopLevel, [](const xml::Element& e) { return e.isElement() && e.name.empty(); });
}

void normalizeResourceSeclabels(std::vector<xml::Element>& children, bool inactive) {
  std::set<std::string> models;
  for (auto& l : children) {
    if (!l.isElement() || l.name != "seclabel") continue;
    const std::string model = l.attrOr("model");
    const std::string relabel = yesNo(l, "relabel", "yes");
    const xml::Element* label = l.child("label");
    if (label && relabel == "no")
      fail(
          VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
          "Cannot specify a label if relabelling is turned off. model=" + (model.empty() ? "(null)" : model));
    checkModelOnce(models, model);
    xml::Element kept = xml::Element::make("seclabel");
    if (!model.empty()) kept.setAttr("model", model);
    kept.setAttr("relabel", relabel);
    const bool labelskip = !inactive && yesNo(l, "labelskip", "no") == "yes";
    if (labelskip) kept.setAttr("labelskip", "yes");
    if (label) kept.addChild(*label);
    // Relabelling with the default label says nothing a definition keeps.
    if (relabel == "yes" && !label && !labelskip) kept = xml::Element();
    l = std::move(kept);
  }
  std::erase_if(children, [](const xml::Element& e) { return e.isElement() && e.name.empty(); });
}

}  // namespace vireo::conf
