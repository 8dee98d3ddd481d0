#include "drivers/lxc/lxc_interface.h"

#include <arpa/inet.h>

#include <cerrno>
#include <cstdlib>

#include <libvirt/virterror.h>

#include "lib/conf/domain_tuning.h"
#include "lib/util/error.h"
#include "lib/util/log.h"

namespace vireo::lxc {

namespace {

constexpr const char* kLogModule = "lxc.lxc_interface";
// How many vnetN names are tried before giving up.
constexpr int kMaxGeneratedNames = 1024;

[[noreturn]] void unsupported(const conf::NetDef& net, const std::string& what) {
  fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
       "interface " + net.mac + ": " + what + " is not supported by the container driver");
}

unsigned prefixAttr(const xml::Element& e, const conf::NetDef& net) {
  std::string text = e.attrOr("prefix");
  char* end = nullptr;
  errno = 0;
  unsigned long v = std::strtoul(text.c_str(), &end, 10);
  if (text.empty() || *end || errno || v > 128)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "interface " + net.mac + ": invalid prefix '" + text + "' in <" + e.name + ">");
  return static_cast<unsigned>(v);
}

// libvirt's prefix for an address given without one: the IPv4 class's
// (A /8, B /16, C /24), 64 for IPv6; 0 (none) for an IPv4 route.
unsigned defaultPrefix(const std::string& address) {
  unsigned char b[16];
  if (inet_pton(AF_INET6, address.c_str(), b) == 1) return 64;
  if (inet_pton(AF_INET, address.c_str(), b) != 1) return 0;
  if (b[0] == 0) return 0;
  if (b[0] < 128) return 8;
  if (b[0] < 192) return 16;
  if (b[0] < 224) return 24;
  return 0;
}

netlink::IpPrefix ipOf(const xml::Element& e, const conf::NetDef& net) {
  for (const auto& [k, v] : e.attrs)
    if (k != "address" && k != "prefix" && k != "family" && k != "gateway") unsupported(net, "<" + e.name + " " + k + ">");
  netlink::IpPrefix ip;
  ip.address = e.attrOr("address");
  if (ip.address.empty()) fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "interface " + net.mac + ": <" + e.name + "> without address");
  ip.prefix = e.attrOr("prefix").empty() ? (e.name == "ip" ? defaultPrefix(ip.address) : 0) : prefixAttr(e, net);
  return ip;
}

// The next name of the form PREFIXn that no link has.
std::string freeName(netlink::RouteSocket& sock, const std::string& prefix, int& next) {
  for (; next < kMaxGeneratedNames; ++next) {
    std::string name = prefix + std::to_string(next);
    if (!sock.linkIndex(name)) {
      ++next;
      return name;
    }
  }
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LXC, "no free interface name of the form " + prefix + "N");
}

netlink::MacAddress hostSideMac(const std::string& mac) {
  netlink::MacAddress m = netdev::parseMac(mac);
  m[0] = m[0] == 0xFE ? 0xFA : 0xFE;  // as libvirt's tap and veth host ends
  return m;
}

}  // namespace

ContainerInterface containerInterfaceOf(const conf::NetDef& net) {
  if (net.type != "ethernet" && net.type != "bridge") unsupported(net, "<interface type='" + net.type + "'>");
  ContainerInterface c;
  c.type = net.type;
  c.mac = net.mac;
  c.hostDev = net.targetDev;
  if (!net.targetRest.empty()) unsupported(net, "<target> other than dev");
  if (net.type == "bridge") {
    c.bridge = net.sourceBridge;
    if (c.bridge.empty()) fail(VIR_ERR_XML_ERROR, VIR_FROM_LXC, "interface " + net.mac + ": missing <source bridge>");
  } else if (net.hasSource) {
    unsupported(net, "<source> on an ethernet interface");
  }
  if (!net.sourceRest.empty()) unsupported(net, "<source> other than bridge");
  if (!net.model.empty()) unsupported(net, "<model>");
  for (const auto& [k, v] : net.rest.attrs)
    if (k != "type") unsupported(net, "<interface " + k + ">");
  for (const xml::Element& e : net.rest.children) {
    if (!e.isElement()) continue;
    if (e.name == "ip") {
      c.ips.push_back(ipOf(e, net));
    } else if (e.name == "route") {
      c.routes.push_back({ipOf(e, net), e.attrOr("gateway")});
    } else if (e.name == "guest") {
      c.guestDev = e.attrOr("dev");
    } else {
      unsupported(net, "<" + e.name + ">");
    }
  }
  return c;
}

