#include "drivers/qemu/qemu_definitions.h"

#include <unistd.h>

#include <cerrno>

#include "drivers/qemu/qemu_postparse.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::qemu {

namespace {

std::string configPath(const QemuDriver& d, const std::string& name) { return d.paths.domainConfigDir + "/" + name + ".xml"; }
std::string autostartPath(const QemuDriver& d, const std::string& name) { return d.paths.autostartDir + "/" + name + ".xml"; }

}  // namespace

conf::DomainDef parseQemuDefinition(QemuDriver& driver, std::string_view xml, unsigned parseFlags) {
  conf::DomainDef def = conf::parseDomainXml(xml, parseFlags);
  std::shared_ptr<const QemuCaps> caps = driver.capsFor(driver.emulatorFor(def));
  applyQemuDefaults(def, *caps);
  return def;
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
