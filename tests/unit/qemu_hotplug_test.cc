// The parts of hotplug that need no QEMU: the QMP chardev backends, which
// device a detach XML names, where a new disk goes, and the hand-over of
// DEVICE_DELETED to a waiting detach. The QMP sequences themselves run
// against a real QEMU in tests/integration/qemu_hotplug_test.c.
#include <libvirt/libvirt.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "drivers/qemu/qemu_hotplug.h"
#include "drivers/qemu/qemu_hotplug_internal.h"
#include "drivers/qemu/qemu_removal_signal.h"
#include "drivers/qemu/qemu_status.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/json.h"

using namespace vireo;

namespace {

conf::DomainDef domainWith(const std::string& devices) {
  return conf::parseDomainXml("<domain type='qemu'><name>d</name><memory>65536</memory>"
                              "<os><type arch='x86_64'>hvm</type></os><devices>" +
                                  devices + "</devices></domain>",
                              0);
}

conf::ChrDef chr(const std::string& xml) {
  return std::get<conf::ChrDef>(conf::parseDeviceXml(xml, domainWith(""), 0));
}

std::string backend(const std::string& xml) { return json::serialize(qemu::hotplug::chardevBackend(chr(xml))); }

template <typename Fn>
Error errorOf(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  throw;
}

}  // namespace

TEST_CASE("hotplug: chardev-add backends in QMP's form", "[qemu][hotplug]") {
  CHECK(backend("<channel type='pty'><target type='virtio' name='a'/></channel>") ==
        R"({"type":"pty","data":{}})");
  CHECK(backend("<channel type='unix'><source mode='bind' path='/run/x.sock'/><target type='virtio'/></channel>") ==
        R"({"type":"socket","data":{"addr":{"type":"unix","data":{"path":"/run/x.sock"}},"server":true,"wait":false}})");
  CHECK(backend("<channel type='unix'><source mode='connect' path='/run/x.sock'><reconnect enabled='yes' "
                "timeout='10'/></source><target type='virtio'/></channel>") ==
        R"({"type":"socket","data":{"addr":{"type":"unix","data":{"path":"/run/x.sock"}},"server":false,"reconnect":10}})");
  CHECK(backend("<serial type='file'><source path='/var/log/s.log' append='on'/><target type='usb-serial'/></serial>") ==
        R"({"type":"file","data":{"out":"/var/log/s.log","append":true}})");
  CHECK(backend("<serial type='tcp'><source mode='bind' host='127.0.0.1' service='4555'/><protocol type='telnet'/>"
                "<target type='usb-serial'/></serial>") ==
        R"({"type":"socket","data":{"addr":{"type":"inet","data":{"host":"127.0.0.1","port":"4555"}},"telnet":true,"server":true,"wait":false}})");
  CHECK(backend("<serial type='dev'><source path='/dev/ttyS1'/><target type='usb-serial'/></serial>") ==
        R"({"type":"serial","data":{"device":"/dev/ttyS1"}})");
  CHECK(backend("<channel type='null'><log file='/tmp/l' append='off'/><target type='virtio'/></channel>") ==
        R"({"type":"null","data":{"logfile":"/tmp/l","logappend":false}})");
  Error e = errorOf([] { backend("<channel type='spicevmc'><target type='virtio'/></channel>"); });
  CHECK(e.code() == VIR_ERR_CONFIG_UNSUPPORTED);
}

TEST_CASE("hotplug: libvirt's refusals for chardevs", "[qemu][hotplug]") {
  using qemu::hotplug::checkChrAttach;
  CHECK_NOTHROW(checkChrAttach(chr("<channel type='pty'><target type='virtio'/></channel>")));
  CHECK_NOTHROW(checkChrAttach(chr("<serial type='pty'><target type='usb-serial'/></serial>")));
  Error e = errorOf([] { checkChrAttach(chr("<console type='pty'><target type='serial'/></console>")); });
  CHECK(e.code() == VIR_ERR_OPERATION_UNSUPPORTED);
  CHECK(e.message().find("attaching serial console is not supported") != std::string::npos);
  e = errorOf([] { checkChrAttach(chr("<serial type='pty'><target type='isa-serial'/></serial>")); });
  CHECK(e.code() == VIR_ERR_OPERATION_UNSUPPORTED);
}

