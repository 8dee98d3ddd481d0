// Linux network devices, the few operations a hypervisor driver needs to
// give a guest a tap device: create it, set its MAC address and MTU, bring
// it up, and make it a port of a bridge. Plain ioctls on the interface name;
// no policy (which name, which MAC, which MTU is the caller's business).
//
// Every failure throws vireo::Error (VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE)
// whose message names the operation and the interface, then the system
// error: "Cannot get interface MTU on 'br0': No such device".
#pragma once

#include <array>
#include <string>
#include <vector>

#include "lib/util/fd.h"

namespace vireo::netdev {

using MacAddress = std::array<unsigned char, 6>;

// Parses "52:54:00:aa:bb:cc" (hex pairs, either case). Throws
// VIR_ERR_INTERNAL_ERROR for anything else.
MacAddress parseMac(const std::string& text);

// A tap device and the descriptors that keep it alive.
struct Tap {
  std::string name;            // the name the kernel gave it
  std::vector<UniqueFd> fds;   // one per queue
};

// Opens `tunPath` (/dev/net/tun) once per queue and attaches each descriptor
// to the tap device `name` with TUNSETIFF. A name containing "%d" is a
// template the kernel completes ("vnet%d" -> "vnet3"); the other queues
// attach to the device the first one created. Several queues use
// IFF_MULTI_QUEUE; `vnetHeader` adds IFF_VNET_HDR (the guest NIC handles the
// virtio-net header, offloads included).
//
// The device is not persistent: it disappears when the last descriptor
// closes, so dropping the returned Tap undoes the creation. `queues` must be
// at least 1. Errors: "Unable to open /dev/net/tun, is tun module loaded?",
// "Unable to create tap device vnet%d".
Tap createTap(const std::string& name, const std::string& tunPath, unsigned queues, bool vnetHeader);

void setMac(const std::string& ifname, const MacAddress& mac);
// The interface's MTU.
int getMtu(const std::string& ifname);
void setMtu(const std::string& ifname, int mtu);
// Sets or clears IFF_UP.
void setOnline(const std::string& ifname, bool up);

// Adds `ifname` as a port of the Linux bridge `bridge` (SIOCBRADDIF).
// Error: "Unable to add bridge BR port IF: <strerror>" (ENODEV when the
// bridge does not exist, EOPNOTSUPP when it is no bridge).
void bridgeAddPort(const std::string& bridge, const std::string& ifname);

}  // namespace vireo::netdev
