// Tap and vhost-net descriptors for ethernet and bridge interfaces: libvirt's
// policy (names, MAC, MTU, vnet header, when vhost-net is used, what is
// audited) over the plain netdev operations of lib/util/netdev.h.
#include "drivers/qemu/qemu_interface.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "drivers/qemu/qemu_audit.h"
#include "drivers/qemu/qemu_command_internal.h"
#include "lib/audit/domain_audit.h"
#include "lib/util/error.h"
#include "lib/util/netdev.h"

namespace vireo::qemu {

namespace {

constexpr const char* kTunPath = "/dev/net/tun";
constexpr const char* kVhostPath = "/dev/vhost-net";

void auditOpen(const NetAuditTarget& audit, const conf::NetDef& net, const char* path, bool ok) {
  if (audit.log && audit.log->enabled()) audit::auditNetDeviceOpen(*audit.log, audit.dom, net.mac, path, ok);
}

[[noreturn]] void refuse(const std::string& detail) { fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, detail); }

// "interface MAC: " in front of a refusal names the interface.
std::string about(const conf::NetDef& net) {
  std::string s = "interface ";
  s += net.mac;
  s += ": ";
  return s;
}

// Host-side settings of a tap that libvirt applies and vireo does not: an
// interface that asks for them must not start as if they were in effect
// (a <filterref> that silently filters nothing, a bandwidth limit that
// limits nothing).
void checkHostSideSettings(const conf::NetDef& net) {
  static const char* const kUnapplied[] = {"filterref", "virtualport", "bandwidth", "vlan",
                                           "script",    "ip",          "route",     "coalesce"};
  for (const char* name : kUnapplied)
    if (cmd::findChild(net.rest, name))
      refuse(about(net) + "<" + name + "> is not supported for type '" + net.type +
             "' (vireo does not configure it on the host)");
  if (const xml::Element* backend = cmd::findChild(net.rest, "backend"))
    if (backend->hasAttr("tap") || backend->hasAttr("vhost"))
      refuse(about(net) + "custom tap or vhost device paths (<backend>) are not supported");
}

// The vnet header lets the tap carry checksum and segmentation offloads
// between the host and a NIC model that understands it.
bool wantsVnetHeader(const conf::NetDef& net) {
  const std::string& m = net.model;
  return isVirtioNet(net) || m == "e1000e" || m == "igb" || m == "vmxnet3";
}

// libvirt treats a <target dev> with one of its generated prefixes as no
// name at all (it blanks such names when it parses a definition), so that a
// definition copied from a running domain does not pin a stale vnetN.
std::string tapName(const conf::NetDef& net) {
  const std::string& dev = net.targetDev;
  for (const char* generated : {"vnet", "macvtap", "macvlan"})
    if (dev.rfind(generated, 0) == 0) return "vnet%d";
  return dev.empty() ? "vnet%d" : dev;
}

int requestedMtu(const conf::NetDef& net) {
  const xml::Element* mtu = cmd::findChild(net.rest, "mtu");
  return mtu ? static_cast<int>(cmd::parseNumber(mtu->attrOr("size"), "mtu size")) : 0;
}

// The tap with the host side libvirt gives it. The MAC differs from the
// guest's so that the host never sees its own address as a frame's source
// ("received packet with own address"); 0xFE also keeps a Linux bridge,
// which takes the lowest port MAC as its own, from picking the tap's. The
// MAC is set before the tap joins the bridge for that reason.
netdev::Tap createHostTap(const conf::NetDef& net) {
  netdev::MacAddress mac = netdev::parseMac(net.mac);
  netdev::Tap tap = netdev::createTap(tapName(net), kTunPath, interfaceQueues(net), wantsVnetHeader(net));
  mac[0] = mac[0] == 0xFE ? 0xFA : 0xFE;
  netdev::setMac(tap.name, mac);
  int mtu = requestedMtu(net);
  if (net.type == "bridge") {
    // Without an <mtu>, the bridge's: a port with a smaller MTU would
    // lower the bridge's own. A missing bridge fails here, named.
    netdev::setMtu(tap.name, mtu ? mtu : netdev::getMtu(net.sourceBridge));
    netdev::bridgeAddPort(net.sourceBridge, tap.name);
  } else if (mtu) {
    netdev::setMtu(tap.name, mtu);
  }
  netdev::setOnline(tap.name, true);
  return tap;
}

// One descriptor per queue. An optional vhost-net that cannot be opened
// leaves the interface on QEMU's own virtio-net backend (no vhost fds at
// all: a partial set would not match the tap's queues).
std::vector<UniqueFd> openVhostNet(const std::string& virtType, const conf::NetDef& net, const NetAuditTarget& audit) {
  VhostNetUse use = vhostNetUse(virtType, net);
  std::vector<UniqueFd> fds;
  if (use == VhostNetUse::None) return fds;
  for (unsigned q = 0; q < interfaceQueues(net); ++q) {
    UniqueFd fd(open(kVhostPath, O_RDWR | O_CLOEXEC));
    if (!fd) {
      auditOpen(audit, net, kVhostPath, false);
      if (use == VhostNetUse::Required)
        refuse("vhost-net was requested for an interface, but is unavailable");
      return {};
    }
    fds.push_back(std::move(fd));
  }
  auditOpen(audit, net, kVhostPath, true);
  return fds;
}

}  // namespace

