// The test driver's hypervisor table. Entries left out report
// VIR_ERR_NO_SUPPORT through the facade's shared default, as libvirt 9.0's
// test driver does for the same functions (device attach and detach among
// them).
#include "drivers/test/test_ops.h"

namespace vireo::test {

const driver::HypervisorDriver kHypervisorDriver = {
    .name = "TEST",
    .connectGetVersion = hostops::getVersion,
    .connectGetHostname = hostops::getHostname,
    .connectGetCapabilities = hostops::getCapabilities,
    .connectGetMaxVcpus = hostops::getMaxVcpus,
    .connectIsSecure = hostops::isSecure,
    .connectIsEncrypted = hostops::isEncrypted,
    .connectIsAlive = hostops::isAlive,
    .nodeGetInfo = hostops::nodeGetInfo,
    .nodeGetFreeMemory = hostops::nodeGetFreeMemory,
    .nodeGetCellsFreeMemory = hostops::nodeGetCellsFreeMemory,
    .nodeGetSecurityModel = hostops::nodeGetSecurityModel,
    .domainEventState = hostops::eventState,
    .connectListAllDomains = hostops::listAllDomains,
    .domainLookupByName = hostops::lookupByName,
    .domainLookupByID = hostops::lookupByID,
    .domainLookupByUUID = hostops::lookupByUUID,
    .domainDefineXMLFlags = domainops::defineXMLFlags,
    .domainUndefineFlags = domainops::undefineFlags,
    .domainCreateXML = domainops::createXML,
    .domainCreateWithFlags = domainops::createWithFlags,
    .domainDestroyFlags = domainops::destroyFlags,
    .domainShutdownFlags = domainops::shutdownFlags,
    .domainReboot = domainops::reboot,
    .domainReset = domainops::reset,
    .domainSuspend = domainops::suspend,
    .domainResume = domainops::resume,
    .domainSaveFlags = domainops::saveFlags,
    .domainRestoreFlags = domainops::restoreFlags,
    .domainManagedSave = domainops::managedSave,
    .domainHasManagedSaveImage = domainops::hasManagedSaveImage,
    .domainManagedSaveRemove = domainops::managedSaveRemove,
    .domainGetOSType = domainops::getOSType,
    .domainGetInfo = domainops::getInfo,
    .domainGetState = domainops::getState,
    .domainGetXMLDesc = domainops::getXMLDesc,
    .domainGetMaxMemory = domainops::getMaxMemory,
    .domainGetMaxVcpus = domainops::getMaxVcpus,
    .domainGetVcpusFlags = domainops::getVcpusFlags,
    .domainGetAutostart = domainops::getAutostart,
    .domainGetHostname = domainops::getHostname,
    .domainGetSecurityLabel = domainops::getSecurityLabel,
    .domainIsActive = domainops::isActive,
    .domainIsPersistent = domainops::isPersistent,
    .domainIsUpdated = domainops::isUpdated,
    .domainGetMetadata = domainops::getMetadata,
    .domainSetMaxMemory = domainops::setMaxMemory,
    .domainSetMemoryFlags = domainops::setMemoryFlags,
    .domainSetVcpusFlags = domainops::setVcpusFlags,
    .domainSetAutostart = domainops::setAutostart,
    .domainSetMetadata = domainops::setMetadata,
};

}  // namespace vireo::test
