// Controllers: PCI bridges and ports, USB, SCSI, SATA, virtio-serial and
// CCID; the built-in ones of the machine are skipped.
#include <algorithm>

#include "drivers/qemu/qemu_command_internal.h"
#include "lib/conf/units.h"

namespace vireo::qemu::cmd {

namespace {

const xml::Element* ctlChild(const conf::ControllerDef& c, std::string_view name) {
  return findChild(c.rest, name);
}

std::string targetAttr(const conf::ControllerDef& c, std::string_view name) {
  const xml::Element* t = ctlChild(c, "target");
  return t ? t->attrOr(name) : std::string();
}

long long requiredTargetNumber(const conf::ControllerDef& c, std::string_view name) {
  std::string v = targetAttr(c, name);
  if (v.empty())
    internalError("PCI controller model '" + c.model + "' index " + std::to_string(c.index.value_or(0)) +
                  " has no target " + std::string(name));
  return static_cast<long long>(parseNumber(v, std::string("controller target ") + std::string(name)));
}

// The QEMU device behind a PCI controller model, from <model name=...> or
// libvirt's default for the model.
std::string pciModelName(const conf::ControllerDef& c) {
  if (const xml::Element* m = ctlChild(c, "model"); m && m->hasAttr("name")) return m->attrOr("name");
  static const std::pair<const char*, const char*> kDefaults[] = {
      {"pci-bridge", "pci-bridge"},
      {"dmi-to-pci-bridge", "i82801b11-bridge"},
      {"pcie-root-port", "pcie-root-port"},
      {"pcie-switch-upstream-port", "x3130-upstream"},
      {"pcie-switch-downstream-port", "xio3130-downstream"},
      {"pci-expander-bus", "pxb"},
      {"pcie-expander-bus", "pxb-pcie"},
      {"pcie-to-pci-bridge", "pcie-pci-bridge"}};
  for (const auto& [model, name] : kDefaults)
    if (c.model == model) return name;
  internalError("Unknown PCI controller model '" + c.model + "'");
}

JsonArgWriter pciControllerProps(const BuildState& st, const conf::ControllerDef& c) {
  JsonArgWriter p;
  std::string alias = controllerAlias(st, c);
  const std::string& m = c.model;
  if (m == "pci-bridge") {
    p.str("driver", pciModelName(c)).num("chassis_nr", requiredTargetNumber(c, "chassisNr")).str("id", alias);
  } else if (m == "pci-expander-bus" || m == "pcie-expander-bus") {
    p.str("driver", pciModelName(c)).num("bus_nr", requiredTargetNumber(c, "busNr")).str("id", alias);
    if (const xml::Element* t = ctlChild(c, "target"))
      if (const xml::Element* node = t->child("node"))
        p.num("numa_node", static_cast<long long>(parseNumber(node->textContent(), "NUMA node")));
  } else if (m == "dmi-to-pci-bridge" || m == "pcie-switch-upstream-port" || m == "pcie-to-pci-bridge") {
    p.str("driver", pciModelName(c)).str("id", alias);
  } else if (m == "pcie-root-port" || m == "pcie-switch-downstream-port") {
    p.str("driver", pciModelName(c))
        .num("port", requiredTargetNumber(c, "port"))
        .num("chassis", requiredTargetNumber(c, "chassis"))
        .str("id", alias);
    p.optBool("hotplug", parseSwitch(targetAttr(c, "hotplug")));
  } else {
    unsupported("Unsupported PCI controller model '" + m + "'");
  }
  addAddressProps(p, st, c.info);
  return p;
}

std::string usbDriver(const std::string& model) {
  static const std::pair<const char*, const char*> kModels[] = {
      {"piix3-uhci", "piix3-usb-uhci"}, {"piix4-uhci", "piix4-usb-uhci"}, {"ehci", "usb-ehci"},
      {"ich9-ehci1", "ich9-usb-ehci1"}, {"ich9-uhci1", "ich9-usb-uhci1"}, {"ich9-uhci2", "ich9-usb-uhci2"},
      {"ich9-uhci3", "ich9-usb-uhci3"}, {"vt82c686b-uhci", "vt82c686b-usb-uhci"}, {"pci-ohci", "pci-ohci"},
      {"nec-xhci", "nec-usb-xhci"},     {"qemu-xhci", "qemu-xhci"}};
  for (const auto& [m, d] : kModels)
    if (model == m) return d;
  unsupported("USB controller model '" + model + "' not supported in this QEMU binary");
}

JsonArgWriter usbControllerProps(const BuildState& st, const conf::ControllerDef& c) {
  if (c.model.empty()) unsupported("no model provided for USB controller");
  JsonArgWriter p;
  p.str("driver", usbDriver(c.model));
  if (const std::string* ports = findAttr(c.rest, "ports")) {
    if (c.model != "nec-xhci" && c.model != "qemu-xhci")
      unsupported("usb controller type '" + c.model + "' doesn't support 'ports' with this QEMU binary");
    long long n = static_cast<long long>(parseNumber(*ports, "USB ports"));
    p.num("p2", n).num("p3", n);
  }
  if (!c.info.master.name.empty()) {
    // A companion controller: its ports belong to the EHCI master of the
    // same index.
    const conf::ControllerDef* master = nullptr;
    for (const auto& o : st.def.controllers)
      if (o.type == "usb" && o.index == c.index && o.info.master.name.empty()) master = &o;
    if (!master) internalError("masterbus not found");
    p.str("masterbus", controllerAlias(st, *master) + ".0");
    p.num("firstport", static_cast<long long>(parseNumber(c.info.master.attrOr("startport", "0"), "USB startport")));
  } else {
    p.str("id", controllerAlias(st, c));
  }
  addAddressProps(p, st, c.info);
  return p;
}

JsonArgWriter scsiControllerProps(const BuildState& st, const conf::ControllerDef& c) {
  JsonArgWriter p;
  const std::string& m = c.model;
  std::string alias = controllerAlias(st, c);
  if (m == "virtio-scsi" || m == "virtio-transitional" || m == "virtio-non-transitional") {
    const xml::Element* drv = ctlChild(c, "driver");
    p.str("driver", virtioDriverName("virtio-scsi", c.info, m));
    addVirtioOptions(p, drv);
    if (drv && drv->hasAttr("iothread"))
      p.str("iothread", "iothread" + std::to_string(parseNumber(drv->attrOr("iothread"), "iothread")));
    p.str("id", alias);
    if (drv) {
      for (const char* attr : {"queues", "cmd_per_lun", "max_sectors"}) {
        if (!drv->hasAttr(attr)) continue;
        std::string key = std::string(attr) == "queues" ? "num_queues" : attr;
        p.unum(key, parseNumber(drv->attrOr(attr), attr));
      }
      p.optBool("ioeventfd", parseSwitch(drv->attrOr("ioeventfd")));
    }
  } else {
    static const std::pair<const char*, const char*> kModels[] = {
        {"lsilogic", "lsi"},  {"ibmvscsi", "spapr-vscsi"}, {"lsisas1068", "mptsas1068"},
        {"lsisas1078", "megasas"}, {"vmpvscsi", "pvscsi"},  {"am53c974", "am53c974"},
        {"dc390", "dc-390"}};
    std::string driver;
    for (const auto& [model, d] : kModels)
      if (m == model) driver = d;
    if (driver.empty()) {
      if (m.empty()) internalError("Unexpected SCSI controller model (none)");
      unsupported("Unsupported controller model: " + m);
    }
    p.str("driver", driver).str("id", alias);
  }
  addAddressProps(p, st, c.info);
  return p;
}

JsonArgWriter virtioSerialProps(const BuildState& st, const conf::ControllerDef& c) {
  JsonArgWriter p;
  p.str("driver", virtioDriverName("virtio-serial", c.info, c.model));
  addVirtioOptions(p, ctlChild(c, "driver"));
  p.str("id", controllerAlias(st, c));
  if (const std::string* ports = findAttr(c.rest, "ports")) p.unum("max_ports", parseNumber(*ports, "ports"));
  if (const std::string* vectors = findAttr(c.rest, "vectors")) p.unum("vectors", parseNumber(*vectors, "vectors"));
  addAddressProps(p, st, c.info);
  return p;
}

// Controllers QEMU creates with the machine, which libvirt leaves out.
bool isBuiltIn(const BuildState& st, const conf::ControllerDef& c) {
  int idx = c.index.value_or(0);
  if (c.type == "pci" && (c.model == "pci-root" || c.model == "pcie-root")) return true;
  if (c.type == "sata" && idx == 0 && st.isQ35()) return true;
  if (c.type == "ide" && idx == 0 && st.isI440fx()) return true;
  return false;
}

void buildOne(BuildState& st, const conf::ControllerDef& c) {
  if (c.type == "pci" && c.model == "pci-root" && c.index.value_or(0) == 0)
    if (auto hp = parseSwitch(targetAttr(c, "hotplug")))
      st.arg("-global", std::string("PIIX4_PM.acpi-root-pci-hotplug=") + (*hp ? "on" : "off"));
  if (isBuiltIn(st, c)) return;
  if (c.type == "usb" && c.model == "none") return;
  // A USB controller without a model stands for QEMU's legacy -usb.
  if (c.type == "usb" && c.model.empty() && !st.isQ35()) return;

  if (c.type == "pci") st.device(pciControllerProps(st, c));
  else if (c.type == "usb") st.device(usbControllerProps(st, c));
  else if (c.type == "scsi") st.device(scsiControllerProps(st, c));
  else if (c.type == "virtio-serial") st.device(virtioSerialProps(st, c));
  else if (c.type == "sata") {
    JsonArgWriter p;
    p.str("driver", "ahci").str("id", controllerAlias(st, c));
    addAddressProps(p, st, c.info);
    st.device(p);
  } else if (c.type == "ccid") {
    JsonArgWriter p;
    p.str("driver", "usb-ccid").str("id", controllerAlias(st, c));
    addAddressProps(p, st, c.info);
    st.device(p);
  } else {
    unsupported("Unsupported controller type: " + c.type);
  }
}

}  // namespace

void buildGlobalControllerOptions(BuildState& st) {
  for (const auto& c : st.def.controllers) {
    if (c.type != "pci") continue;
    const xml::Element* hole = ctlChild(c, "pcihole64");
    if (!hole) continue;
    std::string host;
    if (c.model == "pci-root") host = "i440FX-pcihost";
    else if (c.model == "pcie-root") host = "q35-pcihost";
    else internalError("64-bit PCI hole setting is only for root PCI controllers");
    unsigned long long kib = conf::parseMemoryKiB(hole->textContent(), hole->attrOr("unit", "KiB"), "pcihole64");
    if (kib == 0) continue;
    st.arg("-global", host + ".pci-hole64-size=" + std::to_string(kib) + "K");
  }
}

void buildControllersOfType(BuildState& st, std::string_view type) {
  for (const auto& c : st.def.controllers)
    if (c.type == type) buildOne(st, c);
}

void buildControllers(BuildState& st) {
  static const std::vector<std::string_view> kKnown = {"pci", "usb",           "scsi", "ide",
                                                       "sata", "virtio-serial", "fdc",  "ccid"};
  for (const auto& c : st.def.controllers)
    if (std::find(kKnown.begin(), kKnown.end(), c.type) == kKnown.end())
      unsupported("Unsupported controller type: " + c.type);
  for (std::string_view type : {"pci", "usb", "scsi", "ide", "sata", "virtio-serial"})
    buildControllersOfType(st, type);

  // Without any USB controller model libvirt asks for QEMU's legacy USB,
  // except on q35 which must stay legacy-free.
  std::size_t legacy = 0, modern = 0;
  for (const auto& c : st.def.controllers) {
    if (c.type != "usb") continue;
    if (c.model == "none") return;
    (c.model.empty() ? legacy : modern)++;
  }
  if (legacy > 1) unsupported("Multiple legacy USB controllers are not supported");
  if (modern == 0 && !st.isQ35()) st.arg("-usb");
}

}  // namespace vireo::qemu::cmd
