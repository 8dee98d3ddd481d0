// <network> XML to NetworkDef, with the checks libvirt 9.0 makes while it
// parses (virNetworkDefParseXML and the per-element parsers). The messages
// and codes are libvirt's, checked against Debian's libvirt 9.0 test driver;
// note that some name the network with quotes and some without, as libvirt's
// do.
#include <cerrno>
#include <cstdlib>

#include "lib/conf/network_address.h"
#include "lib/conf/network_def.h"
#include "lib/conf/node_reader.h"
#include "lib/util/error.h"
#include "lib/util/netdev.h"

namespace vireo::conf {
namespace {

constexpr std::string_view kForwardModes[] = {"nat",     "route", "open",     "bridge",
                                             "private", "vepa",  "passthrough", "hostdev"};

[[noreturn]] void xmlError(const std::string& msg) { fail(VIR_ERR_XML_ERROR, VIR_FROM_NETWORK, msg); }
[[noreturn]] void xmlDetail(const std::string& msg) { throw Error(VIR_ERR_XML_DETAIL, VIR_FROM_NETWORK, msg); }
[[noreturn]] void unsupported(const std::string& msg) {
  fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_NETWORK, msg);
}

std::optional<unsigned> parseUnsigned(const std::string& text) {
  if (text.empty() || text[0] == '-' || text[0] == '+') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  unsigned long v = std::strtoul(text.c_str(), &end, 10);
  if (*end || errno || v > 0xffffffffUL) return std::nullopt;
  return static_cast<unsigned>(v);
}

// libvirt's yes/no attributes: anything else is refused.
std::optional<bool> yesNo(NodeReader& r, std::string_view attr, const std::string& where) {
  auto v = r.attr(attr);
  if (!v) return std::nullopt;
  if (*v == "yes") return true;
  if (*v == "no") return false;
  xmlError("Invalid " + std::string(attr) + " attribute value '" + *v + "' in " + where);
}

class Parser {
 public:
  explicit Parser(NetworkDef& def) : def_(def) {}

  void forward(const xml::Element& e) {
    NodeReader r(e);
    NetworkForward& fwd = def_.forward;
    fwd.mode = r.attrOr("mode", "nat");
    bool known = false;
    for (auto m : kForwardModes) known |= (m == fwd.mode);
    if (!known) unsupported("unknown forwarding type '" + fwd.mode + "'");
    if (auto managed = r.attr("managed")) fwd.managed = (*managed == "yes");
    std::string dev = r.attrOr("dev");
    for (const xml::Element* i : r.children("interface")) fwd.interfaces.push_back(i->attrOr("dev"));
    for (const xml::Element* p : r.children("pf")) fwd.pfs.push_back(p->attrOr("dev"));
    if (!dev.empty()) {
      if (fwd.interfaces.empty()) {
        fwd.interfaces.push_back(dev);
      } else if (fwd.interfaces[0] != dev) {
        unsupported("forward dev '" + dev + "' must match first interface element dev '" + fwd.interfaces[0] +
                    "' in network '" + def_.name + "'");
      }
    }
    if (const xml::Element* nat = r.child("nat")) natElement(*nat);
  }

  void bridge(const xml::Element& e) {
    NodeReader r(e);
    NetworkBridge& b = def_.bridge;
    b.name = r.attrOr("name");
    b.zone = r.attrOr("zone");
    b.macTableManager = r.attrOr("macTableManager");
    // libvirt: anything but "off" turns STP on.
    if (auto stp = r.attr("stp")) b.stp = (*stp != "off");
    if (auto delay = r.attr("delay")) {
      auto v = parseUnsigned(*delay);
      if (!v) xmlError("Invalid delay value in network '" + def_.name + "'");
      b.delay = *v;
    }
  }

  void mac(const xml::Element& e) {
    std::string text = e.attrOr("address");
    netdev::MacAddress m;
    try {
      m = netdev::parseMac(text);
    } catch (const Error&) {
      xmlError("Invalid bridge mac address '" + text + "' in network '" + def_.name + "'");
    }
    if (m[0] & 1) xmlError("Invalid multicast bridge mac address '" + text + "' in network '" + def_.name + "'");
    def_.mac = text;
  }

