// libvirt-domain-snapshot.h. A snapshot handle holds the domain handle it
// was reached through (capi/objects.h); the driver finds snapshots by the
// domain's identity and the snapshot's name and returns names, which
// become handles on that same domain handle here.
#include <string>
#include <utility>

#include "capi/moment_call.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;
using vireo::driver::DomainSnapshotIdentity;

namespace {

constexpr virErrorDomain kArea = VIR_FROM_DOMAIN_SNAPSHOT;

template <typename Ret, typename Body, typename Args>
Ret onSnapshotDomain(const char* function, virDomainPtr dom, Access access, Ret failure, Body&& body,
                     const Args& args, unsigned line = __builtin_LINE()) noexcept {
  return onMomentDomain(kArea, function, dom, access, failure, std::forward<Body>(body), args, line);
}

template <typename Ret, typename Body, typename Args>
Ret onSnapshot(const char* function, virDomainSnapshotPtr snap, Access access, Ret failure, Body&& body,
               const Args& args, unsigned line = __builtin_LINE()) noexcept {
  return onMoment(kArea, function, snap, access, failure, std::forward<Body>(body), args, line);
}

virDomainSnapshotPtr newSnapshotHandle(virDomainPtr dom, const std::string& name) {
  return newMomentHandle<_virDomainSnapshot>(dom, name);
}

}  // namespace

extern "C" {

virDomainSnapshotPtr virDomainSnapshotCreateXML(virDomainPtr domain, const char* xmlDesc,
                                                unsigned int flags) {
  return onSnapshotDomain(
      "virDomainSnapshotCreateXML", domain, Access::Read, virDomainSnapshotPtr{nullptr},
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
      },
      entryArgs("xmlDesc, flags", xmlDesc, flags));
}

int virDomainSnapshotNum(virDomainPtr domain, unsigned int flags) {
  return onSnapshotDomain(
      "virDomainSnapshotNum", domain, Access::Read, -1,
      [&](Call& call, DomainIdentity& id) { return call.op(&HV::domainSnapshotNum)(call.impl(), id, flags); },
      entryArgs("flags", flags));
}

int virDomainSnapshotListNames(virDomainPtr domain, char** names, int nameslen, unsigned int flags) {
  return onSnapshotDomain(
      "virDomainSnapshotListNames", domain, Access::Read, -1,
      [&](Call& call, DomainIdentity& id) {
        call.nonNullArray(names, nameslen, "names");
        call.nonNegative(nameslen, "nameslen");
        return copyNames(call.op(&HV::domainSnapshotListNames)(call.impl(), id, flags), names, nameslen);
      },
      entryArgs("names, nameslen, flags", names, nameslen, flags));
}

int virDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr** snaps, unsigned int flags) {
  return onSnapshotDomain(
      "virDomainListAllSnapshots", domain, Access::Read, -1,
      [&](Call& call, DomainIdentity& id) {
        if (snaps) *snaps = nullptr;
        return toMomentHandles(domain, call.op(&HV::domainListAllSnapshots)(call.impl(), id, flags), snaps);
      },
      entryArgs("snaps, flags", snaps, flags));
}

virDomainSnapshotPtr virDomainSnapshotLookupByName(virDomainPtr domain, const char* name,
                                                   unsigned int flags) {
  return onSnapshotDomain(
      "virDomainSnapshotLookupByName", domain, Access::Read, virDomainSnapshotPtr{nullptr},
      [&](Call& call, DomainIdentity& id) {
        call.nonNull(name, "name");
        return newSnapshotHandle(domain,
                                 call.op(&HV::domainSnapshotLookupByName)(call.impl(), id, name, flags));
      },
      entryArgs("name, flags", name, flags));
}

int virDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags) {
  return onSnapshotDomain(
      "virDomainHasCurrentSnapshot", domain, Access::Read, -1,
      [&](Call& call, DomainIdentity& id) {
        return call.op(&HV::domainHasCurrentSnapshot)(call.impl(), id, flags);
      },
      entryArgs("flags", flags));
}

