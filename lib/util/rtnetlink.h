// Network links, addresses and routes through route netlink (rtnetlink):
// the few operations a container's veth interfaces need, done over a
// NETLINK_ROUTE socket rather than by running `ip`. No policy here (which
// names, which MAC, which bridge is the caller's business).
//
// A socket works on the network namespace it was created in, so a socket
// made for another process's namespace (inNamespaceOf) configures links
// inside a container from the host, without entering it.
//
// Every failure throws vireo::Error (VIR_ERR_SYSTEM_ERROR in the caller's
// error domain) whose message names the operation and the link, then the
// kernel's error: "Unable to add bridge br9 port vnet0: No such device".
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

#include <libvirt/virterror.h>

#include "lib/util/fd.h"
#include "lib/util/netdev.h"

namespace vireo::netlink {

using netdev::MacAddress;  // parsed by netdev::parseMac

// Counters of a link (IFLA_STATS64), as the host sees them.
struct LinkStats {
  uint64_t rxBytes = 0, rxPackets = 0, rxErrors = 0, rxDropped = 0;
  uint64_t txBytes = 0, txPackets = 0, txErrors = 0, txDropped = 0;
};

// An IPv4 or IPv6 address with a prefix length ("192.168.1.5", 24).
struct IpPrefix {
  std::string address;
  unsigned prefix = 0;
};

class RouteSocket {
 public:
  // A socket on the calling thread's network namespace.
  explicit RouteSocket(int errorDomain);
  // A socket on the network namespace of process `pid`, made by a short
  // thread that enters it (setns) only to create the socket.
  static RouteSocket inNamespaceOf(pid_t pid, int errorDomain);

  // The index of link `name`, or nullopt when there is none.
  std::optional<int> linkIndex(const std::string& name);
  // The counters of link `name`. Error: "Unable to get statistics of
  // interface 'vnet0': No such device".
  LinkStats linkStats(const std::string& name);

  // Creates the veth pair `name` <-> `peer`, each end with its MAC: `name`
  // in this namespace, `peer` here too or, with `peerNamespacePid`, directly
  // in the network namespace of that process (cheaper than moving it there
  // afterwards: a move waits for the kernel's RCU grace periods). Error
  // "Unable to create veth device pair 'vnet0' <-> 'eth0'".
  void createVeth(const std::string& name, const MacAddress& mac, const std::string& peer, const MacAddress& peerMac,
                  pid_t peerNamespacePid = 0);
  // Makes `name` a port of the bridge `bridge`.
  void addBridgePort(const std::string& bridge, const std::string& name);
  void setUp(const std::string& name);
  // Deletes link `name` (a veth end takes its peer with it). False when
  // there was no such link.
  bool deleteLink(const std::string& name);
  void addAddress(const std::string& name, const IpPrefix& ip);
  // A route to `destination` (prefix 0: the default route) through
  // `gateway` (empty: directly on the link) on link `name`.
  void addRoute(const std::string& name, const IpPrefix& destination, const std::string& gateway);

 private:
  RouteSocket(UniqueFd fd, int errorDomain);
  int indexOf(const std::string& name, const std::string& what);

  UniqueFd fd_;
  virErrorDomain domain_;
  uint32_t seq_ = 0;

  friend class Request;
};

}  // namespace vireo::netlink
