// The container driver's reading of domain XML: what a definition asks
// for, what is refused (by name), libvirt's formatting of the container
// elements, and the status record. No root needed.
#include <catch2/catch.hpp>

#include <string>

#include <libvirt/libvirt.h>

#include "drivers/lxc/lxc_config.h"
#include "drivers/lxc/lxc_container_def.h"
#include "drivers/lxc/lxc_status.h"
#include "lib/conf/domain.h"
#include "lib/ns/container_program.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "tests/support/temp_dir.h"

using namespace vireo;

namespace {

std::string containerXml(const std::string& devices, const std::string& os = "<init>/bin/sh</init>") {
  return "<domain type='lxc'><name>ct1</name><uuid>6f4f9bd9-4a6c-4c1f-9d43-3c2d7cfb2a55</uuid>"
         "<memory unit='KiB'>65536</memory><os><type>exe</type>" +
         os + "</os><devices>" + devices + "</devices></domain>";
}

const std::string kRoot = "<filesystem type='mount'><source dir='/srv/ct1'/><target dir='/'/></filesystem>";

std::string refusal(const std::string& xml, int* code = nullptr) {
  try {
    conf::DomainDef def = conf::parseDomainXml(xml, conf::ParseInactive);
    lxc::applyContainerDefaults(def);
    lxc::containerConfigOf(def);
    return "";
  } catch (const Error& e) {
    if (code) *code = e.code();
    CHECK(e.domain() == VIR_FROM_LXC);
    return e.message();
  }
}

}  // namespace

TEST_CASE("lxc: block filesystems and host devices", "[lxc]") {
  std::string xml = containerXml(
      kRoot +
      "<filesystem type='block'><source dev='/dev/loop3'/><target dir='/mnt'/><readonly/></filesystem>"
      "<hostdev mode='capabilities' type='storage'><source><block>/dev/sdb</block></source></hostdev>"
      "<hostdev mode='capabilities' type='misc'><source><char>/dev/net/tun</char></source></hostdev>");
  conf::DomainDef def = conf::parseDomainXml(xml, conf::ParseInactive);
  lxc::applyContainerDefaults(def);
  lxc::ContainerConfig c = lxc::containerConfigOf(def);
  REQUIRE(c.blocks.size() == 1);
  CHECK(c.blocks[0].device == "/dev/loop3");
  CHECK(c.blocks[0].target == "/mnt");
  CHECK(c.blocks[0].readonly);
  CHECK(c.binds.empty());
  REQUIRE(c.hostdevs.size() == 2);
  CHECK(c.hostdevs[0].path == "/dev/sdb");
  CHECK(c.hostdevs[0].block);
  CHECK(c.hostdevs[1].path == "/dev/net/tun");
  CHECK_FALSE(c.hostdevs[1].block);
  // Formatted as libvirt formats them.
  std::string formatted = conf::formatDomainXml(def, 0, -1);
  CHECK(formatted.find("<filesystem type='block' accessmode='passthrough'>\n"
                       "      <source dev='/dev/loop3'/>\n"
                       "      <target dir='/mnt'/>\n      <readonly/>\n    </filesystem>")
        != std::string::npos);
  CHECK(formatted.find("<hostdev mode='capabilities' type='storage'>\n      <source>\n"
                       "        <block>/dev/sdb</block>\n      </source>\n    </hostdev>")
        != std::string::npos);
  CHECK(formatted.find("<hostdev mode='capabilities' type='misc'>\n      <source>\n"
                       "        <char>/dev/net/tun</char>\n      </source>\n    </hostdev>")
        != std::string::npos);
}

