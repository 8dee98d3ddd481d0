// The text of every audit record, field by field, against libvirt's layouts
// (see doc/audit.md). Nothing here needs the kernel.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <string>

#include "lib/audit/audit_records.h"
#include "lib/audit/domain_audit.h"
#include "tests/support/audit_listener.h"

using namespace vireo::audit;

namespace {

const char* const kUuid = "c7a5fdbd-edaf-9455-926a-d65c16db1809";

AuditedDomain guest(std::string virt = "kvm", std::string name = "guest1") {
  return AuditedDomain{std::move(virt), std::move(name), *vireo::Uuid::parse(kUuid), 4242};
}

// The head every resource record starts with for guest().
std::string head(const std::string& resrc, const std::string& reason) {
  return "virt=kvm resrc=" + resrc + " reason=" + reason + " vm=\"guest1\" uuid=" + kUuid;
}

// Uppercase hex of every byte, computed here independently of libaudit.
std::string hexOf(const std::string& bytes) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

// The record as the kernel would deliver it, parsed by the test listener's
// parser, so that fields can be checked one by one.
vireo::test::AuditRecord parsed(const Record& r) {
  return vireo::test::parseAuditRecord(static_cast<int>(r.type),
                                       "audit(1700000000.000:7): pid=1 uid=0 msg='" + r.message + "'");
}

}  // namespace

TEST_CASE("encodeField quotes plain values and hex-encodes the others", "[audit]") {
  CHECK(encodeField("vm", "guest1") == "vm=\"guest1\"");
  CHECK(encodeField("vm", "") == "vm=\"\"");
  CHECK(encodeField("vm", "a'b=c\\d") == "vm=\"a'b=c\\d\"");  // ' = \ are printable: quoted
  CHECK(encodeField("vm", "!~") == "vm=\"!~\"");              // 0x21 and 0x7e are the bounds
  CHECK(encodeField("vm", "a b") == "vm=" + hexOf("a b"));
  CHECK(encodeField("vm", "a\"b") == "vm=" + hexOf("a\"b"));
  CHECK(encodeField("vm", "tab\there") == "vm=" + hexOf("tab\there"));
  CHECK(encodeField("vm", "\x7f") == "vm=7F");
  CHECK(encodeField("vm", "caf\xc3\xa9") == "vm=636166C3A9");
  CHECK(encodeFieldOrUnknown("old-disk", std::nullopt) == "old-disk=\"?\"");
  CHECK(encodeFieldOrUnknown("new-disk", std::string("/x")) == "new-disk=\"/x\"");
}

TEST_CASE("A name with spaces, quotes and non-ASCII bytes becomes hex", "[audit]") {
  const std::string name = "my \"vm\" caf\xc3\xa9 'x'";
  Record r = startRecord(guest("kvm", name), "booted");
  CHECK(r.message == "virt=kvm op=start reason=booted vm=" + hexOf(name) + " uuid=" + kUuid + " vm-pid=4242");
  auto rec = parsed(r);
  CHECK(rec.raw("vm") == hexOf(name));  // no quotes around hex
  CHECK(rec.decoded("vm") == name);
  CHECK(rec.keys() == std::vector<std::string>{"virt", "op", "reason", "vm", "uuid", "vm-pid"});

  // The same rule for paths.
  auto disk = diskRecord(guest(), "attach", std::nullopt, std::string("/var/lib/images/my disk.img"));
  REQUIRE(disk);
  CHECK(parsed(*disk).decoded("new-disk") == "/var/lib/images/my disk.img");
  CHECK(parsed(*disk).raw("new-disk") == hexOf("/var/lib/images/my disk.img"));
}

