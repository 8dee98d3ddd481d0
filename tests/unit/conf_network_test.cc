// The network model against libvirt 9.0's own output: every input
// tests/unit/data/network/NAME.in.xml formats as NAME.xml, which Debian's
// libvirt wrote for it (tests/unit/data/network/regenerate), and libvirt's
// refusals come with its codes, domains and messages.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "lib/conf/network_def.h"
#include "lib/util/error.h"

namespace fs = std::filesystem;
using namespace vireo::conf;

namespace {

// The data directory next to this file (see qemu_postparse_test.cc).
fs::path dataDir() {
  fs::path src = fs::path(__FILE__).parent_path() / "data" / "network";
  if (src.is_absolute() || fs::exists(src)) return src;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path fromBuild = exe.parent_path().parent_path().parent_path() / src;
    if (fs::exists(fromBuild)) return fromBuild;
  }
  return src;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Refusal {
  int code;
  int domain;
  std::string message;
};

Refusal refusal(const std::string& xml) {
  try {
    parseNetworkXml(xml);
  } catch (const vireo::Error& e) {
    return {e.code(), e.domain(), e.message()};
  }
  return {0, 0, "accepted"};
}

std::string net(const std::string& body) { return "<network><name>x</name>" + body + "</network>"; }

}  // namespace

TEST_CASE("network XML formats as libvirt 9.0 does", "[conf][network]") {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dataDir())) {
    std::string file = entry.path().filename().string();
    if (file.size() < 7 || file.substr(file.size() - 7) != ".in.xml") continue;
    std::string name = file.substr(0, file.size() - 7);
    INFO("case " << name);
    std::string expected = readFile(dataDir() / (name + ".xml"));
    NetworkDef def = parseNetworkXml(readFile(entry.path()));
    CHECK(formatNetworkXml(def) == expected);
    // libvirt's output is a fixed point.
    CHECK(formatNetworkXml(parseNetworkXml(expected)) == expected);
    cases++;
  }
  CHECK(cases >= 10);
  std::string defaultNet = readFile(dataDir() / "default.xml");
  CHECK(formatNetworkXml(parseNetworkXml(defaultNet)) == defaultNet);
}

TEST_CASE("network XML: the typed parts", "[conf][network]") {
  NetworkDef def = parseNetworkXml(readFile(dataDir() / "rich.in.xml"));
  CHECK(def.name == "rich");
  CHECK(def.uuid.toString() == "81ff0d90-c91e-6742-64da-4a736edb9a9b");
  CHECK(def.forward.mode == "nat");
  CHECK(def.forward.interfaces == std::vector<std::string>{"eth0"});
  CHECK(def.forward.nat.portStart == 500);
  CHECK(def.forward.nat.portEnd == 1000);
  CHECK(def.bridge.name == "virbr5");
  CHECK(def.bridge.stp == false);
  CHECK(def.bridge.delay == 2);
  CHECK(def.mtu == 9000u);
  REQUIRE(def.ips.size() == 2);
  CHECK_FALSE(def.ips[0].isIpv6());
  CHECK(def.ips[1].isIpv6());
  REQUIRE(def.ips[0].hosts.size() == 1);
  CHECK(def.ips[0].hosts[0].mac == "00:16:3e:77:e2:ed");
  CHECK(def.dns.hosts.at(0).hostnames.size() == 2);
  CHECK(def.portgroups.size() == 1);
}

TEST_CASE("a network without a uuid gets a fresh one", "[conf][network]") {
  NetworkDef a = parseNetworkXml(net(""));
  NetworkDef b = parseNetworkXml(net(""));
  CHECK(a.uuid.toString() != b.uuid.toString());
  CHECK(formatNetworkXml(a).find("<bridge stp='on' delay='0'/>") != std::string::npos);
}

