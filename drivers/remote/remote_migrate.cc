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
constexpr int kFeatureMigrationV3 = 6;
constexpr int kFeatureMigrateChangeProtection = 7;
constexpr int kFeatureMigrationOffline = 12;
constexpr int kFeatureMigrationParams = 13;

// remote_protocol.x's migration procedures with parameters (each checked
// against libvirt's client on the wire).
constexpr int kProcMigrateBegin3Params = 302;
constexpr int kProcMigratePrepare3Params = 303;
constexpr int kProcMigratePerform3Params = 305;
constexpr int kProcMigrateFinish3Params = 306;
constexpr int kProcMigrateConfirm3Params = 307;
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

// opaque cookie<REMOTE_MIGRATE_COOKIE_MAX>, as bytes.
struct Cookie {
  static void put(rpc::Xdr& x, std::string_view bytes) {
    std::string s(bytes);
    x.string(s, kMigrateCookieMax);
  }
  static std::string get(rpc::Xdr& x) {
    std::string s;
    x.string(s, kMigrateCookieMax);
    return s;
  }
};

struct BeginReply {  // remote_domain_migrate_begin3_params_ret
  static driver::MigrationBegun get(rpc::Xdr& x) {
    driver::MigrationBegun r;
    r.cookie = Cookie::get(x);
    r.xml = wire::Str::get(x);
    return r;
  }
};

struct PrepareReply {  // remote_domain_migrate_prepare3_params_ret
  static driver::MigrationPrepared get(rpc::Xdr& x) {
    driver::MigrationPrepared r;
    r.cookie = Cookie::get(x);
    r.uri = wire::OptStr::get(x);
    return r;
  }
};

struct FinishReply {  // remote_domain_migrate_finish3_params_ret
  static driver::MigrationFinished get(rpc::Xdr& x) {
    driver::MigrationFinished r;
    r.domain = wire::Dom::get(x);
    r.cookie = Cookie::get(x);
    return r;
  }
};

using Params = wire::Params<kMigrateParamsMax>;

}  // namespace

bool migrationSupported(Connection& conn, driver::MigrationFeature feature) {
  switch (feature) {
    case driver::MigrationFeature::PeerToPeer: return supportsFeature(conn, kFeatureMigrationP2P);
    case driver::MigrationFeature::Direct: return supportsFeature(conn, kFeatureMigrationDirect);
    case driver::MigrationFeature::Offline: return supportsFeature(conn, kFeatureMigrationOffline);
    // libvirt's client speaks protocol 3 with parameters to any daemon
    // since 1.1.0; vireo's only that.
    case driver::MigrationFeature::Managed:
      return supportsFeature(conn, kFeatureMigrationV3) && supportsFeature(conn, kFeatureMigrationParams);
    case driver::MigrationFeature::ChangeProtection: return supportsFeature(conn, kFeatureMigrateChangeProtection);
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

driver::MigrationBegun migrateBegin(Connection& conn, DomainIdentity& dom, const driver::TypedParamList& params,
                                    unsigned int flags) {
  return Remote<kProcMigrateBegin3Params, BeginReply(wire::Dom, Params, wire::UInt)>::call<driver::MigrationBegun>(
      conn, dom, params, flags);
}

driver::MigrationPrepared migratePrepare(Connection& conn, const driver::TypedParamList& params,
                                         std::string_view cookie, unsigned int flags) {
  return Remote<kProcMigratePrepare3Params, PrepareReply(Params, Cookie, wire::UInt)>::call<
      driver::MigrationPrepared>(conn, params, cookie, flags);
}

std::string migratePerform(Connection& conn, DomainIdentity& dom, const driver::TypedParamList& params,
                           std::string_view cookie, unsigned int flags) {
  std::optional<std::string> noDestination;  // managed: the caller relays
  return Remote<kProcMigratePerform3Params, Cookie(wire::Dom, wire::OptStr, Params, Cookie, wire::UInt)>::call<
      std::string>(conn, dom, noDestination, params, cookie, flags);
}

driver::MigrationFinished migrateFinish(Connection& conn, const driver::TypedParamList& params,
                                        std::string_view cookie, unsigned int flags, bool cancelled) {
  return Remote<kProcMigrateFinish3Params, FinishReply(Params, Cookie, wire::UInt, wire::Int)>::call<
      driver::MigrationFinished>(conn, params, cookie, flags, cancelled ? 1 : 0);
}

void migrateConfirm(Connection& conn, DomainIdentity& dom, const driver::TypedParamList& params,
                    std::string_view cookie, unsigned int flags, bool cancelled) {
  Remote<kProcMigrateConfirm3Params, wire::None(wire::Dom, Params, Cookie, wire::UInt, wire::Int)>::call<void>(
      conn, dom, params, cookie, flags, cancelled ? 1 : 0);
}

}  // namespace vireo::remote::ops
