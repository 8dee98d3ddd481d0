// libvirt-domain.h: migration.
//
// As libvirt's public layer does, the older functions' arguments become
// VIR_MIGRATE_PARAM_* parameters (URI, DEST_NAME, DEST_XML, BANDWIDTH), and
// every migration the source's driver carries out alone -- to a URI, or
// peer-to-peer to the destination connection's URI -- goes through one entry,
// HypervisorDriver::domainMigrateUnmanaged. The managed migration of
// virDomainMigrate/2/3 without VIR_MIGRATE_PEER2PEER is relayed here, step
// by step, between the source's and the destination's connections
// (relayMigration: libvirt's migration protocol 3 with parameters).
#include <optional>
#include <string>

#include "capi/domain_call.h"
#include "capi/typed_param_values.h"
#include "lib/util/log.h"
#include "lib/util/uri.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;
using vireo::driver::TypedParamList;

namespace {

// The parameters libvirt builds for the fixed-argument functions: the
// bandwidth always, the others when given.
TypedParamList fixedArgumentParams(const char* miguri, const char* dname, const char* dxml,
                                   unsigned long long bandwidth) {
  TypedParamList params;
  if (miguri) params.push_back({VIR_MIGRATE_PARAM_URI, std::string(miguri)});
  if (dname) params.push_back({VIR_MIGRATE_PARAM_DEST_NAME, std::string(dname)});
  if (dxml) params.push_back({VIR_MIGRATE_PARAM_DEST_XML, std::string(dxml)});
  params.push_back({VIR_MIGRATE_PARAM_BANDWIDTH, bandwidth});
  return params;
}

// libvirt refuses a peer-to-peer destination URI without a host, or whose
// host starts with "localhost", before asking the driver.
void checkNotLocal(const Call& call, const std::string& dconnuri) {
  Uri uri = Uri::parse(dconnuri);
  if (uri.server.empty() || uri.server.rfind("localhost", 0) == 0)
    call.invalidArg("Attempt to migrate guest to the same host");
}

// Whether the domain's driver supports `feature` (a driver without the
// entry supports none).
bool supports(Call& call, driver::MigrationFeature feature) {
  const HV* table = call.impl().table<HV>();
  return table && table->domainMigrationSupported && table->domainMigrationSupported(call.impl(), feature);
}

// The checks libvirt makes of every unmanaged migration, in its order (the
// driver's features before the arguments), then the driver's entry.
// `dconnuri` is used only with VIR_MIGRATE_PEER2PEER.
void migrateUnmanaged(Call& call, DomainIdentity& id, const char* dconnuri, const TypedParamList& params,
                      unsigned int flags) {
  call.exclusiveFlags(flags, VIR_MIGRATE_NON_SHARED_DISK, "VIR_MIGRATE_NON_SHARED_DISK", VIR_MIGRATE_NON_SHARED_INC,
                      "VIR_MIGRATE_NON_SHARED_INC");
  auto refuse = [](const char* what) {
    fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_DOMAIN, std::string(what) + " is not supported by the source host");
  };
  bool p2p = flags & VIR_MIGRATE_PEER2PEER;
  if ((flags & VIR_MIGRATE_OFFLINE) && !supports(call, driver::MigrationFeature::Offline))
    refuse("offline migration");
  if (p2p && !supports(call, driver::MigrationFeature::PeerToPeer)) refuse("p2p migration");
  if (!p2p && !supports(call, driver::MigrationFeature::Direct)) refuse("direct migration");
  std::optional<std::string> destination;
  if (p2p) {
    call.nonNull(dconnuri, "dconnuri");
    destination = dconnuri;
    checkNotLocal(call, *destination);
  }
  call.op(&HV::domainMigrateUnmanaged)(call.impl(), id, destination, params, flags);
}

constexpr const char* kLogModule = "capi.migrate";

void setParam(TypedParamList& params, const char* field, const std::string& value) {
  for (driver::TypedParam& p : params)
    if (p.field == field) {
      p.value = value;
      return;
    }
  params.push_back({field, value});
}

bool hasParam(const TypedParamList& params, const char* field) {
  for (const driver::TypedParam& p : params)
    if (p.field == field) return true;
  return false;
}