TEST_CASE("hotplug: the interface a detach names", "[qemu][hotplug]") {
  conf::DomainDef def = domainWith(
      "<interface type='user'><mac address='52:54:00:00:00:0a'/></interface>"
      "<interface type='user'><mac address='52:54:00:00:00:02'/>"
      "<address type='pci' domain='0' bus='0' slot='4' function='0'/></interface>"
      "<interface type='user'><mac address='52:54:00:00:00:02'/>"
      "<address type='pci' domain='0' bus='0' slot='5' function='0'/></interface>");
  auto net = [&](const std::string& xml) { return std::get<conf::NetDef>(conf::parseDeviceXml(xml, def, 0)); };
  CHECK(qemu::findInterface(def, net("<interface type='user'><mac address='52:54:00:00:00:0a'/></interface>")) == 0);
  // MACs compare as addresses, not as text
  CHECK(qemu::findInterface(def, net("<interface type='user'><mac address='52:54:00:00:00:0A'/></interface>")) == 0);
  CHECK(qemu::findInterface(def, net("<interface type='user'><mac address='52:54:00:00:00:02'/>"
                                     "<address type='pci' domain='0' bus='0' slot='5' function='0'/></interface>")) == 2);
  Error e = errorOf([&] {
    qemu::findInterface(def, net("<interface type='user'><mac address='52:54:00:00:00:02'/></interface>"));
  });
  CHECK(e.code() == VIR_ERR_OPERATION_FAILED);
  CHECK(e.message().find("multiple devices matching MAC address 52:54:00:00:00:02 found") != std::string::npos);
  e = errorOf([&] {
    qemu::findInterface(def, net("<interface type='user'><mac address='52:54:00:00:00:09'/></interface>"));
  });
  CHECK(e.code() == VIR_ERR_DEVICE_MISSING);
  CHECK(e.domain() == VIR_FROM_DOMAIN);
  CHECK(e.message().find("no device matching MAC address 52:54:00:00:00:09 found") != std::string::npos);
  e = errorOf([&] {
    qemu::findInterface(def, net("<interface type='user'><mac address='52:54:00:00:00:0a'/>"
                                 "<address type='pci' domain='0' bus='0' slot='9' function='0'/></interface>"));
  });
  CHECK(e.message().find("found on 0000:00:09.0") != std::string::npos);
}

TEST_CASE("hotplug: the chardev a detach names", "[qemu][hotplug]") {
  conf::DomainDef def = domainWith(
      "<channel type='pty'><source path='/dev/pts/7'/><target type='virtio' name='a'/></channel>"
      "<channel type='unix'><source mode='bind' path='/run/b.sock'/><target type='virtio' name='b'/></channel>");
  auto c = [&](const std::string& xml) { return std::get<conf::ChrDef>(conf::parseDeviceXml(xml, def, 0)); };
  // a pty's path is QEMU's choice: a query without one matches
  CHECK(qemu::findChardev(def, c("<channel type='pty'><target type='virtio' name='a'/></channel>")) == 0);
  CHECK(qemu::findChardev(def, c("<channel type='pty'><source path='/dev/pts/8'/><target type='virtio' name='a'/>"
                                 "</channel>")) == -1);
  CHECK(qemu::findChardev(def, c("<channel type='unix'><source mode='bind' path='/run/b.sock'/>"
                                 "<target type='virtio' name='b'/></channel>")) == 1);
  CHECK(qemu::findChardev(def, c("<channel type='unix'><source mode='bind' path='/run/c.sock'/>"
                                 "<target type='virtio' name='b'/></channel>")) == -1);
  CHECK(qemu::findChardev(def, c("<channel type='pty'><target type='virtio' name='z'/></channel>")) == -1);
}

TEST_CASE("hotplug: a new disk goes where libvirt inserts it", "[qemu][hotplug]") {
  conf::DomainDef def = domainWith(
      "<disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/></disk>"
      "<disk type='file'><source file='/c'/><target dev='vdc' bus='virtio'/></disk>"
      "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>");
  auto add = [&](const std::string& target, const std::string& bus) {
    conf::DiskDef d;
    d.targetDev = target;
    d.targetBus = bus;
    def.disks.push_back(d);
    return qemu::placeNewDisk(def);
  };
  CHECK(add("vdb", "virtio") == 1);   // between vda and vdc
  CHECK(add("vdz", "virtio") == 3);   // after the last virtio disk, before the IDE one
  CHECK(add("sda", "scsi") == 5);     // a bus of its own: at the end
  std::vector<std::string> order;
  for (const auto& d : def.disks) order.push_back(d.targetDev);
  CHECK(order == std::vector<std::string>{"vda", "vdb", "vdc", "vdz", "hdc", "sda"});
}

