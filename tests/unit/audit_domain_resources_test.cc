// Reading the audited resources out of a parsed domain definition.
#include <catch2/catch.hpp>

#include <string>

#include "lib/audit/domain_resources.h"
#include "lib/conf/domain.h"

using namespace vireo::audit;

namespace {

const char* const kDomainXml = R"(
<domain type='kvm'>
  <name>audited</name>
  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>
  <memory unit='KiB'>2097152</memory>
  <vcpu current='2'>4</vcpu>
  <iothreads>2</iothreads>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <seclabel type='static' model='selinux' relabel='yes'>
    <label>system_u:system_r:svirt_t:s0:c1,c2</label>
    <imagelabel>system_u:object_r:svirt_image_t:s0:c1,c2</imagelabel>
  </seclabel>
  <seclabel type='dynamic' model='dac' relabel='yes'>
    <label>+107:+107</label>
    <imagelabel>+107:+107</imagelabel>
  </seclabel>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <source file='/var/lib/images/a.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='network' device='disk'>
      <source protocol='nbd' name='export'><host name='example.org' port='10809'/></source>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <disk type='block' device='disk'>
      <source dev='/dev/sdz'/>
      <target dev='vdc' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
    <filesystem type='mount' accessmode='passthrough'>
      <source dir='/srv/share'/>
      <target dir='share'/>
    </filesystem>
    <interface type='user'>
      <mac address='52:54:00:12:34:56'/>
    </interface>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source><address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/></source>
    </hostdev>
    <hostdev mode='subsystem' type='usb'>
      <source><address bus='1' device='2'/></source>
    </hostdev>
    <hostdev mode='subsystem' type='scsi'>
      <source><adapter name='scsi_host0'/><address bus='0' target='1' unit='2'/></source>
    </hostdev>
    <hostdev mode='subsystem' type='scsi'>
      <source protocol='iscsi' name='iqn.2014-08.com.example:iscsi-nopool/1'>
        <host name='example.com' port='3260'/>
      </source>
    </hostdev>
    <hostdev mode='subsystem' type='scsi_host'>
      <source protocol='vhost' wwpn='naa.5123456789abcde0'/>
    </hostdev>
    <hostdev mode='subsystem' type='mdev' model='vfio-pci'>
      <source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source>
    </hostdev>
    <hostdev mode='capabilities' type='storage'>
      <source><block>/dev/sdf1</block></source>
    </hostdev>
    <hostdev mode='capabilities' type='misc'>
      <source><char>/dev/input/event3</char></source>
    </hostdev>
    <controller type='usb' index='0'/>
    <redirdev bus='usb' type='spicevmc'/>
    <serial type='pty'>
      <source path='/dev/pts/4'/>
      <target port='0'/>
    </serial>
    <console type='pty'>
      <source path='/dev/pts/4'/>
      <target type='serial' port='0'/>
    </console>
    <channel type='unix'>
      <source mode='bind' path='/run/ga.sock'/>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <channel type='spicevmc'>
      <target type='virtio' name='com.redhat.spice.0'/>
    </channel>
    <input type='tablet' bus='usb'/>
    <input type='passthrough' bus='virtio'>
      <source evdev='/dev/input/event1'/>
    </input>
    <smartcard mode='host-certificates'>
      <certificate>cert1</certificate>
      <certificate>cert2</certificate>
      <certificate>cert3</certificate>
      <database>/etc/pki/nssdb/</database>
    </smartcard>
    <tpm model='tpm-tis'>
      <backend type='passthrough'><device path='/dev/tpm0'/></backend>
    </tpm>
    <rng model='virtio'>
      <backend model='random'>/dev/urandom</backend>
    </rng>
    <rng model='virtio'>
      <backend model='egd' type='unix'><source mode='connect' path='/run/egd.sock'/></backend>
    </rng>
    <shmem name='shm0'>
      <model type='ivshmem-plain'/>
      <size unit='M'>4</size>
    </shmem>
    <shmem name='shm1'>
      <model type='ivshmem-doorbell'/>
      <server path='/tmp/shm1.sock'/>
    </shmem>
  </devices>
</domain>
)";

}  // namespace

