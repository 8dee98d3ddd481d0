// Network interfaces: a -netdev for the host side (user networking, a tap
// passed as a descriptor, or a socket) and a -device for the guest NIC.
#include <algorithm>

#include "drivers/qemu/qemu_command_internal.h"

namespace vireo::qemu::cmd {

namespace {

bool usesTap(const std::string& type) {
  return type == "ethernet" || type == "bridge" || type == "network" || type == "direct";
}

bool isVirtioModel(const std::string& model) {
  return model == "virtio" || model == "virtio-transitional" || model == "virtio-non-transitional";
}

const xml::Element* netChild(const conf::NetDef& n, std::string_view name) { return findChild(n.rest, name); }

}  // namespace

void checkNetSupported(const conf::NetDef& n) {
  static const std::vector<std::string_view> kTypes = {"user",   "ethernet", "bridge", "network",
                                                       "direct", "client",   "server", "mcast", "udp"};
  if (std::find(kTypes.begin(), kTypes.end(), n.type) == kTypes.end())
    unsupported("network device type '" + n.type + "' is not supported by this hypervisor");
  // Children that only configure the host side (the driver sets up the tap
  // device, its bandwidth, filters and port) or that the NIC takes below.
  static const std::vector<std::string_view> kChildren = {
      "driver", "tune", "link", "mtu",       "script",  "ip",       "route", "bandwidth", "filterref",
      "virtualport", "vlan", "coalesce", "backend", "guest", "portOptions"};
  for (const auto& c : n.rest.children)
    if (c.isElement() && std::find(kChildren.begin(), kChildren.end(), c.name) == kChildren.end())
      unsupported("interface element <" + c.name + "> is not supported");
  if (!n.info.rom.name.empty() && n.info.address.type != "pci" && !n.info.address.type.empty())
    unsupported("ROM tuning is only supported for PCI devices");
}

namespace {

// Several queues mean several descriptors: "fds":"3:4" instead of "fd":"3".
std::string joinFds(const std::vector<std::string>& fds) {
  std::string s;
  for (const auto& fd : fds) s += (s.empty() ? "" : ":") + fd;
  return s;
}

std::string socketAddress(const conf::NetDef& n, const xml::Element* where) {
  std::string addr, port;
  if (where) {
    addr = where->attrOr("address");
    port = where->attrOr("port");
  } else {
    if (const std::string* a = findAttr(n.sourceRest, "address")) addr = *a;
    if (const std::string* p = findAttr(n.sourceRest, "port")) port = *p;
  }
  return addr + ":" + std::to_string(parseNumber(port.empty() ? "0" : port, "socket port"));
}

}  // namespace

JsonArgWriter netdevArgs(const conf::NetDef& n, const std::string& alias, const NetFdNames& fds) {
  JsonArgWriter p;
  if (n.type == "user") {
    p.str("type", "user");
    for (const auto* ip : findChildren(n.rest, "ip")) {
      std::string addr = ip->attrOr("address"), prefix = ip->attrOr("prefix");
      if (ip->attrOr("family", "ipv4") == "ipv6" || addr.find(':') != std::string::npos) {
        p.str("ipv6-prefix", addr);
        if (!prefix.empty() && parseNumber(prefix, "prefix")) p.unum("ipv6-prefixlen", parseNumber(prefix, "prefix"));
      } else {
        p.str("net", prefix.empty() ? addr : addr + "/" + prefix);
      }
    }
  } else if (usesTap(n.type)) {
    if (fds.tap.empty())
      unsupported("interface '" + alias + "' of type '" + n.type + "' needs a tap file descriptor");
    p.str("type", "tap");
    p.str(fds.tap.size() > 1 ? "fds" : "fd", joinFds(fds.tap));
    if (!fds.vhost.empty()) {
      p.boolean("vhost", true);
      p.str(fds.vhost.size() > 1 ? "vhostfds" : "vhostfd", joinFds(fds.vhost));
    }
    if (const xml::Element* tune = netChild(n, "tune"))
      if (const xml::Element* sndbuf = tune->child("sndbuf"))
        p.unum("sndbuf", parseNumber(sndbuf->textContent(), "sndbuf"));
  } else {
    p.str("type", "socket");
    if (n.type == "client") p.str("connect", socketAddress(n, nullptr));
    else if (n.type == "server") p.str("listen", socketAddress(n, nullptr));
    else if (n.type == "mcast") p.str("mcast", socketAddress(n, nullptr));
    else {
      const xml::Element* local = findChild(n.sourceRest, "local");
      if (!local) internalError("udp interface '" + alias + "' has no <local> address");
      p.str("udp", socketAddress(n, nullptr)).str("localaddr", socketAddress(n, local));
    }
  }
  p.str("id", "host" + alias);
  return p;
}

namespace {

// virtio-net tuning from <driver>, <driver><host>/<guest> offloads and
// <mtu>, in libvirt's key order.
void addVirtioNetProps(JsonArgWriter& p, const conf::NetDef& n) {
  const xml::Element* drv = netChild(n, "driver");
  addVirtioOptions(p, drv);
  if (drv) {
    std::string tx = drv->attrOr("txmode");
    if (tx == "iothread") p.str("tx", "bh");
    else if (tx == "timer") p.str("tx", "timer");
    p.optBool("ioeventfd", parseSwitch(drv->attrOr("ioeventfd")));
    p.optBool("event_idx", parseSwitch(drv->attrOr("event_idx")));
    const xml::Element* host = drv->child("host");
    const xml::Element* guest = drv->child("guest");
    for (const char* a : {"csum", "gso"})
      if (host) p.optBool(a, parseSwitch(host->attrOr(a)));
    for (const char* a : {"tso4", "tso6", "ecn", "ufo"})
      if (host) p.optBool(std::string("host_") + a, parseSwitch(host->attrOr(a)));
    if (host) p.optBool("mrg_rxbuf", parseSwitch(host->attrOr("mrg_rxbuf")));
    for (const char* a : {"csum", "tso4", "tso6", "ecn", "ufo"})
      if (guest) p.optBool(std::string("guest_") + a, parseSwitch(guest->attrOr(a)));
    unsigned long long queues = drv->hasAttr("queues") ? parseNumber(drv->attrOr("queues"), "queues") : 0;
    if (queues > 1) {
      // As libvirt advises: 2 vectors per queue pair, plus config and control.
      p.boolean("mq", true).unum("vectors", 2 * queues + 2);
    }
    for (const char* a : {"rx_queue_size", "tx_queue_size"})
      if (drv->hasAttr(a)) p.unum(a, parseNumber(drv->attrOr(a), a));
    p.optBool("rss", parseSwitch(drv->attrOr("rss")));
    p.optBool("hash", parseSwitch(drv->attrOr("rss_hash_report")));
  }
  if (const xml::Element* mtu = netChild(n, "mtu"))
    p.unum("host_mtu", parseNumber(mtu->attrOr("size"), "mtu size"));
}

// <rom enabled='no'> empties the option ROM; otherwise bar and file.
void addRomProps(JsonArgWriter& p, const conf::DeviceInfo& info) {
  const xml::Element& rom = info.rom;
  if (rom.name.empty()) return;
  if (rom.attrOr("enabled") == "no") {
    p.str("romfile", "");
    return;
  }
  if (auto bar = parseSwitch(rom.attrOr("bar"))) p.num("rombar", *bar ? 1 : 0);
  if (rom.hasAttr("file")) p.str("romfile", rom.attrOr("file"));
}

}  // namespace

JsonArgWriter nicArgs(const BuildState& st, const conf::NetDef& n, const std::string& alias, unsigned bootIndex) {
  JsonArgWriter p;
  // The QEMU driver's default NIC model on x86.
  std::string model = n.model.empty() ? "rtl8139" : n.model;
  if (isVirtioModel(model)) {
    p.str("driver", virtioDriverName("virtio-net", n.info, model));
    addVirtioNetProps(p, n);
  } else {
    p.str("driver", model);
  }
  p.str("netdev", "host" + alias).str("id", alias).str("mac", n.mac);
  if (bootIndex) p.unum("bootindex", bootIndex);
  addAddressProps(p, st, n.info);
  addRomProps(p, n.info);
  return p;
}

void buildNets(BuildState& st) {
  const auto& nets = st.def.nets;
  for (std::size_t i = 0; i < nets.size(); ++i) {
    const conf::NetDef& n = nets[i];
    checkNetSupported(n);
    std::string alias = aliasOr(n.info, "net" + std::to_string(i));
    NetFdNames fds;
    if (i < st.ctx.netFds.size()) {
      for (int fd : st.ctx.netFds[i].tapFds) fds.tap.push_back(std::to_string(fd));
      for (int fd : st.ctx.netFds[i].vhostFds) fds.vhost.push_back(std::to_string(fd));
    }
    st.arg("-netdev", netdevArgs(n, alias, fds).text());
    st.device(nicArgs(st, n, alias, netBootIndex(st, i)));
  }
}

}  // namespace vireo::qemu::cmd
