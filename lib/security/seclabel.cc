#include "lib/security/seclabel.h"

#include <grp.h>
#include <pwd.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::security {

namespace {

[[noreturn]] void failXml(virErrorNumber code, const std::string& detail) { fail(code, VIR_FROM_DOMAIN, detail); }

std::optional<bool> parseYesNo(const std::string& v) {
  if (v == "yes") return true;
  if (v == "no") return false;
  return std::nullopt;
}

// The text of the first child `name`, "" when absent (libvirt's
// virXPathString gives NULL for an empty string as well).
std::string childText(const xml::Element& e, std::string_view name) {
  const xml::Element* c = e.child(name);
  return c ? c->textContent() : std::string();
}

// A decimal id with nothing else around it.
std::optional<unsigned long> parseNumber(std::string_view s) {
  unsigned long v = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// libvirt's virGetUserID/virGetGroupID: "+N" is a number; a name is looked
// up; digits that are not a name are a number.
template <typename Id, typename Lookup>
Id parseId(std::string_view text, const char* what, const std::string& label, Lookup lookup) {
  if (!text.empty() && text.front() == '+') {
    if (auto n = parseNumber(text.substr(1))) return static_cast<Id>(*n);
  } else if (!text.empty()) {
    if (auto id = lookup(std::string(text))) return *id;
    if (auto n = parseNumber(text)) return static_cast<Id>(*n);
  }
  fail(VIR_ERR_INVALID_ARG, VIR_FROM_SECURITY,
       std::string("Failed to parse ") + what + " '" + std::string(text) + "' in DAC label \"" + label + "\"");
}

std::optional<uid_t> lookupUser(const std::string& name) {
  struct passwd pw {};
  struct passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found) return std::nullopt;
  return found->pw_uid;
}

std::optional<gid_t> lookupGroup(const std::string& name) {
  struct group gr {};
  struct group* found = nullptr;
  std::vector<char> buf(16384);
  if (getgrnam_r(name.c_str(), &gr, buf.data(), buf.size(), &found) != 0 || !found) return std::nullopt;
  return found->gr_gid;
}

}  // namespace

const char* secLabelTypeName(SecLabelType type) {
  switch (type) {
    case SecLabelType::Default: return "default";
    case SecLabelType::None: return "none";
    case SecLabelType::Dynamic: return "dynamic";
    case SecLabelType::Static: return "static";
  }
  return "default";
}

SecLabelDef parseSecLabel(const xml::Element& e, bool live) {
  SecLabelDef l;
  l.model = e.attrOr("model");
  if (const std::string* type = e.attr("type")) {
    if (*type == "none") l.type = SecLabelType::None;
    else if (*type == "dynamic") l.type = SecLabelType::Dynamic;
    else if (*type == "static") l.type = SecLabelType::Static;
    else failXml(VIR_ERR_XML_ERROR, "Invalid value for attribute 'type' in element 'seclabel': '" + *type + "'.");
  }
  // Static and none labels do not relabel unless told to.
  l.relabel = l.type == SecLabelType::Dynamic;
  if (const std::string* relabel = e.attr("relabel")) {
    auto v = parseYesNo(*relabel);
    if (!v) failXml(VIR_ERR_XML_ERROR, "invalid security relabel value '" + *relabel + "'");
    l.relabel = *v;
  }
  if (l.type == SecLabelType::Dynamic && !l.relabel)
    failXml(VIR_ERR_CONFIG_UNSUPPORTED, "dynamic label type must use resource relabeling");
  if (l.type == SecLabelType::None && l.relabel)
    failXml(VIR_ERR_CONFIG_UNSUPPORTED, "resource relabeling is not compatible with 'none' label type");

  // The model 'none' carries no labels at all.
  if (l.model == "none") {
    if (!live) {
      l.type = SecLabelType::None;  // libvirt fixes up old configurations this way
      l.relabel = false;
    } else if (l.type != SecLabelType::None) {
      failXml(VIR_ERR_CONFIG_UNSUPPORTED,
              std::string("unsupported type='") + secLabelTypeName(l.type) + "' to model 'none'");
    }
    return l;
  }

  // A persistent definition keeps only static labels; a live one every
  // label that was generated.
  if (l.type == SecLabelType::Static || (live && l.type != SecLabelType::None)) {
    l.label = childText(e, "label");
    if (l.label.empty()) failXml(VIR_ERR_XML_ERROR, "security label is missing");
  }
  if (l.relabel && live && l.type != SecLabelType::None) {
    l.imageLabel = childText(e, "imagelabel");
    if (l.imageLabel.empty()) failXml(VIR_ERR_XML_ERROR, "security imagelabel is missing");
  }
  if (l.type == SecLabelType::Dynamic) l.baseLabel = childText(e, "baselabel");
  return l;
}

