#include "lib/conf/device_info.h"

#include <cctype>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "lib/util/error.h"

namespace vireo::conf {

const std::vector<std::string_view> kDeviceInfoOrder = {"boot", "alias", "master", "acpi", "rom",
                                                        "address"};

namespace {

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, msg); }

// libvirt reads address numbers with base 0: "0x10", "16" and "020" agree.
std::optional<unsigned long long> parseNumber(const std::string& s) {
  if (s.empty() || s[0] == '-') return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 0);
  if (errno || *end) return std::nullopt;
  return v;
}

unsigned attrNumber(const xml::Element& e, const char* name, unsigned max, const char* what) {
  const std::string* v = e.attr(name);
  if (!v) return 0;
  auto n = parseNumber(*v);
  if (!n || *n > max)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
         std::string("Cannot parse <address> '") + name + "' attribute" + (what ? what : ""));
  return static_cast<unsigned>(*n);
}

// An attribute libvirt reads as an unsigned int (virXMLPropUInt, base 0).
unsigned propUInt(const xml::Element& e, const char* name) {
  const std::string& v = *e.attr(name);
  auto n = parseNumber(v);
  if (!n || *n > 0xffffffffu)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML,
         std::string("Invalid value for attribute '") + name + "' in element '" + e.name + "': '" + v +
             "'. Expected non-negative integer value");
  return static_cast<unsigned>(*n);
}

// "0x" and at least `width` lowercase hex digits, as printf's "0x%0*llx",
// into `buf` (without printf: every formatted PCI address needs four).
std::string_view hex(char (&buf)[20], unsigned long long v, int width) {
  char* const end = buf + sizeof buf;
  char* p = end;
  do {
    *--p = "0123456789abcdef"[v & 0xf];
    v >>= 4;
  } while (v);
  while (end - p < width && p > buf + 2) *--p = '0';
  *--p = 'x';
  *--p = '0';
  return {p, static_cast<std::size_t>(end - p)};
}

std::string hex(unsigned long long v, int width) {
  char buf[20];
  return std::string(hex(buf, v, width));
}

// "0x" and the decimal digits: libvirt prints a PCI function with "0x%d".
std::string_view decimal0x(char (&buf)[20], unsigned v) {
  buf[0] = '0';
  buf[1] = 'x';
  auto res = std::to_chars(buf + 2, buf + sizeof buf, v);
  return {buf, static_cast<std::size_t>(res.ptr - buf)};
}

// An s390 PCI device's <zpci>: libvirt writes both ids, uid in four hex
// digits and fid in eight, an id not given being 0.
xml::Element normalizeZpci(const xml::Element& z) {
  auto id = [&](const char* name) -> unsigned long long {
    const std::string* v = z.attr(name);
    if (!v) return 0;
    auto n = parseNumber(*v);
    if (!n || *n > 0xffffffffULL) xmlError(std::string("Cannot parse <address> '") + name + "' attribute");
    return *n;
  };
  char uid[16], fid[16];
  std::snprintf(uid, sizeof uid, "0x%04llx", id("uid"));
  std::snprintf(fid, sizeof fid, "0x%08llx", id("fid"));
  xml::Element out = xml::Element::make("zpci");
  out.setAttr("uid", uid);
  out.setAttr("fid", fid);
  return out;
}

void parsePci(const xml::Element& e, DeviceAddress& a) {
  auto field = [&](const char* name, unsigned max, const char* shown) -> unsigned {
    const std::string* v = e.attr(name);
    if (!v) return 0;
    auto n = parseNumber(*v);
    if (!n || *n > 0xffffffffULL)
      xmlError(std::string("Cannot parse <address> '") + name + "' attribute");
    if (*n > max) {
      // libvirt's own wording, which differs a little per field.
      char buf[128];
      if (std::string(name) == "function")
        std::snprintf(buf, sizeof buf, "Invalid PCI address function=0x%llx, must be <= %u", *n, max);
      else
        std::snprintf(buf, sizeof buf, "Invalid PCI address %s='0x%llx', must be <= %s", name, *n, shown);
      xmlError(buf);
    }
    return static_cast<unsigned>(*n);
  };
  a.pci.domain = field("domain", 0xffff, "0xFFFF");
  a.pci.bus = field("bus", 0xff, "0xFF");
  a.pci.slot = field("slot", 0x1f, "0x1F");
  a.pci.function = field("function", 7, "7");
  a.pci.multifunction = e.attrOr("multifunction");
  for (const auto* c : e.elements()) a.children.push_back(c->name == "zpci" ? normalizeZpci(*c) : *c);
}

