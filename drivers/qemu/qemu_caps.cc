#include "drivers/qemu/qemu_caps.h"

#include "lib/conf/arch.h"

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

  if (conf::isKnownArch(target)) return std::string(target);
  return {};  // a target libvirt has no architecture for (e.g. "hppa", "avr")
}

}  // namespace vireo::qemu