TEST_CASE("domainResources reads what libvirt audits from a definition", "[audit]") {
  vireo::conf::DomainDef def = vireo::conf::parseDomainXml(kDomainXml, 0);
  AuditedDomain dom = auditedDomain(def, 99);
  CHECK(dom.virtType == "kvm");
  CHECK(dom.name == "audited");
  CHECK(dom.uuid.toString() == "c7a5fdbd-edaf-9455-926a-d65c16db1809");
  CHECK(dom.pid == 99);

  DomainResources r = domainResources(def);
  using Paths = std::vector<std::optional<std::string>>;
  CHECK(r.disks == Paths{std::string("/var/lib/images/a.qcow2"), std::nullopt, std::string("/dev/sdz"), std::nullopt});
  CHECK(r.filesystems == Paths{std::string("/srv/share")});
  CHECK(r.netMacs == std::vector<std::string>{"52:54:00:12:34:56"});

  REQUIRE(r.hostdevs.size() == 7);  // the iSCSI one is not audited
  auto pci = std::get<PciHostdev>(r.hostdevs[0]);
  CHECK((pci.domain == 0 && pci.bus == 6 && pci.slot == 0x12 && pci.function == 5));
  auto usb = std::get<UsbHostdev>(r.hostdevs[1]);
  CHECK((usb.bus == 1 && usb.device == 2));
  auto scsi = std::get<ScsiHostdev>(r.hostdevs[2]);
  CHECK((scsi.adapter == "scsi_host0" && scsi.bus == 0 && scsi.target == 1 && scsi.unit == 2));
  CHECK(std::get<ScsiHostHostdev>(r.hostdevs[3]).wwpn == "naa.5123456789abcde0");
  CHECK(std::get<MdevHostdev>(r.hostdevs[4]).uuid == "c2177883-f1bb-47f0-914d-32a22e3a8804");
  CHECK(std::get<StorageHostdev>(r.hostdevs[5]).block == "/dev/sdf1");
  CHECK(std::get<MiscHostdev>(r.hostdevs[6]).chardev == "/dev/input/event3");
  CHECK(hostdevRecord(dom, r.hostdevs[0], "start").message.ends_with(" bus=pci device=\"0000:06:12.5\""));

  CHECK(r.usbRedirdevs == 1);
  CHECK(r.serials == Paths{std::string("/dev/pts/4")});
  CHECK(r.consoles == Paths{std::string("/dev/pts/4")});
  CHECK(r.firstConsoleIsSerial);
  CHECK(r.channels == Paths{std::string("/run/ga.sock"), std::nullopt});
  CHECK(r.evdevInputs == Paths{std::string("/dev/input/event1")});

  REQUIRE(r.smartcards.size() == 1);
  auto certs = std::get<SmartcardCertificates>(r.smartcards[0]);
  CHECK(certs.certificates == std::vector<std::string>{"cert1", "cert2", "cert3"});
  CHECK(certs.database == "/etc/pki/nssdb/");
  REQUIRE(r.tpms.size() == 1);
  CHECK(r.tpms[0].backend == TpmBackend::Passthrough);
  CHECK(r.tpms[0].path == "/dev/tpm0");
  CHECK(r.rngs == Paths{std::string("/dev/urandom"), std::string("/run/egd.sock")});
  REQUIRE(r.shmems.size() == 2);
  CHECK(r.shmems[0].name == "shm0");
  CHECK(r.shmems[0].sizeBytes == 4ULL * 1024 * 1024);
  CHECK_FALSE(r.shmems[0].server);
  CHECK(r.shmems[1].server);
  CHECK(r.shmems[1].serverPath == "/tmp/shm1.sock");

  CHECK(r.memoryKiB == 2097152);
  CHECK(r.vcpus == 2);
  CHECK(r.iothreads == 2);

  auto labels = securityLabels(def);
  REQUIRE(labels.size() == 2);
  CHECK(labels[0].model == "selinux");
  CHECK(labels[0].label == "system_u:system_r:svirt_t:s0:c1,c2");
  CHECK(labels[0].imageLabel == "system_u:object_r:svirt_image_t:s0:c1,c2");
  CHECK(labels[1].model == "dac");
  CHECK(securityLabelRecord(dom, labels[1]).message.ends_with(" vm-ctx=+107:+107 img-ctx=+107:+107 model=dac"));

  // The whole start sequence: 2 local disks, fs, net, 7 hostdevs, redirdev,
  // serial (console 0 mirrors it), 1 channel with a path, 4 smartcard
  // records, 2 RNGs, tpm, 2 shmems, evdev, mem, vcpu, iothread, op=start.
  CHECK(startRecords(dom, r, "booted", true).size() == 2 + 1 + 1 + 7 + 1 + 1 + 1 + 4 + 2 + 1 + 2 + 1 + 3 + 1);
}

TEST_CASE("Devices that are not audited give nothing", "[audit]") {
  vireo::conf::InputDef tablet;
  tablet.type = "tablet";
  CHECK_FALSE(evdevPath(tablet));
  vireo::conf::HostdevDef net;
  net.mode = "capabilities";
  net.type = "net";
  CHECK_FALSE(hostdevSource(net));
  vireo::conf::GenericDeviceDef builtinRng;
  builtinRng.kind = "rng";
  CHECK_FALSE(rngSource(builtinRng));
  vireo::conf::GenericDeviceDef watchdog;
  watchdog.kind = "watchdog";
  CHECK_FALSE(smartcardSource(watchdog));
  CHECK_FALSE(tpmSource(watchdog));
  CHECK_FALSE(shmemSource(watchdog));
  CHECK_FALSE(isUsbRedirdev(watchdog));
  vireo::conf::ChrDef spice;
  spice.type = "spicevmc";
  CHECK_FALSE(chardevPath(spice));
  vireo::conf::DiskDef volume;
  volume.type = "volume";
  volume.source.pool = "default";
  volume.source.volume = "v";
  CHECK_FALSE(diskPath(volume));
}
