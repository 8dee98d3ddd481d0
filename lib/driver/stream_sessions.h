// Exclusive console sessions: at most one open stream per character device.
//
// libvirt lets one client at a time hold a domain's console: a second
// virDomainOpenConsole fails with VIR_ERR_OPERATION_FAILED "Active console
// session exists for this domain", unless it passes VIR_DOMAIN_CONSOLE_FORCE,
// which aborts the first session's stream. A session ends when its stream is
// finished, aborted or freed. Drivers key the sessions by what identifies the
// device on the host (a pty path, a container's console); the table is
// process-wide, so two connections of one process share it. Two processes do
// not see each other's sessions (as two libvirt daemons would not).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <libvirt/virterror.h>

#include "lib/driver/stream.h"

namespace vireo::driver {

// What a refused open reports: VIR_ERR_OPERATION_FAILED in `area` (the
// driver's error domain) with `busy` as the detail.
struct SessionBusyError {
  virErrorDomain area;
  const char* busy;  // "Active console session exists for this domain"
};

// Opens a session on `key` with `open` (which makes the backing stream),
// after checking for, or with `force` aborting, the session in progress.
// Thread-safe; `open` runs under the table's lock, so that two racing opens
// cannot both succeed.
std::shared_ptr<Stream> openExclusiveSession(const std::string& key, bool force, const SessionBusyError& error,
                                             const std::function<std::shared_ptr<Stream>()>& open);

// Whether a session on `key` is open (its stream neither closed nor freed).
bool hasActiveSession(const std::string& key);

}  // namespace vireo::driver