// An s390 boot's loadparm: kept upper-cased, 1 to 8 characters of
// [A-Z0-9.] and blanks (libvirt checks it after upper-casing, so its
// messages show the upper-cased value).
std::string parseLoadParm(std::string value) {
  if (value.empty()) return value;
  for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (value.size() > 8)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
         "loadparm value '" + value + "' must be between 1 and 8 characters");
  for (char c : value)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != ' ')
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
           "invalid loadparm value '" + value + "', expecting chars in set of [a-zA-Z0-9.] and blank spaces");
  return value;
}

// USB port paths are up to four dot-separated numbers: "1", "1.2.3.4".
std::string parseUsbPort(const std::string& port) {
  int parts = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = port.find('.', start);
    std::string piece = port.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (piece.empty() || !parseNumber(piece) || ++parts > 4)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "Cannot parse <address> 'port' attribute");
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return port;
}

// An s390 channel subsystem address: all three numbers or none, which is
// the address not assigned yet and is formatted as 0x0.0x0.0x0000 (libvirt's
// test driver assigns none; its QEMU driver does, for s390 guests only).
std::vector<std::pair<std::string, std::string>> parseCcw(const xml::Element& e) {
  const int given = e.hasAttr("cssid") + e.hasAttr("ssid") + e.hasAttr("devno");
  unsigned cssid = 0, ssid = 0, devno = 0;
  if (given == 3) {
    cssid = propUInt(e, "cssid");
    ssid = propUInt(e, "ssid");
    devno = propUInt(e, "devno");
  } else if (given) {
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DEVICE, "Invalid partial specification for virtio ccw address");
  }
  std::vector<std::pair<std::string, std::string>> attrs = {
      {"cssid", hex(cssid, 0)}, {"ssid", hex(ssid, 0)}, {"devno", hex(devno, 4)}};
  // Channel subsystem 0xff is reserved; there are four subchannel sets.
  if (cssid > 0xfe || ssid > 3 || devno > 0xffff)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DEVICE,
         "Invalid specification for virtio ccw address: cssid='" + attrs[0].second + "' ssid='" +
             attrs[1].second + "' devno='" + attrs[2].second + "'");
  return attrs;
}

}  // namespace

DeviceAddress parseAddress(const xml::Element& e) {
  DeviceAddress a;
  const std::string* type = e.attr("type");
  if (!type) xmlError("No type specified for device address");
  a.type = *type;
  auto num = [&](const char* name) { return std::to_string(attrNumber(e, name, 0xffffffffu, nullptr)); };
  auto addIf = [&](const char* name, const std::string& value) {
    if (e.hasAttr(name)) a.attrs.emplace_back(name, value);
  };
  if (a.type == "pci") {
    parsePci(e, a);
  } else if (a.type == "drive") {
    a.drive.controller = attrNumber(e, "controller", 0xffffffffu, nullptr);
    a.drive.bus = attrNumber(e, "bus", 0xffffffffu, nullptr);
    a.drive.target = attrNumber(e, "target", 0xffffffffu, nullptr);
    a.drive.unit = attrNumber(e, "unit", 0xffffffffu, nullptr);
  } else if (a.type == "virtio-serial") {
    a.attrs = {{"controller", num("controller")}, {"bus", num("bus")}};
    addIf("port", num("port"));
  } else if (a.type == "ccid") {
    a.attrs = {{"controller", num("controller")}, {"slot", num("slot")}};
  } else if (a.type == "usb") {
    a.attrs = {{"bus", num("bus")}};
    if (const std::string* p = e.attr("port")) a.attrs.emplace_back("port", parseUsbPort(*p));
  } else if (a.type == "spapr-vio") {
    if (e.hasAttr("reg")) a.attrs.emplace_back("reg", hex(attrNumber(e, "reg", 0xffffffffu, nullptr), 8));
  } else if (a.type == "ccw") {
    a.attrs = parseCcw(e);
  } else if (a.type == "isa") {
    if (e.hasAttr("iobase")) a.attrs.emplace_back("iobase", hex(attrNumber(e, "iobase", 0xffff, nullptr), 0));
    if (e.hasAttr("irq")) a.attrs.emplace_back("irq", hex(attrNumber(e, "irq", 0xffff, nullptr), 0));
  } else if (a.type == "dimm") {
    a.attrs = {{"slot", num("slot")}};
    if (const std::string* b = e.attr("base")) {
      auto n = parseNumber(*b);
      if (!n) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "Cannot parse <address> 'base' attribute");
      a.attrs.emplace_back("base", hex(*n, 0));
    }
  } else if (a.type == "virtio-mmio" || a.type == "virtio-s390" || a.type == "unassigned" ||
             a.type == "none") {
    // No fields.
  } else {
    xmlError("unknown address type '" + a.type + "'");
  }
  return a;
}

