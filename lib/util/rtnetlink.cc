#include "lib/util/rtnetlink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <vector>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::netlink {

namespace {

constexpr size_t kReceiveBuffer = 32768;

}  // namespace

// One request: a netlink header, the family's fixed header, then attributes
// (nested ones through begin()/end()), sent and answered on `sock`.
class Request {
 public:
  Request(RouteSocket& sock, uint16_t type, uint16_t flags) : sock_(sock) {
    buf_.resize(NLMSG_HDRLEN);
    header()->nlmsg_type = type;
    header()->nlmsg_flags = static_cast<uint16_t>(NLM_F_REQUEST | NLM_F_ACK | flags);
  }

  template <typename T>
  void fixed(const T& value) { append(&value, sizeof value); }

  void attr(uint16_t type, const void* data, size_t len) {
    struct rtattr a {};
    a.rta_len = static_cast<unsigned short>(RTA_LENGTH(len));
    a.rta_type = type;
    append(&a, sizeof a);
    append(data, len);
  }
  void attr(uint16_t type, const std::string& s) { attr(type, s.c_str(), s.size() + 1); }
  void attr(uint16_t type, uint32_t v) { attr(type, &v, sizeof v); }

  // A nested attribute: everything added until end() is inside it.
  size_t begin(uint16_t type) {
    size_t at = buf_.size();
    attr(type, nullptr, 0);
    return at;
  }
  void end(size_t at) {
    struct rtattr a;
    std::memcpy(&a, buf_.data() + at, sizeof a);
    a.rta_len = static_cast<unsigned short>(buf_.size() - at);
    std::memcpy(buf_.data() + at, &a, sizeof a);
  }

  // Sends the request and waits for the kernel's answer: 0, or the errno it
  // reports. With `reply`, the first non-error message (a GET's answer) is
  // copied there.
  int run(std::vector<char>* reply = nullptr) {
    header()->nlmsg_len = static_cast<uint32_t>(buf_.size());
    header()->nlmsg_seq = ++sock_.seq_;
    uint32_t seq = header()->nlmsg_seq;
    int fd = sock_.fd_.get();
    ssize_t n;
    do n = send(fd, buf_.data(), buf_.size(), 0);
    while (n < 0 && errno == EINTR);
    if (n < 0) failSystem(sock_.domain_, errno, "Unable to send a netlink request");
    std::vector<char> in(kReceiveBuffer);
    for (;;) {
      do n = recv(fd, in.data(), in.size(), 0);
      while (n < 0 && errno == EINTR);
      if (n < 0) failSystem(sock_.domain_, errno, "Unable to receive a netlink answer");
      size_t left = static_cast<size_t>(n);
      for (auto* h = reinterpret_cast<struct nlmsghdr*>(in.data()); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
        if (h->nlmsg_seq != seq) continue;  // an answer to an earlier request we gave up on
        if (h->nlmsg_type == NLMSG_ERROR) {
          auto* e = static_cast<struct nlmsgerr*>(NLMSG_DATA(h));
          return -e->error;
        }
        if (reply && reply->empty()) reply->assign(reinterpret_cast<char*>(h), reinterpret_cast<char*>(h) + h->nlmsg_len);
      }
    }
  }

 private:
  struct nlmsghdr* header() { return reinterpret_cast<struct nlmsghdr*>(buf_.data()); }
  void append(const void* data, size_t len) {
    size_t at = buf_.size();
    buf_.resize(at + NLMSG_ALIGN(len), 0);
    if (len) std::memcpy(buf_.data() + at, data, len);
  }

  RouteSocket& sock_;
  std::vector<char> buf_;
};