TEST_CASE("network XML refusals carry libvirt's code, domain and message", "[conf][network]") {
  struct Case {
    std::string xml;
    Refusal want;
  };
  const Case cases[] = {
      {"<network/>", {VIR_ERR_NO_NAME, VIR_FROM_NETWORK, "missing name information"}},
      {"<netw/>", {VIR_ERR_XML_ERROR, VIR_FROM_XML, "XML error: expecting root element of 'network', not 'netw'"}},
      {"<network><name>a/b</name></network>", {VIR_ERR_XML_DETAIL, VIR_FROM_XML, "invalid char in name: /"}},
      {net("<uuid>nope</uuid>"), {VIR_ERR_INTERNAL_ERROR, VIR_FROM_NETWORK, "internal error: malformed uuid element"}},
      {net("<forward mode='bogus'/>"),
       {VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_NETWORK, "unsupported configuration: unknown forwarding type 'bogus'"}},
      {net("<ip address='300.1.1.1' prefix='24'/>"),
       {VIR_ERR_XML_ERROR, VIR_FROM_NETWORK, "XML error: Invalid address '300.1.1.1' in network 'x'"}},
      {net("<ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.1.2' end='10.0.1.9'/></dhcp></ip>"),
       {VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
        "internal error: range 10.0.1.2 - 10.0.1.9 is not entirely within network 10.0.0.1/24"}},
      {net("<ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.0.9' end='10.0.0.2'/></dhcp></ip>"),
       {VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "internal error: range 10.0.0.9 - 10.0.0.2 is reversed "}},
      {net("<mac address='zz'/>"),
       {VIR_ERR_XML_ERROR, VIR_FROM_NETWORK, "XML error: Invalid bridge mac address 'zz' in network 'x'"}},
      {net("<mac address='01:00:00:00:00:01'/>"),
       {VIR_ERR_XML_ERROR, VIR_FROM_NETWORK,
        "XML error: Invalid multicast bridge mac address '01:00:00:00:00:01' in network 'x'"}},
      {net("<bridge name='b' delay='x'/>"),
       {VIR_ERR_XML_ERROR, VIR_FROM_NETWORK, "XML error: Invalid delay value in network 'x'"}},
      {net("<ip address='10.0.0.1' prefix='24' netmask='255.0.0.0'/>"),
       {VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_NETWORK,
        "unsupported configuration: Network 'x' IP address cannot have both a prefix and a netmask"}},
      {net("<ip family='ipv6' address='10.0.0.1' prefix='64'/>"),
       {VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_NETWORK,
        "unsupported configuration: Family 'ipv6' specified for non-IPv6 address '10.0.0.1' in network 'x'"}},
      {net("<mtu size='abc'/>"), {VIR_ERR_XML_ERROR, VIR_FROM_NETWORK, "XML error: Invalid mtu size 'abc' in network 'x'"}},
      {net("<dns><host ip='10.0.0.5'/></dns>"),
       {VIR_ERR_XML_DETAIL, VIR_FROM_NETWORK, "Missing hostname in network 'x' DNS HOST record"}},
      {net("<dns><txt name='a'/></dns>"),
       {VIR_ERR_XML_DETAIL, VIR_FROM_NETWORK, "missing required value attribute in DNS TXT record named 'a' of network x"}},
      {net("<ip address='10.0.0.1' prefix='24'><dhcp><host name='n'/></dhcp></ip>"),
       {VIR_ERR_XML_ERROR, VIR_FROM_NETWORK, "XML error: Missing IP address in static host definition for network 'x'"}},
      {net("<forward mode='nat'><nat><port start='70000' end='1'/></nat></forward>"),
       {VIR_ERR_XML_DETAIL, VIR_FROM_NETWORK,
        "Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network x"}},
  };
  for (const Case& c : cases) {
    INFO(c.xml);
    Refusal got = refusal(c.xml);
    CHECK(got.code == c.want.code);
    CHECK(got.domain == c.want.domain);
    CHECK(got.message == c.want.message);
  }
}

TEST_CASE("a network XML syntax error names network_definition", "[conf][network]") {
  Refusal got = refusal("<network");
  CHECK(got.code == VIR_ERR_XML_DETAIL);
  CHECK(got.domain == VIR_FROM_NETWORK);
  INFO(got.message);
  CHECK(got.message.rfind("(network_definition):1: Couldn't find end of Start Tag network", 0) == 0);
}

TEST_CASE("network update: DHCP hosts and ranges, DNS records", "[conf][network]") {
  NetworkDef def = parseNetworkXml(readFile(dataDir() / "default.xml"));
  const std::string before = formatNetworkXml(def);
  updateNetworkSection(def, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                       "<host mac='00:16:3e:77:e2:ee' name='a' ip='192.168.122.11'/>");
  updateNetworkSection(def, VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                       "<host mac='00:16:3e:77:e2:ef' name='b' ip='192.168.122.12'/>");
  REQUIRE(def.ips[0].hosts.size() == 2);
  CHECK(def.ips[0].hosts[0].name == "b");
  updateNetworkSection(def, VIR_NETWORK_UPDATE_COMMAND_MODIFY, VIR_NETWORK_SECTION_IP_DHCP_HOST, 0,
                       "<host mac='00:16:3e:77:e2:ee' name='c' ip='192.168.122.13'/>");
  CHECK(def.ips[0].hosts[1].name == "c");

  // A refusal changes nothing.
  const std::string changed = formatNetworkXml(def);
  auto refused = [&](unsigned command, unsigned section, const char* xml) {
    try {
      updateNetworkSection(def, command, section, -1, xml);
    } catch (const vireo::Error& e) {
      CHECK(formatNetworkXml(def) == changed);
      return e.code();
    }
    return VIR_ERR_OK;
  };
  CHECK(refused(VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_RANGE,
                "<range start='10.0.0.2' end='10.0.0.9'/>") == VIR_ERR_INTERNAL_ERROR);
  CHECK(refused(VIR_NETWORK_UPDATE_COMMAND_MODIFY, VIR_NETWORK_SECTION_IP_DHCP_RANGE,
                "<range start='192.168.122.2' end='192.168.122.9'/>") == VIR_ERR_OPERATION_UNSUPPORTED);
  CHECK(refused(VIR_NETWORK_UPDATE_COMMAND_MODIFY, VIR_NETWORK_SECTION_DNS_TXT, "<txt name='a' value='b'/>") ==
        VIR_ERR_OPERATION_UNSUPPORTED);
  CHECK(refused(VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_DNS_HOST,
                "<host ip='1.2.3.4'><hostname>x</hostname></host>") == VIR_ERR_OPERATION_INVALID);
  CHECK(refused(VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_PORTGROUP, "<portgroup name='p'/>") ==
        VIR_ERR_OPERATION_UNSUPPORTED);
  CHECK(refused(VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_SRV, "<srv") == VIR_ERR_XML_DETAIL);

  updateNetworkSection(def, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_SRV, -1,
                       "<srv service='s' protocol='tcp' port='80'/>");
  CHECK(formatNetworkXml(def).find("  <dns>\n    <srv service='s' protocol='tcp' port='80'/>\n  </dns>\n") !=
        std::string::npos);
  for (const char* host : {"<host mac='00:16:3e:77:e2:ee' name='c' ip='192.168.122.13'/>",
                           "<host mac='00:16:3e:77:e2:ef' name='b' ip='192.168.122.12'/>"})
    updateNetworkSection(def, VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1, host);
  updateNetworkSection(def, VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_DNS_SRV, -1,
                       "<srv service='s' protocol='tcp' port='80'/>");
  CHECK(formatNetworkXml(def) == before);
}
