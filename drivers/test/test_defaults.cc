// test:///default: the node and objects libvirt 9.0's test driver starts
// with (libvirt-api.md §3.1), and the capabilities document of a node.
#include <cstring>
#include <string>

#include "drivers/test/test_state.h"

namespace vireo::test {
namespace {

// The one domain of the default node: running, persistent, id 1.
constexpr const char* kDefaultDomainXml = R"(<domain type='test'>
  <name>test</name>
  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
  <memory>8388608</memory>
  <currentMemory>2097152</currentMemory>
  <vcpu>2</vcpu>
  <os>
    <type>hvm</type>
  </os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file'>
      <source file='/guest/diskimage1'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </disk>
    <interface type='network'>
      <mac address='aa:bb:cc:dd:ee:ff'/>
      <source network='default'/>
      <target dev='testnet0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
    </interface>
    <memballoon model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </memballoon>
  </devices>
</domain>
)";

constexpr const char* kDefaultNetworkXml = R"(<network>
  <name>default</name>
  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>
)";

// The one host interface of the default node, running.
constexpr const char* kDefaultInterfaceXml = R"(<interface type='ethernet' name='eth1'>
  <start mode='onboot'/>
  <mac address='aa:bb:cc:dd:ee:ff'/>
  <mtu size='1492'/>
  <protocol family='ipv4'>
    <ip address='192.168.0.5' prefix='24'/>
    <route gateway='192.168.0.1'/>
  </protocol>
</interface>
)";

void addDefaultInterface(TestDriverState& state) REQUIRES(state.mu) {
  TestInterface iface;
  iface.def = conf::parseInterfaceXml(kDefaultInterfaceXml);
  iface.active = true;
  state.interfaces.push_back(std::move(iface));
}

constexpr const char* kDefaultPoolXml = R"(<pool type='dir'>
  <name>default-pool</name>
  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>
  <target>
    <path>/default-pool</path>
  </target>
</pool>
)";

// The node devices of the default node, as libvirt 9.0's test driver
// reads them (its max_vports and vports values never reach the XML).
constexpr const char* kDefaultNodeDeviceXml[] = {
    R"(<device>
  <name>computer</name>
  <capability type='system'>
    <hardware>
      <vendor>Libvirt</vendor>
      <version>Test driver</version>
      <serial>123456</serial>
      <uuid>11111111-2222-3333-4444-555555555555</uuid>
    </hardware>
    <firmware>
      <vendor>Libvirt</vendor>
      <version>Test Driver</version>
      <release_date>01/22/2007</release_date>
    </firmware>
  </capability>
</device>)",
    R"(<device>
  <name>scsi_host1</name>
  <parent>computer</parent>
  <capability type='scsi_host'>
    <host>1</host>
    <unique_id>0</unique_id>
    <capability type='fc_host'>
      <wwnn>2000000012341234</wwnn>
      <wwpn>1000000012341234</wwpn>
      <fabric_wwn>2000000043214321</fabric_wwn>
    </capability>
    <capability type='vport_ops'/>
  </capability>
</device>)",
    R"(<device>
  <name>scsi_host2</name>
  <parent>computer</parent>
  <capability type='scsi_host'>
    <host>2</host>
    <unique_id>1</unique_id>
    <capability type='fc_host'>
      <wwnn>2000000056785678</wwnn>
      <wwpn>1000000056785678</wwpn>
      <fabric_wwn>2000000087658765</fabric_wwn>
    </capability>
    <capability type='vport_ops'/>
  </capability>
</device>)",
    R"(<device>
  <name>scsi_host11</name>
  <parent>scsi_host1</parent>
  <capability type='scsi_host'>
    <host>11</host>
    <unique_id>10</unique_id>
    <capability type='fc_host'>
      <wwnn>2000000034563456</wwnn>
      <wwpn>1000000034563456</wwpn>
      <fabric_wwn>2000000043214321</fabric_wwn>
    </capability>
  </capability>
</device>)",
};

void addDefaultNodeDevices(TestDriverState& state) REQUIRES(state.mu) {
  for (const char* xml : kDefaultNodeDeviceXml)
    state.nodeDevices.push_back(conf::parseNodeDeviceXml(xml, conf::NodeDeviceParse::Existing));
}

