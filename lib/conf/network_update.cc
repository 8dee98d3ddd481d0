// virNetworkUpdate on a NetworkDef: add, delete or modify one element of a
// section, with libvirt 9.0's checks and messages (virNetworkDefUpdateSection
// and its per-section helpers; the matching rules are libvirt's).
#include <algorithm>

#include <libvirt/libvirt.h>

#include "lib/conf/network_def.h"
#include "lib/util/error.h"

namespace vireo::conf {
namespace {

[[noreturn]] void noSupport(const NetworkDef& def, const char* section) {
  fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_NETWORK,
       std::string("can't update '") + section + "' section of network '" + def.name + "'");
}

[[noreturn]] void invalid(const std::string& msg) { fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK, msg); }

[[noreturn]] void unknownCommand(unsigned command) {
  fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_NETWORK,
       "unrecognized network update command code " + std::to_string(command));
}

void expectElement(const xml::Element& e, const char* name, const NetworkDef& def) {
  if (e.name != name)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_NETWORK,
         "unexpected element <" + e.name + ">, expecting <" + name + ">, while updating network '" + def.name + "'");
}

bool isAdd(unsigned command) {
  return command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST || command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
}

// Adds at the front or the back as the command says.
template <typename T>
void add(std::vector<T>& list, T item, unsigned command) {
  if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) list.insert(list.begin(), std::move(item));
  else list.push_back(std::move(item));
}

// The <ip> a DHCP change applies to: with parentIndex -1 the first IPv4
// one, else the one at that index.
NetworkIp& dhcpParent(NetworkDef& def, int parentIndex, const char* what) {
  if (parentIndex < 0) {
    for (NetworkIp& ip : def.ips)
      if (!ip.isIpv6()) return ip;
    invalid(std::string("couldn't update ") + what + " entry - no <ip> element found in network '" + def.name + "'");
  }
  if (static_cast<size_t>(parentIndex) >= def.ips.size())
    invalid(std::string("couldn't update ") + what + " entry - no <ip> element found at index " +
            std::to_string(parentIndex) + " in network '" + def.name + "'");
  return def.ips[parentIndex];
}

void updateDhcpHost(NetworkDef& def, unsigned command, int parentIndex, const xml::Element& e, std::string_view xml) {
  expectElement(e, "host", def);
  NetworkIp& ip = dhcpParent(def, parentIndex, "dhcp host");
  DhcpHost host = parseDhcpHost(e, def.name);
  auto& hosts = ip.hosts;
  if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
    // IPv4 hosts are found by MAC address, IPv6 ones by client id.
    bool v6 = ip.isIpv6();
    auto it = std::find_if(hosts.begin(), hosts.end(),
                           [&](const DhcpHost& h) { return v6 ? h.id == host.id : h.mac == host.mac; });
    if (it == hosts.end())
      invalid("couldn't locate an existing dhcp host entry with \"" + std::string(v6 ? "id='" + host.id : "mac='" + host.mac) +
              "'\" in network '" + def.name + "'");
    *it = host;
  } else if (isAdd(command)) {
    bool clash = std::any_of(hosts.begin(), hosts.end(), [&](const DhcpHost& h) {
      return (!host.mac.empty() && h.mac == host.mac) || (!host.id.empty() && h.id == host.id) ||
             (!host.name.empty() && h.name == host.name) || h.ip == host.ip;
    });
    if (clash)
      invalid("there is an existing dhcp host entry in network '" + def.name + "' that matches \"" + std::string(xml) +
              "\"");
    add(hosts, host, command);
  } else if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
    auto it = std::find_if(hosts.begin(), hosts.end(), [&](const DhcpHost& h) {
      return h.mac == host.mac && h.id == host.id && h.name == host.name && h.ip == host.ip;
    });
    if (it == hosts.end()) invalid("couldn't locate a matching dhcp host entry in network '" + def.name + "'");
    hosts.erase(it);
  } else {
    unknownCommand(command);
  }
  ip.dhcp = true;
}

