#include "lib/util/netdev.h"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "lib/util/error.h"

namespace vireo::netdev {

namespace {

// An ifreq naming `ifname`; the name must leave room for the NUL.
struct ifreq namedRequest(const std::string& ifname) {
  if (ifname.empty() || ifname.size() >= IFNAMSIZ)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, std::string("Network interface name '") + ifname + "' is too long");
  struct ifreq ifr {};
  ifname.copy(ifr.ifr_name, ifname.size());
  return ifr;
}

// Interface ioctls go through a throwaway socket: the kernel wants one, of
// any family, and it holds nothing.
void interfaceIoctl(unsigned long request, struct ifreq& ifr, const char* what) {
  UniqueFd sock(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!sock) failSystem(VIR_FROM_NONE, errno, "Unable to open control socket");
  if (ioctl(sock.get(), request, &ifr) < 0) {
    std::string msg = what;
    msg += " on '";
    msg += ifr.ifr_name;
    msg += "'";
    failSystem(VIR_FROM_NONE, errno, msg);
  }
}

}  // namespace

MacAddress parseMac(const std::string& text) {
  MacAddress mac{};
  unsigned b[6];
  int used = 0;
  if (std::sscanf(text.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%n", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &used) != 6 ||
      static_cast<size_t>(used) != text.size())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, std::string("invalid MAC address '") + text + "'");
  for (int i = 0; i < 6; ++i) mac[i] = static_cast<unsigned char>(b[i]);
  return mac;
}

Tap createTap(const std::string& name, const std::string& tunPath, unsigned queues, bool vnetHeader) {
  if (queues == 0) queues = 1;
  Tap tap;
  tap.name = name;
  for (unsigned q = 0; q < queues; ++q) {
    UniqueFd fd(open(tunPath.c_str(), O_RDWR | O_CLOEXEC));
    if (!fd) failSystem(VIR_FROM_NONE, errno, std::string("Unable to open ") + tunPath + ", is tun module loaded?");
    // After the first queue the device exists: the others attach to it by
    // the name the kernel chose.
    struct ifreq ifr = namedRequest(tap.name);
    ifr.ifr_flags = static_cast<short>(IFF_TAP | IFF_NO_PI | (vnetHeader ? IFF_VNET_HDR : 0) |
                                       (queues > 1 ? IFF_MULTI_QUEUE : 0));
    if (ioctl(fd.get(), TUNSETIFF, &ifr) < 0)
      failSystem(VIR_FROM_NONE, errno, std::string("Unable to create tap device ") + tap.name);
    tap.name = ifr.ifr_name;
    tap.fds.push_back(std::move(fd));
  }
  return tap;
}

void setMac(const std::string& ifname, const MacAddress& mac) {
  struct ifreq ifr = namedRequest(ifname);
  ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
  for (size_t i = 0; i < mac.size(); ++i) ifr.ifr_hwaddr.sa_data[i] = static_cast<char>(mac[i]);
  interfaceIoctl(SIOCSIFHWADDR, ifr, "Cannot set interface MAC");
}

int getMtu(const std::string& ifname) {
  struct ifreq ifr = namedRequest(ifname);
  interfaceIoctl(SIOCGIFMTU, ifr, "Cannot get interface MTU");
  return ifr.ifr_mtu;
}

void setMtu(const std::string& ifname, int mtu) {
  struct ifreq ifr = namedRequest(ifname);
  ifr.ifr_mtu = mtu;
  interfaceIoctl(SIOCSIFMTU, ifr, "Cannot set interface MTU");
}

void setOnline(const std::string& ifname, bool up) {
  struct ifreq ifr = namedRequest(ifname);
  interfaceIoctl(SIOCGIFFLAGS, ifr, "Cannot get interface flags");
  short flags = up ? static_cast<short>(ifr.ifr_flags | IFF_UP) : static_cast<short>(ifr.ifr_flags & ~IFF_UP);
  if (flags == ifr.ifr_flags) return;
  ifr.ifr_flags = flags;
  interfaceIoctl(SIOCSIFFLAGS, ifr, "Cannot set interface flags");
}

void bridgeAddPort(const std::string& bridge, const std::string& ifname) {
  struct ifreq port = namedRequest(ifname);
  interfaceIoctl(SIOCGIFINDEX, port, "Unable to get interface index");
  struct ifreq ifr = namedRequest(bridge);
  ifr.ifr_ifindex = port.ifr_ifindex;
  UniqueFd sock(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!sock) failSystem(VIR_FROM_NONE, errno, "Unable to open control socket");
  if (ioctl(sock.get(), SIOCBRADDIF, &ifr) < 0)
    failSystem(VIR_FROM_NONE, errno, std::string("Unable to add bridge ") + bridge + " port " + ifname);
}

}  // namespace vireo::netdev