TEST_CASE("lxc: disks", "[lxc]") {
  std::string xml = containerXml(kRoot +
                                 "<disk type='block' device='disk'><source dev='/dev/loop3'/><target dev='sda'/></disk>"
                                 "<disk type='block' device='lun'><source dev='/dev/loop4'/><target dev='sdb'/>"
                                 "<readonly/></disk>"
                                 "<disk type='file' device='disk'><source file='/a.img'/><target dev='sdc'/></disk>");
  conf::DomainDef def = conf::parseDomainXml(xml, conf::ParseInactive);
  lxc::applyContainerDefaults(def);
  lxc::ContainerConfig c = lxc::containerConfigOf(def);
  REQUIRE(c.disks.size() == 3);
  CHECK(c.disks[0].type == "block");
  CHECK(c.disks[0].source == "/dev/loop3");
  CHECK(c.disks[0].target == "sda");
  CHECK_FALSE(c.disks[0].readonly);
  CHECK(c.disks[1].target == "sdb");
  CHECK(c.disks[1].readonly);
  // Another type is kept for the start to refuse with libvirt's words.
  CHECK(c.disks[2].type == "file");
  CHECK(c.disks[2].source.empty());
  // No source: the parser's rule (libvirt's numbers and words).
  try {
    conf::DomainDef bad = conf::parseDomainXml(
        containerXml(kRoot + "<disk type='block' device='disk'><target dev='sda'/></disk>"), conf::ParseInactive);
    lxc::containerConfigOf(bad);
    FAIL("a disk without source was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_NO_SOURCE);
    CHECK(e.domain() == VIR_FROM_DOMAIN);
    CHECK(e.message() == "missing source information for device sda");
  }
  // What the driver would ignore is refused by name.
  CHECK(refusal(containerXml(kRoot + "<disk type='block' device='disk'><driver name='qemu'/>"
                                     "<source dev='/dev/loop3'/><target dev='sda'/></disk>"))
            .find("<disk><driver>") != std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<disk type='block' device='disk'><source dev='/dev/loop3'/>"
                                     "<target dev='sda'/><iotune><total_bytes_sec>1</total_bytes_sec></iotune></disk>"))
            .find("<disk><iotune>") != std::string::npos);
  // A controller is kept only as a disk's bus.
  CHECK(refusal(containerXml(kRoot + "<controller type='usb' index='0'/>")).find("<controller type='usb'>") !=
        std::string::npos);
}

TEST_CASE("lxc: a disk's node must not clash with the container's /dev", "[lxc]") {
  std::vector<ns::DevNode> nodes(2);
  nodes[0].path = "null";
  nodes[1].path = "net/tun";
  CHECK_NOTHROW(ns::checkContainerDiskNodes({{"sda", "/dev/loop3", true, 0}, {"sdb", "/dev/loop4", true, 0}}, nodes,
                                            VIR_FROM_LXC));
  for (const char* bad : {"null", "net", "console"}) {
    try {
      ns::checkContainerDiskNodes({{bad, "/dev/loop3", true, 0}}, nodes, VIR_FROM_LXC);
      FAIL("accepted " << bad);
    } catch (const Error& e) {
      CHECK(e.code() == VIR_ERR_CONFIG_UNSUPPORTED);
      CHECK(e.message().find(std::string("disk target '") + bad + "' clashes with /dev/" + bad) != std::string::npos);
    }
  }
  CHECK_THROWS_AS(ns::checkContainerDiskNodes({{"sda", "/a", true, 0}, {"sda", "/b", true, 0}}, nodes, VIR_FROM_LXC),
                  Error);
  CHECK_THROWS_AS(ns::checkContainerDiskNodes({{"a/b", "/a", true, 0}}, nodes, VIR_FROM_LXC), Error);
}