ContainerVeths ContainerVeths::plan(const std::string& domainName, const std::vector<ContainerInterface>& interfaces) {
  ContainerVeths v(domainName, interfaces);
  if (interfaces.empty()) return v;
  netlink::RouteSocket host(VIR_FROM_LXC);
  int nextHost = 0, nextGuest = 0;
  for (const ContainerInterface& i : interfaces) {
    Names n;
    // libvirt treats a vnet-prefixed <target dev> as unset: it is a name it generated.
    bool generated = i.hostDev.empty() || i.hostDev.rfind("vnet", 0) == 0;
    n.host = generated ? freeName(host, "vnet", nextHost) : i.hostDev;
    n.guest = i.guestDev.empty() ? "eth" + std::to_string(nextGuest++) : i.guestDev;
    if (i.type == "bridge" && !host.linkIndex(i.bridge))
      failSystem(VIR_FROM_LXC, ENODEV, "Unable to add bridge " + i.bridge + " port " + n.host);
    v.names_.push_back(n);
  }
  return v;
}

ContainerVeths::~ContainerVeths() {
  if (keep_ || created_ == 0) return;
  try {
    netlink::RouteSocket host(VIR_FROM_LXC);
    for (size_t n = 0; n < created_; ++n) host.deleteLink(names_[n].host);
  } catch (const Error& e) {
    VIREO_WARN(kLogModule, "veth of container '%s' not removed: %s", name_.c_str(), e.message().c_str());
  }
}

void ContainerVeths::createIn(pid_t initPid) {
  if (!names_.empty()) {
    netlink::RouteSocket host(VIR_FROM_LXC);
    for (size_t n = 0; n < names_.size(); ++n) {
      const ContainerInterface& i = interfaces_[n];
      const Names& names = names_[n];
      host.createVeth(names.host, hostSideMac(i.mac), names.guest, netdev::parseMac(i.mac), initPid);
      created_ = n + 1;
      VIREO_DEBUG(kLogModule, "container '%s': veth %s <-> %s (in process %d's namespace)", name_.c_str(),
                  names.host.c_str(), names.guest.c_str(), static_cast<int>(initPid));
      if (i.type == "bridge") host.addBridgePort(i.bridge, names.host);
      host.setUp(names.host);
    }
  }
  netlink::RouteSocket inside = netlink::RouteSocket::inNamespaceOf(initPid, VIR_FROM_LXC);
  inside.setUp("lo");
  for (size_t n = 0; n < names_.size(); ++n) {
    const ContainerInterface& i = interfaces_[n];
    const std::string& dev = names_[n].guest;
    inside.setUp(dev);
    for (const netlink::IpPrefix& ip : i.ips) inside.addAddress(dev, ip);
    for (const ContainerRoute& r : i.routes) inside.addRoute(dev, r.destination, r.gateway);
  }
}

void recordInterfaceNames(conf::DomainDef& live, const ContainerVeths& veths) {
  for (size_t n = 0; n < live.nets.size(); ++n) {
    conf::NetDef& net = live.nets[n];
    net.targetDev = veths.hostEnd(n);
    bool found = false;
    for (xml::Element& e : net.rest.children) {
      if (!e.isElement() || e.name != "guest") continue;
      e.setAttr("actual", veths.guestEnd(n));
      found = true;
    }
    if (!found) {
      xml::Element guest = xml::Element::make("guest");
      guest.setAttr("actual", veths.guestEnd(n));
      net.rest.children.push_back(guest);
    }
  }
}

void removeHostEnds(const conf::DomainDef& live) {
  if (live.nets.empty()) return;
  try {
    netlink::RouteSocket host(VIR_FROM_LXC);
    for (const conf::NetDef& net : live.nets)
      if (!net.targetDev.empty() && host.deleteLink(net.targetDev))
        VIREO_DEBUG(kLogModule, "container '%s': deleted %s", live.name.c_str(), net.targetDev.c_str());
  } catch (const Error& e) {
    VIREO_WARN(kLogModule, "veth of container '%s' not removed: %s", live.name.c_str(), e.message().c_str());
  }
}

virDomainInterfaceStatsStruct containerInterfaceStats(const conf::DomainDef& live, const std::string& device) {
  const conf::NetDef* net = conf::findNet(live, device);
  if (!net || net->targetDev.empty())
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "'" + device + "' is not a known interface");
  netlink::LinkStats s = netlink::RouteSocket(VIR_FROM_LXC).linkStats(net->targetDev);
  // The host end's receive counters are the container's transmit ones.
  virDomainInterfaceStatsStruct st{};
  st.rx_bytes = static_cast<long long>(s.txBytes);
  st.rx_packets = static_cast<long long>(s.txPackets);
  st.rx_errs = static_cast<long long>(s.txErrors);
  st.rx_drop = static_cast<long long>(s.txDropped);
  st.tx_bytes = static_cast<long long>(s.rxBytes);
  st.tx_packets = static_cast<long long>(s.rxPackets);
  st.tx_errs = static_cast<long long>(s.rxErrors);
  st.tx_drop = static_cast<long long>(s.rxDropped);
  return st;
}

}  // namespace vireo::lxc
