// The domain definition: what <domain> XML describes, as plain values.
//
// Everything a driver acts on is typed (names, memory, vCPUs, the boot setup,
// disks, interfaces, controllers, character devices, graphics, ...). Parts
// that only need to survive a round trip are kept as preserved XML
// (xml::Element or Unparsed) and formatted back in libvirt's element order.
// All types are copyable values; a DomainDef owns everything it refers to.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lib/conf/device_info.h"
#include "lib/conf/node_reader.h"
#include "lib/util/uuid.h"
#include "lib/util/xml.h"

namespace vireo::conf {

// ---- devices ---------------------------------------------------------------

struct DiskHost {
  std::string name, port, transport, socket;
};

struct DiskSource {
  std::string file, dev, dir;        // type='file' / 'block' / 'dir'
  std::string protocol, name;        // type='network'
  std::string pool, volume, mode;    // type='volume'
  std::vector<DiskHost> hosts;
  Unparsed rest;                     // auth, seclabel, encryption, other attributes...
  bool present = false;              // a <source> element was given
};

struct DiskDef {
  std::string type = "file";   // file, block, dir, network, volume, nvme, vhostuser
  std::string device = "disk";  // disk, cdrom, floppy, lun
  std::string snapshot;         // "", no, internal, external
  std::string driverName, driverType, driverCache, driverIo;
  Unparsed driverRest;          // the other <driver> attributes and children
  bool hasDriver = false;
  DiskSource source;
  std::string targetDev, targetBus;
  Unparsed targetRest;          // tray, removable, rotation_rate
  bool readonly = false, shareable = false;
  std::string serial, wwn, vendor, product;
  DeviceInfo info;
  Unparsed rest;                // backingStore, iotune, encryption, blockio, ...
};

struct ControllerDef {
  std::string type;             // ide, fdc, scsi, sata, usb, pci, virtio-serial, ccid, xenbus, ...
  std::optional<int> index;     // filled in by post-parse when absent
  std::string model;
  DeviceInfo info;
  Unparsed rest;                // ports, vectors, <driver>, <target>, <pcihole64>, ...
};

struct NetDef {
  std::string type;             // network, bridge, direct, user, ethernet, hostdev, vhostuser, ...
  std::string mac;              // "52:54:00:xx:xx:xx", generated when absent
  std::string macType, macCheck;
  bool macGenerated = false;    // the MAC was not in the input
  std::string sourceNetwork, sourceBridge, sourceDev, sourceMode;
  Unparsed sourceRest;
  bool hasSource = false;
  std::string targetDev;
  Unparsed targetRest;
  std::string model;
  std::string hostdevDriver;    // a hostdev interface's <driver name=>: kvm, vfio, xen
  DeviceInfo info;
  Unparsed rest;                // driver, virtualport, bandwidth, vlan, ...
};

// serial, parallel, console and channel share one shape.
struct ChrDef {
  std::string kind;             // element name: serial, parallel, console, channel
  std::string type = "pty";     // pty, file, unix, tcp, udp, dev, spicevmc, null, ...
  std::vector<xml::Element> sources;  // <source>s as libvirt formats them (parseChrBackend)
  std::string targetType, targetName, targetModel;
  std::optional<unsigned> targetPort;
  Unparsed targetRest;
  bool hasTarget = false;
  DeviceInfo info;
  Unparsed rest;                // protocol, log, ...
};

struct InputDef {
  std::string type, bus, model;
  DeviceInfo info;
  Unparsed rest;
};

struct GraphicsDef {
  std::string type;             // vnc, spice, sdl, rdp, desktop, egl-headless, dbus
  std::string port, autoport, tlsPort, websocket, socket;
  std::string passwd;           // hidden unless VIR_DOMAIN_XML_SECURE
  std::string listenAttr;       // the legacy listen='' attribute
  std::vector<xml::Element> listens;
  Unparsed rest;
};

struct VideoDef {
  std::string type;             // model type: cirrus, vga, qxl, virtio, none, ...
  std::optional<unsigned long long> ram, vram, vram64, vgamem;
  std::optional<unsigned> heads;
  bool primary = false;
  bool hasModel = false;
  Unparsed modelRest;
  DeviceInfo info;
  Unparsed rest;
};

struct HostdevDef {
  std::string mode = "subsystem", type, managed;
  DeviceInfo info;
  Unparsed rest;                // source, driver, readonly, ...
};

struct MemballoonDef {
  std::string model;
  DeviceInfo info;
  Unparsed rest;
};

// Devices kept as preserved XML with a typed address: sound, rng, tpm,
// watchdog, panic, filesystem, smartcard, hub, redirdev, shmem, memory,
// iommu, vsock, audio, lease, redirfilter, nvram, crypto.
struct GenericDeviceDef {
  std::string kind;             // element name
  DeviceInfo info;
  Unparsed rest;
};

using DeviceDef = std::variant<DiskDef, ControllerDef, NetDef, ChrDef, InputDef, GraphicsDef,
                               VideoDef, HostdevDef, MemballoonDef, GenericDeviceDef>;

// ---- the domain ------------------------------------------------------------

struct MemoryDef {
  unsigned long long maxKiB = 0;       // <memory>
  unsigned long long currentKiB = 0;   // <currentMemory>
  std::optional<unsigned long long> maxMemoryKiB;  // <maxMemory>
  unsigned maxMemorySlots = 0;
  bool dumpCoreSet = false;
  std::string dumpCore;
};

struct VcpuDef {
  unsigned max = 1;
  std::optional<unsigned> current;
  std::string placement = "static";
  std::string cpuset;
  xml::Element vcpus;                  // individual <vcpus> (preserved)
};

struct OsDef {
  std::string type = "hvm";
  std::string arch, machine;
  std::string firmware;                // <os firmware=...>
  std::vector<std::string> bootDevs;
  std::string kernel, initrd, cmdline, dtb;
  std::string init;
  std::vector<std::string> initArgs;
  std::vector<std::pair<std::string, std::string>> initEnv;
  std::string initDir, initUser, initGroup;
  xml::Element loader, nvram;          // preserved, name empty if absent
  Unparsed rest;                       // bootmenu, bios, smbios, acpi, firmware features...
};

struct Lifecycle {
  std::string onPoweroff = "destroy", onReboot = "restart", onCrash = "destroy";
  std::string onLockfailure;
};

struct DomainDef {
  std::string type;                    // virt type: kvm, qemu, test, lxc, ...
  std::string name;
  Uuid uuid;
  bool uuidGenerated = false;          // the input had no <uuid>
  std::optional<Uuid> genid;
  bool genidGenerated = false;
  std::string title, description;
  // <metadata> children, in order; each is keyed by its namespace URI.
  std::vector<xml::Element> metadata;
  MemoryDef memory;
  VcpuDef vcpu;
  OsDef os;
  xml::Element features;               // preserved, name empty if absent
  xml::Element cpu;                    // preserved with defaults filled in
  xml::Element clock;                  // preserved, defaulted to offset='utc'
  Lifecycle lifecycle;
  // Other top-level elements (memtune, cputune, numatune, seclabel, ...),
  // preserved and formatted in libvirt's order.
  std::vector<xml::Element> otherTopLevel;

  std::string emulator;
  std::vector<DiskDef> disks;
  std::vector<ControllerDef> controllers;
  std::vector<NetDef> nets;
  std::vector<ChrDef> serials, parallels, consoles, channels;
  std::vector<InputDef> inputs;
  std::vector<GraphicsDef> graphics;
  std::vector<VideoDef> videos;
  std::vector<HostdevDef> hostdevs;
  std::optional<MemballoonDef> memballoon;
  std::vector<GenericDeviceDef> otherDevices;  // in input order; formatted by kind

  // Convenience views of the generic devices by kind.
  std::vector<const GenericDeviceDef*> devicesOfKind(std::string_view kind) const;
};

// Parse flags (internal; the drivers map libvirt's flags onto these).
enum ParseFlags : unsigned {
  ParseInactive = 1,   // a persistent definition: ignore runtime-only state
  ParseValidate = 2,   // VIR_DOMAIN_DEFINE_VALIDATE: also check against libvirt's RelaxNG schema
  ParseAbiUpdate = 4,  // libvirt's ABI_UPDATE (qemu's define): NUMA cells set the memory size
};

}  // namespace vireo::conf