TEST_CASE("lxc: a definition's root, binds, tmpfs and init", "[lxc]") {
  std::string xml = containerXml(
      kRoot +
          "<filesystem type='mount'><source dir='/data'/><target dir='/data'/><readonly/></filesystem>"
          "<filesystem type='ram'><source usage='2' units='MiB'/><target dir='/run'/></filesystem>",
      "<init>/bin/sh</init><initarg>-c</initarg><initarg>echo hi</initarg><initenv name='A'>b</initenv>"
      "<initdir>/tmp</initdir>");
  conf::DomainDef def = conf::parseDomainXml(xml, conf::ParseInactive);
  lxc::applyContainerDefaults(def);
  lxc::ContainerConfig c = lxc::containerConfigOf(def);
  CHECK(c.root.source == "/srv/ct1");
  REQUIRE(c.binds.size() == 1);
  CHECK(c.binds[0].source == "/data");
  CHECK(c.binds[0].target == "/data");
  CHECK(c.binds[0].readonly);
  REQUIRE(c.rams.size() == 1);
  CHECK(c.rams[0].target == "/run");
  CHECK(c.rams[0].sizeKiB == 2048);
  CHECK(c.init == "/bin/sh");
  CHECK(c.initArgs == std::vector<std::string>{"-c", "echo hi"});
  CHECK(c.initEnv == std::vector<std::pair<std::string, std::string>>{{"A", "b"}});
  CHECK(c.initDir == "/tmp");

  // libvirt's formatting of the container elements survives a round trip.
  std::string out = conf::formatDomainXml(def, VIR_DOMAIN_XML_INACTIVE, -1);
  INFO(out);
  CHECK(out.find("<type arch='x86_64'>exe</type>") != std::string::npos);
  CHECK(out.find("<initarg>echo hi</initarg>") != std::string::npos);
  CHECK(out.find("<initenv name='A'>b</initenv>") != std::string::npos);
  CHECK(out.find("<initdir>/tmp</initdir>") != std::string::npos);
  CHECK(out.find("<filesystem type='mount' accessmode='passthrough'>\n      <source dir='/data'/>\n"
                 "      <target dir='/data'/>\n      <readonly/>\n    </filesystem>")
        != std::string::npos);
  CHECK(out.find("<source usage='2048' units='KiB'/>") != std::string::npos);
}

TEST_CASE("lxc: interfaces, privnet and idmap", "[lxc]") {
  std::string xml = containerXml(
      kRoot +
      "<interface type='bridge'><mac address='52:54:00:12:34:56'/><source bridge='br7'/><target dev='veth-host'/>"
      "<guest dev='in0'/><ip address='10.1.2.3' prefix='24'/><ip address='192.168.3.4'/><ip address='fd00::5'/>"
      "<route address='0.0.0.0' prefix='0' gateway='10.1.2.1'/></interface><interface type='ethernet'/>");
  xml.insert(xml.find("<devices>"), "<idmap><uid start='0' target='100000' count='65536'/>"
                                    "<gid start='0' target='200000' count='1000'/></idmap>");
  conf::DomainDef def = conf::parseDomainXml(xml, conf::ParseInactive);
  lxc::applyContainerDefaults(def);
  lxc::ContainerConfig c = lxc::containerConfigOf(def);
  REQUIRE(c.interfaces.size() == 2);
  const lxc::ContainerInterface& br = c.interfaces[0];
  CHECK(br.type == "bridge");
  CHECK(br.bridge == "br7");
  CHECK(br.mac == "52:54:00:12:34:56");
  CHECK(br.hostDev == "veth-host");
  CHECK(br.guestDev == "in0");
  REQUIRE(br.ips.size() == 3);
  CHECK(br.ips[0].prefix == 24);
  CHECK(br.ips[1].prefix == 24);  // libvirt's class C default
  CHECK(br.ips[2].prefix == 64);
  REQUIRE(br.routes.size() == 1);
  CHECK(br.routes[0].destination.prefix == 0);
  CHECK(br.routes[0].gateway == "10.1.2.1");
  // A generated MAC has libvirt's prefix.
  CHECK(c.interfaces[1].mac.rfind("52:54:00:", 0) == 0);
  CHECK(c.privateNetwork());
  REQUIRE(c.idmap.uids.size() == 1);
  CHECK(c.idmap.uids[0].target == 100000);
  CHECK(c.idmap.gids[0].count == 1000);

  conf::DomainDef plain = conf::parseDomainXml(containerXml(kRoot), conf::ParseInactive);
  CHECK_FALSE(lxc::containerConfigOf(plain).privateNetwork());
  std::string privnet = containerXml(kRoot);
  privnet.insert(privnet.find("<devices>"), "<features><privnet/></features>");
  CHECK(lxc::containerConfigOf(conf::parseDomainXml(privnet, conf::ParseInactive)).privateNetwork());
}