TEST_CASE("hotplug: DEVICE_DELETED reaches the detach that waits for it", "[qemu][hotplug]") {
  qemu::RemovalSignal signal;
  // nobody waits: the event belongs to the work queue
  CHECK_FALSE(signal.notify("virtio-disk1"));

  signal.expect("virtio-disk1");
  CHECK_FALSE(signal.notify("net0"));  // another device's event
  CHECK_FALSE(signal.notify(""));      // an id-less part of a device
  std::thread reader([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(signal.notify("virtio-disk1"));
  });
  auto t0 = std::chrono::steady_clock::now();
  CHECK(signal.wait(std::chrono::milliseconds(5000)));
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(2000));
  reader.join();

  // a wait that times out ends the expectation: a late event is the queue's
  signal.expect("virtio-disk2");
  CHECK_FALSE(signal.wait(std::chrono::milliseconds(30)));
  CHECK_FALSE(signal.notify("virtio-disk2"));

  // an event that came with device_del's reply is seen without waiting
  signal.expect("channel0");
  CHECK(signal.notify("channel0"));
  CHECK(signal.seen());
  CHECK(signal.wait(std::chrono::milliseconds(0)));
}

TEST_CASE("hotplug: libvirt's device type names", "[qemu][hotplug]") {
  conf::DomainDef def = domainWith("");
  auto name = [&](const std::string& xml) { return qemu::deviceTypeName(conf::parseDeviceXml(xml, def, 0)); };
  CHECK(name("<disk type='file'><source file='/a'/><target dev='vdb'/></disk>") == "disk");
  CHECK(name("<interface type='user'/>") == "net");
  CHECK(name("<channel type='pty'><target type='virtio'/></channel>") == "chr");
  CHECK(name("<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>") == "rng");
  CHECK(name("<controller type='scsi'/>") == "controller");
}

TEST_CASE("hotplug: the status file keeps QEMU's device ids", "[qemu][hotplug]") {
  // Unplug after a takeover names devices by the ids they got in QEMU,
  // which lib/conf's parser alone would drop (it keeps only ua- aliases).
  qemu::StatusRecord r;
  r.state = VIR_DOMAIN_RUNNING;
  r.pid = 4242;
  r.id = 3;
  r.monitorPath = "/run/x/monitor.sock";
  r.def = domainWith(
      "<disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/></disk>"
      "<disk type='file'><source file='/b'/><target dev='vdc' bus='virtio'/></disk>"
      "<controller type='virtio-serial' index='0'/>"
      "<interface type='user'><mac address='52:54:00:00:00:01'/></interface>"
      "<interface type='user'><mac address='52:54:00:00:00:02'/><alias name='ua-mine'/></interface>"
      "<channel type='pty'><target type='virtio' name='a'/></channel>");
  r.def.disks[0].info.alias = "virtio-disk0";
  r.def.disks[1].info.alias = "virtio-disk2";
  for (auto& c : r.def.controllers)
    if (c.type == "virtio-serial") c.info.alias = "virtio-serial0";
  r.def.nets[0].info.alias = "net1";  // net0 was unplugged: ids need not follow positions
  r.def.channels[0].info.alias = "channel3";
  qemu::StatusRecord back = qemu::parseStatus(qemu::formatStatus(r), "test.xml");
  CHECK(back.def.disks[0].info.alias == "virtio-disk0");
  CHECK(back.def.disks[1].info.alias == "virtio-disk2");
  CHECK(back.def.nets[0].info.alias == "net1");
  CHECK(back.def.nets[1].info.alias == "ua-mine");
  CHECK(back.def.channels[0].info.alias == "channel3");
  bool serialController = false;
  for (const auto& c : back.def.controllers)
    if (c.type == "virtio-serial") serialController = c.info.alias == "virtio-serial0";
  CHECK(serialController);
}
