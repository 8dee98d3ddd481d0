// The <adapter> of a scsi pool: a SCSI host by name or by its parent's PCI
// address, or a Fibre Channel vHBA named by its WWNs.
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "lib/conf/storage_pool_internal.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, msg); }

// A PCI address number as libvirt reads it (base 0: "0x1f", "31" and "037").
std::optional<unsigned> parseNumber(const std::string* s) {
  if (!s || s->empty() || (*s)[0] == '-') return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s->c_str(), &end, 0);
  if (errno || *end || v > 0xffffffffULL) return std::nullopt;
  return static_cast<unsigned>(v);
}

PoolAdapter::ParentAddr parseParentAddr(const xml::Element& e) {
  PoolAdapter::ParentAddr p;
  const xml::Element* addr = e.child("address");
  if (!addr) xmlError("Missing scsi_host PCI address element");
  auto number = [&](const char* name) {
    auto v = parseNumber(addr->attr(name));
    if (!v)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_STORAGE,
           std::string("Cannot parse <address> '") + name + "' attribute");
    return *v;
  };
  p.domain = number("domain");
  p.bus = number("bus");
  p.slot = number("slot");
  p.function = number("function");
  auto uid = parseNumber(e.attr("unique_id"));
  if (!uid) xmlError("Missing or invalid scsi adapter 'unique_id' value");
  p.uniqueId = *uid;
  return p;
}

// A WWN: 16 hex digits, optionally after "0x".
void checkWwn(const std::string& wwn) {
  std::string_view v = wwn;
  if (v.starts_with("0x") || v.starts_with("0X")) v.remove_prefix(2);
  bool ok = v.size() == 16;
  for (char c : v) ok = ok && std::isxdigit(static_cast<unsigned char>(c));
  if (!ok) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "Malformed wwn: " + wwn);
}

void checkFcHost(const PoolAdapter& a) {
  if (a.wwnn.empty() || a.wwpn.empty())
    xmlError("'wwnn' and 'wwpn' must be specified for adapter type 'fchost'");
  checkWwn(a.wwnn);
  checkWwn(a.wwpn);
  if (!a.parentWwnn.empty() && a.parentWwpn.empty())
    xmlError("when providing parent_wwnn='" + a.parentWwnn + "', the parent_wwpn must also be provided");
  if (a.parentWwnn.empty() && !a.parentWwpn.empty())
    xmlError("when providing parent_wwpn='" + a.parentWwpn + "', the parent_wwnn must also be provided");
  if (!a.parentWwnn.empty()) {
    checkWwn(a.parentWwnn);
    checkWwn(a.parentWwpn);
  }
  if (!a.parentFabricWwn.empty()) checkWwn(a.parentFabricWwn);
}

}  // namespace

PoolAdapter parsePoolAdapter(const xml::Element& e) {
  PoolAdapter a;
  auto type = enumAttr(e, "type", {"scsi_host", "fc_host"});
  if (!type) {
    // The form from before adapter types: <adapter name='host0'/>, which
    // libvirt reads as a scsi_host and writes with its type.
    if (e.hasAttr("wwnn") || e.hasAttr("wwpn") || e.hasAttr("parent"))
      xmlError("Use of 'wwnn', 'wwpn', and 'parent' attributes requires use of the adapter 'type'");
    if (e.child("parentaddr")) xmlError("Use of 'parentaddr' element requires use of the adapter 'type'");
  }
  if (!type || *type == "scsi_host") {
    a.name = e.attrOr("name");
    if (const xml::Element* p = e.child("parentaddr")) a.parentAddr = parseParentAddr(*p);
    if (!a.name.empty() && a.parentAddr)
      xmlError("Both 'name' and 'parent' cannot be specified for the 'scsi_host' adapter");
    if (a.name.empty() && !a.parentAddr)
      xmlError("Either 'name' or 'parent' must be specified for the 'scsi_host' adapter");
    return a;
  }
  a.kind = PoolAdapter::Kind::FcHost;
  a.managed = yesNoAttr(e, "managed");
  a.parent = e.attrOr("parent");
  a.parentWwnn = e.attrOr("parent_wwnn");
  a.parentWwpn = e.attrOr("parent_wwpn");
  a.parentFabricWwn = e.attrOr("parent_fabric_wwn");
  a.wwnn = e.attrOr("wwnn");
  a.wwpn = e.attrOr("wwpn");
  checkFcHost(a);
  return a;
}

void writePoolAdapter(xml::Writer& w, const PoolAdapter& a) {
  w.open("adapter");
  if (a.kind == PoolAdapter::Kind::FcHost) {
    w.attr("type", "fc_host").attrIf("parent", a.parent).attrIf("parent_wwnn", a.parentWwnn);
    w.attrIf("parent_wwpn", a.parentWwpn).attrIf("parent_fabric_wwn", a.parentFabricWwn);
    if (a.managed) w.attr("managed", *a.managed ? "yes" : "no");
    w.attr("wwnn", a.wwnn).attr("wwpn", a.wwpn).close();
    return;
  }
  w.attr("type", "scsi_host").attrIf("name", a.name);
  if (a.parentAddr) {
    const PoolAdapter::ParentAddr& p = *a.parentAddr;
    char buf[4][16];
    std::snprintf(buf[0], sizeof buf[0], "0x%04x", p.domain);
    std::snprintf(buf[1], sizeof buf[1], "0x%02x", p.bus);
    std::snprintf(buf[2], sizeof buf[2], "0x%02x", p.slot);
    // libvirt writes the function as "0x%d".
    std::snprintf(buf[3], sizeof buf[3], "0x%u", p.function);
    w.open("parentaddr").attr("unique_id", p.uniqueId);
    w.open("address")
        .attr("domain", buf[0])
        .attr("bus", buf[1])
        .attr("slot", buf[2])
        .attr("function", buf[3]);
    w.close().close();
  }
  w.close();
}

}  // namespace vireo::conf