TEST_CASE("lxc: no <init> means libvirt's /sbin/init", "[lxc]") {
  conf::DomainDef def = conf::parseDomainXml(containerXml(kRoot, ""), conf::ParseInactive);
  lxc::applyContainerDefaults(def);
  CHECK(def.os.init == "/sbin/init");
  CHECK(conf::formatDomainXml(def, VIR_DOMAIN_XML_INACTIVE, -1).find("<init>/sbin/init</init>") != std::string::npos);
}

TEST_CASE("lxc: what is not implemented is refused, by name", "[lxc]") {
  int code = 0;
  CHECK(refusal(containerXml(kRoot + "<interface type='network'><mac address='52:54:00:00:00:01'/>"
                                     "<source network='default'/></interface>"),
                &code) == "unsupported configuration: interface 52:54:00:00:00:01: <interface type='network'> is "
                          "not supported by the container driver");
  CHECK(code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(refusal(containerXml(kRoot + "<interface type='ethernet'><model type='virtio'/></interface>")).find("<model>") !=
        std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<interface type='bridge'/>"), &code).find("missing <source bridge>") !=
        std::string::npos);
  CHECK(code == VIR_ERR_XML_ERROR);
  CHECK(refusal(containerXml(kRoot + "<console type='pty'/>")).find("<console>") != std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<filesystem type='file'><source file='/a.img'/>"
                                     "<target dir='/x'/></filesystem>"))
            .find("<filesystem type='file'>") != std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<filesystem type='block'><source dev='/dev/sda'/>"
                                     "<target dir='/'/></filesystem>"))
            .find("<filesystem type='block'> as the root") != std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<filesystem type='block'><source dir='/a'/>"
                                     "<target dir='/x'/></filesystem>"),
                &code) == "XML error: missing source element in filesystem of type 'block'");
  CHECK(code == VIR_ERR_XML_ERROR);
  CHECK(refusal(containerXml(kRoot, "<init>/bin/sh</init><inituser>nobody</inituser>")).find("<inituser>") !=
        std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<hostdev mode='capabilities' type='storage'/>"), &code) ==
        "unsupported configuration: Missing storage host block path");
  CHECK(code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(refusal(containerXml(kRoot + "<hostdev mode='capabilities' type='misc'>"
                                     "<source><block>/dev/sda</block></source></hostdev>"))
            .find("<hostdev type='misc'><source><block>") != std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<hostdev mode='capabilities' type='net'>"
                                     "<source><interface>eth1</interface></source></hostdev>"))
            .find("<hostdev mode='capabilities' type='net'> is not supported") != std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<hostdev mode='subsystem' type='usb'><source><vendor id='0x1'/>"
                                     "<product id='0x2'/></source></hostdev>"))
            .find("<hostdev mode='subsystem'> is not supported") != std::string::npos);
  std::string withIdmap = containerXml(kRoot);
  withIdmap.insert(withIdmap.find("<devices>"), "<idmap><uid start='0' target='1000' count='10'/></idmap>");
  CHECK(refusal(withIdmap, &code) == "XML error: <idmap> needs both <uid> and <gid> ranges");
  CHECK(code == VIR_ERR_XML_ERROR);
  std::string noRoot = containerXml(kRoot);
  noRoot.insert(noRoot.find("<devices>"), "<idmap><uid start='1' target='1000' count='10'/>"
                                          "<gid start='0' target='1000' count='10'/></idmap>");
  CHECK(refusal(noRoot).find("You must map the root user of container") != std::string::npos);
  CHECK(refusal(containerXml("")).find("has no root filesystem") != std::string::npos);
  CHECK(refusal(containerXml(kRoot + kRoot)).find("more than one filesystem") != std::string::npos);
  CHECK(refusal(containerXml(kRoot, "<init>bin/sh</init>")).find("must be an absolute path") != std::string::npos);
  std::string kvm = containerXml(kRoot);
  kvm.replace(kvm.find("'lxc'"), 5, "'kvm'");
  CHECK(refusal(kvm).find("is not 'lxc'") != std::string::npos);
  CHECK(refusal(containerXml(kRoot + "<filesystem type='mount'><target dir='/x'/></filesystem>"), &code)
            .find("missing source") != std::string::npos);
  CHECK(code == VIR_ERR_XML_ERROR);
}