TEST_CASE("VIRT_CONTROL records", "[audit]") {
  Record start = startRecord(guest(), "booted");
  CHECK(start.type == RecordType::Control);
  CHECK(static_cast<int>(start.type) == 2500);
  CHECK(start.message == std::string("virt=kvm op=start reason=booted vm=\"guest1\" uuid=") + kUuid + " vm-pid=4242");

  Record stop = stopRecord(guest("qemu"), "destroyed");
  CHECK(stop.type == RecordType::Control);
  CHECK(stop.message == std::string("virt=qemu op=stop reason=destroyed vm=\"guest1\" uuid=") + kUuid +
                            " vm-pid=4242");

  Record init = containerInitRecord(guest("lxc"), 4243, 4026532449ULL);
  CHECK(init.type == RecordType::Control);
  CHECK(init.message == std::string("virt=lxc op=init vm=\"guest1\" uuid=") + kUuid +
                            " vm-pid=4242 init-pid=4243 pid-ns=4026532449");
  CHECK(parsed(init).keys() == std::vector<std::string>{"virt", "op", "vm", "uuid", "vm-pid", "init-pid", "pid-ns"});

  // An unknown virt type is "?", as in libvirt.
  CHECK(startRecord(guest(""), "restored").message.rfind("virt=? op=start reason=restored ", 0) == 0);
}

TEST_CASE("VIRT_MACHINE_ID records", "[audit]") {
  Record selinux = securityLabelRecord(guest(), {"selinux", "system_u:system_r:svirt_t:s0:c1,c2",
                                                 "system_u:object_r:svirt_image_t:s0:c1,c2"});
  CHECK(selinux.type == RecordType::MachineId);
  CHECK(static_cast<int>(selinux.type) == 2502);
  CHECK(selinux.message == std::string("virt=kvm vm=\"guest1\" uuid=") + kUuid +
                               " vm-ctx=system_u:system_r:svirt_t:s0:c1,c2"
                               " img-ctx=system_u:object_r:svirt_image_t:s0:c1,c2 model=selinux");
  Record dac = securityLabelRecord(guest(), {"dac", "+107:+107", "+107:+107"});
  CHECK(dac.message == std::string("virt=kvm vm=\"guest1\" uuid=") + kUuid +
                           " vm-ctx=+107:+107 img-ctx=+107:+107 model=dac");
  // Absent parts are a bare "?" (these fields are not encoded).
  Record none = securityLabelRecord(guest(), {});
  CHECK(none.message == std::string("virt=kvm vm=\"guest1\" uuid=") + kUuid + " vm-ctx=? img-ctx=? model=?");
}

TEST_CASE("Generic device records: disk, fs, net, chardev, rng", "[audit]") {
  auto disk = diskRecord(guest(), "start", std::nullopt, std::string("/var/lib/libvirt/images/g.qcow2"));
  REQUIRE(disk);
  CHECK(disk->type == RecordType::Resource);
  CHECK(static_cast<int>(disk->type) == 2501);
  CHECK(disk->message == head("disk", "start") + " old-disk=\"?\" new-disk=\"/var/lib/libvirt/images/g.qcow2\"");

  auto change = diskRecord(guest(), "update", std::string("/iso/a.iso"), std::string("/iso/b.iso"));
  REQUIRE(change);
  CHECK(change->message == head("disk", "update") + " old-disk=\"/iso/a.iso\" new-disk=\"/iso/b.iso\"");
  auto eject = diskRecord(guest(), "update", std::string("/iso/a.iso"), std::nullopt);
  REQUIRE(eject);
  CHECK(eject->message == head("disk", "update") + " old-disk=\"/iso/a.iso\" new-disk=\"?\"");
  // A network disk has no host path: no record at all.
  CHECK_FALSE(diskRecord(guest(), "start", std::nullopt, std::nullopt));

  auto fs = fsRecord(guest(), "start", std::nullopt, std::string("/srv/share"));
  REQUIRE(fs);
  CHECK(fs->message == head("fs", "start") + " old-fs=\"?\" new-fs=\"/srv/share\"");

  auto net = netRecord(guest(), "detach", std::string("52:54:00:12:34:56"), std::nullopt);
  REQUIRE(net);
  CHECK(net->message == head("net", "detach") + " old-net=\"52:54:00:12:34:56\" new-net=\"?\"");

  auto chr = chardevRecord(guest(), "start", std::nullopt, std::string("/dev/pts/3"));
  REQUIRE(chr);
  CHECK(chr->message == head("chardev", "start") + " old-chardev=\"?\" new-chardev=\"/dev/pts/3\"");

  auto rng = rngRecord(guest(), "attach", std::nullopt, std::string("/dev/urandom"));
  REQUIRE(rng);
  CHECK(rng->message == head("rng", "attach") + " old-rng=\"?\" new-rng=\"/dev/urandom\"");
  CHECK(parsed(*rng).keys() ==
        std::vector<std::string>{"virt", "resrc", "reason", "vm", "uuid", "old-rng", "new-rng"});
}