  void mtu(const xml::Element& e) {
    std::string size = e.attrOr("size");
    auto v = parseUnsigned(size);
    if (!v) xmlError("Invalid mtu size '" + size + "' in network '" + def_.name + "'");
    def_.mtu = v;
  }

  void dns(const xml::Element& e) {
    NodeReader r(e);
    NetworkDns& d = def_.dns;
    d.enable = yesNo(r, "enable", "<dns> of network " + def_.name);
    d.forwardPlainNames = yesNo(r, "forwardPlainNames", "<dns> of network " + def_.name);
    for (const xml::Element* f : r.children("forwarder")) d.forwarders.push_back({f->attrOr("domain"), f->attrOr("addr")});
    for (const xml::Element* t : r.children("txt")) d.txts.push_back(dnsTxt(*t));
    for (const xml::Element* s : r.children("srv")) d.srvs.push_back(dnsSrv(*s));
    for (const xml::Element* h : r.children("host")) d.hosts.push_back(dnsHost(*h));
  }

  DnsTxt dnsTxt(const xml::Element& e) const {
    DnsTxt t{e.attrOr("name"), e.attrOr("value")};
    if (t.name.empty()) xmlDetail("missing required name attribute in DNS TXT record of network " + def_.name);
    if (!e.hasAttr("value"))
      xmlDetail("missing required value attribute in DNS TXT record named '" + t.name + "' of network " + def_.name);
    return t;
  }

  DnsSrv dnsSrv(const xml::Element& e) const {
    DnsSrv s{e.attrOr("service"), e.attrOr("protocol"), e.attrOr("domain"), e.attrOr("target"), {}, {}, {}};
    if (s.service.empty()) xmlDetail("missing required service attribute in DNS SRV record of network '" + def_.name + "'");
    if (s.protocol.empty())
      xmlDetail("missing required protocol attribute in DNS SRV record '" + s.service + "' of network '" + def_.name + "'");
    auto number = [&](const char* attr, std::optional<unsigned>& out) {
      const std::string* v = e.attr(attr);
      if (!v) return;
      out = parseUnsigned(*v);
      if (!out)
        xmlDetail(std::string("invalid ") + attr + " attribute in DNS SRV record for service '" + s.service +
                  "' in network '" + def_.name + "'");
    };
    number("port", s.port);
    number("priority", s.priority);
    number("weight", s.weight);
    return s;
  }

  DnsHost dnsHost(const xml::Element& e) const {
    DnsHost h;
    h.ip = e.attrOr("ip");
    if (!h.ip.empty() && !parseIpAddress(h.ip))
      xmlError("Invalid IP address in network '" + def_.name + "' DNS HOST record");
    for (const xml::Element* n : e.childrenNamed("hostname")) {
      std::string name = n->textContent();
      if (!name.empty()) h.hostnames.push_back(name);
    }
    if (h.ip.empty() && h.hostnames.empty())
      xmlDetail("Missing IP address in network '" + def_.name + "' DNS HOST record");
    if (h.hostnames.empty()) xmlDetail("Missing hostname in network '" + def_.name + "' DNS HOST record");
    return h;
  }

  NetworkIp ip(const xml::Element& e) const {
    NodeReader r(e);
    NetworkIp ip;
    ip.family = r.attrOr("family");
    ip.address = r.attrOr("address");
    ip.netmask = r.attrOr("netmask");
    ip.localPtr = r.attrOr("localPtr");
    if (auto prefix = r.attr("prefix")) {
      ip.prefix = parseUnsigned(*prefix);
      if (!ip.prefix) xmlError("Invalid ip address prefix value '" + *prefix + "' in network '" + def_.name + "'");
    }
    std::optional<IpAddress> address;
    if (!ip.address.empty()) {
      address = parseIpAddress(ip.address);
      if (!address) xmlError("Invalid address '" + ip.address + "' in network '" + def_.name + "'");
    }
    std::optional<IpAddress> mask;
    if (!ip.netmask.empty()) {
      mask = parseIpAddress(ip.netmask);
      if (!mask) xmlError("Invalid netmask '" + ip.netmask + "' in network '" + def_.name + "'");
    }
    if (mask && ip.prefix)
      unsupported("Network '" + def_.name + "' IP address cannot have both a prefix and a netmask");
    if (address) {
      if (ip.family == "ipv6" && !address->v6)
        unsupported("Family 'ipv6' specified for non-IPv6 address '" + ip.address + "' in network '" + def_.name + "'");
      if (ip.family == "ipv4" && address->v6)
        unsupported("Family 'ipv4' specified for non-IPv4 address '" + ip.address + "' in network '" + def_.name + "'");
    }
    if (const xml::Element* tftp = r.child("tftp")) ip.tftpRoot = tftp->attrOr("root");
    if (const xml::Element* dhcp = r.child("dhcp")) dhcpElement(*dhcp, ip, address, mask);
    return ip;
  }

