#include "drivers/qemu/qemu_definitions.h"

#include <unistd.h>

#include <cerrno>

#include "drivers/qemu/qemu_postparse.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/xml.h"

namespace vireo::qemu {

namespace {

std::string configPath(const QemuDriver& d, const std::string& name) { return d.paths.domainConfigDir + "/" + name + ".xml"; }
std::string autostartPath(const QemuDriver& d, const std::string& name) { return d.paths.autostartDir + "/" + name + ".xml"; }

}  // namespace

namespace {

// The emulator a definition asks for, read before the full parse (which
// needs that emulator's capabilities): <devices><emulator>, else the
// default emulator for <os><type arch> (the host's arch when absent).
std::string emulatorOfXml(QemuDriver& driver, std::string_view xml) {
  xml::Element root = xml::parseElement(xml, "domain.xml", VIR_FROM_DOMAIN);
  if (const xml::Element* devices = root.child("devices"))
    if (const xml::Element* emulator = devices->child("emulator")) {
      std::string path = emulator->textContent();
      if (!path.empty()) return path;
    }
  std::string arch;
  if (const xml::Element* os = root.child("os"))
    if (const xml::Element* type = os->child("type")) arch = type->attrOr("arch");
  return driver.defaultEmulator(arch);
}

}  // namespace

conf::DomainDef parseQemuDefinition(QemuDriver& driver, std::string_view xml, unsigned parseFlags) {
  std::shared_ptr<const QemuCaps> caps = driver.capsFor(emulatorOfXml(driver, xml));
  return parseQemuDomainXml(xml, parseFlags, *caps);
}

void saveDefinition(QemuDriver& driver, const conf::DomainDef& def) {
  std::string xml = conf::formatDomainXml(def, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE, -1);
  writeFileAtomic(configPath(driver, def.name), xml, 0600, VIR_FROM_QEMU);
}

void deleteDefinition(QemuDriver& driver, const std::string& name) {
  removeFileIfExists(configPath(driver, name), VIR_FROM_QEMU);
  removeFileIfExists(autostartPath(driver, name), VIR_FROM_QEMU);
}

bool autostartLinkExists(const QemuDriver& driver, const std::string& name) {
  return access(autostartPath(driver, name).c_str(), F_OK) == 0;
}

void setAutostartLink(QemuDriver& driver, const std::string& name, bool on) {
  std::string link = autostartPath(driver, name);
  if (!on) {
    removeFileIfExists(link, VIR_FROM_QEMU);
    return;
  }
  std::string target = configPath(driver, name);
  if (symlink(target.c_str(), link.c_str()) != 0 && errno != EEXIST)
    failSystem(VIR_FROM_QEMU, errno, "Failed to create symlink '" + link + "' to '" + target + "'");
}

}  // namespace vireo::qemu