// The managed migration, as libvirt's client relays it (protocol 3 with
// parameters): begin on the source (its definition and a cookie), prepare
// on the destination (an incoming domain, maybe a migration URI), perform
// on the source (the data moves), finish on the destination (the domain
// runs there, or is killed if the steps before failed) and confirm on the
// source (the domain goes, or resumes). Each step gets the cookie of the
// one before. The first error is the one reported; confirm runs whenever
// the source started a migration job and the perform step did not fail
// (a failed perform has ended the job itself).
DomainIdentity relayMigration(Call& source, DomainIdentity& id, Call& destination, TypedParamList params,
                              unsigned int flags) {
  unsigned int protection = supports(source, driver::MigrationFeature::ChangeProtection)
                                ? VIR_MIGRATE_CHANGE_PROTECTION
                                : 0;
  driver::MigrationBegun begun = source.op(&HV::domainMigrateBegin)(source.impl(), id, params, flags | protection);
  // A paused domain arrives paused.
  try {
    if (source.op(&HV::domainGetState)(source.impl(), id, 0).state == VIR_DOMAIN_PAUSED) flags |= VIR_MIGRATE_PAUSED;
  } catch (const Error&) {
  }
  unsigned int destFlags = flags & ~(VIR_MIGRATE_ABORT_ON_ERROR | VIR_MIGRATE_AUTO_CONVERGE);
  setParam(params, VIR_MIGRATE_PARAM_DEST_XML, begun.xml);

  std::optional<Error> firstError;
  std::optional<DomainIdentity> moved;
  std::string cookie;
  bool cancelled = true;
  bool notifySource = true;
  bool prepared = false;
  try {
    driver::MigrationPrepared p =
        destination.op(&HV::domainMigratePrepare)(destination.impl(), params, begun.cookie, destFlags);
    prepared = true;
    cookie = std::move(p.cookie);
    if (p.uri) {
      setParam(params, VIR_MIGRATE_PARAM_URI, *p.uri);
    } else if (!hasParam(params, VIR_MIGRATE_PARAM_URI)) {
      firstError = Error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "domainMigratePrepare3 did not set uri");
    }
  } catch (const Error& e) {
    if (!protection) throw;  // no job to end on the source
    firstError = e;
  }
  if (prepared) {
    if (!firstError) {
      if (flags & VIR_MIGRATE_OFFLINE) {
        cookie.clear();
        cancelled = false;
      } else {
        try {
          cookie = source.op(&HV::domainMigratePerform)(source.impl(), id, params, cookie, flags | protection);
          cancelled = false;
        } catch (const Error& e) {
          firstError = e;
          notifySource = false;
          cookie.clear();
        }
      }
    }
    if (!hasParam(params, VIR_MIGRATE_PARAM_DEST_NAME)) setParam(params, VIR_MIGRATE_PARAM_DEST_NAME, id.name);
    try {
      driver::MigrationFinished f =
          destination.op(&HV::domainMigrateFinish)(destination.impl(), params, cookie, destFlags, cancelled);
      if (cancelled) VIREO_ERROR(kLogModule, "finish step ignored that migration was cancelled");
      moved = f.domain;
      cookie = std::move(f.cookie);
    } catch (const Error& e) {
      cookie.clear();
      // A failed perform that the destination explains better (its domain
      // died there): libvirt reports the destination's error.
      bool explainsPerform = cancelled && firstError && firstError->domain() == VIR_FROM_QEMU &&
                             firstError->code() == VIR_ERR_OPERATION_FAILED && e.domain() == VIR_FROM_QEMU &&
                             e.code() != VIR_ERR_MIGRATE_FINISH_OK;
      if (!firstError || explainsPerform) firstError = e;
    }
    cancelled = !moved;
  }
  if (notifySource) {
    try {
      source.op(&HV::domainMigrateConfirm)(source.impl(), id, params, cookie, flags | protection, cancelled);
    } catch (const Error& e) {
      VIREO_WARN(kLogModule, "Guest %s probably left in 'paused' state on source: %s", id.name.c_str(),
                 e.message().c_str());
    }
  }
  if (moved) return *moved;
  if (firstError) throw *firstError;
  fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, "migration of domain '" + id.name + "' failed");
}