  DhcpHost dhcpHost(const xml::Element& host) const {
    DhcpHost h{host.attrOr("mac"), host.attrOr("id"), host.attrOr("name"), host.attrOr("ip")};
    if (h.ip.empty()) xmlError("Missing IP address in static host definition for network '" + def_.name + "'");
    if (!parseIpAddress(h.ip)) xmlError("Invalid IP address in static host definition for network '" + def_.name + "'");
    return h;
  }

  DhcpRange dhcpRange(const xml::Element& range, const NetworkIp& ip) const {
    DhcpRange rg{range.attrOr("start"), range.attrOr("end")};
    std::optional<IpAddress> address = parseIpAddress(ip.address);
    std::optional<unsigned> prefix = ip.prefix;
    if (!prefix && !ip.netmask.empty())
      if (auto mask = parseIpAddress(ip.netmask)) prefix = netmaskPrefix(*mask);
    checkRange(rg, ip, address, prefix);
    return rg;
  }

 private:
  void natElement(const xml::Element& e) {
    NodeReader r(e);
    NetworkNat& nat = def_.forward.nat;
    if (auto v6 = r.attr("ipv6")) nat.ipv6 = (*v6 == "yes");
    if (const xml::Element* a = r.child("address")) {
      nat.addressStart = a->attrOr("start");
      nat.addressEnd = a->attrOr("end");
    }
    if (const xml::Element* p = r.child("port")) {
      auto bound = [&](const char* attr) {
        auto v = parseUnsigned(p->attrOr(attr));
        if (!v || *v > 65535)
          xmlDetail(std::string("Missing or invalid '") + attr + "' attribute in <port> in <nat> in <forward> in network " +
                    def_.name);
        return *v;
      };
      nat.portStart = bound("start");
      nat.portEnd = bound("end");
    }
  }

  void dhcpElement(const xml::Element& e, NetworkIp& ip, const std::optional<IpAddress>& address,
                   const std::optional<IpAddress>& mask) const {
    ip.dhcp = true;
    std::optional<unsigned> prefix = ip.prefix;
    if (!prefix && mask) prefix = netmaskPrefix(*mask);
    for (const xml::Element* range : e.childrenNamed("range")) {
      DhcpRange rg{range->attrOr("start"), range->attrOr("end")};
      checkRange(rg, ip, address, prefix);
      ip.ranges.push_back(rg);
    }
    for (const xml::Element* host : e.childrenNamed("host")) ip.hosts.push_back(dhcpHost(*host));
    if (const xml::Element* bootp = e.child("bootp")) {
      ip.bootpFile = bootp->attrOr("file");
      ip.bootpServer = bootp->attrOr("server");
    }
  }

  // libvirt reports these two without an error domain, the second with a
  // trailing space.
  void checkRange(const DhcpRange& rg, const NetworkIp& ip, const std::optional<IpAddress>& network,
                  std::optional<unsigned> prefix) const {
    auto start = parseIpAddress(rg.start);
    if (!start) xmlError("Invalid dhcp range 'start' address '" + rg.start + "' in network '" + def_.name + "'");
    auto end = parseIpAddress(rg.end);
    if (!end) xmlError("Invalid dhcp range 'end' address '" + rg.end + "' in network '" + def_.name + "'");
    if (network && prefix && (!samePrefix(*start, *network, *prefix) || !samePrefix(*end, *network, *prefix)))
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
           "range " + rg.start + " - " + rg.end + " is not entirely within network " + ip.address + "/" +
               std::to_string(*prefix));
    if (compareAddresses(*start, *end) > 0)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "range " + rg.start + " - " + rg.end + " is reversed ");
  }

  NetworkDef& def_;
};

}  // namespace