void addDefaultNetworkAndPool(TestDriverState& state) REQUIRES(state.mu) {
  TestNetwork net;
  net.def = conf::parseNetworkXml(kDefaultNetworkXml);
  net.active = true;
  state.networks.push_back(std::move(net));

  TestPool pool;
  pool.def = conf::parseStoragePoolXml(kDefaultPoolXml);
  setDefaultPoolSizes(pool.def);
  pool.active = true;
  state.pools.push_back(std::move(pool));
}

void cellXml(std::string& out, int cell, unsigned long long memKiB, int pageKiB, int firstCpu, int socket) {
  out += "        <cell id='" + std::to_string(cell) + "'>\n";
  out += "          <memory unit='KiB'>" + std::to_string(memKiB) + "</memory>\n";
  out += "          <pages unit='KiB' size='" + std::to_string(pageKiB) + "'>524288</pages>\n";
  out += "          <pages unit='KiB' size='2048'>0</pages>\n";
  out += "          <pages unit='KiB' size='1048576'>0</pages>\n";
  out += "          <cpus num='8'>\n";
  for (int i = 0; i < 8; i++) {
    std::string id = std::to_string(firstCpu + i);
    out += "            <cpu id='" + id + "' socket_id='" + std::to_string(socket) + "' die_id='0' core_id='" +
           std::to_string(i) + "' siblings='" + id + "'/>\n";
  }
  out += "          </cpus>\n";
  out += "        </cell>\n";
}

void guestXml(std::string& out, const char* osType) {
  out += "  <guest>\n";
  out += std::string("    <os_type>") + osType + "</os_type>\n";
  out += "    <arch name='i686'>\n";
  out += "      <wordsize>32</wordsize>\n";
  out += "      <emulator>/usr/bin/test-hv</emulator>\n";
  out += "      <domain type='test'/>\n";
  out += "    </arch>\n";
  out += "    <features>\n";
  out += "      <pae/>\n";
  out += "      <nonpae/>\n";
  out += "    </features>\n";
  out += "  </guest>\n\n";
}

}  // namespace

void loadDefaultNodeInfo(TestNode& node) {
  virNodeInfo& info = node.info;
  std::strncpy(info.model, "i686", sizeof info.model - 1);
  info.memory = 3145728;
  info.cpus = 16;
  info.mhz = 1400;
  info.nodes = 2;
  info.sockets = 2;
  info.cores = 2;
  info.threads = 2;
  node.freeMemoryKiB = 3145728;
  node.numa = true;
}

void loadDefaultNode(TestDriverState& state) {
  loadDefaultNodeInfo(state.node);

  auto dom = std::make_unique<TestDomain>();
  dom->def = parseDefinition(kDefaultDomainXml, conf::ParseInactive);
  TestDomain& added = state.domains.add(std::move(dom));
  state.start(added, VIR_DOMAIN_RUNNING_UNKNOWN);
  addDefaultNetworkAndPool(state);
  addDefaultInterface(state);
  addDefaultNodeDevices(state);
}

std::string capabilitiesXml(const TestNode& node) {
  std::string out = "<capabilities>\n\n  <host>\n    <cpu>\n      <arch>i686</arch>\n";
  out += "      <features>\n        <pae/>\n        <nonpae/>\n      </features>\n";
  for (const char* size : {"4", "8", "2048", "1048576"})
    out += std::string("      <pages unit='KiB' size='") + size + "'/>\n";
  out += "    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n";
  if (node.numa) {
    out += "    <topology>\n      <cells num='2'>\n";
    cellXml(out, 0, 2097152, 4, 0, 0);
    cellXml(out, 1, 4194304, 8, 8, 1);
    out += "      </cells>\n    </topology>\n";
  }
  out += "    <secmodel>\n      <model>testSecurity</model>\n      <doi></doi>\n    </secmodel>\n";
  out += "  </host>\n\n";
  guestXml(out, "hvm");
  guestXml(out, "xen");
  out += "</capabilities>\n";
  return out;
}

}  // namespace vireo::test
