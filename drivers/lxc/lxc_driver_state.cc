#include "drivers/lxc/lxc_driver_state.h"

#include "drivers/lxc/lxc_process.h"

namespace vireo::lxc {

LxcDriver::LxcDriver(LxcPaths p)
    : paths(std::move(p)),
      auditLog_(std::make_unique<audit::AuditLog>(audit::AuditSettings{})),
      watcher_(std::make_unique<ExitWatcher>([this](uint64_t token) { containerExited(*this, token); })) {}

LxcDriver::~LxcDriver() {
  // The containers keep running; the next instance takes them over.
  watcher_.reset();
}

}  // namespace vireo::lxc
