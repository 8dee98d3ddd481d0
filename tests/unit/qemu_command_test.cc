// The QEMU command line builder against libvirt 9.0's output for the same
// definitions (tests/unit/data/qemuxml2argv, see its README), its refusals,
// and the shell rendering of virConnectDomainXMLToNative.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>

#include <libvirt/virterror.h>

#include "drivers/qemu/qemu_command.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "tests/unit/qemu_command_test_util.h"

using namespace vireo;
using namespace qemu_command_test;

namespace {

// Builds `xml` in libvirt's test context, after `tweak` adjusted it.
qemu::QemuCommand build(const std::string& xml, const std::function<void(qemu::CommandContext&)>& tweak = {}) {
  static const qemu::QemuCaps caps = caps72();
  conf::DomainDef def = conf::parseDomainXml(xml, conf::ParseInactive);
  qemu::CommandContext ctx = argvContext(def, caps);
  if (tweak) tweak(ctx);
  return qemu::buildQemuCommand(def, ctx);
}

// A small i440fx domain; `devices` goes inside <devices>.
std::string domainXml(const std::string& devices, const std::string& type = "qemu",
                      const std::string& extraTop = "") {
  return "<domain type='" + type +
         "'><name>t</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
         "<memory unit='KiB'>131072</memory><vcpu>1</vcpu>"
         "<os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>" +
         extraTop +
         "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
         "<controller type='usb' index='0' model='none'/><controller type='pci' index='0' model='pci-root'/>" +
         devices + "<memballoon model='none'/></devices></domain>";
}

// The error buildQemuCommand throws for `xml`; fails the test if none.
Error buildError(const std::string& xml) {
  try {
    // No tap descriptors: a tap-backed interface must be refused.
    build(xml, [](qemu::CommandContext& ctx) { ctx.netFds.clear(); });
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for " << xml);
  throw;  // not reached
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("every XML -> argv case matches libvirt's command line", "[qemu][command]") {
  std::vector<std::string> cases = argvCases();
  REQUIRE(cases.size() >= 15);
  for (const auto& name : cases) {
    DYNAMIC_SECTION(name) {
      std::string xml = readFile(dataDir() / (name + ".xml"));
      std::string expected = readFile(dataDir() / (name + ".args"));
      REQUIRE(!expected.empty());
      std::string actual = build(xml).toLogString() + "\n";
      CHECK(actual == expected);
    }
  }
}

TEST_CASE("argv holds the emulator first and each option separate", "[qemu][command]") {
  qemu::QemuCommand cmd = build(readFile(dataDir() / "net-user.xml"));
  REQUIRE(cmd.argv.size() > 2);
  CHECK(cmd.argv[0] == "/usr/bin/qemu-system-x86_64");
  CHECK(cmd.argv[1] == "-name");
  CHECK(cmd.argv[2] == "guest=QEMUGuest1,debug-threads=on");
  CHECK(cmd.argv.back() == "timestamp=on");
  REQUIRE(cmd.env.size() == 8);
  CHECK(cmd.env[0] == "LC_ALL=C");
  CHECK(cmd.env[2] == "HOME=/var/lib/libvirt/qemu/domain--1-QEMUGuest1");
  CHECK(cmd.env[7] == "XDG_CONFIG_HOME=/var/lib/libvirt/qemu/domain--1-QEMUGuest1/.config");
}

TEST_CASE("toNativeString is one line, quoted like virBufferEscapeShell", "[qemu][command]") {
  qemu::QemuCommand cmd;
  cmd.env = {"A=b c", "TZ=Europe/Prague"};
  cmd.argv = {"/usr/bin/qemu", "-name", "guest=it's", "-append", "", "-uuid", "x,y:z@1%+.=/-"};
  CHECK(cmd.toNativeString() ==
        "A='b c' TZ=Europe/Prague /usr/bin/qemu -name 'guest=it'\\''s' -append '' -uuid x,y:z@1%+.=/-");
}

TEST_CASE("toLogString puts each option on a line of its own", "[qemu][command]") {
  qemu::QemuCommand cmd;
  cmd.env = {"A=b c", "TZ=Europe/Prague"};
  // "two" follows a value, not an option: libvirt breaks the line there too.
  cmd.argv = {"/usr/bin/qemu", "-name", "guest=it's", "-append", "", "two", "-S"};
  CHECK(cmd.toLogString() ==
        "A='b c' \\\nTZ=Europe/Prague \\\n/usr/bin/qemu \\\n-name 'guest=it'\\''s' \\\n-append '' \\\ntwo \\\n-S");
}

TEST_CASE("the environment passes the caller's variables in libvirt's order", "[qemu][command]") {
  std::string lib = "/var/lib/libvirt/qemu/domain--1-QEMUGuest1";
  qemu::QemuCommand plain = build(readFile(dataDir() / "net-user.xml"), [](qemu::CommandContext& ctx) {
    ctx.inheritedEnv.clear();
  });
  CHECK(plain.env == std::vector<std::string>{"LC_ALL=C", "HOME=" + lib, "XDG_DATA_HOME=" + lib + "/.local/share",
                                              "XDG_CACHE_HOME=" + lib + "/.cache",
                                              "XDG_CONFIG_HOME=" + lib + "/.config"});
  // Without HOME from the caller, HOME comes after what was passed.
  qemu::QemuCommand noHome = build(readFile(dataDir() / "net-user.xml"), [](qemu::CommandContext& ctx) {
    ctx.inheritedEnv = {{"LD_PRELOAD", ""}, {"USER", "u"}, {"TMPDIR", "/t"}};
  });
  REQUIRE(noHome.env.size() == 8);
  CHECK(noHome.env[1] == "LD_PRELOAD=");
  CHECK(noHome.env[2] == "USER=u");
  CHECK(noHome.env[3] == "TMPDIR=/t");
  CHECK(noHome.env[4] == "HOME=" + lib);
}

TEST_CASE("inheritedEnvironment reads libvirt's variables from the process", "[qemu][command]") {
  std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
  setenv("PATH", "/x:/y", 1);
  unsetenv("LD_PRELOAD");
  auto env = qemu::inheritedEnvironment();
  if (saved.empty()) unsetenv("PATH");
  else setenv("PATH", saved.c_str(), 1);
  auto path = std::find_if(env.begin(), env.end(), [](const auto& p) { return p.first == "PATH"; });
  REQUIRE(path != env.end());
  CHECK(path->second == "/x:/y");
  for (const auto& [name, value] : env) {
    CHECK(name != "LD_PRELOAD");
    CHECK((name == "LD_LIBRARY_PATH" || name == "PATH" || name == "HOME" || name == "USER" ||
           name == "LOGNAME" || name == "TMPDIR"));
  }
}

TEST_CASE("commas in names and paths are doubled", "[qemu][command]") {
  std::string xml = domainXml(
      "<serial type='file'><source path='/tmp/a,b.log'/><target type='isa-serial' port='0'>"
      "<model name='isa-serial'/></target></serial>");
  size_t pos = xml.find("<name>t</name>");
  xml.replace(pos, 14, "<name>a,b</name>");
  qemu::QemuCommand cmd = build(xml);
  CHECK(contains(cmd.argv, "guest=a,,b,debug-threads=on"));
  CHECK(contains(cmd.argv, "file,id=charserial0,path=/tmp/a,,b.log"));
}

TEST_CASE("user aliases name the devices and their backends", "[qemu][command]") {
  qemu::QemuCommand cmd = build(domainXml(
      "<interface type='user'><mac address='52:54:00:00:00:01'/><model type='virtio'/>"
      "<alias name='ua-net'/><address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>"
      "</interface>"));
  CHECK(contains(cmd.argv, "{\"type\":\"user\",\"id\":\"hostua-net\"}"));
  CHECK(contains(cmd.argv, "{\"driver\":\"virtio-net-pci\",\"netdev\":\"hostua-net\",\"id\":\"ua-net\","
                           "\"mac\":\"52:54:00:00:00:01\",\"bus\":\"pci.0\",\"addr\":\"0x3\"}"));
}

TEST_CASE("QEMU 8.0 takes acpi= on -machine instead of -no-acpi", "[qemu][command]") {
  qemu::QemuCaps caps = caps72();
  caps.versionMajor = 8;
  caps.versionMinor = 0;
  conf::DomainDef def = conf::parseDomainXml(readFile(dataDir() / "net-user.xml"), conf::ParseInactive);
  qemu::CommandContext ctx = argvContext(def, caps);
  qemu::QemuCommand cmd = qemu::buildQemuCommand(def, ctx);
  CHECK(contains(cmd.argv, "pc-i440fx-7.2,usb=off,dump-guest-core=off,memory-backend=pc.ram,acpi=off"));
  CHECK(!contains(cmd.argv, "-no-acpi"));
}

TEST_CASE("without a monitor descriptor the monitor socket has a path", "[qemu][command]") {
  conf::DomainDef def = conf::parseDomainXml(domainXml(""), conf::ParseInactive);
  qemu::QemuCaps caps = caps72();
  qemu::CommandContext ctx = argvContext(def, caps);
  ctx.monitorFd = -1;
  ctx.masterKeyPath.clear();
  ctx.sandbox = false;
  qemu::QemuCommand cmd = qemu::buildQemuCommand(def, ctx);
  CHECK(contains(cmd.argv, "socket,id=charmonitor,path=/var/lib/libvirt/qemu/domain--1-t/monitor.sock,server=on,wait=off"));
  for (const auto& a : cmd.argv) CHECK(a.find("masterKey0") == std::string::npos);
  CHECK(contains(cmd.argv, "off"));       // -sandbox off
}

TEST_CASE("a block CD-ROM that the kernel does not call a CD-ROM is a host_device", "[qemu][command]") {
  conf::DomainDef def = conf::parseDomainXml(
      domainXml("<disk type='block' device='cdrom'><source dev='/dev/null'/><target dev='hdc' bus='ide'/>"
                "<readonly/></disk><controller type='ide' index='0'/>"),
      conf::ParseInactive);
  qemu::QemuCaps caps = caps72();
  qemu::CommandContext ctx = argvContext(def, caps);
  ctx.isHostCdrom = nullptr;  // ask the kernel: /dev/null is no block device
  qemu::QemuCommand cmd = qemu::buildQemuCommand(def, ctx);
  bool found = false;
  for (const auto& a : cmd.argv)
    if (a.find("\"filename\":\"/dev/null\"") != std::string::npos) {
      found = true;
      CHECK(a.find("\"driver\":\"host_device\"") != std::string::npos);
    }
  CHECK(found);
}

TEST_CASE("what the command line cannot express is refused with a clear error", "[qemu][command]") {
  struct Case {
    std::string xml;
    std::string message;
    virErrorNumber code = VIR_ERR_CONFIG_UNSUPPORTED;
  };
  std::vector<Case> cases = {
      {domainXml("<disk type='file'><source file='/x'/><target dev='xvda' bus='xen'/></disk>"),
       "unsupported configuration: disk bus 'xen' is not supported"},
      {domainXml("<disk type='network'><source protocol='nbd' name='x'><host name='h'/></source>"
                 "<target dev='vda' bus='virtio'/></disk>"),
       "unsupported configuration: disk type 'network' is not supported"},
      {domainXml("<hostdev mode='subsystem' type='pci'><source><address domain='0' bus='1' slot='0' "
                 "function='0'/></source></hostdev>"),
       "unsupported configuration: host device assignment (<hostdev>) is not supported"},
      {domainXml("<graphics type='spice'/>"), "unsupported configuration: graphics type 'spice' is not supported"},
      {domainXml("<tpm model='tpm-tis'><backend type='emulator'/></tpm>"),
       "unsupported configuration: device <tpm> is not supported"},
      {domainXml("", "qemu", "<numatune><memory mode='strict' nodeset='0'/></numatune>"),
       "unsupported configuration: <numatune> is not supported by the QEMU command line builder"},
      {domainXml("<interface type='bridge'><source bridge='br0'/><model type='virtio'/></interface>"),
       "unsupported configuration: interface 'net0' of type 'bridge' needs a tap file descriptor"},
      {domainXml("<interface type='vhostuser'><source type='unix' path='/s' mode='client'/>"
                 "<model type='virtio'/></interface>"),
       "unsupported configuration: network device type 'vhostuser' is not supported by this hypervisor"},
      {domainXml("", "qemu", "<cpu mode='host-model'/>"),
       "internal error: unexpected host-model CPU for x86_64 architecture", VIR_ERR_INTERNAL_ERROR},
      {domainXml("<video><model type='cirrus' vram='16384' heads='1'/></video>"
                 "<video><model type='vga' vram='16384' heads='1'/></video>"),
       "internal error: invalid model for video type 'vga'", VIR_ERR_INTERNAL_ERROR},
      {"<domain type='qemu'><name>t</name><memory>131072</memory><os><type arch='x86_64' machine='q35'>hvm"
       "</type></os><devices><emulator>/usr/bin/qemu-system-x86_64</emulator><controller type='pci' index='0' "
       "model='pcie-root'/><controller type='usb' "
       "index='0'/><memballoon model='none'/></devices></domain>",
       "unsupported configuration: no model provided for USB controller"},
      {domainXml("<serial type='spicevmc'><target type='isa-serial' port='0'><model name='isa-serial'/></target></serial>"),
       "unsupported configuration: unsupported chardev 'spicevmc'"},
  };
  for (const auto& c : cases) {
    Error e = buildError(c.xml);
    INFO(c.xml);
    CHECK(e.message() == c.message);
    CHECK(e.code() == c.code);
    CHECK(e.domain() == VIR_FROM_QEMU);
  }
}

TEST_CASE("type kvm needs a usable /dev/kvm", "[qemu][command]") {
  conf::DomainDef def = conf::parseDomainXml(domainXml("", "kvm"), conf::ParseInactive);
  qemu::QemuCaps caps = caps72();
  qemu::CommandContext ctx = argvContext(def, caps);
  ctx.kvmAvailable = false;
  try {
    qemu::buildQemuCommand(def, ctx);
    FAIL("kvm accepted without /dev/kvm");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_CONFIG_UNSUPPORTED);
    CHECK(e.message() ==
          "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support virt type 'kvm'");
  }
  ctx.kvmAvailable = true;
  CHECK(contains(qemu::buildQemuCommand(def, ctx).argv, "kvm"));
}

TEST_CASE("a disabled boot menu has no splash time", "[qemu][command]") {
  // libvirt reads <bootmenu timeout> only when the menu is enabled.
  auto withMenu = [](const std::string& enable) {
    std::string xml = domainXml("");
    xml.insert(xml.find("</os>"), "<bootmenu enable='" + enable + "' timeout='3000'/>");
    return xml;
  };
  CHECK(contains(build(withMenu("no")).argv, "menu=off,strict=on"));
  CHECK(contains(build(withMenu("yes")).argv, "menu=on,splash-time=3000,strict=on"));
}
