// Migration through the daemon of the source host (capi/domain_migrate.cc
// says which public functions arrive here).
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

// The steps of a managed migration: DOMAIN_MIGRATE_{BEGIN3,PREPARE3,
// PERFORM3,FINISH3,CONFIRM3}_PARAMS, with their cookies.
driver::MigrationBegun migrateBegin(driver::Connection& conn, driver::DomainIdentity& dom,
                                    const driver::TypedParamList& params, unsigned int flags);
driver::MigrationPrepared migratePrepare(driver::Connection& conn, const driver::TypedParamList& params,
                                         std::string_view cookie, unsigned int flags);
std::string migratePerform(driver::Connection& conn, driver::DomainIdentity& dom,
                           const driver::TypedParamList& params, std::string_view cookie, unsigned int flags);
driver::MigrationFinished migrateFinish(driver::Connection& conn, const driver::TypedParamList& params,
                                        std::string_view cookie, unsigned int flags, bool cancelled);
void migrateConfirm(driver::Connection& conn, driver::DomainIdentity& dom, const driver::TypedParamList& params,
                    std::string_view cookie, unsigned int flags, bool cancelled);

}  // namespace vireo::remote::ops