void writeAddress(xml::Writer& w, const DeviceAddress& a) {
  w.open("address").attr("type", a.type);
  if (a.type == "pci") {
    // An all-zero PCI address means "not assigned yet": only the type shows.
    if (!a.pci.isEmpty()) {
      char buf[20];
      w.attr("domain", hex(buf, a.pci.domain, 4));
      w.attr("bus", hex(buf, a.pci.bus, 2));
      w.attr("slot", hex(buf, a.pci.slot, 2));
      w.attr("function", decimal0x(buf, a.pci.function));
    }
    w.attrIf("multifunction", a.pci.multifunction);
    for (const auto& c : a.children) w.element(c);
  } else if (a.type == "drive") {
    w.attr("controller", a.drive.controller);
    w.attr("bus", a.drive.bus);
    w.attr("target", a.drive.target);
    w.attr("unit", a.drive.unit);
  } else {
    // Parsing and the drivers give each name once, and never "type".
    for (const auto& [k, v] : a.attrs) w.attr(k, v);
  }
  w.close();
}

DeviceInfo parseDeviceInfo(NodeReader& r) {
  DeviceInfo info;
  if (const xml::Element* addr = r.child("address")) info.address = parseAddress(*addr);
  if (const xml::Element* alias = r.child("alias")) {
    // Only user aliases survive in a definition; the rest belong to a run.
    std::string name = alias->attrOr("name");
    if (name.rfind("ua-", 0) == 0) info.alias = name;
  }
  if (const xml::Element* boot = r.child("boot")) {
    const std::string* order = boot->attr("order");
    auto n = order ? parseNumber(*order) : std::nullopt;
    if (!n || *n == 0 || *n > 0x7fffffff)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "incorrect boot order '" + (order ? *order : "") +
                                                        "', expecting positive integer");
    info.bootOrder = static_cast<unsigned>(*n);
    info.bootLoadParm = parseLoadParm(boot->attrOr("loadparm"));
  }
  if (const xml::Element* acpi = r.child("acpi")) {
    if (auto n = parseNumber(acpi->attrOr("index"))) info.acpiIndex = static_cast<unsigned>(*n);
  }
  if (const xml::Element* rom = r.child("rom")) info.rom = *rom;
  if (const xml::Element* master = r.child("master")) info.master = *master;
  return info;
}

namespace {

// ChildList tags of the device info children, above any device's own.
enum InfoTag : int { kTagBoot = 1000, kTagAlias, kTagAcpi, kTagAddress };

}  // namespace

void addDeviceInfo(ChildList& kids, const DeviceInfo& info) {
  if (info.bootOrder) kids.addTyped("boot", kTagBoot);
  if (!info.alias.empty()) kids.addTyped("alias", kTagAlias);
  if (!info.master.name.empty()) kids.addPreserved(info.master);
  if (info.acpiIndex) kids.addTyped("acpi", kTagAcpi);
  if (!info.rom.name.empty()) kids.addPreserved(info.rom);
  if (!info.address.type.empty()) kids.addTyped("address", kTagAddress);
}

bool writeDeviceInfoChild(xml::Writer& w, int tag, const DeviceInfo& info) {
  switch (tag) {
    case kTagBoot:
      w.open("boot").attr("order", *info.bootOrder).attrIf("loadparm", info.bootLoadParm).close();
      return true;
    case kTagAlias: w.open("alias").attr("name", info.alias).close(); return true;
    case kTagAcpi: w.open("acpi").attr("index", *info.acpiIndex).close(); return true;
    case kTagAddress: writeAddress(w, info.address); return true;
    default: return false;
  }
}

}  // namespace vireo::conf
