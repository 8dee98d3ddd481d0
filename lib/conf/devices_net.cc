// <interface>: network interfaces.
#include <cctype>

#include "lib/conf/devices.h"
#include "lib/conf/storage_common.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kNetOrder = {
    "mac", "hostdev driver", "source", "ip", "route", "script", "downscript", "backenddomain", "bandwidth",
    "vlan", "virtualport", "target", "guest", "model", "driver", "backend", "filterref", "tune", "teaming",
    "link", "mtu", "coalesce", "portOptions", "*", "boot", "alias", "master", "acpi", "rom",
    "address"};

// libvirt's <driver> of an interface has three parts. A hostdev interface's
// host device backend (name='vfio') is written with the device's source,
// right after the MAC address ("hostdev driver" below ranks it there). The
// virtio backend (name='vhost', queues, offloads...) exists only for a virtio
// model and never for a hostdev interface. The virtio device options (iommu,
// ats...) are read for every interface and refused by validation where the
// model is not virtio. The last two are written as one <driver> after the
// model; anything else in the element is dropped.
const std::vector<std::string_view> kVirtioBackendAttrs = {
    "name", "txmode", "ioeventfd", "event_idx", "queues", "rx_queue_size", "tx_queue_size", "rss",
    "rss_hash_report"};
const std::vector<std::string_view> kVirtioOptionAttrs = {"iommu", "ats", "packed", "page_per_vq"};

// The <driver> libvirt keeps of `drv` for interface `n` (by its type and
// model), with its values checked as libvirt's XML reader checks them; it
// may be left empty. A hostdev interface's backend goes to n.hostdevDriver.
xml::Element readNetDriver(const xml::Element& drv, NetDef& n) {
  const std::vector<std::string_view> onOff = {"on", "off"};
  xml::Element kept = xml::Element::make("driver");
  auto keep = [&](std::string_view attr) { setAttrIf(kept, attr, drv.attr(attr) ? *drv.attr(attr) : ""); };
  if (n.type == "hostdev") {
    n.hostdevDriver = enumAttr(drv, "name", {"kvm", "vfio", "xen"}).value_or("");
  } else if (isVirtioNetModel(n.model)) {
    enumAttr(drv, "name", {"qemu", "vhost"});
    enumAttr(drv, "txmode", {"iothread", "timer"});
    for (const char* attr : {"ioeventfd", "event_idx", "rss", "rss_hash_report"}) enumAttr(drv, attr, onOff);
    for (const char* attr : {"queues", "rx_queue_size", "tx_queue_size"}) intAttr(drv, attr, true);
    for (std::string_view attr : kVirtioBackendAttrs) keep(attr);
    for (const char* child : {"host", "guest"})
      if (const xml::Element* c = drv.child(child)) kept.addChild(*c);
  }
  for (std::string_view attr : kVirtioOptionAttrs) {
    enumAttr(drv, attr, onOff);
    keep(attr);
  }
  return kept;
}

// "52:54:00:AB:cd:01" style, six hex pairs; returns the lowercase form.
std::optional<std::string> normaliseMac(const std::string& s) {
  std::string out;
  int pairs = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t len = i - start;
    if (len == 0 || len > 2) return std::nullopt;
    std::string pair = s.substr(start, len);
    if (len == 1) pair = "0" + pair;
    for (auto& ch : pair) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (pairs) out += ':';
    out += pair;
    ++pairs;
    if (i < s.size()) {
      if (s[i] != ':' && s[i] != '-') return std::nullopt;
      ++i;
      if (i == s.size()) return std::nullopt;
    }
  }
  if (pairs != 6) return std::nullopt;
  return out;
}

}  // namespace

bool isVirtioNetModel(const std::string& model) {
  return model == "virtio" || model == "virtio-transitional" || model == "virtio-non-transitional";
}

