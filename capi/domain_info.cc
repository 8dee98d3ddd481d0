// libvirt-domain.h: renaming a domain, its messages, and the definitions
// kept in save images.
#include "capi/domain_call.h"

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
