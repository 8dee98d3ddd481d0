#include "drivers/remote/remote_migrate.h"

#include "drivers/remote/remote_call.h"
#include "lib/util/error.h"

namespace vireo::remote::ops {

using driver::Connection;
using driver::DomainIdentity;

namespace {

// libvirt_internal.h's migration features.
constexpr int kFeatureMigrationP2P = 4;
constexpr int kFeatureMigrationDirect = 5;
constexpr int kFeatureMigrationOffline = 12;
constexpr int kFeatureMigrationParams = 13;

constexpr int kProcMigratePerform3Params = 305;  // DOMAIN_MIGRATE_PERFORM3_PARAMS
constexpr uint32_t kMigrateParamsMax = 64;         // REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX
constexpr uint32_t kMigrateCookieMax = 4194304;    // REMOTE_MIGRATE_COOKIE_MAX

// opaque cookie<REMOTE_MIGRATE_COOKIE_MAX>: the client starts the
// peer-to-peer perform step with none and has no use for the one returned.
struct NoCookie {
  static void put(rpc::Xdr& x) {
    uint32_t length = 0;
    x.u32(length);
  }
  static void get(rpc::Xdr& x) {
    std::string ignored;
    x.string(ignored, kMigrateCookieMax);
  }
};

}  // namespace

bool migrationSupported(Connection& conn, driver::MigrationFeature feature) {
  switch (feature) {
    case driver::MigrationFeature::PeerToPeer: return supportsFeature(conn, kFeatureMigrationP2P);
    case driver::MigrationFeature::Direct: return supportsFeature(conn, kFeatureMigrationDirect);
    case driver::MigrationFeature::Offline: return supportsFeature(conn, kFeatureMigrationOffline);
  }
  return false;
}

void migrateUnmanaged(Connection& conn, DomainIdentity& dom, const std::optional<std::string>& dconnuri,
                      const driver::TypedParamList& params, unsigned int flags) {
  // libvirt's client falls back to the older perform procedures for a
  // daemon without parameters (before libvirt 1.1.0); vireo does not.
  if (!supportsFeature(conn, kFeatureMigrationParams))
    fail(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
         "this function is not supported by the connection driver: migration without extensible parameters");
  Remote<kProcMigratePerform3Params,
         NoCookie(wire::Dom, wire::OptStr, wire::Params<kMigrateParamsMax>, NoCookie, wire::UInt)>::call<void>(
      conn, dom, dconnuri, params, flags);
}

}  // namespace vireo::remote::ops
