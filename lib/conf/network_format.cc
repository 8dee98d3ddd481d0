// NetworkDef to XML, in the order and shape of libvirt 9.0's
// virNetworkDefFormatBuf (checked byte for byte against Debian's libvirt:
// tests/unit/data/network/).
#include "lib/conf/network_def.h"

namespace vireo::conf {
namespace {

const char* onOff(bool v) { return v ? "on" : "off"; }
const char* yesNo(bool v) { return v ? "yes" : "no"; }

void formatForward(xml::Writer& w, const NetworkDef& def) {
  const NetworkForward& fwd = def.forward;
  if (fwd.mode.empty()) return;
  w.open("forward");
  // libvirt repeats the first interface as dev= when the network has no
  // physical functions.
  if (fwd.pfs.empty() && !fwd.interfaces.empty()) w.attr("dev", fwd.interfaces[0]);
  w.attr("mode", fwd.mode);
  if (fwd.mode == "hostdev" && fwd.managed) w.attr("managed", yesNo(*fwd.managed));
  const NetworkNat& nat = fwd.nat;
  if (fwd.mode == "nat" && !nat.empty()) {
    w.open("nat");
    if (nat.ipv6) w.attr("ipv6", yesNo(*nat.ipv6));
    if (!nat.addressStart.empty()) {
      w.open("address").attr("start", nat.addressStart);
      w.attrIf("end", nat.addressEnd).close();
    }
    if (nat.portStart || nat.portEnd) w.open("port").attr("start", nat.portStart).attr("end", nat.portEnd).close();
    w.close();
  }
  for (const std::string& pf : fwd.pfs) w.open("pf").attr("dev", pf).close();
  for (const std::string& dev : fwd.interfaces) w.open("interface").attr("dev", dev).close();
  w.close();
}

void formatBridge(xml::Writer& w, const NetworkDef& def) {
  const NetworkBridge& b = def.bridge;
  bool managed = def.managedBridge();
  if (!managed && b.name.empty() && b.zone.empty() && b.macTableManager.empty()) return;
  w.open("bridge").attrIf("name", b.name).attrIf("zone", b.zone);
  if (managed) w.attr("stp", onOff(b.stp.value_or(true))).attr("delay", b.delay);
  w.attrIf("macTableManager", b.macTableManager);
  w.close();
}

void formatDns(xml::Writer& w, const NetworkDns& dns) {
  if (dns.empty()) return;
  w.open("dns");
  if (dns.enable) w.attr("enable", yesNo(*dns.enable));
  if (dns.forwardPlainNames) w.attr("forwardPlainNames", yesNo(*dns.forwardPlainNames));
  for (const DnsForwarder& f : dns.forwarders) w.open("forwarder").attrIf("domain", f.domain).attrIf("addr", f.addr).close();
  for (const DnsTxt& t : dns.txts) w.open("txt").attr("name", t.name).attr("value", t.value).close();
  for (const DnsSrv& s : dns.srvs) {
    w.open("srv").attr("service", s.service).attr("protocol", s.protocol);
    w.attrIf("domain", s.domain).attrIf("target", s.target);
    if (s.port) w.attr("port", *s.port);
    if (s.priority) w.attr("priority", *s.priority);
    if (s.weight) w.attr("weight", *s.weight);
    w.close();
  }
  for (const DnsHost& h : dns.hosts) {
    w.open("host").attrIf("ip", h.ip);
    for (const std::string& name : h.hostnames) w.textElement("hostname", name);
    w.close();
  }
  w.close();
}

void formatIp(xml::Writer& w, const NetworkIp& ip) {
  w.open("ip").attrIf("family", ip.family).attrIf("address", ip.address).attrIf("netmask", ip.netmask);
  if (ip.prefix) w.attr("prefix", *ip.prefix);
  w.attrIf("localPtr", ip.localPtr);
  bool dhcp = ip.dhcp && (!ip.ranges.empty() || !ip.hosts.empty() || !ip.bootpFile.empty());
  // libvirt writes "<ip ...>", a newline and "</ip>" even when nothing is
  // inside; as text at the ip element's depth (1), that is the end tag's
  // indentation.
  if (ip.tftpRoot.empty() && !dhcp) w.text("\n  ");
  if (!ip.tftpRoot.empty()) w.open("tftp").attr("root", ip.tftpRoot).close();
  if (dhcp) {
    w.open("dhcp");
    for (const DhcpRange& r : ip.ranges) w.open("range").attr("start", r.start).attr("end", r.end).close();
    for (const DhcpHost& h : ip.hosts)
      w.open("host").attrIf("mac", h.mac).attrIf("id", h.id).attrIf("name", h.name).attrIf("ip", h.ip).close();
    if (!ip.bootpFile.empty()) w.open("bootp").attr("file", ip.bootpFile).attrIf("server", ip.bootpServer).close();
    w.close();
  }
  w.close();
}

}  // namespace

std::string formatNetworkXml(const NetworkDef& def) {
  xml::Writer w;
  w.open("network");
  if (def.ipv6.value_or(false)) w.attr("ipv6", "yes");
  if (def.trustGuestRxFilters) w.attr("trustGuestRxFilters", yesNo(*def.trustGuestRxFilters));
  w.textElement("name", def.name);
  w.textElement("uuid", def.uuid.toString());
  if (def.metadata) w.element(*def.metadata);
  formatForward(w, def);
  formatBridge(w, def);
  if (def.mtu) w.open("mtu").attr("size", *def.mtu).close();
  if (!def.mac.empty()) w.open("mac").attr("address", def.mac).close();
  if (!def.domainName.empty()) {
    w.open("domain").attr("name", def.domainName);
    if (def.domainLocalOnly) w.attr("localOnly", yesNo(*def.domainLocalOnly));
    w.close();
  }
  formatDns(w, def.dns);
  if (def.vlan) w.element(*def.vlan);
  if (def.bandwidth) w.element(*def.bandwidth);
  for (const NetworkIp& ip : def.ips) formatIp(w, ip);
  for (const xml::Element& route : def.routes) w.element(route);
  if (def.virtualport) w.element(*def.virtualport);
  for (const xml::Element& pg : def.portgroups) w.element(pg);
  w.close();
  return w.take();
}

}  // namespace vireo::conf
