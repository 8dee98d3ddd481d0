// <hostdev>, <memballoon>, and the devices kept as preserved XML.
#include <algorithm>
#include <cstdio>

#include "lib/conf/devices.h"
#include "lib/conf/units.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kHostdevOrder = {
    "driver", "source", "readonly", "shareable", "*", "boot", "alias", "master", "acpi", "rom", "address"};
const NameOrder kHostdevAttrOrder = {"mode", "type", "managed", "model", "display", "ramfb"};
const NameOrder kGenericOrder = {"*", "boot", "alias", "master", "acpi", "rom", "address"};
// A vsock's virtio options (<driver>) follow its address.
const NameOrder kVsockOrder = {"cid", "boot", "alias", "master", "acpi", "rom", "address", "*"};
const NameOrder kMemballoonOrder = {"alias", "address", "stats", "driver", "*"};

// Replaces the <source>s and <protocol> among `children` with the character
// device backend of `type` that libvirt formats, where the first of them was.
void rewriteChrBackend(std::vector<xml::Element>& children, const std::string& type) {
  std::vector<const xml::Element*> sources;
  const xml::Element* protocol = nullptr;
  std::size_t at = children.size();
  for (std::size_t i = 0; i < children.size(); ++i) {
    const xml::Element& c = children[i];
    if (!c.isElement() || (c.name != "source" && c.name != "protocol")) continue;
    at = std::min(at, i);
    if (c.name == "source") sources.push_back(&c);
    else if (!protocol) protocol = &c;
  }
  if (at == children.size()) at = 0;
  std::vector<xml::Element> backend = parseChrBackend(type, sources, protocol, false);
  std::erase_if(children, [](const xml::Element& c) {
    return c.isElement() && (c.name == "source" || c.name == "protocol");
  });
  at = std::min(at, children.size());
  children.insert(children.begin() + static_cast<std::ptrdiff_t>(at), backend.begin(), backend.end());
}

// The devices that embed a character device backend: a passthrough
// smartcard, a redirected USB device and an EGD random number source.
void rewriteEmbeddedChr(GenericDeviceDef& g) {
  auto attr = [](const std::vector<std::pair<std::string, std::string>>& attrs, std::string_view name) {
    for (const auto& [k, v] : attrs)
      if (k == name) return v;
    return std::string();
  };
  if (g.kind == "smartcard" && attr(g.rest.attrs, "mode") == "passthrough") {
    rewriteChrBackend(g.rest.children, attr(g.rest.attrs, "type"));
  } else if (g.kind == "redirdev") {
    std::string type = attr(g.rest.attrs, "type");
    // A D-Bus redirection without a channel uses QEMU's well-known name.
    if (type == "dbus") {
      bool hasChannel = false;
      for (const auto& c : g.rest.children)
        if (c.isElement() && c.name == "source" && c.hasAttr("channel")) hasChannel = true;
      if (!hasChannel) {
        std::erase_if(g.rest.children,
                      [](const xml::Element& c) { return c.isElement() && c.name == "source"; });
        xml::Element s = xml::Element::make("source");
        s.setAttr("channel", "org.qemu.usbredir");
        g.rest.children.insert(g.rest.children.begin(), std::move(s));
      }
    }
    rewriteChrBackend(g.rest.children, type);
  } else if (g.kind == "rng") {
    for (auto& b : g.rest.children)
      if (b.isElement() && b.name == "backend" && b.attrOr("model") == "egd")
        rewriteChrBackend(b.children, b.attrOr("type"));
  }
}

}  // namespace

void normaliseHostPciAddress(std::vector<xml::Element>& sourceChildren) {
  for (xml::Element& addr : sourceChildren) {
    if (!addr.isElement() || addr.name != "address" || addr.attrOr("type", "pci") != "pci") continue;
    xml::Element typed = addr;
    typed.setAttr("type", "pci");
    typed.children.clear();
    PciAddress pci = parseAddress(typed).pci;
    char buf[16];
    auto set = [&](const char* name, const char* format, unsigned v) {
      if (!addr.hasAttr(name)) return;
      std::snprintf(buf, sizeof buf, format, v);
      addr.setAttr(name, buf);
    };
    set("domain", "0x%04x", pci.domain);
    set("bus", "0x%02x", pci.bus);
    set("slot", "0x%02x", pci.slot);
    set("function", "0x%u", pci.function);
  }
}

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
  if (h.mode == "subsystem" && h.type == "pci")
    for (xml::Element& src : h.rest.children)
      if (src.isElement() && src.name == "source") normaliseHostPciAddress(src.children);
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

