// <interface>: network interfaces.
#include <cctype>

#include "lib/conf/devices.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const NameOrder kNetOrder = {
    "mac", "source", "ip", "route", "script", "downscript", "backenddomain", "bandwidth", "vlan",
    "virtualport", "target", "guest", "model", "driver", "backend", "filterref", "tune", "teaming",
    "link", "mtu", "coalesce", "portOptions", "*", "boot", "alias", "master", "acpi", "rom",
    "address"};

// A hostdev interface's <driver> is its host device's (name='vfio'), which
// libvirt writes with the device's source, right after the MAC address.
const NameOrder kHostdevNetOrder = {
    "mac", "driver", "source", "ip", "route", "script", "downscript", "backenddomain", "bandwidth", "vlan",
    "virtualport", "target", "guest", "model", "backend", "filterref", "tune", "teaming",
    "link", "mtu", "coalesce", "portOptions", "*", "boot", "alias", "master", "acpi", "rom",
    "address"};

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
  }
  if (const xml::Element* tgt = r.child("target")) {
    NodeReader tr(*tgt);
    n.targetDev = tr.attrOr("dev");
    n.targetRest = tr.rest();
  }
  if (const xml::Element* model = r.child("model")) n.model = model->attrOr("type");
  n.info = parseDeviceInfo(r);
  n.rest = r.rest();
  return n;
}

namespace {

enum NetTag : int { kMac, kSource, kTarget, kModel };

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

  ChildList kids(n.type == "hostdev" ? kHostdevNetOrder : kNetOrder);
  if (!n.mac.empty()) kids.addTyped("mac", kMac);
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
      case kSource: writeNetSource(out, n); break;
      case kTarget: writeNetTarget(out, n); break;
      case kModel: out.open("model").attr("type", n.model).close(); break;
    }
  });
  w.close();
}

}  // namespace vireo::conf
