// The QEMU driver's hypervisor table. Entries left out report
// VIR_ERR_NO_SUPPORT through the facade's shared default.
#include "drivers/qemu/qemu_monitor_api.h"
#include "drivers/qemu/qemu_console.h"
#include "drivers/qemu/qemu_ops.h"

namespace vireo::qemu {

const driver::HypervisorDriver kHypervisorDriver = {
    .name = "QEMU",
    .connectGetVersion = hostops::getVersion,
    .connectGetHostname = hostops::getHostname,
    .connectGetCapabilities = hostops::getCapabilities,
    .connectGetDomainCapabilities = hostops::getDomainCapabilities,
    .connectDomainXMLToNative = hostops::domainXMLToNative,
    .connectGetMaxVcpus = hostops::getMaxVcpus,
    .connectGetCPUModelNames = hostops::getCPUModelNames,
    .connectIsSecure = hostops::isSecure,
    .connectIsEncrypted = hostops::isEncrypted,
    .connectIsAlive = hostops::isAlive,
    .nodeGetInfo = hostops::nodeGetInfo,
    .nodeGetFreeMemory = hostops::nodeGetFreeMemory,
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
    .domainGetOSType = domainops::getOSType,
    .domainGetInfo = domainops::getInfo,
    .domainGetState = domainops::getState,
    .domainGetXMLDesc = domainops::getXMLDesc,
    .domainGetMaxMemory = domainops::getMaxMemory,
    .domainGetMaxVcpus = domainops::getMaxVcpus,
    .domainGetVcpusFlags = domainops::getVcpusFlags,
    .domainGetAutostart = domainops::getAutostart,
    .domainIsActive = domainops::isActive,
    .domainIsPersistent = domainops::isPersistent,
    .domainIsUpdated = domainops::isUpdated,
    .domainSetAutostart = domainops::setAutostart,
    .domainAttachDeviceFlags = domainops::attachDeviceFlags,
    .domainDetachDeviceFlags = domainops::detachDeviceFlags,
    .domainOpenConsole = domainops::openConsole,
    .domainOpenChannel = domainops::openChannel,
    .domainGetJobInfo = domainops::getJobInfo,
    .domainGetJobStats = domainops::getJobStats,
    .domainAbortJob = domainops::abortJob,
    .domainAbortJobFlags = domainops::abortJobFlags,
    .nodeGetMemoryStats = hostops::nodeGetMemoryStats,
    .domainQemuMonitorCommand = qemuops::monitorCommand,
    .domainQemuAgentCommand = qemuops::agentCommand,
    .qemuMonitorEventState = hostops::eventState,
};

}  // namespace vireo::qemu
