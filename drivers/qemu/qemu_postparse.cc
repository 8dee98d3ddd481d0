// The QEMU driver's defaults for a definition, in the order libvirt 9.0
// applies them (virDomainDefPostParse with the QEMU driver's callbacks):
//
//   1. arch and emulator                      (parse, qemuDomainDefPostParseBasic)
//   2. controller indexes                     (virDomainAssignControllerIndexes)
//   3. machine type, implicit devices, CPU    (qemuDomainDefPostParse)
//   4. per-device defaults, drive addresses   (device post-parse callbacks)
//   5. implicit controllers and video         (virDomainDefAddImplicitDevices)
//   6. lib/conf's generic defaults
//   7. guest addresses                        (qemuDomainAssignAddresses)
//   8. checks                                 (qemuValidateDomainDef)
//
// The order matters for the XML: controllers that libvirt adds are appended
// to the list in the order it adds them.
#include "drivers/qemu/qemu_postparse.h"

#include <algorithm>

#include "drivers/qemu/qemu_device_defaults.h"
#include "drivers/qemu/qemu_domain_util.h"
#include "drivers/qemu/qemu_lifecycle_actions.h"
#include "lib/conf/domain.h"
#include "lib/conf/domain_internal.h"
#include "lib/util/error.h"

namespace vireo::qemu {

namespace {

using conf::ControllerDef;
using conf::DomainDef;

[[noreturn]] void unsupported(const std::string& msg) { fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, msg); }

// A QEMU binary also runs the 32-bit variant of its target.
bool archSupported(const QemuCaps& caps, const std::string& arch) {
  if (arch == caps.arch) return true;
  return (caps.arch == "x86_64" && arch == "i686") || (caps.arch == "aarch64" && arch == "armv7l") ||
         (caps.arch == "armv7l" && arch == "armv6l") || (caps.arch == "ppc64" && arch == "ppc64le");
}

// The machine QEMU knows as `name`, or whose alias `name` is.
const QemuMachine* lookupMachine(const QemuCaps& caps, std::string_view name) {
  for (const auto& m : caps.machines)
    if (!m.alias.empty() && m.alias == name) return &m;
  for (const auto& m : caps.machines)
    if (m.name == name) return &m;
  return nullptr;
}

void maybeAddController(DomainDef& def, std::string_view type, int index) {
  if (!hasController(def, type, index)) appendController(def, std::string(type), index);
}

// ---- 1-3: emulator, machine, implicit devices, CPU --------------------------

void defaultArchAndEmulator(DomainDef& def, const QemuCaps& caps) {
  if (def.os.arch.empty()) def.os.arch = caps.arch;
  if (def.emulator.empty()) {
    if (!archSupported(caps, def.os.arch)) unsupported("No emulator found for arch '" + def.os.arch + "'");
    def.emulator = caps.binary;
  }
}

// A controller without an index gets the lowest free one; a USB2 companion
// right after its USB2 master shares the master's index.
void assignControllerIndexes(DomainDef& def) {
  for (std::size_t i = 0; i < def.controllers.size(); ++i) {
    ControllerDef& c = def.controllers[i];
    if (c.index) continue;
    if (isUsb2(c)) {
      const ControllerDef* prev = nullptr;
      for (std::size_t j = i; j-- > 0;)
        if (def.controllers[j].type == "usb") {
          prev = &def.controllers[j];
          break;
        }
      if (prev && isUsb2(*prev) &&
          std::none_of(def.controllers.begin(), def.controllers.end(), [&](const ControllerDef& o) {
            return o.type == "usb" && o.index == prev->index && o.model == c.model;
          })) {
        c.index = prev->index;
        continue;
      }
    }
    int idx = 0;
    while (hasController(def, c.type, idx)) ++idx;
    c.index = idx;
  }
}

void defaultMachine(DomainDef& def, const QemuCaps& caps) {
  if (def.os.machine.empty()) {
    auto it = std::find_if(caps.machines.begin(), caps.machines.end(), [](const QemuMachine& m) { return m.isDefault; });
    if (it == caps.machines.end())
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
           "could not get preferred machine for " + def.emulator + " type=" + def.type);
    def.os.machine = it->name;
  }
  // "pc" and "q35" are aliases of the newest versioned machine types.
  if (const QemuMachine* m = lookupMachine(caps, def.os.machine)) def.os.machine = m->name;
}

void maybeAddInput(DomainDef& def, const char* type, const char* bus) {
  for (const auto& i : def.inputs)
    if (i.type == type && i.bus == bus) return;
  conf::InputDef input;
  input.type = type;
  input.bus = bus;
  def.inputs.push_back(std::move(input));
}

bool featureOff(const DomainDef& def, std::string_view name) {
  const xml::Element* f = def.features.name.empty() ? nullptr : def.features.child(name);
  return f && f->attrOr("state") == "off";
}