namespace {

struct ifinfomsg linkHeader(int index = 0) {
  struct ifinfomsg ifi {};
  ifi.ifi_family = AF_UNSPEC;
  ifi.ifi_index = index;
  return ifi;
}

UniqueFd openRouteSocket(virErrorDomain domain) {
  UniqueFd fd(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (!fd) failSystem(domain, errno, "Unable to open a netlink socket");
  struct sockaddr_nl sa {};
  sa.nl_family = AF_NETLINK;
  if (bind(fd.get(), reinterpret_cast<struct sockaddr*>(&sa), sizeof sa) != 0)
    failSystem(domain, errno, "Unable to bind a netlink socket");
  return fd;
}

// The bytes of an IPv4 or IPv6 address, and its family.
struct Address {
  int family = 0;
  unsigned char bytes[16] = {};
  size_t size() const { return family == AF_INET ? 4 : 16; }
};

Address parseAddress(const std::string& text, virErrorDomain domain) {
  Address a;
  if (inet_pton(AF_INET, text.c_str(), a.bytes) == 1) a.family = AF_INET;
  else if (inet_pton(AF_INET6, text.c_str(), a.bytes) == 1) a.family = AF_INET6;
  else fail(VIR_ERR_INVALID_ARG, domain, "Cannot parse IP address '" + text + "'");
  return a;
}

void checkPrefix(const Address& a, const IpPrefix& ip, virErrorDomain domain) {
  if (ip.prefix > (a.family == AF_INET ? 32u : 128u))
    fail(VIR_ERR_INVALID_ARG, domain, "Invalid prefix " + std::to_string(ip.prefix) + " for address '" + ip.address + "'");
}

}  // namespace

RouteSocket::RouteSocket(int errorDomain)
    : fd_(openRouteSocket(static_cast<virErrorDomain>(errorDomain))), domain_(static_cast<virErrorDomain>(errorDomain)) {}

RouteSocket::RouteSocket(UniqueFd fd, int errorDomain)
    : fd_(std::move(fd)), domain_(static_cast<virErrorDomain>(errorDomain)) {}

RouteSocket RouteSocket::inNamespaceOf(pid_t pid, int domainNumber) {
  auto errorDomain = static_cast<virErrorDomain>(domainNumber);
  std::string path = "/proc/" + std::to_string(pid) + "/ns/net";
  UniqueFd ns(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!ns) failSystem(errorDomain, errno, "Unable to open " + path);
  // setns() moves only the calling thread, and a thread that ends takes its
  // namespace with it: the socket stays bound to the namespace it was made in.
  int err = 0;
  UniqueFd sock;
  std::thread([&] {
    if (setns(ns.get(), CLONE_NEWNET) != 0) {
      err = errno;
      return;
    }
    sock = UniqueFd(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
    if (!sock) err = errno;
  }).join();
  if (err) failSystem(errorDomain, err, "Unable to open a netlink socket in the network namespace of process " +
                                            std::to_string(pid));
  struct sockaddr_nl sa {};
  sa.nl_family = AF_NETLINK;
  if (bind(sock.get(), reinterpret_cast<struct sockaddr*>(&sa), sizeof sa) != 0)
    failSystem(errorDomain, errno, "Unable to bind a netlink socket");
  return RouteSocket(std::move(sock), errorDomain);
}

std::optional<int> RouteSocket::linkIndex(const std::string& name) {
  Request r(*this, RTM_GETLINK, 0);
  r.fixed(linkHeader());
  r.attr(IFLA_IFNAME, name);
  std::vector<char> reply;
  int err = r.run(&reply);
  if (err == ENODEV) return std::nullopt;
  if (err) failSystem(domain_, err, "Unable to look up interface '" + name + "'");
  if (reply.size() < NLMSG_LENGTH(sizeof(struct ifinfomsg))) return std::nullopt;
  auto* ifi = static_cast<struct ifinfomsg*>(NLMSG_DATA(reinterpret_cast<struct nlmsghdr*>(reply.data())));
  return ifi->ifi_index;
}

int RouteSocket::indexOf(const std::string& name, const std::string& what) {
  std::optional<int> index = linkIndex(name);
  if (!index) failSystem(domain_, ENODEV, what);
  return *index;
}

LinkStats RouteSocket::linkStats(const std::string& name) {
  std::string what = "Unable to get statistics of interface '" + name + "'";
  Request r(*this, RTM_GETLINK, 0);
  r.fixed(linkHeader());
  r.attr(IFLA_IFNAME, name);
  std::vector<char> reply;
  if (int err = r.run(&reply)) failSystem(domain_, err, what);
  auto* h = reinterpret_cast<struct nlmsghdr*>(reply.data());
  if (reply.empty()) failSystem(domain_, ENODEV, what);
  auto* ifi = static_cast<struct ifinfomsg*>(NLMSG_DATA(h));
  int len = static_cast<int>(IFLA_PAYLOAD(h));
  for (auto* a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type != IFLA_STATS64 || RTA_PAYLOAD(a) < sizeof(struct rtnl_link_stats64)) continue;
    struct rtnl_link_stats64 s;
    std::memcpy(&s, RTA_DATA(a), sizeof s);
    return LinkStats{s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped,
                     s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped};
  }
  fail(VIR_ERR_INTERNAL_ERROR, domain_, what + ": the kernel sent none");
}

void RouteSocket::createVeth(const std::string& name, const MacAddress& mac, const std::string& peer,
                             const MacAddress& peerMac, pid_t peerNamespacePid) {
  Request r(*this, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
  r.fixed(linkHeader());
  r.attr(IFLA_IFNAME, name);
  r.attr(IFLA_ADDRESS, mac.data(), mac.size());
  size_t info = r.begin(IFLA_LINKINFO);
  r.attr(IFLA_INFO_KIND, std::string("veth"));
  size_t data = r.begin(IFLA_INFO_DATA);
  // The peer is described as a link of its own: its header, then its attributes.
  size_t peerInfo = r.begin(VETH_INFO_PEER);
  r.fixed(linkHeader());
  r.attr(IFLA_IFNAME, peer);
  r.attr(IFLA_ADDRESS, peerMac.data(), peerMac.size());
  if (peerNamespacePid > 0) r.attr(IFLA_NET_NS_PID, static_cast<uint32_t>(peerNamespacePid));
  r.end(peerInfo);
  r.end(data);
  r.end(info);
  if (int err = r.run())
    failSystem(domain_, err, "Unable to create veth device pair '" + name + "' <-> '" + peer + "'" +
                                 (peerNamespacePid > 0 ? " (in the network namespace of process " +
                                                             std::to_string(peerNamespacePid) + ")"
                                                       : std::string()));
}

void RouteSocket::addBridgePort(const std::string& bridge, const std::string& name) {
  std::string what = "Unable to add bridge " + bridge + " port " + name;
  int bridgeIndex = indexOf(bridge, what);
  Request r(*this, RTM_NEWLINK, 0);
  r.fixed(linkHeader(indexOf(name, what)));
  r.attr(IFLA_MASTER, static_cast<uint32_t>(bridgeIndex));
  if (int err = r.run()) failSystem(domain_, err, what);
}

void RouteSocket::setUp(const std::string& name) {
  std::string what = "Unable to set interface '" + name + "' up";
  struct ifinfomsg ifi = linkHeader(indexOf(name, what));
  ifi.ifi_flags = IFF_UP;
  ifi.ifi_change = IFF_UP;
  Request r(*this, RTM_NEWLINK, 0);
  r.fixed(ifi);
  if (int err = r.run()) failSystem(domain_, err, what);
}

bool RouteSocket::deleteLink(const std::string& name) {
  std::string what = "Unable to delete interface '" + name + "'";
  std::optional<int> index = linkIndex(name);
  if (!index) return false;
  Request r(*this, RTM_DELLINK, 0);
  r.fixed(linkHeader(*index));
  int err = r.run();
  if (err == ENODEV) return false;  // gone meanwhile (its peer's namespace ended)
  if (err) failSystem(domain_, err, what);
  return true;
}

void RouteSocket::addAddress(const std::string& name, const IpPrefix& ip) {
  std::string what = "Unable to add IP address " + ip.address + "/" + std::to_string(ip.prefix) + " to interface '" +
                     name + "'";
  Address a = parseAddress(ip.address, domain_);
  checkPrefix(a, ip, domain_);
  struct ifaddrmsg ifa {};
  ifa.ifa_family = static_cast<unsigned char>(a.family);
  ifa.ifa_prefixlen = static_cast<unsigned char>(ip.prefix);
  ifa.ifa_scope = RT_SCOPE_UNIVERSE;
  ifa.ifa_index = static_cast<unsigned>(indexOf(name, what));
  Request r(*this, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
  r.fixed(ifa);
  r.attr(IFA_LOCAL, a.bytes, a.size());
  r.attr(IFA_ADDRESS, a.bytes, a.size());
  if (a.family == AF_INET && ip.prefix < 31) {
    // The broadcast address of the subnet, as `ip addr add ... brd +` sets it.
    uint32_t host;
    std::memcpy(&host, a.bytes, 4);
    uint32_t mask = ip.prefix ? htonl(~0u << (32 - ip.prefix)) : 0;
    uint32_t broadcast = host | ~mask;
    r.attr(IFA_BROADCAST, &broadcast, 4);
  }
  if (int err = r.run()) failSystem(domain_, err, what);
}

void RouteSocket::addRoute(const std::string& name, const IpPrefix& destination, const std::string& gateway) {
  std::string what = "Unable to add route to " + destination.address + "/" + std::to_string(destination.prefix) +
                     (gateway.empty() ? "" : " via " + gateway) + " on interface '" + name + "'";
  Address dst = parseAddress(destination.address, domain_);
  checkPrefix(dst, destination, domain_);
  struct rtmsg rt {};
  rt.rtm_family = static_cast<unsigned char>(dst.family);
  rt.rtm_dst_len = static_cast<unsigned char>(destination.prefix);
  rt.rtm_table = RT_TABLE_MAIN;
  rt.rtm_protocol = RTPROT_BOOT;
  rt.rtm_scope = gateway.empty() ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
  rt.rtm_type = RTN_UNICAST;
  Request r(*this, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
  r.fixed(rt);
  if (destination.prefix) r.attr(RTA_DST, dst.bytes, dst.size());
  if (!gateway.empty()) {
    Address gw = parseAddress(gateway, domain_);
    if (gw.family != dst.family)
      fail(VIR_ERR_INVALID_ARG, domain_, what + ": the gateway is not of the destination's address family");
    r.attr(RTA_GATEWAY, gw.bytes, gw.size());
  }
  r.attr(RTA_OIF, static_cast<uint32_t>(indexOf(name, what)));
  if (int err = r.run()) failSystem(domain_, err, what);
}

}  // namespace vireo::netlink
