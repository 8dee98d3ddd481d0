// libvirt-domain.h: migration.
//
// As libvirt's public layer does, the older functions' arguments become
// VIR_MIGRATE_PARAM_* parameters (URI, DEST_NAME, DEST_XML, BANDWIDTH), and
// every migration the source's driver carries out alone -- to a URI, or
// peer-to-peer to the destination connection's URI -- goes through one entry,
// HypervisorDriver::domainMigrateUnmanaged. The managed migration of
// virDomainMigrate/2/3 without VIR_MIGRATE_PEER2PEER (this process relaying
// the begin, prepare, perform, finish and confirm steps between two
// connections) is not implemented: VIR_ERR_NO_SUPPORT.
#include <optional>
#include <string>

#include "capi/domain_call.h"
#include "capi/typed_param_values.h"
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
    // A managed migration (without peer-to-peer), or peer-to-peer from a
    // driver that has no such migration: libvirt reports the function
    // unsupported.
    if (!(flags & VIR_MIGRATE_PEER2PEER) || !supports(call, driver::MigrationFeature::PeerToPeer))
      failUnsupported(VIR_FROM_DOMAIN, function);
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
                  [&](Call& call, DomainIdentity&) -> virDomainPtr {
    destinationOf("virDomainMigrate3", dconn);
    call.exclusiveFlags(flags, VIR_MIGRATE_NON_SHARED_DISK, "VIR_MIGRATE_NON_SHARED_DISK",
                        VIR_MIGRATE_NON_SHARED_INC, "VIR_MIGRATE_NON_SHARED_INC");
    if (flags & VIR_MIGRATE_PEER2PEER) call.invalidArg("use virDomainMigrateToURI3 for peer-to-peer migration");
    if (flags & VIR_MIGRATE_TUNNELLED)
      call.invalidArg("cannot perform tunnelled migration without using peer2peer flag");
    // What remains is the managed migration, which vireo does not relay.
    failUnsupported(VIR_FROM_DOMAIN, "virDomainMigrate3");
  }, entryArgs("dconn, params, nparams, flags", dconn, params, nparams, flags));
}

}  // extern "C"