TEST_CASE("Smartcard records by mode", "[audit]") {
  auto host = smartcardRecords(guest(), SmartcardHost{}, "start");
  REQUIRE(host.size() == 1);
  CHECK(host[0].message == head("smartcard", "start") + " old-smartcard=\"?\" new-smartcard=\"nss-smartcard-device\"");

  auto certs = smartcardRecords(guest(), SmartcardCertificates{{"cert1", "cert2", "cert3"}, std::nullopt}, "start");
  REQUIRE(certs.size() == 4);
  CHECK(certs[0].message == head("smartcard", "start") + " old-smartcard=\"?\" new-smartcard=\"cert1\"");
  CHECK(certs[2].message == head("smartcard", "start") + " old-smartcard=\"?\" new-smartcard=\"cert3\"");
  CHECK(certs[3].message == head("smartcard", "start") + " old-smartcard=\"?\" new-smartcard=\"/etc/pki/nssdb\"");
  auto ownDb = smartcardRecords(guest(), SmartcardCertificates{{"c"}, std::string("/etc/db")}, "attach");
  REQUIRE(ownDb.size() == 2);
  CHECK(ownDb[1].message == head("smartcard", "attach") + " old-smartcard=\"?\" new-smartcard=\"/etc/db\"");

  auto pass = smartcardRecords(guest(), SmartcardPassthrough{std::string("/tmp/ccid.sock")}, "start");
  REQUIRE(pass.size() == 1);
  CHECK(pass[0].message == head("smartcard", "start") + " old-smartcard=\"?\" new-smartcard=\"/tmp/ccid.sock\"");
  // spicevmc passthrough has no host path: nothing.
  CHECK(smartcardRecords(guest(), SmartcardPassthrough{}, "start").empty());
}

TEST_CASE("Network device open records carry the path and the device number", "[audit]") {
  Record tun = netDeviceOpenRecord(guest(), "52:54:00:12:34:56", "/dev/net/tun", DeviceNumber{10, 200});
  CHECK(tun.type == RecordType::Resource);
  CHECK(tun.message == std::string("virt=kvm resrc=net reason=open vm=\"guest1\" uuid=") + kUuid +
                           " net=52:54:00:12:34:56 path=\"/dev/net/tun\" rdev=0A:C8");
  auto rec = parsed(tun);
  CHECK(rec.keys() == std::vector<std::string>{"virt", "resrc", "reason", "vm", "uuid", "net", "path", "rdev"});
  CHECK(rec.raw("rdev") == "0A:C8");  // the device number, never a name (the docs are wrong)

  Record notDev = netDeviceOpenRecord(guest(), "52:54:00:12:34:56", "/tmp/not a node", std::nullopt);
  CHECK(notDev.message == std::string("virt=kvm resrc=net reason=open vm=\"guest1\" uuid=") + kUuid +
                              " net=52:54:00:12:34:56 path=" + hexOf("/tmp/not a node") + " rdev=?");

  CHECK(formatDeviceNumber({10, 232}) == "0A:E8");
  CHECK(formatDeviceNumber({239, 1}) == "EF:01");
  CHECK(formatDeviceNumber({4, 300}) == "04:12C");  // %02X is a minimum width
}

