#include "drivers/qemu/qemu_lifecycle_actions.h"

#include "lib/util/error.h"
#include "lib/util/json.h"

namespace vireo::qemu {

void validateLifecycleActions(const conf::DomainDef& def) {
  const conf::Lifecycle& l = def.lifecycle;
  auto refuse = [](const std::string& msg) { fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, msg); };
  if (l.onPoweroff == "preserve" || l.onReboot == "preserve")
    refuse("qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'");
  if (l.onPoweroff == "rename-restart" || l.onReboot == "rename-restart" || l.onCrash == "rename-restart")
    refuse("qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'");
  if (l.onReboot == "destroy" && l.onPoweroff == "restart")
    refuse("qemu driver doesn't support 'onReboot' set to 'destroy and 'onPoweroff' set to 'reboot'");
}

bool rebootAllowed(const conf::DomainDef& def) { return def.lifecycle.onReboot != "destroy"; }

void applyLifecycleActions(QmpMonitor& monitor, const conf::DomainDef& def) {
  if (rebootAllowed(def)) return;
  monitor.execute("set-action", json::Value::object({{"reboot", json::Value("shutdown")}}));
}

}  // namespace vireo::qemu