// The checks of a managed migration that libvirt makes before it picks a
// protocol, then the relay. libvirt falls back to older protocols for old
// daemons; vireo speaks only protocol 3 with parameters.
DomainIdentity migrateManaged(const char* function, Call& call, DomainIdentity& id, Call& destination,
                              const TypedParamList& params, unsigned int flags) {
  if (flags & VIR_MIGRATE_CHANGE_PROTECTION && !supports(call, driver::MigrationFeature::ChangeProtection))
    fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_DOMAIN, "cannot enforce change protection");
  flags &= ~VIR_MIGRATE_CHANGE_PROTECTION;
  if (!supports(call, driver::MigrationFeature::Managed) || !supports(destination, driver::MigrationFeature::Managed))
    failUnsupported(VIR_FROM_DOMAIN, function);
  return relayMigration(call, id, destination, params, flags);
}

// virDomainMigrate3's refusal of an offline migration that either side
// cannot do (virDomainMigrate and 2 leave it to the drivers).
void checkOffline(Call& call, Call& destination, unsigned int flags) {
  if (!(flags & VIR_MIGRATE_OFFLINE)) return;
  if (!supports(call, driver::MigrationFeature::Offline))
    fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_DOMAIN, "offline migration is not supported by the source host");
  if (!supports(destination, driver::MigrationFeature::Offline))
    fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_DOMAIN, "offline migration is not supported by the destination host");
}

// The destination connection of virDomainMigrate/2/3, checked as libvirt
// checks it (valid, writable). Errors still go to the source's connection:
// the returned call only names the destination for its own driver calls.
Call destinationOf(const char* function, virConnectPtr dconn) {
  Call destination(function, VIR_FROM_DOMAIN);
  destination.connection(dconn);
  destination.requireWritable();
  return destination;
}

// virDomainMigrate and 2: with VIR_MIGRATE_PEER2PEER the source's driver
// migrates to `dconnuri` (by default the destination connection's URI), and
// the result is the domain looked up on `dconn` by its new name.
virDomainPtr migrateToConnection(const char* function, virDomainPtr domain, virConnectPtr dconn,
                                 const char* dconnuri, const char* miguri, const char* dxml, const char* dname,
                                 unsigned long bandwidth, unsigned long flags) {
  return onDomain(function, domain, Access::Write, static_cast<virDomainPtr>(nullptr),
                  [&](Call& call, DomainIdentity& id) -> virDomainPtr {
    Call destination = destinationOf(function, dconn);
    if (!(flags & VIR_MIGRATE_PEER2PEER)) {
      call.exclusiveFlags(static_cast<unsigned int>(flags), VIR_MIGRATE_NON_SHARED_DISK, "VIR_MIGRATE_NON_SHARED_DISK",
                          VIR_MIGRATE_NON_SHARED_INC, "VIR_MIGRATE_NON_SHARED_INC");
      if (flags & VIR_MIGRATE_TUNNELLED)
        fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "cannot perform tunnelled migration without using peer2peer flag");
      // Without peer-to-peer, virDomainMigrate's `uri` is QEMU's end too.
      const char* hypervisorUri = miguri ? miguri : dconnuri;
      DomainIdentity moved = migrateManaged(function, call, id, destination,
                                            fixedArgumentParams(hypervisorUri, dname, dxml, bandwidth),
                                            static_cast<unsigned int>(flags));
      return newDomainHandle(dconn, moved);
    }
    // Peer-to-peer from a driver that has no such migration: libvirt
    // reports the function unsupported.
    if (!supports(call, driver::MigrationFeature::PeerToPeer)) failUnsupported(VIR_FROM_DOMAIN, function);
    std::string target = dconnuri ? std::string(dconnuri) : destination.impl().canonicalUri();
    migrateUnmanaged(call, id, target.c_str(), fixedArgumentParams(miguri, dname, dxml, bandwidth),
                     static_cast<unsigned int>(flags));
    DomainIdentity moved =
        destination.op(&HV::domainLookupByName)(destination.impl(), dname ? dname : id.name);
    return newDomainHandle(dconn, moved);
  }, entryArgs("dconn, flags, dname, uri, bandwidth", dconn, flags, dname, miguri, bandwidth));
}

}  // namespace