NetDef parseNet(const xml::Element& e) {
  NodeReader r(e);
  NetDef n;
  n.type = r.attrOr("type", "user");
  if (const xml::Element* mac = r.child("mac")) {
    std::string addr = mac->attrOr("address");
    auto norm = normaliseMac(addr);
    if (!norm)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "unable to parse mac address '" + addr + "'");
    // The multicast bit must be clear for a NIC's own address.
    if (std::stoi(norm->substr(0, 2), nullptr, 16) & 1)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "expected unicast mac address, found multicast '" + addr + "'");
    n.mac = *norm;
    n.macType = mac->attrOr("type");
    n.macCheck = mac->attrOr("check");
  }
  if (const xml::Element* src = r.child("source")) {
    NodeReader sr(*src);
    n.hasSource = true;
    n.sourceNetwork = sr.attrOr("network");
    n.sourceBridge = sr.attrOr("bridge");
    n.sourceDev = sr.attrOr("dev");
    n.sourceMode = sr.attrOr("mode");
    n.sourceRest = sr.rest();
    if (n.type == "hostdev") normaliseHostPciAddress(n.sourceRest.children);
  }
  if (const xml::Element* tgt = r.child("target")) {
    NodeReader tr(*tgt);
    n.targetDev = tr.attrOr("dev");
    n.targetRest = tr.rest();
  }
  if (const xml::Element* model = r.child("model")) n.model = model->attrOr("type");
  std::optional<xml::Element> driver;
  if (const xml::Element* drv = r.child("driver")) driver = readNetDriver(*drv, n);
  // Traffic filters apply to the interfaces libvirt connects to a host
  // bridge or tap itself; for the others it does not read <filterref>.
  if (n.type != "ethernet" && n.type != "network" && n.type != "bridge") r.child("filterref");  // taken, dropped
  n.info = parseDeviceInfo(r);
  n.rest = r.rest();
  if (driver && (!driver->attrs.empty() || !driver->children.empty())) n.rest.children.push_back(*driver);
  return n;
}

namespace {

enum NetTag : int { kMac, kHostdevDriver, kSource, kTarget, kModel };

const NameOrder kNetAttrOrder = {"type", "managed", "trustGuestRxFilters"};

// <source> as libvirt writes it for each interface type: network (portgroup,
// portid), bridge, direct (dev, mode), vhostuser (type, path, mode), and the
// socket types (address, port).
const NameOrder kNetSourceAttrOrder = {"network", "portgroup", "portid", "bridge", "dev", "type", "path",
                                       "mode", "address", "port"};

void writeNetSource(xml::Writer& w, const NetDef& n) {
  AttrList attrs;
  attrs.addIf("network", n.sourceNetwork);
  attrs.addIf("bridge", n.sourceBridge);
  attrs.addIf("dev", n.sourceDev);
  attrs.addIf("mode", n.sourceMode);
  writeWithRest(w, "source", attrs, n.sourceRest, &kNetSourceAttrOrder);
}

void writeNetTarget(xml::Writer& w, const NetDef& n) {
  AttrList attrs;
  attrs.addIf("dev", n.targetDev);
  writeWithRest(w, "target", attrs, n.targetRest);
}

}  // namespace

void writeNet(xml::Writer& w, const NetDef& n) {
  AttrList attrs;
  attrs.add("type", n.type);
  attrs.addPreserved(n.rest.attrs);
  attrs.sort(kNetAttrOrder);

  ChildList kids(kNetOrder);
  if (!n.mac.empty()) kids.addTyped("mac", kMac);
  if (!n.hostdevDriver.empty()) kids.addTyped("hostdev driver", kHostdevDriver);
  if (n.hasSource) kids.addTyped("source", kSource);
  if (!n.targetDev.empty() || !n.targetRest.empty()) kids.addTyped("target", kTarget);
  if (!n.model.empty()) kids.addTyped("model", kModel);
  addDeviceInfo(kids, n.info);
  kids.addPreserved(n.rest.children);

  w.open("interface");
  attrs.writeTo(w);
  kids.writeTo(w, [&](xml::Writer& out, int tag) {
    if (writeDeviceInfoChild(out, tag, n.info)) return;
    switch (tag) {
      case kMac:
        out.open("mac").attr("address", n.mac).attrIf("type", n.macType).attrIf("check", n.macCheck).close();
        break;
      case kHostdevDriver: out.open("driver").attr("name", n.hostdevDriver).close(); break;
      case kSource: writeNetSource(out, n); break;
      case kTarget: writeNetTarget(out, n); break;
      case kModel: out.open("model").attr("type", n.model).close(); break;
    }
  });
  w.close();
}

}  // namespace vireo::conf