namespace {

bool hasAttr(const Unparsed& u, std::string_view name) {
  for (const auto& [k, v] : u.attrs)
    if (k == name) return true;
  return false;
}

// A USB redirection filter rule: -1 ("any") for class, vendor, product or
// version is the same as leaving it out. A version is MAJOR.MINOR, one or two
// decimal digits each, kept as binary-coded decimal: a one-digit minor is
// tenths ("9.4" is written 9.40).
void normaliseUsbdevRule(xml::Element& u) {
  for (const char* name : {"class", "vendor", "product", "version"})
    if (u.attrOr(name) == "-1") u.removeAttr(name);
  const std::string* version = u.attr("version");
  if (!version) return;
  auto digits = [](std::string_view t) {
    return !t.empty() && t.size() <= 2 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::size_t dot = version->find('.');
  std::string_view major = std::string_view(*version).substr(0, dot);
  std::string_view minor = dot == std::string::npos ? std::string_view() : std::string_view(*version).substr(dot + 1);
  if (!digits(major) || !digits(minor))
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Cannot parse USB device version " + *version);
  std::string text = std::to_string(std::stoi(std::string(major))) + "." + std::string(minor);
  if (minor.size() == 1) text += '0';
  u.setAttr("version", text);
}

// A <shmem> is an 'ivshmem' unless its model says otherwise; libvirt keeps
// its size in bytes (the default unit) and writes it in whole MiB.
void defaultShmem(std::vector<xml::Element>& children) {
  xml::Element shmem = xml::Element::make("shmem");
  shmem.children = std::move(children);
  if (!shmem.child("model")) shmem.addChild(xml::Element::make("model")).setAttr("type", "ivshmem");
  if (xml::Element* size = shmem.child("size")) {
    const unsigned long long bytes = parseScaledBytes(size->textContent(), size->attrOr("unit"), "./size[1]");
    *size = xml::Element::make("size");
    size->setAttr("unit", "M");
    size->addText(std::to_string(bytes >> 20));
  }
  orderChildren(shmem, {"model", "size", "server", "msi"});
  children = std::move(shmem.children);
}

// libvirt's defaults for devices kept as written: a <filesystem> is a mount
// with accessmode 'passthrough' (none for a vhost-user one, whose source is
// a socket), attributes in libvirt's order; a random number source without a
// path reads /dev/random.
void defaultGenericDevice(GenericDeviceDef& g) {
  if (g.kind == "filesystem") {
    if (!hasAttr(g.rest, "type")) g.rest.attrs.emplace_back("type", "mount");
    bool socket = false;
    for (const auto& c : g.rest.children)
      if (c.isElement() && c.name == "source" && c.hasAttr("socket")) socket = true;
    if (!socket && !hasAttr(g.rest, "accessmode")) g.rest.attrs.emplace_back("accessmode", "passthrough");
    xml::Element order = xml::Element::make("filesystem");
    order.attrs = std::move(g.rest.attrs);
    orderAttrs(order, {"type", "accessmode", "model", "multidevs", "fmode", "dmode"});
    g.rest.attrs = std::move(order.attrs);
  } else if (g.kind == "rng") {
    for (auto& b : g.rest.children)
      if (b.isElement() && b.name == "backend" && b.attrOr("model") == "random" && b.textContent().empty())
        b.addText("/dev/random");
  } else if (g.kind == "redirfilter") {
    for (auto& u : g.rest.children)
      if (u.isElement() && u.name == "usbdev") normaliseUsbdevRule(u);
  } else if (g.kind == "shmem") {
    defaultShmem(g.rest.children);
  }
}

}  // namespace

GenericDeviceDef parseGenericDevice(const xml::Element& e) {
  NodeReader r(e);
  GenericDeviceDef g;
  g.kind = e.name;
  g.info = parseDeviceInfo(r);
  g.rest = r.rest();
  rewriteEmbeddedChr(g);
  defaultGenericDevice(g);
  return g;
}

void writeGenericDevice(xml::Writer& w, const GenericDeviceDef& g) {
  // libvirt writes a panic device only when it has something to say (a
  // model, an address, an alias...): a bare <panic/> is left out.
  if (g.kind == "panic" && g.rest.empty() && g.info.address.type.empty() && g.info.alias.empty()) return;
  AttrList attrs;
  attrs.addPreserved(g.rest.attrs);
  // The preserved children go first here: ties in the order keep them ahead.
  ChildList kids(g.kind == "vsock" ? kVsockOrder : kGenericOrder);
  kids.addPreserved(g.rest.children);
  addDeviceInfo(kids, g.info);

  w.open(g.kind);
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) { writeDeviceInfoChild(out, tag, g.info); });
  w.close();
}

}  // namespace vireo::conf
