// Migration through the daemon of the source host (capi/domain_migrate.cc
// says which public functions arrive here).
#pragma once

#include <optional>
#include <string>

#include "lib/driver/hypervisor_driver.h"

namespace vireo::remote::ops {

// Asks the daemon's driver (CONNECT_SUPPORTS_FEATURE).
bool migrationSupported(driver::Connection& conn, driver::MigrationFeature feature);

// A migration the source daemon carries out alone: peer-to-peer (the daemon
// connects to `dconnuri` itself, as OpenStack Nova and KubeVirt migrate) or
// direct: DOMAIN_MIGRATE_PERFORM3_PARAMS without a cookie, as libvirt's
// client sends it.
void migrateUnmanaged(driver::Connection& conn, driver::DomainIdentity& dom,
                      const std::optional<std::string>& dconnuri, const driver::TypedParamList& params,
                      unsigned int flags);

}  // namespace vireo::remote::ops
