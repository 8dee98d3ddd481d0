#include "drivers/qemu/qemu_device_defaults.h"

#include "drivers/qemu/qemu_domain_util.h"
#include "lib/util/error.h"

namespace vireo::qemu {

namespace {

using conf::DomainDef;

void defaultDisk(conf::DiskDef& d) {
  if (d.driverName.empty()) {
    d.driverName = "qemu";
    d.hasDriver = true;
  }
  // A volume's format comes from its storage pool.
  if (d.driverType.empty() && d.type != "volume") {
    d.driverType = "raw";
    d.hasDriver = true;
  }
  if (d.device == "cdrom") d.readonly = true;
}

// QEMU's xHCI controllers have at most 15 ports.
constexpr unsigned long long kXhciMaxPorts = 15;

void defaultUsbController(conf::ControllerDef& c, const DomainDef& def, const QemuCaps& caps) {
  if (c.model.empty() && isX86(def) && caps.hasDevice("piix3-usb-uhci")) c.model = "piix3-uhci";
  // A disabled USB bus has no address.
  if (c.model == "none") c.info.address = {};
  if (c.model == "qusb1" || c.model == "qusb2")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
         "USB controller model type 'qusb1' or 'qusb2' is not supported in " + def.type);
  if (c.model == "nec-xhci" || c.model == "qemu-xhci") {
    auto ports = parseNumber(attrOf(c.rest, "ports"));
    if (ports && *ports > kXhciMaxPorts)
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
           "'" + c.model + "' controller only supports up to '" + std::to_string(kXhciMaxPorts) + "' ports");
  }
}

void defaultScsiController(conf::ControllerDef& c, const QemuCaps& caps) {
  if (!c.model.empty() && c.model != "auto") return;
  if (caps.hasDevice("lsi53c895a")) c.model = "lsilogic";
  else if (caps.hasDevice("virtio-scsi-pci")) c.model = "virtio-scsi";
  else
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
         "Unable to determine model for SCSI controller idx=" + std::to_string(c.index.value_or(0)));
}

void checkPciController(const conf::ControllerDef& c, const DomainDef& def) {
  if ((c.model == "pci-root" || c.model == "pcie-root") && c.index.value_or(0) != 0)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_QEMU, "pci-root and pcie-root controllers should have index 0");
  if (c.model == "pci-expander-bus" && !isI440fx(def.os.machine))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
         "pci-expander-bus controllers are only supported on 440fx-based machinetypes");
  if (c.model == "pcie-expander-bus" && !isQ35(def.os.machine))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
         "pcie-expander-bus controllers are not supported with this machine type");
}

// The NIC model libvirt picks when the user names none: the oldest model
// guests are most likely to have a driver for.
std::string defaultNetModel(const QemuCaps& caps) {
  for (const char* device : {"rtl8139", "e1000"})
    if (caps.hasDevice(device)) return device;
  if (caps.hasDevice("virtio-net-pci")) return "virtio";
  return "rtl8139";
}

void defaultNet(conf::NetDef& n, const QemuCaps& caps) {
  if (!n.model.empty()) return;
  if (n.type == "vdpa" || n.type == "vhostuser") n.model = "virtio";
  else if (n.type != "hostdev") n.model = defaultNetModel(caps);
}

void defaultVideo(conf::VideoDef& v, const QemuCaps& caps) {
  if (v.type.empty()) {
    if (caps.hasDevice("cirrus-vga")) v.type = "cirrus";
    else if (caps.hasDevice("VGA")) v.type = "vga";
  }
  // QEMU's own default VGA memory for qxl, in KiB.
  if (v.type == "qxl" && !v.vgamem) v.vgamem = 16 * 1024;
}

// The model that goes with each serial target type.
std::string serialModelFor(const std::string& targetType) {
  if (targetType == "isa-serial") return "isa-serial";
  if (targetType == "usb-serial") return "usb-serial";
  if (targetType == "pci-serial") return "pci-serial";
  if (targetType == "spapr-vio-serial") return "spapr-vty";
  if (targetType == "sclp-serial") return "sclpconsole";
  if (targetType == "isa-debug") return "isa-debugcon";
  return "";
}

void defaultSerial(conf::ChrDef& c, const DomainDef& def) {
  if (c.targetType.empty() && isX86(def)) c.targetType = "isa-serial";
  if (c.targetModel.empty()) c.targetModel = serialModelFor(c.targetType);
  if (!c.targetType.empty()) c.hasTarget = true;
}

void defaultInput(conf::InputDef& i, const DomainDef& def) {
  if (!i.bus.empty() || def.os.type != "hvm") return;
  if ((i.type == "mouse" || i.type == "keyboard") && isX86(def)) i.bus = "ps2";
  else if (i.type == "passthrough") i.bus = "virtio";
  else if (i.type != "evdev") i.bus = "usb";
}

void defaultRng(conf::GenericDeviceDef& g) {
  xml::Element* backend = childOf(g.rest, "backend");
  if (backend && backend->attrOr("model") == "random" && backend->textContent().empty())
    backend->addText("/dev/random");
}

void defaultTpm(conf::GenericDeviceDef& g, const DomainDef& def) {
  if (attrOf(g.rest, "model").empty()) setAttrAfter(g.rest.attrs, "model", isX86(def) ? "tpm-tis" : "tpm-spapr");
  xml::Element* backend = childOf(g.rest, "backend");
  if (!backend || backend->attrOr("type") != "emulator" || backend->hasAttr("version")) return;
  // tpm-tis on x86 stays at TPM 1.2, libvirt's historical default.
  std::string version = attrOf(g.rest, "model") == "tpm-tis" && isX86(def) ? "1.2" : "2.0";
  setAttrAfter(backend->attrs, "version", version, "type");
}

void defaultGeneric(conf::GenericDeviceDef& g, const DomainDef& def) {
  if (g.kind == "rng") defaultRng(g);
  else if (g.kind == "tpm") defaultTpm(g, def);
  else if (g.kind == "watchdog" && !findAttr(g.rest, "action")) setAttrAfter(g.rest.attrs, "action", "reset", "model");
  else if (g.kind == "vsock" && !findAttr(g.rest, "model")) g.rest.attrs.insert(g.rest.attrs.begin(), {"model", "virtio"});
}

}  // namespace

void applyDeviceDefaults(DomainDef& def, const QemuCaps& caps) {
  for (auto& d : def.disks) defaultDisk(d);
  for (auto& c : def.controllers) {
    if (c.type == "usb") defaultUsbController(c, def, caps);
    else if (c.type == "scsi") defaultScsiController(c, caps);
    else if (c.type == "pci") checkPciController(c, def);
  }
  for (auto& n : def.nets) defaultNet(n, caps);
  for (auto& v : def.videos) defaultVideo(v, caps);
  for (auto& s : def.serials) defaultSerial(s, def);
  for (auto& c : def.consoles)
    if (c.targetType.empty()) c.targetType = "serial";
  for (auto& i : def.inputs) defaultInput(i, def);
  for (auto& g : def.otherDevices) defaultGeneric(g, def);
}

}  // namespace vireo::qemu