// The PS/2 controller (i8042) of the PC machine types brings a mouse and a keyboard.
void addImplicitInputs(DomainDef& def, const QemuCaps& caps) {
  const std::string& m = def.os.machine;
  bool i8042 = caps.hasDevice("i8042") && (isI440fx(m) || isQ35(m) || m == "isapc");
  if (!i8042 || featureOff(def, "ps2")) return;
  maybeAddInput(def, "mouse", "ps2");
  maybeAddInput(def, "keyboard", "ps2");
}

// The PCI root bus the machine type has; a user's index-0 PCI controller
// must be that one.
void addPciRoot(DomainDef& def, const char* model) {
  for (auto& c : def.controllers) {
    if (c.type != "pci" || c.index != 0) continue;
    if (c.model.empty()) c.model = model;
    if (c.model != model)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_QEMU,
           std::string("The PCI controller with index='0' must be model='") + model +
               "' for this machine type, but model='" + c.model + "' was found instead");
    return;
  }
  appendController(def, "pci", 0, model);
}

// Without graphics, or with VNC, the guest's audio goes nowhere (qemu.conf's
// nographics_allow_host_audio and vnc_allow_host_audio default to off);
// SPICE carries audio itself; SDL plays on the host.
void addDefaultAudio(DomainDef& def) {
  if (!def.devicesOfKind("audio").empty()) return;
  std::string type;
  bool add = def.graphics.empty();
  if (add) type = "none";
  for (const auto& g : def.graphics) {
    if (g.type == "vnc") type = "none";
    else if (g.type == "spice") type = "spice";
    else if (g.type == "sdl") type = "sdl";
    else continue;
    add = true;
  }
  if (!add) return;
  conf::GenericDeviceDef audio;
  audio.kind = "audio";
  audio.rest.attrs = {{"id", "1"}, {"type", type}};
  def.otherDevices.push_back(std::move(audio));
}

void addDefaultDevices(DomainDef& def, const QemuCaps& caps) {
  addImplicitInputs(def, caps);
  const std::string& machine = def.os.machine;
  bool usb = false, sata = false, balloon = false;
  const char* root = nullptr;
  std::string usbModel;
  if (isX86(def) && machine != "isapc" && machine != "microvm") {
    usb = balloon = true;
    if (isQ35(machine)) {
      root = "pcie-root";
      sata = true;
      // USB3 if QEMU has it, else USB2, else none.
      if (caps.hasDevice("qemu-xhci")) usbModel = "qemu-xhci";
      else if (caps.hasDevice("nec-usb-xhci")) usbModel = "nec-xhci";
      else if (caps.hasDevice("ich9-usb-ehci1")) usbModel = "ich9-ehci1";
      else usb = false;
    }
    if (isI440fx(machine)) root = "pci-root";
  }
  if (usb && !hasController(def, "usb", 0)) appendController(def, "usb", 0, usbModel);
  if (sata) maybeAddController(def, "sata", 0);
  if (root) addPciRoot(def, root);
  if (balloon && !def.memballoon) {
    def.memballoon.emplace();
    def.memballoon->model = "virtio";
  }
  addDefaultAudio(def);
}

// QEMU names its CPU types "<model>-<target>-cpu".
std::string cpuModelFromType(std::string type) {
  for (const char* suffix : {"-x86_64-cpu", "-i386-cpu"})
    if (type.size() > std::string_view(suffix).size() && type.ends_with(suffix))
      return type.substr(0, type.size() - std::string_view(suffix).size());
  return type;
}

// A guest CPU left unspecified is the machine type's default model, with
// checks off: QEMU drops what the host lacks, and the real CPU is recorded
// when the domain starts.
void defaultCpuModel(DomainDef& def, const QemuCaps& caps) {
  xml::Element& cpu = def.cpu;
  if (!cpu.name.empty() && (cpu.attrOr("mode", "custom") != "custom" || cpu.child("model"))) return;
  if (!isX86(def)) return;
  const QemuMachine* m = lookupMachine(caps, def.os.machine);
  if (!m || m->defaultCpuType.empty()) return;
  std::string model = cpuModelFromType(m->defaultCpuType);
  if (model == "host" && def.type != "kvm")
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
         "QEMU reports invalid default CPU model \"host\" for non-kvm domain virt type");
  if (cpu.name.empty()) cpu = xml::Element::make("cpu");
  if (model == "host") {
    cpu.setAttr("mode", "host-passthrough");
    return;
  }
  cpu.setAttr("mode", "custom");
  cpu.setAttr("match", "exact");
  cpu.setAttr("check", "none");
  conf::orderAttrs(cpu, {"mode", "match", "check", "migratable"});
  xml::Element modelEl = xml::Element::make("model");
  modelEl.setAttr("fallback", "forbid");
  modelEl.addText(model);
  cpu.children.insert(cpu.children.begin(), std::move(modelEl));
}