std::vector<SecLabelDef> parseDomainSecLabels(const conf::DomainDef& def, bool live, std::string_view defaultModel) {
  std::vector<SecLabelDef> labels;
  for (const xml::Element& e : def.otherTopLevel) {
    if (e.name != "seclabel") continue;
    SecLabelDef l = parseSecLabel(e, live);
    for (const SecLabelDef& other : labels)
      if (other.model == l.model)
        failXml(VIR_ERR_XML_DETAIL, "seclabel for model " + l.model + " is already provided");
    labels.push_back(std::move(l));
  }
  // A lone label may leave its model out (libvirt before 0.10 had only one).
  if (labels.size() == 1 && labels[0].model.empty()) labels[0].model = std::string(defaultModel);
  if (labels.size() > 1)
    for (const SecLabelDef& l : labels)
      if (l.model.empty()) failXml(VIR_ERR_XML_ERROR, "missing security model when using multiple labels");
  return labels;
}

xml::Element formatSecLabel(const SecLabelDef& l, bool migratable) {
  if (l.type == SecLabelType::Default) return {};
  if (migratable && l.implicit && (l.model == "dac" || l.model == "none")) return {};
  xml::Element e = xml::Element::make("seclabel");
  e.setAttr("type", secLabelTypeName(l.type));
  if (!l.model.empty()) e.setAttr("model", l.model);
  if (l.type == SecLabelType::None) return e;
  e.setAttr("relabel", l.relabel ? "yes" : "no");
  auto addText = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    e.addChild(xml::Element::make(name)).addText(value);
  };
  addText("label", l.label);
  if (l.relabel) addText("imagelabel", l.imageLabel);
  if (l.type == SecLabelType::Dynamic) addText("baselabel", l.baseLabel);
  return e;
}

void storeDomainSecLabels(conf::DomainDef& def, const std::vector<SecLabelDef>& labels) {
  std::erase_if(def.otherTopLevel, [](const xml::Element& e) { return e.name == "seclabel"; });
  for (const SecLabelDef& l : labels) {
    xml::Element e = formatSecLabel(l);
    if (!e.name.empty()) def.otherTopLevel.push_back(std::move(e));
  }
}

const SecLabelDef* findSecLabel(const std::vector<SecLabelDef>& labels, std::string_view model) {
  for (const SecLabelDef& l : labels)
    if (l.model == model) return &l;
  return nullptr;
}

SecLabelDef* findSecLabel(std::vector<SecLabelDef>& labels, std::string_view model) {
  for (SecLabelDef& l : labels)
    if (l.model == model) return &l;
  return nullptr;
}

std::vector<DeviceSecLabel> parseDeviceSecLabels(const std::vector<xml::Element>& children) {
  std::vector<DeviceSecLabel> out;
  for (const xml::Element& e : children) {
    if (!e.isElement() || e.name != "seclabel") continue;
    DeviceSecLabel l;
    l.model = e.attrOr("model");
    if (const std::string* relabel = e.attr("relabel")) {
      auto v = parseYesNo(*relabel);
      if (!v) failXml(VIR_ERR_XML_ERROR, "invalid security relabel value " + *relabel);
      l.relabel = *v;
    }
    l.label = childText(e, "label");
    if (!l.label.empty() && !l.relabel)
      failXml(VIR_ERR_XML_ERROR, "Cannot specify a label if relabelling is turned off. model=" +
                                     (l.model.empty() ? std::string("<null>") : l.model));
    out.push_back(std::move(l));
  }
  return out;
}

const DeviceSecLabel* findDeviceSecLabel(const std::vector<DeviceSecLabel>& labels, std::string_view model) {
  for (const DeviceSecLabel& l : labels)
    if (l.model == model) return &l;
  return nullptr;
}

OwnerIds parseOwnershipIds(std::string_view label) {
  std::string whole(label);
  auto colon = label.find(':');
  if (colon == std::string_view::npos)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_SECURITY, "Missing separator ':' in DAC label \"" + whole + "\"");
  OwnerIds ids;
  ids.uid = parseId<uid_t>(label.substr(0, colon), "user", whole, lookupUser);
  ids.gid = parseId<gid_t>(label.substr(colon + 1), "group", whole, lookupGroup);
  return ids;
}

std::string formatOwnershipIds(uid_t uid, gid_t gid) {
  return "+" + std::to_string(static_cast<unsigned>(uid)) + ":+" + std::to_string(static_cast<unsigned>(gid));
}

}  // namespace vireo::security