TEST_CASE("deviceNumberOf reads st_rdev of device nodes only", "[audit]") {
  struct stat st;
  REQUIRE(::stat("/dev/null", &st) == 0);
  auto null = deviceNumberOf("/dev/null");
  REQUIRE(null);
  CHECK(null->major == ::major(st.st_rdev));
  CHECK(null->minor == ::minor(st.st_rdev));
  CHECK_FALSE(deviceNumberOf("/etc/hostname"));
  CHECK_FALSE(deviceNumberOf("/"));
  CHECK_FALSE(deviceNumberOf("/no/such/node"));
}

TEST_CASE("Host device records", "[audit]") {
  CHECK(hostdevRecord(guest(), PciHostdev{0, 6, 0x12, 5}, "start").message ==
        head("dev", "start") + " bus=pci device=\"0000:06:12.5\"");
  CHECK(hostdevRecord(guest(), PciHostdev{0x10, 0xab, 0x1f, 7}, "attach").message ==
        head("dev", "attach") + " bus=pci device=\"0010:ab:1f.7\"");
  CHECK(hostdevRecord(guest(), UsbHostdev{1, 2}, "start").message ==
        head("dev", "start") + " bus=usb device=\"001.002\"");
  CHECK(hostdevRecord(guest(), ScsiHostdev{"scsi_host0", 0, 1, 2}, "detach").message ==
        head("dev", "detach") + " bus=scsi device=\"scsi_host0:0:1:2\"");
  CHECK(hostdevRecord(guest(), ScsiHostHostdev{"naa.5123456789abcde0"}, "start").message ==
        head("dev", "start") + " bus=scsi_host device=\"naa.5123456789abcde0\"");
  CHECK(hostdevRecord(guest(), MdevHostdev{"c2177883-f1bb-47f0-914d-32a22e3a8804"}, "start").message ==
        head("dev", "start") + " bus=mdev device=\"c2177883-f1bb-47f0-914d-32a22e3a8804\"");
  CHECK(hostdevRecord(guest(), StorageHostdev{std::string("/dev/sdf1")}, "start").message ==
        head("hostdev", "start") + " disk=\"/dev/sdf1\"");
  CHECK(hostdevRecord(guest(), MiscHostdev{std::string("/dev/input/event3")}, "start").message ==
        head("hostdev", "start") + " chardev=\"/dev/input/event3\"");
  CHECK(hostdevRecord(guest(), StorageHostdev{}, "start").message == head("hostdev", "start") + " disk=\"?\"");
}

TEST_CASE("Redirected USB devices are resrc=dev with an encoded \"USB redirdev\"", "[audit]") {
  Record r = usbRedirdevRecord(guest(), "start");
  CHECK(r.type == RecordType::Resource);
  // The space makes libaudit hex-encode the value.
  CHECK(r.message == head("dev", "start") + " bus=usb device=555342207265646972646576");
  CHECK(parsed(r).decoded("device") == "USB redirdev");
  CHECK(r.message.find("resrc=redir ") == std::string::npos);
}

TEST_CASE("TPM records by backend", "[audit]") {
  CHECK(tpmRecord(guest(), TpmBackend::Passthrough, std::string("/dev/tpm0"), "start").message ==
        head("tpm", "start") + " device=\"/dev/tpm0\"");
  CHECK(tpmRecord(guest(), TpmBackend::Emulator, std::string("/run/vireo/swtpm/1-guest1-swtpm.sock"), "start")
            .message == head("tpm-emulator", "start") + " device=\"/run/vireo/swtpm/1-guest1-swtpm.sock\"");
  CHECK(tpmRecord(guest(), TpmBackend::External, std::string("/tmp/ext.sock"), "start").message ==
        head("tpm-external", "start") + " device=\"/tmp/ext.sock\"");
  CHECK(tpmRecord(guest(), TpmBackend::Emulator, std::nullopt, "start").message ==
        head("tpm-emulator", "start") + " device=\"?\"");
}