// How strictly the guest CPU is compared with the host's at start.
void defaultCpuCheck(DomainDef& def, const QemuCaps& caps) {
  xml::Element& cpu = def.cpu;
  if (cpu.name.empty()) return;
  std::string mode = cpu.attrOr("mode", "custom");
  // QEMU 2.12 made host-passthrough migratable.
  if (mode == "host-passthrough" && !cpu.hasAttr("migratable") && caps.version() >= 2012000)
    cpu.setAttr("migratable", "on");
  if (!(mode == "custom" && !cpu.child("model")) && !cpu.hasAttr("check")) {
    std::string check = "partial";
    if (mode == "host-passthrough" || mode == "maximum") check = "none";
    // A TCG guest's custom CPU is not compared with the host at all.
    if (mode == "custom" && def.type == "qemu") check = "none";
    cpu.setAttr("check", check);
  }
  conf::orderAttrs(cpu, {"mode", "match", "check", "migratable"});
}

// ---- 4-5: drive addresses, implicit controllers and video -------------------

void assignDriveAddresses(DomainDef& def) {
  for (auto& d : def.disks) {
    if (!d.info.address.type.empty()) continue;
    conf::DeviceDef dev = d;
    conf::postParseDevice(dev, def);
    d.info = std::get<conf::DiskDef>(dev).info;
  }
}

// The controllers that devices refer to, appended in libvirt's order.
void appendImplicitControllers(DomainDef& def) {
  for (const char* bus : {"scsi", "fdc", "ide", "sata"}) {
    int maxIndex = -1;
    for (const auto& d : def.disks)
      if (d.targetBus == bus && d.info.address.type == "drive")
        maxIndex = std::max(maxIndex, static_cast<int>(d.info.address.drive.controller));
    for (int i = 0; i <= maxIndex; ++i) maybeAddController(def, bus, i);
  }
  auto virtioSerial = [&](const std::vector<conf::ChrDef>& list) {
    for (const auto& c : list) {
      if (c.targetType != "virtio") continue;
      int index = 0;
      if (c.info.address.type == "virtio-serial")
        if (auto v = addressAttr(c.info.address, "controller")) index = static_cast<int>(parseNumber(*v).value_or(0));
      maybeAddController(def, "virtio-serial", index);
    }
  };
  virtioSerial(def.channels);
  virtioSerial(def.consoles);
  for (const auto* card : def.devicesOfKind("smartcard")) {
    int index = 0;
    if (card->info.address.type == "ccid")
      if (auto v = addressAttr(card->info.address, "controller")) index = static_cast<int>(parseNumber(*v).value_or(0));
    maybeAddController(def, "ccid", index);
  }
  int maxScsiHost = -1;
  for (const auto& h : def.hostdevs)
    if (h.type == "scsi" && h.info.address.type == "drive")
      maxScsiHost = std::max(maxScsiHost, static_cast<int>(h.info.address.drive.controller));
  for (int i = 0; i <= maxScsiHost; ++i) maybeAddController(def, "scsi", i);
}

// Graphics without a video card get one, of the driver's default model.
void addImplicitVideo(DomainDef& def) {
  if (!def.graphics.empty() && def.videos.empty()) def.videos.emplace_back();
}

// ---- 8: what this QEMU can run ---------------------------------------------

void validateForQemu(const DomainDef& def, const QemuCaps& caps) {
  const std::string emulator = "Emulator '" + def.emulator + "'";
  if (def.os.type != "hvm") unsupported(emulator + " does not support os type '" + def.os.type + "'");
  if (!archSupported(caps, def.os.arch)) unsupported(emulator + " does not support arch '" + def.os.arch + "'");
  // QEMU always has TCG; KVM only where the host offers /dev/kvm.
  bool virtType = def.type == "qemu" || (def.type == "kvm" && caps.kvmEnabled);
  if (!virtType) unsupported(emulator + " does not support virt type '" + def.type + "'");
  bool machine = std::any_of(caps.machines.begin(), caps.machines.end(),
                             [&](const QemuMachine& m) { return m.name == def.os.machine; });
  if (!machine) unsupported(emulator + " does not support machine type '" + def.os.machine + "'");
  validateLifecycleActions(def);
}

void applyDefaults(DomainDef& def, const QemuCaps& caps, unsigned parseFlags) {
  defaultArchAndEmulator(def, caps);
  assignControllerIndexes(def);
  defaultMachine(def, caps);
  addDefaultDevices(def, caps);
  defaultCpuModel(def, caps);
  applyDeviceDefaults(def, caps);
  assignDriveAddresses(def);
  appendImplicitControllers(def);
  addImplicitVideo(def);
  conf::postParseDomain(def, parseFlags);
  // Devices the steps above added (a serial port for a console, the
  // implicit video card, SCSI controllers) get their defaults too.
  applyDeviceDefaults(def, caps);
  defaultCpuCheck(def, caps);
  assignQemuAddresses(def, caps);
  validateForQemu(def, caps);
  conf::validateDomain(def, parseFlags);
}

}  // namespace

void applyQemuDefaults(DomainDef& def, const QemuCaps& caps) { applyDefaults(def, caps, conf::ParseInactive); }

DomainDef parseQemuDomainXml(std::string_view xml, unsigned parseFlags, const QemuCaps& caps) {
  DomainDef def = conf::parseDomainTree(conf::readDomainDocument(xml, parseFlags));
  applyDefaults(def, caps, parseFlags);
  return def;
}

}  // namespace vireo::qemu
