// Device ids (libvirt's aliases) and the guest-address properties of
// -device arguments: which bus a device plugs into and where.
#include <cstdio>

#include "drivers/qemu/qemu_command_internal.h"
#include "lib/conf/domain.h"

namespace vireo::qemu::cmd {

std::string aliasOr(const conf::DeviceInfo& info, std::string generated) {
  // Only user aliases survive in a definition; libvirt generates the rest.
  if (info.alias.rfind("ua-", 0) == 0) return info.alias;
  return generated;
}

const conf::ControllerDef* findController(const conf::DomainDef& def, std::string_view type, unsigned index) {
  for (const auto& c : def.controllers)
    if (c.type == type && c.index.value_or(0) == static_cast<int>(index)) return &c;
  return nullptr;
}

std::string controllerAlias(const BuildState& st, const conf::ControllerDef& c) {
  int idx = c.index.value_or(0);
  std::string generated;
  if (c.type == "pci") {
    if (c.model == "pci-root") generated = "pci.0";
    else if (c.model == "pcie-root") generated = "pcie.0";
    else generated = "pci." + std::to_string(idx);
  } else if (c.type == "ide" && idx == 0 && st.isI440fx()) {
    generated = "ide";  // the PIIX IDE controller built into the machine
  } else if (c.type == "sata" && idx == 0 && st.isQ35()) {
    generated = "ide";  // q35's built-in AHCI is called "ide" too
  } else if (c.type == "usb" && idx == 0) {
    generated = "usb";
  } else {
    generated = c.type + std::to_string(idx);
  }
  // The root bus keeps its QEMU name even under a user alias: it is not on
  // the command line, so the user alias cannot name it.
  if (c.type == "pci" && (c.model == "pci-root" || c.model == "pcie-root")) return generated;
  return aliasOr(c.info, generated);
}

std::string controllerAliasFor(const BuildState& st, std::string_view type, unsigned index) {
  const conf::ControllerDef* c = findController(st.def, type, index);
  if (!c) {
    // The built-in controllers may be implied rather than listed.
    if (type == "ide" && index == 0 && st.isI440fx()) return "ide";
    if (type == "sata" && index == 0 && st.isQ35()) return "ide";
    internalError("Could not find " + std::string(type) + " controller with index " +
                  std::to_string(index) + " required for device");
  }
  return controllerAlias(st, *c);
}

std::string diskAlias(const BuildState& st, const conf::DiskDef& d) {
  std::string generated;
  const conf::DeviceAddress& a = d.info.address;
  if (a.type == "drive") {
    const conf::DriveAddress& drv = a.drive;
    const std::string& bus = d.targetBus;
    const conf::ControllerDef* c = bus == "scsi" ? findController(st.def, "scsi", drv.controller) : nullptr;
    char buf[96];
    if (bus == "scsi" && !(c && c->model == "lsilogic"))
      std::snprintf(buf, sizeof buf, "%s%u-%u-%u-%u", bus.c_str(), drv.controller, drv.bus, drv.target, drv.unit);
    else
      std::snprintf(buf, sizeof buf, "%s%u-%u-%u", bus.c_str(), drv.controller, drv.bus, drv.unit);
    generated = buf;
  } else {
    int idx = conf::diskNameIndex(d.targetDev);
    if (idx < 0) internalError("cannot derive an alias from disk target '" + d.targetDev + "'");
    generated = d.targetBus + "-disk" + std::to_string(idx);
  }
  return aliasOr(d.info, generated);
}

std::string addressAttr(const conf::DeviceAddress& a, std::string_view name) {
  for (const auto& [k, v] : a.attrs)
    if (k == name) return v;
  return {};
}

namespace {

std::string pciBusName(const BuildState& st, const conf::PciAddress& pci) {
  for (const auto& c : st.def.controllers)
    if (c.type == "pci" && c.index.value_or(0) == static_cast<int>(pci.bus)) return controllerAlias(st, c);
  char addr[32];
  std::snprintf(addr, sizeof addr, "%04x:%02x:%02x.%x", pci.domain, pci.bus, pci.slot, pci.function);
  internalError("Could not find PCI controller with index '" + std::to_string(pci.bus) +
                "' required for device at address '" + addr + "'");
}

void addPciProps(JsonArgWriter& props, const BuildState& st, const conf::DeviceInfo& info) {
  const conf::PciAddress& pci = info.address.pci;
  if (pci.domain != 0) unsupported("PCI domains other than 0 are not supported");
  props.str("bus", pciBusName(st, pci));
  if (!pci.multifunction.empty()) props.optBool("multifunction", parseSwitch(pci.multifunction));
  char addr[32];
  if (pci.function != 0) std::snprintf(addr, sizeof addr, "0x%x.0x%x", pci.slot, pci.function);
  else std::snprintf(addr, sizeof addr, "0x%x", pci.slot);
  props.str("addr", addr);
  if (info.acpiIndex) props.unum("acpi-index", *info.acpiIndex);
}

void addDriveProps(JsonArgWriter& props, const BuildState& st, const conf::DriveAddress& drv,
                   std::string_view diskBus) {
  if (diskBus == "ide") {
    props.str("bus", controllerAliasFor(st, "ide", drv.controller) + "." + std::to_string(drv.bus));
    props.unum("unit", drv.unit);
  } else if (diskBus == "sata") {
    props.str("bus", controllerAliasFor(st, "sata", drv.controller) + "." + std::to_string(drv.unit));
  } else if (diskBus == "fdc") {
    props.unum("unit", drv.unit);
  } else if (diskBus == "scsi") {
    const conf::ControllerDef* c = findController(st.def, "scsi", drv.controller);
    if (!c) internalError("unable to find a SCSI controller for idx=" + std::to_string(drv.controller));
    std::string alias = controllerAlias(st, *c);
    if (c->model == "lsilogic" || c->model == "ncr53c90" || c->model == "dc390" || c->model == "am53c974") {
      props.str("bus", alias + "." + std::to_string(drv.bus));
      props.unum("scsi-id", drv.unit);
    } else if (c->model.empty() || c->model == "auto" || c->model == "buslogic") {
      internalError("Unexpected SCSI controller model '" + c->model + "'");
    } else {
      props.str("bus", alias + ".0");
      props.unum("channel", drv.bus);
      props.unum("scsi-id", drv.target);
      props.unum("lun", drv.unit);
    }
  } else {
    internalError("address type drive is not supported for bus '" + std::string(diskBus) + "'");
  }
}

}  // namespace

void addAddressProps(JsonArgWriter& props, const BuildState& st, const conf::DeviceInfo& info,
                     std::string_view diskBus) {
  const conf::DeviceAddress& a = info.address;
  if (a.type.empty()) return;
  if (a.type == "pci") {
    addPciProps(props, st, info);
  } else if (a.type == "drive") {
    addDriveProps(props, st, a.drive, diskBus);
  } else if (a.type == "usb") {
    unsigned bus = static_cast<unsigned>(parseNumber(addressAttr(a, "bus").empty() ? "0" : addressAttr(a, "bus"), "USB bus"));
    props.str("bus", controllerAliasFor(st, "usb", bus) + ".0");
    props.strIf("port", addressAttr(a, "port"));
  } else if (a.type == "virtio-serial") {
    std::string ctl = addressAttr(a, "controller"), bus = addressAttr(a, "bus"), port = addressAttr(a, "port");
    unsigned ctlIdx = static_cast<unsigned>(parseNumber(ctl.empty() ? "0" : ctl, "virtio-serial controller"));
    props.str("bus", controllerAliasFor(st, "virtio-serial", ctlIdx) + "." + (bus.empty() ? "0" : bus));
    props.num("nr", static_cast<long long>(parseNumber(port.empty() ? "0" : port, "virtio-serial port")));
  } else if (a.type == "isa") {
    std::string iobase = addressAttr(a, "iobase"), irq = addressAttr(a, "irq");
    props.unum("iobase", parseNumber(iobase.empty() ? "0" : iobase, "ISA iobase"));
    if (!irq.empty() && parseNumber(irq, "ISA irq") != 0) props.unum("irq", parseNumber(irq, "ISA irq"));
  } else if (a.type == "ccid" || a.type == "unassigned") {
    // Smartcards name their bus themselves; unassigned devices have none.
  } else {
    unsupported("address type '" + a.type + "' is not supported on x86 machines");
  }
}

}  // namespace vireo::qemu::cmd
