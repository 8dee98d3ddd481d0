// libvirt-domain.h: a backup job of a running domain (push or pull mode,
// optionally creating a checkpoint) and the description of the one running.
#include "capi/domain_call.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

extern "C" {

// libvirt checks the backup's XML before it refuses a read-only connection;
// `checkpointXML` may be NULL (no checkpoint is made).
int virDomainBackupBegin(virDomainPtr domain, const char* backupXML, const char* checkpointXML, unsigned int flags) {
  return onDomain("virDomainBackupBegin", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(backupXML, "backupXML");
    call.requireWritable();
    std::optional<std::string> checkpoint;
    if (checkpointXML) checkpoint = checkpointXML;
    call.op(&HV::domainBackupBegin)(call.impl(), id, backupXML, checkpoint, flags);
    return 0;
  }, entryArgs("backupXML, checkpointXML, flags", backupXML, checkpointXML, flags));
}

char* virDomainBackupGetXMLDesc(virDomainPtr domain, unsigned int flags) {
  return onDomain("virDomainBackupGetXMLDesc", domain, Access::Read, static_cast<char*>(nullptr),
                  [&](Call& call, DomainIdentity& id) {
                    return dupString(call.op(&HV::domainBackupGetXMLDesc)(call.impl(), id, flags));
                  }, entryArgs("flags", flags));
}

}  // extern "C"