TEST_CASE("lxc: the status record round-trips pid, start time, id and definition", "[lxc]") {
  lxc::LxcStatus s;
  s.pid = 4242;
  s.pidStart = 81234;
  s.keeper = 4240;
  s.keeperStart = 81233;
  s.id = 7;
  s.def = conf::parseDomainXml(containerXml(kRoot), 0);
  std::string text = lxc::formatStatus(s);
  CHECK(text.rfind("<domstatus state='running' reason='booted' pid='4242' pidStart='81234' keeper='4240' "
                   "keeperStart='81233'>\n  <domain type='lxc' id='7'>",
                   0) == 0);
  lxc::LxcStatus back = lxc::parseStatus(text, "/x.xml");
  CHECK(back.pid == 4242);
  CHECK(back.pidStart == 81234);
  CHECK(back.keeper == 4240);
  CHECK(back.keeperStart == 81233);
  CHECK(back.id == 7);
  CHECK(back.def.name == "ct1");
  CHECK(back.def.uuid == s.def.uuid);
  CHECK_THROWS_AS(lxc::parseStatus("<domstatus/>", "/x.xml"), Error);
}

namespace {

// The definition with `tune` (memtune, cputune) before <os>.
lxc::ContainerConfig configWith(const std::string& tune) {
  std::string xml = containerXml(kRoot);
  xml.insert(xml.find("<os>"), tune);
  conf::DomainDef def = conf::parseDomainXml(xml, conf::ParseInactive);
  lxc::applyContainerDefaults(def);
  return lxc::containerConfigOf(def);
}

std::string tuneRefusal(const std::string& tune, int* code = nullptr) {
  std::string xml = containerXml(kRoot);
  xml.insert(xml.find("<os>"), tune);
  return refusal(xml, code);
}

}  // namespace

