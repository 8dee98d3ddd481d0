// Firmware and boot: -bios, -no-shutdown / -no-acpi and the S3/S4 switches,
// -boot, direct kernel boot and ACPI tables.
#include "drivers/qemu/qemu_command_internal.h"

namespace vireo::qemu::cmd {

namespace {

// 1-based position of `dev` in <os><boot dev=...>; 0 if absent.
unsigned bootDevPosition(const conf::OsDef& os, std::string_view dev) {
  unsigned pos = 0;
  for (std::size_t i = 0; i < os.bootDevs.size(); ++i)
    if (os.bootDevs[i] == dev) pos = static_cast<unsigned>(i + 1);
  return pos;
}

}  // namespace

unsigned diskBootIndex(const BuildState& st, std::size_t index) {
  const auto& disks = st.def.disks;
  const conf::DiskDef& d = disks[index];
  if (d.info.bootOrder) return *d.info.bootOrder;
  // <os><boot dev='hd'/> means the first disk of that kind, and so on.
  auto kind = [](const conf::DiskDef& x) -> std::string_view {
    if (x.device == "cdrom") return "cdrom";
    if (x.device == "floppy") return "fd";
    return "hd";
  };
  for (std::size_t i = 0; i < index; ++i)
    if (kind(disks[i]) == kind(d)) return 0;
  return bootDevPosition(st.def.os, kind(d));
}

unsigned netBootIndex(const BuildState& st, std::size_t index) {
  const conf::NetDef& n = st.def.nets[index];
  if (n.info.bootOrder) return *n.info.bootOrder;
  return index == 0 ? bootDevPosition(st.def.os, "network") : 0;
}

void buildLoader(BuildState& st) {
  const conf::OsDef& os = st.def.os;
  if (os.firmware == "efi") unsupported("UEFI firmware (pflash) is not supported");
  if (!os.nvram.name.empty()) unsupported("<nvram> (UEFI variable store) is not supported");
  if (os.loader.name.empty()) return;
  std::string type = os.loader.attrOr("type", "pflash");
  if (type != "rom") unsupported("loader type '" + type + "' is not supported");
  st.arg("-bios", os.loader.textContent());
}

void buildPowerManagement(BuildState& st) {
  // QEMU 7.2 has 'set-action': libvirt always starts QEMU with -no-shutdown
  // and sets the reboot/shutdown behaviour over QMP afterwards.
  if (st.ctx.noShutdown) st.arg("-no-shutdown");

  bool acpi = !st.def.features.name.empty() && st.def.features.child("acpi");
  if (st.qemuVersion() < 8000000 && !acpi) st.arg("-no-acpi");

  for (const auto& e : st.def.otherTopLevel) {
    if (e.name != "pm") continue;
    std::string object = st.isQ35() ? "ICH9-LPC" : "PIIX4_PM";
    for (const char* which : {"suspend-to-mem", "suspend-to-disk"}) {
      const xml::Element* s = e.child(which);
      if (!s || !s->hasAttr("enabled")) continue;
      std::string prop = std::string(which) == "suspend-to-mem" ? "disable_s3" : "disable_s4";
      st.arg("-global", object + "." + prop + "=" + (s->attrOr("enabled") == "no" ? "1" : "0"));
    }
  }
}

void buildBoot(BuildState& st) {
  const conf::OsDef& os = st.def.os;
  // libvirt's order: menu, reboot-timeout, splash-time, strict.
  std::string menu, reboot, splash;
  for (const auto& c : os.rest.children) {
    if (!c.isElement()) continue;
    if (c.name == "bootmenu") {
      std::optional<bool> on = parseSwitch(c.attrOr("enable"));
      if (on) menu = *on ? "menu=on," : "menu=off,";
      // libvirt reads the timeout only of an enabled menu.
      if (on == true && c.hasAttr("timeout")) splash = "splash-time=" + c.attrOr("timeout") + ",";
    } else if (c.name == "bios") {
      if (c.hasAttr("rebootTimeout")) reboot = "reboot-timeout=" + c.attrOr("rebootTimeout") + ",";
    } else if (c.name == "smbios") {
      std::string mode = c.attrOr("mode");
      if (mode != "emulate" && mode != "none") unsupported("SMBIOS mode '" + mode + "' is not supported");
    } else if (c.name != "acpi" && c.name != "firmware") {
      unsupported("<os><" + c.name + "> is not supported");
    }
  }
  st.arg("-boot", menu + reboot + splash + "strict=on");

  if (!os.kernel.empty()) st.arg("-kernel", os.kernel);
  if (!os.initrd.empty()) st.arg("-initrd", os.initrd);
  if (!os.cmdline.empty()) st.arg("-append", os.cmdline);
  if (!os.dtb.empty()) st.arg("-dtb", os.dtb);
  if (const xml::Element* acpi = findChild(os.rest, "acpi")) {
    for (const auto* t : acpi->childrenNamed("table")) {
      if (t->attrOr("type") != "slic") unsupported("ACPI table type '" + t->attrOr("type") + "' is not supported");
      st.arg("-acpitable", "sig=SLIC,file=" + escapeComma(t->textContent()));
    }
  }
}

}  // namespace vireo::qemu::cmd
