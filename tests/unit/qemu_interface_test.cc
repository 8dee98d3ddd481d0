// The policy of drivers/qemu/qemu_interface.h that needs no tap device:
// what is refused before anything is created, when vhost-net is used, how
// many queues an interface gets, how a MAC address is read. Real taps are
// tested in tests/integration/qemu_net_test.c.
#include <libvirt/libvirt.h>

#include <catch2/catch.hpp>

#include "drivers/qemu/qemu_interface.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/netdev.h"

using namespace vireo;
using qemu::VhostNetUse;

namespace {

conf::DomainDef domainWith(const std::string& type, const std::string& devices) {
  return conf::parseDomainXml("<domain type='" + type + "'><name>d</name><memory>65536</memory>"
                              "<os><type arch='x86_64'>hvm</type></os><devices>" + devices + "</devices></domain>",
                              0);
}

conf::NetDef nic(const std::string& xml) {
  return std::get<conf::NetDef>(conf::parseDeviceXml(xml, domainWith("qemu", ""), 0));
}

// The refusal for `xml` on a domain of type `virt`, or "" if it is accepted.
std::string refusal(const std::string& xml, const std::string& virt = "kvm") {
  try {
    qemu::checkInterfaceConnectable(virt, nic(xml));
  } catch (const Error& e) {
    CHECK(e.domain() == VIR_FROM_QEMU);
    return std::to_string(e.code()) + " " + e.message();
  }
  return "";
}

const std::string kMac = "<mac address='52:54:00:00:00:01'/>";

}  // namespace

TEST_CASE("interface: tap types and the ones refused before anything is made", "[qemu][interface]") {
  CHECK(qemu::usesTap(nic("<interface type='ethernet'/>")));
  CHECK(qemu::usesTap(nic("<interface type='bridge'><source bridge='br0'/></interface>")));
  CHECK_FALSE(qemu::usesTap(nic("<interface type='user'/>")));
  CHECK_FALSE(qemu::usesTap(nic("<interface type='network'><source network='default'/></interface>")));

  CHECK(refusal("<interface type='ethernet'>" + kMac + "</interface>").empty());
  CHECK(refusal("<interface type='bridge'>" + kMac + "<source bridge='br0'/><mtu size='9000'/></interface>").empty());
  CHECK(refusal("<interface type='user'>" + kMac + "<ip address='10.0.0.0' prefix='24'/></interface>").empty());

  const std::string unsupported = std::to_string(VIR_ERR_CONFIG_UNSUPPORTED) + " unsupported configuration: ";
  CHECK(refusal("<interface type='network'>" + kMac + "<source network='default'/></interface>") ==
        unsupported + "interface 52:54:00:00:00:01: type 'network' needs libvirt's virtual network driver, which "
                      "vireo does not have; connect the interface to a host bridge with type='bridge' and "
                      "<source bridge='NAME'/>");
  CHECK(refusal("<interface type='direct'>" + kMac + "<source dev='eth0' mode='vepa'/></interface>") ==
        unsupported + "interface 52:54:00:00:00:01: type 'direct' (macvtap) is not supported");
  CHECK(refusal("<interface type='ethernet'>" + kMac + "<target dev='tap0' managed='no'/></interface>") ==
        unsupported + "interface 52:54:00:00:00:01: an unmanaged tap device (managed='no') is not supported");
  CHECK(refusal("<interface type='bridge'>" + kMac + "<source bridge='br0'/><filterref filter='clean-traffic'/>"
                "</interface>") ==
        unsupported + "interface 52:54:00:00:00:01: <filterref> is not supported for type 'bridge' (vireo does "
                      "not configure it on the host)");
  CHECK(refusal("<interface type='ethernet'>" + kMac + "<ip address='192.168.1.1' prefix='24'/></interface>") ==
        unsupported + "interface 52:54:00:00:00:01: <ip> is not supported for type 'ethernet' (vireo does not "
                      "configure it on the host)");
  CHECK(refusal("<interface type='ethernet'>" + kMac + "<backend tap='/dev/net/tun2'/></interface>") ==
        unsupported + "interface 52:54:00:00:00:01: custom tap or vhost device paths (<backend>) are not supported");
  // libvirt's XML reader keeps a <driver>'s backend settings (name, queues...)
  // for a virtio model only: for another model there is nothing to refuse.
  CHECK(refusal("<interface type='ethernet'>" + kMac + "<model type='e1000'/><driver queues='4'/></interface>")
            .empty());
  CHECK(refusal("<interface type='ethernet'>" + kMac + "<model type='e1000'/><driver name='vhost'/></interface>")
            .empty());
  CHECK(qemu::interfaceQueues(nic("<interface type='ethernet'>" + kMac +
                                  "<model type='e1000'/><driver queues='4'/></interface>")) == 1);
}

TEST_CASE("interface: when libvirt uses vhost-net", "[qemu][interface]") {
  auto use = [](const std::string& virt, const std::string& xml) { return qemu::vhostNetUse(virt, nic(xml)); };
  CHECK(use("kvm", "<interface type='ethernet'><model type='virtio'/></interface>") == VhostNetUse::Optional);
  CHECK(use("kvm", "<interface type='ethernet'><model type='virtio-non-transitional'/></interface>") ==
        VhostNetUse::Optional);
  CHECK(use("kvm", "<interface type='ethernet'><model type='virtio'/><driver name='vhost'/></interface>") ==
        VhostNetUse::Required);
  CHECK(use("kvm", "<interface type='ethernet'><model type='virtio'/><driver name='qemu'/></interface>") ==
        VhostNetUse::None);
  CHECK(use("kvm", "<interface type='ethernet'><model type='e1000'/></interface>") == VhostNetUse::None);
  CHECK(use("kvm", "<interface type='ethernet'/>") == VhostNetUse::None);  // rtl8139
  CHECK(use("qemu", "<interface type='ethernet'><model type='virtio'/></interface>") == VhostNetUse::None);
  CHECK(use("qemu", "<interface type='ethernet'><model type='virtio'/><driver name='vhost'/></interface>") ==
        VhostNetUse::None);
}

TEST_CASE("interface: queues", "[qemu][interface]") {
  CHECK(qemu::interfaceQueues(nic("<interface type='ethernet'/>")) == 1);
  CHECK(qemu::interfaceQueues(nic("<interface type='ethernet'><model type='virtio'/><driver queues='0'/></interface>")) ==
        1);
  CHECK(qemu::interfaceQueues(nic("<interface type='ethernet'><model type='virtio'/><driver queues='4'/></interface>")) ==
        4);
}

TEST_CASE("interface: a MAC address as netdev reads it", "[qemu][interface]") {
  CHECK(netdev::parseMac("52:54:00:AB:cd:0f") == netdev::MacAddress{0x52, 0x54, 0x00, 0xab, 0xcd, 0x0f});
  for (const char* bad : {"", "52:54:00:ab:cd", "52:54:00:ab:cd:0f:", "52:54:00:ab:cd:0fx", "525:4:00:ab:cd:0f"})
    CHECK_THROWS_AS(netdev::parseMac(bad), Error);
}