TEST_CASE("cgroup device rule records", "[audit]") {
  const std::string cg = "/sys/fs/cgroup/machine.slice/machine-qemu\\x2d1\\x2dguest1.scope/";
  Record all = cgroupAllRecord(guest(), cg, "deny");
  CHECK(all.type == RecordType::Resource);
  CHECK(all.message == head("cgroup", "deny") + " cgroup=\"" + cg + "\" class=all");

  Record pty = cgroupMajorRecord(guest(), cg, "allow", 136, "pty", AccessRead | AccessWrite);
  CHECK(pty.message == head("cgroup", "allow") + " cgroup=\"" + cg + "\" class=major category=pty maj=88 acl=rw");
  Record sound = cgroupMajorRecord(guest(), cg, "allow", 116, "sound", AccessRead | AccessWrite);
  CHECK(sound.message.ends_with(" class=major category=sound maj=74 acl=rw"));

  Record kvm = cgroupPathRecord(guest(), cg, "allow", "/dev/kvm", DeviceNumber{10, 232},
                                AccessRead | AccessWrite | AccessMknod);
  CHECK(kvm.message == head("cgroup", "allow") + " cgroup=\"" + cg + "\" class=path path=\"/dev/kvm\" rdev=0A:E8 acl=rwm");
  auto rec = parsed(kvm);
  CHECK(rec.keys() ==
        std::vector<std::string>{"virt", "resrc", "reason", "vm", "uuid", "cgroup", "class", "path", "rdev", "acl"});
  CHECK(rec.raw("class") == "path");

  // No devices controller: cgroup="?" (encoded, as libvirt writes it).
  Record noCg = cgroupPathRecord(guest(), std::nullopt, "deny", "/dev/my disk", std::nullopt, AccessRead);
  CHECK(noCg.message == head("cgroup", "deny") + " cgroup=\"?\" class=path path=" + hexOf("/dev/my disk") +
                            " rdev=? acl=r");

  CHECK(formatDeviceAccess(AccessRead) == "r");
  CHECK(formatDeviceAccess(AccessWrite | AccessMknod) == "wm");
  CHECK(formatDeviceAccess(AccessMknod | AccessRead) == "rm");
  CHECK(formatDeviceAccess(0) == "");
}

TEST_CASE("Counted resources: mem in KiB, vcpu, iothread", "[audit]") {
  CHECK(memoryRecord(guest(), "start", 0, 1048576).message == head("mem", "start") + " old-mem=0 new-mem=1048576");
  CHECK(memoryRecord(guest(), "update", 1048576, 524288).message ==
        head("mem", "update") + " old-mem=1048576 new-mem=524288");
  CHECK(vcpuRecord(guest(), "update", 2, 4).message == head("vcpu", "update") + " old-vcpu=2 new-vcpu=4");
  CHECK(iothreadRecord(guest(), "start", 0, 2).message == head("iothread", "start") + " old-iothread=0 new-iothread=2");
  CHECK(memoryRecord(guest(), "start", 0, 1).type == RecordType::Resource);
}

TEST_CASE("Shared memory and evdev input records", "[audit]") {
  Record plain = shmemRecord(guest(), ShmemSource{"my_shmem0", 4194304, false, std::nullopt}, "start");
  CHECK(plain.message == head("shmem", "start") + " size=4194304 path=\"/dev/shm/my_shmem0\"");
  Record server = shmemRecord(
      guest(), ShmemSource{"my_shmem0", 0, true, std::string("/var/lib/libvirt/shmem-my_shmem0-sock")}, "attach");
  CHECK(server.message == head("ivshmem-socket", "attach") + " path=\"/var/lib/libvirt/shmem-my_shmem0-sock\"");
  // vireo encodes these paths (libvirt writes them raw).
  Record spaced = shmemRecord(guest(), ShmemSource{"a b", 1, false, std::nullopt}, "start");
  CHECK(parsed(spaced).decoded("path") == "/dev/shm/a b");

  Record evdev = evdevInputRecord(guest(), std::string("/dev/input/event1"), "start");
  CHECK(evdev.message == head("evdev", "start") + " path=\"/dev/input/event1\"");
}

