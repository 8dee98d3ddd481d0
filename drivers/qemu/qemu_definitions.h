// Persistent definitions on disk (ROOT/etc/qemu/NAME.xml), autostart links,
// and the one entry point through which every definition the driver accepts
// is parsed and completed.
#pragma once

#include <string>
#include <string_view>

#include "drivers/qemu/qemu_driver_state.h"

namespace vireo::qemu {

// Parses `xml` and applies the QEMU driver's defaults for its emulator
// (probing the emulator's capabilities on first use).
conf::DomainDef parseQemuDefinition(QemuDriver& driver, std::string_view xml, unsigned parseFlags);

void saveDefinition(QemuDriver& driver, const conf::DomainDef& def);
void deleteDefinition(QemuDriver& driver, const std::string& name);
bool autostartLinkExists(const QemuDriver& driver, const std::string& name);
void setAutostartLink(QemuDriver& driver, const std::string& name, bool on);

}  // namespace vireo::qemu
