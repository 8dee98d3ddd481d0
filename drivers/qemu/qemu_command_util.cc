// Small helpers of the command line builder: the ordered JSON writer used
// for -device/-object/-blockdev/-netdev arguments, errors, and parsing of
// values kept as preserved XML.
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "drivers/qemu/qemu_command_internal.h"
#include "lib/util/error.h"

namespace vireo::qemu::cmd {

// ---- JsonArgWriter -------------------------------------------------------------

std::string jsonQuote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          // '/' and non-ASCII UTF-8 pass through, as libvirt writes them.
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

void JsonArgWriter::key(std::string_view k) {
  if (!body_.empty()) body_ += ',';
  body_ += jsonQuote(k);
  body_ += ':';
}

JsonArgWriter& JsonArgWriter::str(std::string_view k, std::string_view value) {
  key(k);
  body_ += jsonQuote(value);
  return *this;
}

JsonArgWriter& JsonArgWriter::strIf(std::string_view k, std::string_view value) {
  if (!value.empty()) str(k, value);
  return *this;
}

JsonArgWriter& JsonArgWriter::num(std::string_view k, long long value) {
  key(k);
  body_ += std::to_string(value);
  return *this;
}

JsonArgWriter& JsonArgWriter::unum(std::string_view k, unsigned long long value) {
  key(k);
  body_ += std::to_string(value);
  return *this;
}

JsonArgWriter& JsonArgWriter::boolean(std::string_view k, bool value) {
  key(k);
  body_ += value ? "true" : "false";
  return *this;
}

JsonArgWriter& JsonArgWriter::optBool(std::string_view k, std::optional<bool> value) {
  if (value) boolean(k, *value);
  return *this;
}

JsonArgWriter& JsonArgWriter::null(std::string_view k) {
  key(k);
  body_ += "null";
  return *this;
}

JsonArgWriter& JsonArgWriter::object(std::string_view k, const JsonArgWriter& inner) {
  key(k);
  body_ += inner.text();
  return *this;
}

// ---- errors --------------------------------------------------------------------

void unsupported(std::string_view what) { fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, what); }

void internalError(std::string_view what) { fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, what); }

// ---- parsing -------------------------------------------------------------------

std::string escapeComma(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    out += c;
    if (c == ',') out += ',';
  }
  return out;
}

unsigned long long parseNumber(std::string_view text, std::string_view what) {
  std::string t(text);
  if (t.empty() || t[0] == '-' || t[0] == '+' || t[0] == ' ')
    internalError("cannot parse " + std::string(what) + " '" + t + "'");
  bool hex = t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X');
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(hex ? t.c_str() + 2 : t.c_str(), &end, hex ? 16 : 10);
  if (*end != '\0' || errno != 0) internalError("cannot parse " + std::string(what) + " '" + t + "'");
  return v;
}

std::optional<bool> parseSwitch(std::string_view text) {
  if (text == "on" || text == "yes") return true;
  if (text == "off" || text == "no") return false;
  return std::nullopt;
}

const xml::Element* findChild(const conf::Unparsed& u, std::string_view name) {
  for (const auto& c : u.children)
    if (c.isElement() && c.name == name) return &c;
  return nullptr;
}

std::vector<const xml::Element*> findChildren(const conf::Unparsed& u, std::string_view name) {
  std::vector<const xml::Element*> out;
  for (const auto& c : u.children)
    if (c.isElement() && c.name == name) out.push_back(&c);
  return out;
}

const std::string* findAttr(const conf::Unparsed& u, std::string_view name) {
  for (const auto& [k, v] : u.attrs)
    if (k == name) return &v;
  return nullptr;
}

// ---- virtio ---------------------------------------------------------------------

std::string virtioDriverName(std::string_view base, const conf::DeviceInfo& info, std::string_view model) {
  std::string name(base);
  const std::string& type = info.address.type;
  // x86 virtio devices sit on PCI; a device without an address yet is
  // placed on PCI by QEMU as well.
  if (type.empty() || type == "pci") name += "-pci";
  else unsupported("virtio devices with address type '" + type + "' are not supported");
  if (model == "virtio-transitional") name += "-transitional";
  else if (model == "virtio-non-transitional") name += "-non-transitional";
  return name;
}

void addVirtioOptions(JsonArgWriter& props, const xml::Element* driver) {
  if (!driver) return;
  props.optBool("iommu_platform", parseSwitch(driver->attrOr("iommu")));
  props.optBool("ats", parseSwitch(driver->attrOr("ats")));
  props.optBool("packed", parseSwitch(driver->attrOr("packed")));
  props.optBool("page-per-vq", parseSwitch(driver->attrOr("page_per_vq")));
}

// ---- BuildState ----------------------------------------------------------------

namespace {

// The canonical name behind an alias ("q35" -> "pc-q35-7.2"), when the
// capabilities know it; the name itself otherwise.
std::string canonicalMachine(const BuildState& st) {
  const std::string& m = st.def.os.machine;
  if (st.ctx.caps)
    for (const auto& mach : st.ctx.caps->machines)
      if (mach.alias == m) return mach.name;
  return m;
}

}  // namespace

bool BuildState::isQ35() const {
  std::string m = canonicalMachine(*this);
  return m == "q35" || m.rfind("pc-q35", 0) == 0;
}

bool BuildState::isI440fx() const {
  std::string m = canonicalMachine(*this);
  return m == "pc" || m.rfind("pc-i440fx", 0) == 0 || m.rfind("pc-0.", 0) == 0 || m.rfind("pc-1.", 0) == 0;
}

unsigned long BuildState::qemuVersion() const { return ctx.caps ? ctx.caps->version() : 0; }

}  // namespace vireo::qemu::cmd
