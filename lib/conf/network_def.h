// The virtual-network model: libvirt's <network> XML, typed where drivers and
// the formatter need it (identity, forwarding, bridge, addresses, DHCP, DNS)
// and kept verbatim where they do not (routes, port groups, virtual port,
// bandwidth, VLAN, metadata: written back as they were given).
//
// parseNetworkXml() checks what libvirt 9.0 checks while parsing a network
// and reports it with libvirt's codes and messages; formatNetworkXml() writes
// the document byte for byte as libvirt's virNetworkDefFormat does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/uuid.h"
#include "lib/util/xml.h"

namespace vireo::conf {

struct NetworkNat {
  std::string addressStart, addressEnd;
  unsigned portStart = 0, portEnd = 0;
  std::optional<bool> ipv6;
  bool empty() const { return addressStart.empty() && portStart == 0 && portEnd == 0 && !ipv6; }
};

struct NetworkForward {
  std::string mode;                 // "" (isolated), nat, route, open, bridge, private, vepa, passthrough, hostdev
  std::optional<bool> managed;      // hostdev
  std::vector<std::string> interfaces;  // <interface dev=...>, the dev= attribute first
  std::vector<std::string> pfs;         // <pf dev=...>
  NetworkNat nat;
};

struct NetworkBridge {
  std::string name;
  std::string zone;
  std::string macTableManager;
  std::optional<bool> stp;      // libvirt's default: on
  unsigned delay = 0;
};

struct DhcpRange {
  std::string start, end;
};

struct DhcpHost {
  std::string mac, id, name, ip;
};

struct NetworkIp {
  std::string family;  // "" or ipv4 or ipv6, as written
  std::string address;
  std::string netmask;
  std::optional<unsigned> prefix;
  std::string localPtr;
  std::string tftpRoot;
  bool dhcp = false;  // a <dhcp> element was given
  std::vector<DhcpRange> ranges;
  std::vector<DhcpHost> hosts;
  std::string bootpFile, bootpServer;

  bool isIpv6() const;
};

struct DnsForwarder {
  std::string domain, addr;
};
struct DnsTxt {
  std::string name, value;
};
struct DnsSrv {
  std::string service, protocol, domain, target;
  std::optional<unsigned> port, priority, weight;
};
struct DnsHost {
  std::string ip;
  std::vector<std::string> hostnames;
};

struct NetworkDns {
  std::optional<bool> enable;
  std::optional<bool> forwardPlainNames;
  std::vector<DnsForwarder> forwarders;
  std::vector<DnsTxt> txts;
  std::vector<DnsSrv> srvs;
  std::vector<DnsHost> hosts;
  bool empty() const {
    return !enable && !forwardPlainNames && forwarders.empty() && txts.empty() && srvs.empty() && hosts.empty();
  }
};

struct NetworkDef {
  std::string name;
  Uuid uuid;
  std::optional<bool> ipv6;
  std::optional<bool> trustGuestRxFilters;
  std::optional<xml::Element> metadata;
  NetworkForward forward;
  NetworkBridge bridge;
  std::optional<unsigned> mtu;
  std::string mac;
  std::string domainName;
  std::optional<bool> domainLocalOnly;
  NetworkDns dns;
  std::vector<NetworkIp> ips;
  // Kept verbatim, in document order within their kind.
  std::optional<xml::Element> vlan, bandwidth, virtualport;
  std::vector<xml::Element> routes, portgroups;

  // Whether the network has a bridge that libvirt manages (no forward, nat,
  // route, open): only those have stp/delay and a <bridge> always written.
  bool managedBridge() const;
};

// Parses and checks a <network> document; syntax errors name it
// "(network_definition)" as libvirt's do. Throws vireo::Error.
NetworkDef parseNetworkXml(std::string_view xml);
NetworkDef parseNetworkTree(const xml::Element& root);

// One element of a network, as virNetworkUpdate hands them over; `network`
// names the network in messages.
DhcpHost parseDhcpHost(const xml::Element& e, const std::string& network);
DhcpRange parseDhcpRange(const xml::Element& e, const NetworkIp& ip, const std::string& network);
DnsHost parseDnsHost(const xml::Element& e, const std::string& network);
DnsTxt parseDnsTxt(const xml::Element& e, const std::string& network);
DnsSrv parseDnsSrv(const xml::Element& e, const std::string& network);

// virNetworkUpdate's change to one section of a definition (libvirt's
// virNetworkDefUpdateSection): `command` and `section` are
// virNetworkUpdateCommand and virNetworkUpdateSection values, `parentIndex`
// picks the <ip> for DHCP sections (-1: the first IPv4 one), `xml` is the
// element to add, delete or modify. Supported: IP_DHCP_HOST, IP_DHCP_RANGE,
// DNS_HOST, DNS_TXT, DNS_SRV. Throws libvirt's errors and leaves `def` as it
// was on failure.
void updateNetworkSection(NetworkDef& def, unsigned command, unsigned section, int parentIndex,
                          std::string_view xml);

// libvirt's formatting of a definition.
std::string formatNetworkXml(const NetworkDef& def);

}  // namespace vireo::conf
