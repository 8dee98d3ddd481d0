// libvirt-domain-checkpoint.h, written like capi/domain_snapshot.cc: a
// checkpoint handle holds its domain's handle (capi/objects.h), the driver
// returns names, which become handles on that domain handle here.
#include <string>
#include <utility>

#include "capi/moment_call.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainCheckpointIdentity;
using vireo::driver::DomainIdentity;

namespace {

constexpr virErrorDomain kArea = VIR_FROM_DOMAIN_CHECKPOINT;

template <typename Ret, typename Body, typename Args>
Ret onCheckpointDomain(const char* function, virDomainPtr dom, Access access, Ret failure, Body&& body,
                       const Args& args, unsigned line = __builtin_LINE()) noexcept {
  return onMomentDomain(kArea, function, dom, access, failure, std::forward<Body>(body), args, line);
}

template <typename Ret, typename Body, typename Args>
Ret onCheckpoint(const char* function, virDomainCheckpointPtr checkpoint, Access access, Ret failure,
                 Body&& body, const Args& args, unsigned line = __builtin_LINE()) noexcept {
  return onMoment(kArea, function, checkpoint, access, failure, std::forward<Body>(body), args, line);
}

virDomainCheckpointPtr newCheckpointHandle(virDomainPtr dom, const std::string& name) {
  return newMomentHandle<_virDomainCheckpoint>(dom, name);
}

}  // namespace

extern "C" {

virDomainCheckpointPtr virDomainCheckpointCreateXML(virDomainPtr domain, const char* xmlDesc,
                                                    unsigned int flags) {
  return onCheckpointDomain(
      "virDomainCheckpointCreateXML", domain, Access::Read, virDomainCheckpointPtr{nullptr},
      [&](Call& call, DomainIdentity& id) {
        call.nonNull(xmlDesc, "xmlDesc");
        call.requireWritable();
        requireFlag(call, flags, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE,
                    "VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE,
                    "VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE");
        call.exclusiveFlags(flags, VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE,
                            "VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE,
                            "VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE");
        return newCheckpointHandle(domain,
                                   call.op(&HV::domainCheckpointCreateXML)(call.impl(), id, xmlDesc, flags));
      },
      entryArgs("xmlDesc, flags", xmlDesc, flags));
}

int virDomainListAllCheckpoints(virDomainPtr domain, virDomainCheckpointPtr** checkpoints,
                                unsigned int flags) {
  return onCheckpointDomain(
      "virDomainListAllCheckpoints", domain, Access::Read, -1,
      [&](Call& call, DomainIdentity& id) {
        if (checkpoints) *checkpoints = nullptr;
        return toMomentHandles(domain, call.op(&HV::domainListAllCheckpoints)(call.impl(), id, flags),
                               checkpoints);
      },
      entryArgs("checkpoints, flags", checkpoints, flags));
}

virDomainCheckpointPtr virDomainCheckpointLookupByName(virDomainPtr domain, const char* name,
                                                       unsigned int flags) {
  return onCheckpointDomain(
      "virDomainCheckpointLookupByName", domain, Access::Read, virDomainCheckpointPtr{nullptr},
      [&](Call& call, DomainIdentity& id) {
        call.nonNull(name, "name");
        return newCheckpointHandle(domain,
                                   call.op(&HV::domainCheckpointLookupByName)(call.impl(), id, name, flags));
      },
      entryArgs("name, flags", name, flags));
}

virDomainCheckpointPtr virDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint, unsigned int flags) {
  return onCheckpoint(
      "virDomainCheckpointGetParent", checkpoint, Access::Read, virDomainCheckpointPtr{nullptr},
      [&](Call& call, DomainCheckpointIdentity& id) {
        std::string parent = call.op(&HV::domainCheckpointGetParent)(call.impl(), id, flags);
        return newCheckpointHandle(checkpoint->domain, parent);
      },
      entryArgs("flags", flags));
}

int virDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint, virDomainCheckpointPtr** children,
                                       unsigned int flags) {
  return onCheckpoint(
      "virDomainCheckpointListAllChildren", checkpoint, Access::Read, -1,
      [&](Call& call, DomainCheckpointIdentity& id) {
        if (children) *children = nullptr;
        auto names = call.op(&HV::domainCheckpointListAllChildren)(call.impl(), id, flags);
        return toMomentHandles(checkpoint->domain, names, children);
      },
      entryArgs("children, flags", children, flags));
}

char* virDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint, unsigned int flags) {
  return onCheckpoint(
      "virDomainCheckpointGetXMLDesc", checkpoint, Access::Read, static_cast<char*>(nullptr),
      [&](Call& call, DomainCheckpointIdentity& id) {
        if (call.impl().readOnly() && (flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE))
          fail(VIR_ERR_OPERATION_DENIED, kArea, "virDomainCheckpointGetXMLDesc with secure flag");
        return dupString(call.op(&HV::domainCheckpointGetXMLDesc)(call.impl(), id, flags));
      },
      entryArgs("flags", flags));
}

int virDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags) {
  return onCheckpoint(
      "virDomainCheckpointDelete", checkpoint, Access::Write, -1,
      [&](Call& call, DomainCheckpointIdentity& id) {
        call.exclusiveFlags(
            flags, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN, "VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN",
            VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY, "VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY");
        call.op (&HV::domainCheckpointDelete)(call.impl(), id, flags);
        return 0;
      },
      entryArgs("flags", flags));
}

// --- answered from the handle ---

int virDomainCheckpointFree(virDomainCheckpointPtr checkpoint) {
  return objectFree({"virDomainCheckpointFree", kArea, Access::Read, "", "checkpoint"}, checkpoint);
}

int virDomainCheckpointRef(virDomainCheckpointPtr checkpoint) {
  return objectRef({"virDomainCheckpointRef", kArea, Access::Read, "", "checkpoint"}, checkpoint);
}

const char* virDomainCheckpointGetName(virDomainCheckpointPtr checkpoint) {
  return objectName({"virDomainCheckpointGetName", kArea, Access::Read, "", "checkpoint"}, checkpoint);
}

virConnectPtr virDomainCheckpointGetConnect(virDomainCheckpointPtr checkpoint) {
  return objectConnect({"virDomainCheckpointGetConnect", kArea, Access::Read, "", "checkpoint"}, checkpoint);
}

// The domain, without a new reference (libvirt's contract).
virDomainPtr virDomainCheckpointGetDomain(virDomainCheckpointPtr checkpoint) {
  return onHandle({"virDomainCheckpointGetDomain", kArea, Access::Read, "", "checkpoint"}, checkpoint,
                  [](virDomainCheckpointPtr c) { return c->domain; });
}

}  // extern "C"
