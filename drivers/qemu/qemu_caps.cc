#include "drivers/qemu/qemu_caps.h"

#include <array>

namespace vireo::qemu {

const QemuMachine* QemuCaps::findMachine(std::string_view nameOrAlias) const {
  // A canonical name wins over an alias, should one machine's alias ever
  // equal another machine's name.
  for (const QemuMachine& m : machines)
    if (m.name == nameOrAlias) return &m;
  for (const QemuMachine& m : machines)
    if (!m.alias.empty() && m.alias == nameOrAlias) return &m;
  return nullptr;
}

const QemuMachine* QemuCaps::defaultMachine() const {
  for (const QemuMachine& m : machines)
    if (m.isDefault) return &m;
  return nullptr;
}

std::string archFromQemuTarget(std::string_view target) {
  // QEMU names three targets differently from libvirt; every other target
  // that libvirt knows has the same name in both.
  if (target == "i386") return "i686";
  if (target == "arm") return "armv7l";
  if (target == "or32") return "openrisc";

  static constexpr std::array<std::string_view, 37> kLibvirtArches = {
      "alpha",   "armv6l",   "armv7l",   "armv7b",   "aarch64",   "cris",     "i686",
      "ia64",    "lm32",     "loongarch64", "m68k",  "microblaze", "microblazeel", "mips",
      "mipsel",  "mips64",   "mips64el", "openrisc", "parisc",    "parisc64", "ppc",
      "ppcle",   "ppc64",    "ppc64le",  "ppcemb",   "riscv32",   "riscv64",  "s390",
      "s390x",   "sh4",      "sh4eb",    "sparc",    "sparc64",   "unicore32", "x86_64",
      "xtensa",  "xtensaeb",
  };
  for (std::string_view arch : kLibvirtArches)
    if (arch == target) return std::string(arch);
  return {};  // a target libvirt has no architecture for (e.g. "hppa", "avr")
}

}  // namespace vireo::qemu