void updateDhcpRange(NetworkDef& def, unsigned command, int parentIndex, const xml::Element& e) {
  expectElement(e, "range", def);
  NetworkIp& ip = dhcpParent(def, parentIndex, "dhcp range");
  if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_NETWORK, "dhcp ranges cannot be modified, only added or deleted");
  DhcpRange range = parseDhcpRange(e, ip, def.name);
  auto same = [&](const DhcpRange& r) { return r.start == range.start && r.end == range.end; };
  auto it = std::find_if(ip.ranges.begin(), ip.ranges.end(), same);
  if (isAdd(command)) {
    if (it != ip.ranges.end())
      invalid("there is an existing dhcp range entry in network '" + def.name + "' that matches \"<range start='" +
              range.start + "' end='" + range.end + "'/>\"");
    add(ip.ranges, range, command);
  } else if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
    if (it == ip.ranges.end()) invalid("couldn't locate a matching dhcp range entry in network '" + def.name + "'");
    ip.ranges.erase(it);
  } else {
    unknownCommand(command);
  }
  ip.dhcp = true;
}

// DNS records are added or deleted, never modified. `kind` is "HOST",
// "TXT" or "SRV" as libvirt's messages say it.
template <typename T, typename Match>
void updateDns(NetworkDef& def, std::vector<T>& list, unsigned command, T record, const char* kind, Match match) {
  if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_NETWORK,
         std::string("DNS ") + kind + " records cannot be modified, only added or deleted");
  auto it = std::find_if(list.begin(), list.end(), [&](const T& existing) { return match(existing, record); });
  if (isAdd(command)) {
    if (it != list.end())
      invalid(std::string("there is already at least one DNS ") + kind + " record with a matching field in network " +
              def.name);
    add(list, std::move(record), command);
  } else if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
    if (it == list.end())
      invalid(std::string("couldn't locate a matching DNS ") + kind + " record in network " + def.name);
    list.erase(it);
  } else {
    unknownCommand(command);
  }
}

}  // namespace

void updateNetworkSection(NetworkDef& def, unsigned command, unsigned section, int parentIndex,
                          std::string_view xml) {
  switch (section) {
    case VIR_NETWORK_SECTION_BRIDGE: noSupport(def, "bridge");
    case VIR_NETWORK_SECTION_DOMAIN: noSupport(def, "domain");
    case VIR_NETWORK_SECTION_IP: noSupport(def, "ip");
    case VIR_NETWORK_SECTION_FORWARD: noSupport(def, "forward");
    case VIR_NETWORK_SECTION_FORWARD_INTERFACE: noSupport(def, "forward interface");
    case VIR_NETWORK_SECTION_FORWARD_PF: noSupport(def, "forward pf");
    case VIR_NETWORK_SECTION_PORTGROUP: noSupport(def, "portgroup");
    case VIR_NETWORK_SECTION_IP_DHCP_HOST:
    case VIR_NETWORK_SECTION_IP_DHCP_RANGE:
    case VIR_NETWORK_SECTION_DNS_HOST:
    case VIR_NETWORK_SECTION_DNS_TXT:
    case VIR_NETWORK_SECTION_DNS_SRV:
      break;
    default:
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_NETWORK, "can't update unrecognized section of network");
  }
  xml::Element e = xml::parseElement(xml, "network_update_xml", VIR_FROM_NETWORK);
  // Work on a copy, so that a refusal changes nothing.
  NetworkDef updated = def;
  switch (section) {
    case VIR_NETWORK_SECTION_IP_DHCP_HOST:
      updateDhcpHost(updated, command, parentIndex, e, xml);
      break;
    case VIR_NETWORK_SECTION_IP_DHCP_RANGE:
      updateDhcpRange(updated, command, parentIndex, e);
      break;
    case VIR_NETWORK_SECTION_DNS_HOST:
      expectElement(e, "host", def);
      updateDns(updated, updated.dns.hosts, command, parseDnsHost(e, def.name), "HOST",
                [](const DnsHost& a, const DnsHost& b) { return a.ip == b.ip; });
      break;
    case VIR_NETWORK_SECTION_DNS_TXT:
      expectElement(e, "txt", def);
      updateDns(updated, updated.dns.txts, command, parseDnsTxt(e, def.name), "TXT",
                [](const DnsTxt& a, const DnsTxt& b) { return a.name == b.name; });
      break;
    default:  // DNS_SRV
      expectElement(e, "srv", def);
      updateDns(updated, updated.dns.srvs, command, parseDnsSrv(e, def.name), "SRV",
                [](const DnsSrv& a, const DnsSrv& b) { return a.service == b.service && a.protocol == b.protocol; });
      break;
  }
  def = std::move(updated);
}

}  // namespace vireo::conf
