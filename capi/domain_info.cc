// libvirt-domain.h: renaming a domain, its messages, the definitions kept
// in save images, and saving and restoring with typed parameters.
#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

extern "C" {

int virDomainRename(virDomainPtr dom, const char* new_name, unsigned int flags) {
  return onDomain("virDomainRename", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(new_name, "new_name");
    call.op(&HV::domainRename)(call.impl(), id, new_name, flags);
    return 0;
  }, entryArgs("new_name, flags", new_name, flags));
}

int virDomainGetMessages(virDomainPtr domain, char*** msgs, unsigned int flags) {
  return onDomain("virDomainGetMessages", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(msgs, "msgs");
    *msgs = nullptr;
    std::vector<std::string> list = call.op(&HV::domainGetMessages)(call.impl(), id, flags);
    if (!list.empty()) *msgs = dupStringList(list);
    return static_cast<int>(list.size());
  }, entryArgs("msgs, flags", msgs, flags));
}

char* virDomainSaveImageGetXMLDesc(virConnectPtr conn, const char* file, unsigned int flags) {
  return onConnection("virDomainSaveImageGetXMLDesc", conn, Access::Write, static_cast<char*>(nullptr),
                      [&](Call& call) {
                        call.nonNull(file, "file");
                        return dupString(call.op(&HV::domainSaveImageGetXMLDesc)(call.impl(), absolutePath(file),
                                                                                   flags));
                      }, entryArgs("file, flags", file, flags));
}

int virDomainSaveImageDefineXML(virConnectPtr conn, const char* file, const char* dxml, unsigned int flags) {
  return onConnection("virDomainSaveImageDefineXML", conn, Access::Write, -1, [&](Call& call) {
    call.nonNull(file, "file");
    call.nonNull(dxml, "dxml");
    if ((flags & VIR_DOMAIN_SAVE_RUNNING) && (flags & VIR_DOMAIN_SAVE_PAUSED))
      call.invalidArg("running and paused flags are mutually exclusive");
    call.op(&HV::domainSaveImageDefineXML)(call.impl(), absolutePath(file), dxml, flags);
    return 0;
  }, entryArgs("file, dxml, flags", file, dxml, flags));
}

}  // extern "C"

namespace {

// The save calls' parameters; libvirt hands them to the driver unchecked,
// so no count is refused here.
driver::TypedParamList saveParams(virTypedParameterPtr params, int nparams) {
  if (!params || nparams <= 0) return {};
  return typedParamsForSet(params, nparams);
}

void checkSaveFlags(const Call& call, unsigned int flags) {
  call.exclusiveFlags(flags, VIR_DOMAIN_SAVE_RUNNING, "VIR_DOMAIN_SAVE_RUNNING", VIR_DOMAIN_SAVE_PAUSED,
                      "VIR_DOMAIN_SAVE_PAUSED");
}

}  // namespace

extern "C" {

int virDomainSaveParams(virDomainPtr domain, virTypedParameterPtr params, int nparams, unsigned int flags) {
  return onDomain("virDomainSaveParams", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    checkSaveFlags(call, flags);
    call.op(&HV::domainSaveParams)(call.impl(), id, saveParams(params, nparams), flags);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

int virDomainRestoreParams(virConnectPtr conn, virTypedParameterPtr params, int nparams, unsigned int flags) {
  return onConnection("virDomainRestoreParams", conn, Access::Write, -1, [&](Call& call) {
    checkSaveFlags(call, flags);
    call.op(&HV::domainRestoreParams)(call.impl(), saveParams(params, nparams), flags);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

// `dxml` NULL keeps the image's definition (only the running/paused flags change).
int virDomainManagedSaveDefineXML(virDomainPtr domain, const char* dxml, unsigned int flags) {
  return onDomain("virDomainManagedSaveDefineXML", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    std::optional<std::string> xml;
    if (dxml) xml = dxml;
    call.op(&HV::domainManagedSaveDefineXML)(call.impl(), id, xml, flags);
    return 0;
  }, entryArgs("dxml, flags", dxml, flags));
}

}  // extern "C"