bool NetworkIp::isIpv6() const {
  if (family == "ipv6") return true;
  auto a = parseIpAddress(address);
  return a && a->v6;
}

bool NetworkDef::managedBridge() const {
  return forward.mode.empty() || forward.mode == "nat" || forward.mode == "route" || forward.mode == "open";
}

NetworkDef parseNetworkTree(const xml::Element& root) {
  if (root.name != "network")
    fail(VIR_ERR_XML_ERROR, VIR_FROM_XML, "expecting root element of 'network', not '" + root.name + "'");
  NodeReader r(root);
  NetworkDef def;
  auto name = r.childText("name");
  if (!name || name->empty()) fail(VIR_ERR_NO_NAME, VIR_FROM_NETWORK, "");
  if (name->find('/') != std::string::npos)
    throw Error(VIR_ERR_XML_DETAIL, VIR_FROM_XML, "invalid char in name: /");
  def.name = *name;

  if (auto uuid = r.childText("uuid"); uuid && !uuid->empty()) {
    auto u = Uuid::parse(*uuid);
    if (!u) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NETWORK, "malformed uuid element");
    def.uuid = *u;
  } else {
    def.uuid = Uuid::generate();
  }
  if (auto v6 = r.attr("ipv6")) def.ipv6 = (*v6 == "yes");
  if (auto trust = r.attr("trustGuestRxFilters")) def.trustGuestRxFilters = (*trust == "yes");
  if (const xml::Element* md = r.child("metadata")) def.metadata = *md;

  Parser p(def);
  if (const xml::Element* e = r.child("forward")) p.forward(*e);
  if (const xml::Element* e = r.child("bridge")) p.bridge(*e);
  if (const xml::Element* e = r.child("mtu")) p.mtu(*e);
  if (const xml::Element* e = r.child("mac")) p.mac(*e);
  if (const xml::Element* e = r.child("domain")) {
    def.domainName = e->attrOr("name");
    if (const std::string* lo = e->attr("localOnly")) def.domainLocalOnly = (*lo == "yes");
  }
  if (const xml::Element* e = r.child("dns")) p.dns(*e);
  for (const xml::Element* e : r.children("ip")) def.ips.push_back(p.ip(*e));
  if (const xml::Element* e = r.child("vlan")) def.vlan = *e;
  if (const xml::Element* e = r.child("bandwidth")) def.bandwidth = *e;
  if (const xml::Element* e = r.child("virtualport")) def.virtualport = *e;
  for (const xml::Element* e : r.children("route")) def.routes.push_back(*e);
  for (const xml::Element* e : r.children("portgroup")) def.portgroups.push_back(*e);
  return def;
}

namespace {

Parser fragmentParser(NetworkDef& scratch, const std::string& network) {
  scratch.name = network;
  return Parser(scratch);
}

}  // namespace

DhcpHost parseDhcpHost(const xml::Element& e, const std::string& network) {
  NetworkDef scratch;
  return fragmentParser(scratch, network).dhcpHost(e);
}

DhcpRange parseDhcpRange(const xml::Element& e, const NetworkIp& ip, const std::string& network) {
  NetworkDef scratch;
  return fragmentParser(scratch, network).dhcpRange(e, ip);
}

DnsHost parseDnsHost(const xml::Element& e, const std::string& network) {
  NetworkDef scratch;
  return fragmentParser(scratch, network).dnsHost(e);
}

DnsTxt parseDnsTxt(const xml::Element& e, const std::string& network) {
  NetworkDef scratch;
  return fragmentParser(scratch, network).dnsTxt(e);
}

DnsSrv parseDnsSrv(const xml::Element& e, const std::string& network) {
  NetworkDef scratch;
  return fragmentParser(scratch, network).dnsSrv(e);
}

NetworkDef parseNetworkXml(std::string_view xml) {
  return parseNetworkTree(xml::parseElement(xml, "(network_definition)", VIR_FROM_NETWORK));
}

}  // namespace vireo::conf
