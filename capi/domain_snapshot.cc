// libvirt-domain-snapshot.h. A snapshot handle holds the domain handle it
// was reached through (capi/objects.h); the driver finds snapshots by the
// domain's identity and the snapshot's name and returns names, which
// become handles on that same domain handle here.
#include <cstdlib>
#include <string>
#include <vector>

#include "capi/entry_point.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;
using vireo::driver::DomainSnapshotIdentity;

namespace {

constexpr virErrorDomain kArea = VIR_FROM_DOMAIN_SNAPSHOT;

// A call whose object is a domain: validates it and write access when asked,
// hands the body the domain's identity and keeps the id the driver left.
template <typename Ret, typename Body, typename Args>
Ret onSnapshotDomain(const char* function, virDomainPtr dom, Access access, Ret failure, Body&& body,
                     const Args& args, unsigned line = __builtin_LINE()) noexcept {
  return guarded(
      function, kArea, failure,
      [&](Call& call) -> Ret {
        call.domain(dom);
        if (access == Access::Write) call.requireWritable();
        DomainIdentity identity = dom->identity();
        Ret result = body(call, identity);
        dom->id = identity.id;
        return result;
      },
      bothArgs(entryArgs("domain", dom), args), line);
}

// A call whose object is a snapshot: the same for its handle.
template <typename Ret, typename Body, typename Args = NoArgs>
Ret onSnapshot(const char* function, virDomainSnapshotPtr snap, Access access, Ret failure, Body&& body,
               const Args& args = {}, unsigned line = __builtin_LINE()) noexcept {
  return guarded(
      function, kArea, failure,
      [&](Call& call) -> Ret {
        call.object(snap);
        if (access == Access::Write) call.requireWritable();
        DomainSnapshotIdentity identity = snap->current();
        Ret result = body(call, identity);
        snap->domain->id = identity.domain.id;
        return result;
      },
      bothArgs(entryArgs("snapshot", snap), args), line);
}

// libvirt's VIR_REQUIRE_FLAG check.
void requireFlag(const Call& call, unsigned int flags, unsigned int flag, const char* flagName, unsigned int needed,
                 const char* neededName) {
  if ((flags & flag) && !(flags & needed))
    call.invalidArg(std::string("Flag '") + neededName + "' is required by flag '" + flagName + "'");
}

// A new NULL-terminated array of handles on `dom` for `names` (libvirt's
// contract for the ListAll functions), or only the count when `out` is NULL.
int toHandles(virDomainPtr dom, const std::vector<std::string>& names, virDomainSnapshotPtr** out) {
  if (!out) return static_cast<int>(names.size());
  auto* list = static_cast<virDomainSnapshotPtr*>(std::calloc(names.size() + 1, sizeof(virDomainSnapshotPtr)));
  if (!list) throw std::bad_alloc();
  for (size_t i = 0; i < names.size(); i++) list[i] = newSnapshotHandle(dom, names[i]);
  *out = list;
  return static_cast<int>(names.size());
}

}  // namespace

extern "C" {

virDomainSnapshotPtr virDomainSnapshotCreateXML(virDomainPtr domain, const char* xmlDesc, unsigned int flags) {
  return onSnapshotDomain("virDomainSnapshotCreateXML", domain, Access::Read, virDomainSnapshotPtr{nullptr},
                  [&](Call& call, DomainIdentity& id) {
    call.nonNull(xmlDesc, "xmlDesc");
    call.requireWritable();
    requireFlag(call, flags, VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT, "VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT",
                VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, "VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE");
    call.exclusiveFlags(flags, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, "VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE",
                        VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, "VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA");
    call.exclusiveFlags(flags, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, "VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE",
                        VIR_DOMAIN_SNAPSHOT_CREATE_HALT, "VIR_DOMAIN_SNAPSHOT_CREATE_HALT");
    std::string name = call.op(&HV::domainSnapshotCreateXML)(call.impl(), id, xmlDesc, flags);
    return newSnapshotHandle(domain, name);
  }, entryArgs("xmlDesc, flags", xmlDesc, flags));
}

int virDomainSnapshotNum(virDomainPtr domain, unsigned int flags) {
  return onSnapshotDomain("virDomainSnapshotNum", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    return call.op(&HV::domainSnapshotNum)(call.impl(), id, flags);
  }, entryArgs("flags", flags));
}

int virDomainSnapshotListNames(virDomainPtr domain, char** names, int nameslen, unsigned int flags) {
  return onSnapshotDomain("virDomainSnapshotListNames", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNullArray(names, nameslen, "names");
    call.nonNegative(nameslen, "nameslen");
    return copyNames(call.op(&HV::domainSnapshotListNames)(call.impl(), id, flags), names, nameslen);
  }, entryArgs("names, nameslen, flags", names, nameslen, flags));
}

int virDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr** snaps, unsigned int flags) {
  return onSnapshotDomain("virDomainListAllSnapshots", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    if (snaps) *snaps = nullptr;
    return toHandles(domain, call.op(&HV::domainListAllSnapshots)(call.impl(), id, flags), snaps);
  }, entryArgs("snaps, flags", snaps, flags));
}

virDomainSnapshotPtr virDomainSnapshotLookupByName(virDomainPtr domain, const char* name, unsigned int flags) {
  return onSnapshotDomain("virDomainSnapshotLookupByName", domain, Access::Read, virDomainSnapshotPtr{nullptr},
                  [&](Call& call, DomainIdentity& id) {
    call.nonNull(name, "name");
    return newSnapshotHandle(domain, call.op(&HV::domainSnapshotLookupByName)(call.impl(), id, name, flags));
  }, entryArgs("name, flags", name, flags));
}

int virDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags) {
  return onSnapshotDomain("virDomainHasCurrentSnapshot", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    return call.op(&HV::domainHasCurrentSnapshot)(call.impl(), id, flags);
  }, entryArgs("flags", flags));
}

virDomainSnapshotPtr virDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags) {
  return onSnapshotDomain("virDomainSnapshotCurrent", domain, Access::Read, virDomainSnapshotPtr{nullptr},
                  [&](Call& call, DomainIdentity& id) {
    return newSnapshotHandle(domain, call.op(&HV::domainSnapshotCurrent)(call.impl(), id, flags));
  }, entryArgs("flags", flags));
}

virDomainSnapshotPtr virDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot("virDomainSnapshotGetParent", snapshot, Access::Read, virDomainSnapshotPtr{nullptr},
                    [&](Call& call, DomainSnapshotIdentity& id) {
    return newSnapshotHandle(snapshot->domain, call.op(&HV::domainSnapshotGetParent)(call.impl(), id, flags));
  }, entryArgs("flags", flags));
}

int virDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot("virDomainSnapshotNumChildren", snapshot, Access::Read, -1,
                    [&](Call& call, DomainSnapshotIdentity& id) {
    return call.op(&HV::domainSnapshotNumChildren)(call.impl(), id, flags);
  }, entryArgs("flags", flags));
}

int virDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char** names, int nameslen,
                                       unsigned int flags) {
  return onSnapshot("virDomainSnapshotListChildrenNames", snapshot, Access::Read, -1,
                    [&](Call& call, DomainSnapshotIdentity& id) {
    call.nonNullArray(names, nameslen, "names");
    call.nonNegative(nameslen, "nameslen");
    return copyNames(call.op(&HV::domainSnapshotListChildrenNames)(call.impl(), id, flags), names, nameslen);
  }, entryArgs("names, nameslen, flags", names, nameslen, flags));
}

int virDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot, virDomainSnapshotPtr** snaps,
                                     unsigned int flags) {
  return onSnapshot("virDomainSnapshotListAllChildren", snapshot, Access::Read, -1,
                    [&](Call& call, DomainSnapshotIdentity& id) {
    if (snaps) *snaps = nullptr;
    return toHandles(snapshot->domain, call.op(&HV::domainSnapshotListAllChildren)(call.impl(), id, flags), snaps);
  }, entryArgs("snaps, flags", snaps, flags));
}

char* virDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot("virDomainSnapshotGetXMLDesc", snapshot, Access::Read, static_cast<char*>(nullptr),
                    [&](Call& call, DomainSnapshotIdentity& id) {
    if (call.impl().readOnly() && (flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE))
      fail(VIR_ERR_OPERATION_DENIED, kArea, "virDomainSnapshotGetXMLDesc with secure flag");
    return dupString(call.op(&HV::domainSnapshotGetXMLDesc)(call.impl(), id, flags));
  }, entryArgs("flags", flags));
}

int virDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot("virDomainSnapshotIsCurrent", snapshot, Access::Read, -1,
                    [&](Call& call, DomainSnapshotIdentity& id) {
    return call.op(&HV::domainSnapshotIsCurrent)(call.impl(), id, flags);
  }, entryArgs("flags", flags));
}

int virDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot("virDomainSnapshotHasMetadata", snapshot, Access::Read, -1,
                    [&](Call& call, DomainSnapshotIdentity& id) {
    return call.op(&HV::domainSnapshotHasMetadata)(call.impl(), id, flags);
  }, entryArgs("flags", flags));
}

int virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot("virDomainRevertToSnapshot", snapshot, Access::Write, -1,
                    [&](Call& call, DomainSnapshotIdentity& id) {
    call.exclusiveFlags(flags, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, "VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING",
                        VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED, "VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED");
    call.op(&HV::domainRevertToSnapshot)(call.impl(), id, flags);
    return 0;
  }, entryArgs("flags", flags));
}

int virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot("virDomainSnapshotDelete", snapshot, Access::Write, -1,
                    [&](Call& call, DomainSnapshotIdentity& id) {
    call.exclusiveFlags(flags, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, "VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN",
                        VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, "VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY");
    call.op(&HV::domainSnapshotDelete)(call.impl(), id, flags);
    return 0;
  }, entryArgs("flags", flags));
}

// --- answered from the handle ---

int virDomainSnapshotFree(virDomainSnapshotPtr snapshot) {
  return objectFree({"virDomainSnapshotFree", kArea, Access::Read, "", "snapshot"}, snapshot);
}

int virDomainSnapshotRef(virDomainSnapshotPtr snapshot) {
  return objectRef({"virDomainSnapshotRef", kArea, Access::Read, "", "snapshot"}, snapshot);
}

const char* virDomainSnapshotGetName(virDomainSnapshotPtr snapshot) {
  return objectName({"virDomainSnapshotGetName", kArea, Access::Read, "", "snapshot"}, snapshot);
}

virConnectPtr virDomainSnapshotGetConnect(virDomainSnapshotPtr snapshot) {
  return objectConnect({"virDomainSnapshotGetConnect", kArea, Access::Read, "", "snapshot"}, snapshot);
}

// The domain, without a new reference (libvirt's contract).
virDomainPtr virDomainSnapshotGetDomain(virDomainSnapshotPtr snapshot) {
  return onHandle({"virDomainSnapshotGetDomain", kArea, Access::Read, "", "snapshot"}, snapshot,
                  [](virDomainSnapshotPtr s) { return s->domain; });
}

}  // extern "C"