TEST_CASE("startRecords: libvirt's order, success only on op=start", "[audit]") {
  DomainResources res;
  res.disks = {std::string("/img/a.qcow2"), std::nullopt /* network disk */, std::string("/img/b.raw")};
  res.filesystems = {std::string("/srv/fs")};
  res.netMacs = {"52:54:00:00:00:01"};
  res.hostdevs = {PciHostdev{0, 1, 2, 3}};
  res.usbRedirdevs = 1;
  res.serials = {std::string("/dev/pts/1")};
  res.parallels = {std::string("/tmp/par.log")};
  res.channels = {std::string("/run/ga.sock"), std::nullopt /* spicevmc */};
  res.consoles = {std::string("/dev/pts/1"), std::string("/dev/pts/2")};
  res.firstConsoleIsSerial = true;
  res.smartcards = {SmartcardHost{}};
  res.rngs = {std::string("/dev/urandom")};
  res.tpms = {{TpmBackend::Emulator, std::string("/run/swtpm.sock")}};
  res.shmems = {ShmemSource{"s", 1024, false, std::nullopt}};
  res.evdevInputs = {std::string("/dev/input/event0")};
  res.memoryKiB = 2097152;
  res.vcpus = 2;
  res.iothreads = 0;

  auto recs = startRecords(guest(), res, "booted", false);
  std::vector<std::string> resrcs;
  for (const auto& p : recs) {
    auto rec = parsed(p.record);
    resrcs.push_back(rec.raw("resrc").value_or("op=" + rec.raw("op").value_or("")));
  }
  CHECK(resrcs == std::vector<std::string>{"disk", "disk", "fs", "net", "dev", "dev", "chardev", "chardev",
                                           "chardev", "chardev", "smartcard", "rng", "tpm-emulator", "shmem",
                                           "evdev", "mem", "vcpu", "op=start"});
  // Console 0 mirrors serial 0 and is skipped; console 1 is audited.
  CHECK(parsed(recs[9].record).decoded("new-chardev") == "/dev/pts/2");
  CHECK(parsed(recs[5].record).decoded("device") == "USB redirdev");
  for (size_t i = 0; i + 1 < recs.size(); i++) CHECK(recs[i].success);
  CHECK_FALSE(recs.back().success);
  CHECK(recs.back().record == startRecord(guest(), "booted"));
  CHECK(recs[recs.size() - 3].record.message == head("mem", "start") + " old-mem=0 new-mem=2097152");

  // iothreads appear only when there are some.
  res.iothreads = 3;
  auto withIo = startRecords(guest(), res, "restored", true);
  REQUIRE(withIo.size() == recs.size() + 1);
  CHECK(withIo[withIo.size() - 2].record.message == head("iothread", "start") + " old-iothread=0 new-iothread=3");
  CHECK(withIo.back().success);

  // A domain with nothing still reports mem, vcpu and op=start.
  CHECK(startRecords(guest(), DomainResources{}, "booted", true).size() == 3);
}

TEST_CASE("The test parser reads kernel record text", "[audit]") {
  auto r = vireo::test::parseAuditRecord(
      2500,
      "audit(1795498243.810:3): pid=28542 uid=0 auid=4294967295 ses=4294967295 msg='virt=kvm op=start "
      "reason=booted vm=6120622263C3A9 uuid=x vm-pid=1 tag=\"it's\" exe=\"/tmp/exp2\" hostname=? addr=? "
      "terminal=? res=success'");
  CHECK(r.serial == 3);
  CHECK(r.pid() == 28542);
  CHECK(r.headerValue("auid") == "4294967295");
  CHECK(r.decoded("vm") == "a b\"c\xc3\xa9");
  CHECK(r.decoded("tag") == "it's");
  CHECK(r.raw("res") == "success");
  CHECK_FALSE(r.decoded("vm-pid"));  // "1" is not an encoded value
  CHECK(vireo::test::decodeHex("4a4B") == "JK");
  CHECK_FALSE(vireo::test::decodeHex("ABC"));
  CHECK_FALSE(vireo::test::decodeHex("ZZ"));
}
