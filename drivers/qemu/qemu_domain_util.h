// Small questions the QEMU driver's defaults and address code ask about a
// definition: which chipset the machine type has, and the values of
// attributes that lib/conf keeps as preserved XML (Unparsed) rather than as
// typed fields. Private to drivers/qemu.
#pragma once

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "lib/conf/domain_def.h"

namespace vireo::qemu {

inline bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// libvirt recognises the chipset by the machine type's name, canonical or not.
inline bool isI440fx(std::string_view machine) {
  return machine == "pc" || startsWith(machine, "pc-0.") || startsWith(machine, "pc-1.") ||
         startsWith(machine, "pc-i440fx-") || startsWith(machine, "rhel");
}
inline bool isQ35(std::string_view machine) { return machine == "q35" || startsWith(machine, "pc-q35"); }

inline bool isX86(const conf::DomainDef& def) { return def.os.arch == "x86_64" || def.os.arch == "i686"; }

// ---- controllers ------------------------------------------------------------

// An ICH9 USB2 controller or one of its USB1 companions.
inline bool isUsb2(const conf::ControllerDef& c) {
  return c.type == "usb" && (c.model == "ich9-ehci1" || c.model == "ich9-uhci1" || c.model == "ich9-uhci2" ||
                             c.model == "ich9-uhci3");
}

inline bool hasController(const conf::DomainDef& def, std::string_view type, int index) {
  for (const auto& c : def.controllers)
    if (c.type == type && c.index == index) return true;
  return false;
}

// libvirt appends every controller it adds, whatever its type (only the
// controllers of the XML are sorted by type and index).
inline void appendController(conf::DomainDef& def, std::string type, int index, std::string model = {}) {
  conf::ControllerDef c;
  c.type = std::move(type);
  c.index = index;
  c.model = std::move(model);
  def.controllers.push_back(std::move(c));
}

// ---- preserved attributes and children ----------------------------------

inline const std::string* findAttr(const conf::Unparsed& u, std::string_view name) {
  for (const auto& [k, v] : u.attrs)
    if (k == name) return &v;
  return nullptr;
}
inline std::string attrOf(const conf::Unparsed& u, std::string_view name) {
  const std::string* v = findAttr(u, name);
  return v ? *v : std::string();
}
// Sets `name`, right after attribute `after` when `name` is new and `after`
// exists (libvirt's attribute order), else at the end.
inline void setAttrAfter(std::vector<std::pair<std::string, std::string>>& attrs, std::string_view name,
                         std::string value, std::string_view after = {}) {
  for (auto& [k, v] : attrs)
    if (k == name) {
      v = std::move(value);
      return;
    }
  auto pos = attrs.end();
  for (auto it = attrs.begin(); it != attrs.end(); ++it)
    if (!after.empty() && it->first == after) pos = it + 1;
  attrs.emplace(pos, std::string(name), std::move(value));
}

inline xml::Element* childOf(conf::Unparsed& u, std::string_view name) {
  for (auto& c : u.children)
    if (c.isElement() && c.name == name) return &c;
  return nullptr;
}
inline const xml::Element* childOf(const conf::Unparsed& u, std::string_view name) {
  for (const auto& c : u.children)
    if (c.isElement() && c.name == name) return &c;
  return nullptr;
}
inline xml::Element& ensureChild(conf::Unparsed& u, std::string_view name) {
  if (xml::Element* c = childOf(u, name)) return *c;
  u.children.push_back(xml::Element::make(std::string(name)));
  return u.children.back();
}

// The attribute `name` of a typed address (virtio-serial, usb, ccid, ...).
inline std::optional<std::string> addressAttr(const conf::DeviceAddress& a, std::string_view name) {
  for (const auto& [k, v] : a.attrs)
    if (k == name) return v;
  return std::nullopt;
}

// libvirt reads numbers in the domain XML with base 0 ("0x10" == "16").
inline std::optional<unsigned long long> parseNumber(std::string_view s) {
  std::string text(s);
  if (text.empty() || text[0] == '-') return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 0);
  if (errno || *end) return std::nullopt;
  return v;
}

}  // namespace vireo::qemu