bool usesTap(const conf::NetDef& net) { return net.type == "ethernet" || net.type == "bridge"; }

bool isVirtioNet(const conf::NetDef& net) {
  const std::string& m = net.model;
  return m == "virtio" || m == "virtio-transitional" || m == "virtio-non-transitional";
}

unsigned interfaceQueues(const conf::NetDef& net) {
  const xml::Element* drv = cmd::findChild(net.rest, "driver");
  if (!drv || !drv->hasAttr("queues")) return 1;
  unsigned long long n = cmd::parseNumber(drv->attrOr("queues"), "queues");
  return n == 0 ? 1 : static_cast<unsigned>(std::min<unsigned long long>(n, 1024));
}

VhostNetUse vhostNetUse(const std::string& virtType, const conf::NetDef& net) {
  const xml::Element* drv = cmd::findChild(net.rest, "driver");
  std::string backend = drv ? drv->attrOr("name") : std::string();
  // vhost-net needs KVM; <driver name='qemu'/> asks for QEMU's own backend.
  if (virtType != "kvm" || backend == "qemu") return VhostNetUse::None;
  if (!isVirtioNet(net)) {
    if (backend == "vhost") refuse("vhost-net is only supported for virtio network interfaces");
    return VhostNetUse::None;
  }
  return backend == "vhost" ? VhostNetUse::Required : VhostNetUse::Optional;
}

void checkInterfaceConnectable(const std::string& virtType, const conf::NetDef& net) {
  if (net.type == "network")
    refuse(about(net) + "type 'network' needs libvirt's virtual network driver, which vireo "
           "does not have; connect the interface to a host bridge with type='bridge' and <source bridge='NAME'/>");
  if (net.type == "direct") refuse(about(net) + "type 'direct' (macvtap) is not supported");
  if (!usesTap(net)) return;
  for (const auto& [k, v] : net.targetRest.attrs)
    if (k == "managed" && v == "no")
      refuse(about(net) + "an unmanaged tap device (managed='no') is not supported");
  if (net.type == "bridge" && net.sourceBridge.empty())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "Missing bridge name");
  checkHostSideSettings(net);
  if (interfaceQueues(net) > 1 && !isVirtioNet(net))
    refuse(about(net) + "multiqueue (<driver queues>) needs a virtio model");
  vhostNetUse(virtType, net);  // refuses <driver name='vhost'/> on a model without it
}

TapInterface connectTapInterface(const std::string& virtType, const conf::NetDef& net, const NetAuditTarget& audit) {
  netdev::Tap tap;
  try {
    tap = createHostTap(net);
  } catch (...) {
    auditOpen(audit, net, kTunPath, false);
    throw;
  }
  auditOpen(audit, net, kTunPath, true);
  TapInterface conn;
  conn.ifname = tap.name;
  conn.tapFds = std::move(tap.fds);
  conn.vhostFds = openVhostNet(virtType, net, audit);
  return conn;
}

}  // namespace vireo::qemu