TEST_CASE("lxc: <memory>, <memtune> and <cputune> become cgroup limits", "[lxc]") {
  lxc::ContainerConfig plain = configWith("");
  CHECK(plain.limits.memoryKiB == 65536ULL);
  CHECK(!plain.limits.hardLimitKiB);
  CHECK(!plain.limits.cpuShares);

  lxc::ContainerConfig c = configWith(
      "<memtune><hard_limit unit='MiB'>96</hard_limit><soft_limit>32768</soft_limit>"
      "<swap_hard_limit unit='KiB'>131072</swap_hard_limit></memtune>"
      "<cputune><shares>512</shares><period>100000</period><quota>-1</quota></cputune>");
  CHECK(c.limits.hardLimitKiB == 98304ULL);
  CHECK(c.limits.softLimitKiB == 32768ULL);
  CHECK(c.limits.swapHardLimitKiB == 131072ULL);
  CHECK(c.limits.cpuShares == 512ULL);
  CHECK(c.limits.cpuPeriodUs == 100000ULL);
  CHECK(c.limits.cpuQuotaUs == -1LL);

  int code = 0;
  CHECK(tuneRefusal("<cputune><period>10</period></cputune>", &code) ==
        "unsupported configuration: Value of cputune period must be in range [1000, 1000000], not '10'");
  CHECK(code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(tuneRefusal("<cputune><quota>500</quota></cputune>").find("quota must be -1 or in range") != std::string::npos);
  CHECK(tuneRefusal("<cputune><shares>many</shares></cputune>").find("cputune shares") != std::string::npos);
  CHECK(tuneRefusal("<cputune><vcpupin vcpu='0' cpuset='1'/></cputune>").find("<cputune><vcpupin>") !=
        std::string::npos);
  CHECK(tuneRefusal("<memtune><min_guarantee>1</min_guarantee></memtune>").find("<memtune><min_guarantee>") !=
        std::string::npos);
  CHECK(tuneRefusal("<memtune><hard_limit>131072</hard_limit><swap_hard_limit>65536</swap_hard_limit></memtune>",
                    &code)
            .find("must be lower than or equal to swap_hard_limit") != std::string::npos);
  CHECK(code == VIR_ERR_INVALID_ARG);
  // <memory> alone above the swap limit is refused too: it is the hard limit.
  CHECK(tuneRefusal("<memtune><swap_hard_limit>1024</swap_hard_limit></memtune>").find("swap_hard_limit") !=
        std::string::npos);
}

TEST_CASE("lxc: the status record keeps a paused state and the cgroup directories", "[lxc]") {
  lxc::LxcStatus s;
  s.pid = 10;
  s.pidStart = 20;
  s.id = 3;
  s.state = VIR_DOMAIN_PAUSED;
  s.reason = VIR_DOMAIN_PAUSED_USER;
  s.cgroups[cgroup::Resource::Memory] = {1, "/sys/fs/cgroup/memory/machine/ct1.libvirt-lxc"};
  s.cgroups[cgroup::Resource::Freezer] = {2, "/sys/fs/cgroup/unified/machine/ct1.libvirt-lxc"};
  s.def = conf::parseDomainXml(containerXml(kRoot), 0);
  std::string text = lxc::formatStatus(s);
  CHECK(text.find("<domstatus state='paused' reason='user'") == 0);
  CHECK(text.find("<cgroup resource='freezer' version='2' path='/sys/fs/cgroup/unified/machine/ct1.libvirt-lxc'/>") !=
        std::string::npos);
  lxc::LxcStatus back = lxc::parseStatus(text, "/x.xml");
  CHECK(back.state == VIR_DOMAIN_PAUSED);
  CHECK(back.reason == VIR_DOMAIN_PAUSED_USER);
  CHECK(back.cgroups == s.cgroups);

  s.state = VIR_DOMAIN_RUNNING;
  s.reason = VIR_DOMAIN_RUNNING_UNPAUSED;
  back = lxc::parseStatus(lxc::formatStatus(s), "/x.xml");
  CHECK(back.reason == VIR_DOMAIN_RUNNING_UNPAUSED);

  // A state a running container cannot have, a cgroup without a path: malformed.
  std::string bad = text;
  bad.replace(bad.find("paused"), 6, "crashed");
  CHECK_THROWS_AS(lxc::parseStatus(bad, "/x.xml"), Error);
  bad = text;
  bad.replace(bad.find(" path='/sys/fs/cgroup/memory"), 7, " x='");
  CHECK_THROWS_AS(lxc::parseStatus(bad, "/x.xml"), Error);
}

TEST_CASE("lxc: lxc.conf", "[lxc]") {
  vireo::test::TempDir dir("vireo-lxc-conf");
  std::string path = dir.path + "/lxc.conf";
  // No file: the defaults.
  CHECK(lxc::loadLxcConfig(path).lockManager == "nop");
  CHECK(lxc::loadLxcConfig(path).path.empty());
  auto load = [&](const std::string& text) {
    writeFileAtomic(path, text, 0600, VIR_FROM_NONE);
    return lxc::loadLxcConfig(path);
  };
  // libvirt's keys load; lock_manager is vireo's.
  lxc::LxcConfig c = load("log_with_libvirtd = 0\nsecurity_driver = \"none\"\nsecurity_default_confined = 1\n"
                          "security_require_confined = 0\nlock_manager = \"lockd\"\n");
  CHECK(c.lockManager == "lockd");
  CHECK(c.path == path);
  auto error = [&](const std::string& text, int* code = nullptr) -> std::string {
    try {
      load(text);
      return "";
    } catch (const Error& e) {
      if (code) *code = e.code();
      return e.message();
    }
  };
  int code = 0;
  CHECK(error("foo = 1\n", &code).find(path + ":1: unknown parameter 'foo'") != std::string::npos);
  CHECK(code == VIR_ERR_CONF_SYNTAX);
  CHECK(error("lock_manager = \"sanlock\"\n", &code).find("lock manager 'sanlock' is not supported") !=
        std::string::npos);
  CHECK(code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(error("lock_manager = \"lockd\"\nlock_manager = \"nop\"\n").find("already set") != std::string::npos);
  CHECK(error("log_with_libvirtd = \"yes\"\n") != "");
}