virDomainSnapshotPtr virDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags) {
  return onSnapshotDomain(
      "virDomainSnapshotCurrent", domain, Access::Read, virDomainSnapshotPtr{nullptr},
      [&](Call& call, DomainIdentity& id) {
        return newSnapshotHandle(domain, call.op(&HV::domainSnapshotCurrent)(call.impl(), id, flags));
      },
      entryArgs("flags", flags));
}

virDomainSnapshotPtr virDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot(
      "virDomainSnapshotGetParent", snapshot, Access::Read, virDomainSnapshotPtr{nullptr},
      [&](Call& call, DomainSnapshotIdentity& id) {
        return newSnapshotHandle(snapshot->domain,
                                 call.op(&HV::domainSnapshotGetParent)(call.impl(), id, flags));
      },
      entryArgs("flags", flags));
}

int virDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot(
      "virDomainSnapshotNumChildren", snapshot, Access::Read, -1,
      [&](Call& call, DomainSnapshotIdentity& id) {
        return call.op(&HV::domainSnapshotNumChildren)(call.impl(), id, flags);
      },
      entryArgs("flags", flags));
}

int virDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char** names, int nameslen,
                                       unsigned int flags) {
  return onSnapshot(
      "virDomainSnapshotListChildrenNames", snapshot, Access::Read, -1,
      [&](Call& call, DomainSnapshotIdentity& id) {
        call.nonNullArray(names, nameslen, "names");
        call.nonNegative(nameslen, "nameslen");
        return copyNames(call.op(&HV::domainSnapshotListChildrenNames)(call.impl(), id, flags), names,
                         nameslen);
      },
      entryArgs("names, nameslen, flags", names, nameslen, flags));
}

int virDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot, virDomainSnapshotPtr** snaps,
                                     unsigned int flags) {
  return onSnapshot(
      "virDomainSnapshotListAllChildren", snapshot, Access::Read, -1,
      [&](Call& call, DomainSnapshotIdentity& id) {
        if (snaps) *snaps = nullptr;
        auto names = call.op(&HV::domainSnapshotListAllChildren)(call.impl(), id, flags);
        return toMomentHandles(snapshot->domain, names, snaps);
      },
      entryArgs("snaps, flags", snaps, flags));
}

char* virDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot(
      "virDomainSnapshotGetXMLDesc", snapshot, Access::Read, static_cast<char*>(nullptr),
      [&](Call& call, DomainSnapshotIdentity& id) {
        if (call.impl().readOnly() && (flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE))
          fail(VIR_ERR_OPERATION_DENIED, kArea, "virDomainSnapshotGetXMLDesc with secure flag");
        return dupString(call.op(&HV::domainSnapshotGetXMLDesc)(call.impl(), id, flags));
      },
      entryArgs("flags", flags));
}

int virDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot(
      "virDomainSnapshotIsCurrent", snapshot, Access::Read, -1,
      [&](Call& call, DomainSnapshotIdentity& id) {
        return call.op(&HV::domainSnapshotIsCurrent)(call.impl(), id, flags);
      },
      entryArgs("flags", flags));
}

int virDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot(
      "virDomainSnapshotHasMetadata", snapshot, Access::Read, -1,
      [&](Call& call, DomainSnapshotIdentity& id) {
        return call.op(&HV::domainSnapshotHasMetadata)(call.impl(), id, flags);
      },
      entryArgs("flags", flags));
}

int virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot(
      "virDomainRevertToSnapshot", snapshot, Access::Write, -1,
      [&](Call& call, DomainSnapshotIdentity& id) {
        call.exclusiveFlags(flags, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, "VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING",
                            VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED, "VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED");
        call.op (&HV::domainRevertToSnapshot)(call.impl(), id, flags);
        return 0;
      },
      entryArgs("flags", flags));
}

int virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags) {
  return onSnapshot(
      "virDomainSnapshotDelete", snapshot, Access::Write, -1,
      [&](Call& call, DomainSnapshotIdentity& id) {
        call.exclusiveFlags(flags, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, "VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN",
                            VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY,
                            "VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY");
        call.op (&HV::domainSnapshotDelete)(call.impl(), id, flags);
        return 0;
      },
      entryArgs("flags", flags));
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