extern "C" {

int virDomainMigrateToURI(virDomainPtr domain, const char* duri, unsigned long flags, const char* dname,
                          unsigned long bandwidth) {
  return onDomain("virDomainMigrateToURI", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(duri, "duri");
    // The one URI is the destination's libvirt URI for a peer-to-peer
    // migration and the hypervisor's migration URI otherwise.
    bool p2p = flags & VIR_MIGRATE_PEER2PEER;
    migrateUnmanaged(call, id, p2p ? duri : nullptr, fixedArgumentParams(p2p ? nullptr : duri, dname, nullptr,
                                                                          bandwidth),
                     static_cast<unsigned int>(flags));
    return 0;
  }, entryArgs("duri, flags, dname, bandwidth", duri, flags, dname, bandwidth));
}

int virDomainMigrateToURI2(virDomainPtr domain, const char* dconnuri, const char* miguri, const char* dxml,
                           unsigned long flags, const char* dname, unsigned long bandwidth) {
  return onDomain("virDomainMigrateToURI2", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    migrateUnmanaged(call, id, dconnuri, fixedArgumentParams(miguri, dname, dxml, bandwidth),
                     static_cast<unsigned int>(flags));
    return 0;
  }, entryArgs("dconnuri, miguri, dxml, flags, dname, bandwidth", dconnuri, miguri, dxml, flags, dname,
               bandwidth));
}

int virDomainMigrateToURI3(virDomainPtr domain, const char* dconnuri, virTypedParameterPtr params,
                           unsigned int nparams, unsigned int flags) {
  return onDomain("virDomainMigrateToURI3", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNullArray(params, nparams, "params");
    migrateUnmanaged(call, id, dconnuri, typedParamsForSet(params, static_cast<int>(nparams)), flags);
    return 0;
  }, entryArgs("dconnuri, params, nparams, flags", dconnuri, params, nparams, flags));
}

virDomainPtr virDomainMigrate(virDomainPtr domain, virConnectPtr dconn, unsigned long flags, const char* dname,
                              const char* uri, unsigned long bandwidth) {
  // Peer-to-peer, `uri` names the destination's libvirt, not QEMU's end.
  return migrateToConnection("virDomainMigrate", domain, dconn, uri, nullptr, nullptr, dname, bandwidth, flags);
}

virDomainPtr virDomainMigrate2(virDomainPtr domain, virConnectPtr dconn, const char* dxml, unsigned long flags,
                               const char* dname, const char* uri, unsigned long bandwidth) {
  return migrateToConnection("virDomainMigrate2", domain, dconn, nullptr, uri, dxml, dname, bandwidth, flags);
}

virDomainPtr virDomainMigrate3(virDomainPtr domain, virConnectPtr dconn, virTypedParameterPtr params,
                               unsigned int nparams, unsigned int flags) {
  return onDomain("virDomainMigrate3", domain, Access::Write, static_cast<virDomainPtr>(nullptr),
                  [&](Call& call, DomainIdentity& id) -> virDomainPtr {
    Call destination = destinationOf("virDomainMigrate3", dconn);
    call.exclusiveFlags(flags, VIR_MIGRATE_NON_SHARED_DISK, "VIR_MIGRATE_NON_SHARED_DISK",
                        VIR_MIGRATE_NON_SHARED_INC, "VIR_MIGRATE_NON_SHARED_INC");
    if (flags & VIR_MIGRATE_PEER2PEER) call.invalidArg("use virDomainMigrateToURI3 for peer-to-peer migration");
    if (flags & VIR_MIGRATE_TUNNELLED)
      call.invalidArg("cannot perform tunnelled migration without using peer2peer flag");
    checkOffline(call, destination, flags);
    TypedParamList list = typedParamsForSet(params, static_cast<int>(nparams));
    return newDomainHandle(dconn, migrateManaged("virDomainMigrate3", call, id, destination, list, flags));
  }, entryArgs("dconn, params, nparams, flags", dconn, params, nparams, flags));
}

}  // extern "C"
