// Interface hotplug: user networking (a netdev of its own) and type
// ethernet, for which vireo creates the tap device and hands QEMU its
// descriptor (getfd), as libvirt does.
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "drivers/qemu/qemu_audit.h"
#include "drivers/qemu/qemu_hotplug_internal.h"
#include "lib/audit/domain_audit.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo::qemu::hotplug {

namespace {

constexpr const char* kTunPath = "/dev/net/tun";
constexpr const char* kVhostPath = "/dev/vhost-net";

std::string modelOf(const conf::NetDef& net) { return net.model.empty() ? "rtl8139" : net.model; }

bool isVirtio(const conf::NetDef& net) {
  std::string m = modelOf(net);
  return m == "virtio" || m == "virtio-transitional" || m == "virtio-non-transitional";
}

// Models whose QEMU device understands the virtio-net header on the tap
// (libvirt's qemuInterfaceIsVnetCompatModel).
bool wantsVnetHeader(const conf::NetDef& net) {
  std::string m = modelOf(net);
  return isVirtio(net) || m == "e1000e" || m == "igb" || m == "vmxnet3";
}

std::string driverName(const conf::NetDef& net) {
  const xml::Element* drv = cmd::findChild(net.rest, "driver");
  return drv ? drv->attrOr("name") : std::string();
}

void auditOpen(AttachTarget& t, const conf::NetDef& net, const std::string& path, bool ok) {
  audit::AuditLog* log = t.driver.auditLog();
  if (log && log->enabled()) audit::auditNetDeviceOpen(*log, auditedDomain(t.st.def, t.dom.run.pid), net.mac, path, ok);
}

struct Tap {
  UniqueFd fd;
  std::string name;
};

// ioctl on an interface through a throwaway socket (the kernel wants one).
void interfaceIoctl(unsigned long request, struct ifreq& ifr, const char* what) {
  UniqueFd sock(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!sock) failSystem(VIR_FROM_NONE, errno, "Unable to open control socket");
  if (ioctl(sock.get(), request, &ifr) < 0)
    failSystem(VIR_FROM_NONE, errno, std::string(what) + " on '" + ifr.ifr_name + "'");
}

// Creates the tap device (the kernel names it from "vnet%d" unless the
// definition names it), gives it the guest's MAC with the first byte
// changed, so that the host never sees its own address as a packet's
// source, and brings it up.
Tap createTap(const conf::NetDef& net) {
  std::string wanted = net.targetDev.empty() ? "vnet%d" : net.targetDev;
  if (wanted.size() >= IFNAMSIZ)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "Network interface name '" + wanted + "' is too long");
  Tap tap;
  tap.fd = UniqueFd(open(kTunPath, O_RDWR | O_CLOEXEC));
  if (!tap.fd) failSystem(VIR_FROM_NONE, errno, std::string("Unable to open ") + kTunPath + ", is tun module loaded?");
  struct ifreq ifr {};
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI | (wantsVnetHeader(net) ? IFF_VNET_HDR : 0);
  wanted.copy(ifr.ifr_name, wanted.size());
  if (ioctl(tap.fd.get(), TUNSETIFF, &ifr) < 0) failSystem(VIR_FROM_NONE, errno, "Unable to create tap device " + wanted);
  tap.name = ifr.ifr_name;

  unsigned mac[6];
  if (std::sscanf(net.mac.c_str(), "%x:%x:%x:%x:%x:%x", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4], &mac[5]) != 6)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "invalid MAC address '" + net.mac + "'");
  struct ifreq hw {};
  tap.name.copy(hw.ifr_name, tap.name.size());
  hw.ifr_hwaddr.sa_family = ARPHRD_ETHER;
  for (int i = 0; i < 6; ++i) hw.ifr_hwaddr.sa_data[i] = static_cast<char>(mac[i]);
  hw.ifr_hwaddr.sa_data[0] = static_cast<char>(mac[0] == 0xFE ? 0xFA : 0xFE);
  interfaceIoctl(SIOCSIFHWADDR, hw, "Cannot set interface MAC");

  struct ifreq flags {};
  tap.name.copy(flags.ifr_name, tap.name.size());
  interfaceIoctl(SIOCGIFFLAGS, flags, "Cannot get interface flags");
  flags.ifr_flags = static_cast<short>(flags.ifr_flags | IFF_UP);
  interfaceIoctl(SIOCSIFFLAGS, flags, "Cannot set interface flags");
  return tap;
}

// vhost-net as libvirt uses it: only for KVM guests with a virtio NIC,
// unless <driver name='qemu'/> asks for QEMU's own backend; optional
// unless <driver name='vhost'/> demands it.
UniqueFd openVhost(AttachTarget& t, const conf::NetDef& net) {
  if (t.st.def.type != "kvm" || !isVirtio(net) || driverName(net) == "qemu") return UniqueFd();
  UniqueFd fd(open(kVhostPath, O_RDWR | O_CLOEXEC));
  auditOpen(t, net, kVhostPath, static_cast<bool>(fd));
  if (!fd && driverName(net) == "vhost")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "vhost-net was requested for an interface, but is unavailable");
  return fd;
}

}  // namespace

void checkNetAttach(const conf::NetDef& net) {
  if (net.type != "user" && net.type != "ethernet")
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
         "hotplug of interface type of " + net.type + " is not implemented yet");
  for (const auto& [k, v] : net.targetRest.attrs)
    if (k == "managed" && v == "no")
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "an unmanaged tap device (managed='no') cannot be hotplugged");
  cmd::checkNetSupported(net);
}

void plugNet(AttachTarget& t, conf::NetDef& net) {
  const std::string& alias = net.info.alias;
  cmd::NetFdNames names;
  Tap tap;
  UniqueFd vhost;
  std::optional<DevNodes> nodes;
  if (net.type == "ethernet") {
    nodes.emplace(t.driver, t.dom, hostDevicePaths(net));
    try {
      tap = createTap(net);
    } catch (...) {
      auditOpen(t, net, kTunPath, false);
      throw;
    }
    auditOpen(t, net, kTunPath, true);
    vhost = openVhost(t, net);
    names.tap.push_back("tapfd-" + alias + "0");
    if (vhost) names.vhost.push_back("vhostfd-" + alias + "0");
  }
  std::vector<std::string> passed;  // fd names QEMU holds until netdev_add takes them
  bool netdevAdded = false;
  try {
    if (tap.fd) {
      t.mon.executeWithFd("getfd", json::Value::object({{"fdname", names.tap[0]}}), tap.fd.get());
      passed.push_back(names.tap[0]);
    }
    if (vhost) {
      t.mon.executeWithFd("getfd", json::Value::object({{"fdname", names.vhost[0]}}), vhost.get());
      passed.push_back(names.vhost[0]);
    }
    t.mon.execute("netdev_add", toJson(cmd::netdevArgs(net, alias, names)));
    netdevAdded = true;
    t.mon.execute("device_add", toJson(cmd::nicArgs(t.st, net, alias, net.info.bootOrder.value_or(0))));
  } catch (...) {
    if (netdevAdded) runQuietly(t.mon, "netdev_del", json::Value::object({{"id", "host" + alias}}));
    else
      for (const auto& name : passed) runQuietly(t.mon, "closefd", json::Value::object({{"fdname", name}}));
    throw;
  }
  // QEMU holds its own copies now; ours close when this returns, and the
  // tap device goes away when QEMU closes its copy (netdev_del, exit).
  if (!tap.name.empty()) net.targetDev = tap.name;
  if (nodes) nodes->keep();
}

void unplugNetBackend(QmpMonitor& mon, const conf::NetDef& net) {
  runQuietly(mon, "netdev_del", json::Value::object({{"id", "host" + net.info.alias}}));
}

}  // namespace vireo::qemu::hotplug
