// The remote program, one line a function: each entry is the procedure's
// number in libvirt's remote program and its wire layout (remote_call.h
// explains the notation; remote_wire.h has the codecs). The tables are the
// description of the protocol; the compiler writes the client stubs from
// it. Entries written by hand live in remote_ops.cc.
#include "drivers/remote/remote_driver.h"

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_migrate.h"
#include "drivers/remote/remote_open.h"
#include "drivers/remote/remote_ops.h"
#include "drivers/remote/remote_qemu.h"
#include "drivers/remote/remote_stream.h"
#include "drivers/remote/remote_target.h"
#include "lib/driver/interface_driver.h"
#include "lib/driver/network_driver.h"
#include "lib/driver/node_device_driver.h"
#include "lib/driver/nwfilter_driver.h"
#include "lib/driver/secret_driver.h"
#include "lib/driver/storage_driver.h"

namespace vireo::remote {
namespace {

using namespace wire;

// List bounds of remote_protocol.x.
constexpr uint32_t kDomainListMax = 16384;
constexpr uint32_t kNetworkListMax = 16384;
constexpr uint32_t kPoolListMax = 16384;
constexpr uint32_t kVolListMax = 16384;
constexpr int kPoolNameListMax = 4096;
constexpr uint32_t kCpuModelsMax = 8192;
constexpr uint32_t kObjectListMax = 16384;  // the *ListAll* replies
constexpr int kMomentListMax = 1024;        // snapshot names
constexpr int kNameListMax = 16384;         // interface and node device names
constexpr uint32_t kTuningParamsMax = 16;  // scheduler, memory, NUMA, blkio, interface
constexpr uint32_t kBlockIoTuneParamsMax = 32;
constexpr uint32_t kPerfEventsMax = 64;       // REMOTE_DOMAIN_PERF_EVENTS_MAX
constexpr uint32_t kFsMountpointsMax = 256;   // REMOTE_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX
constexpr uint32_t kIOThreadInfoMax = 16384;  // REMOTE_IOTHREAD_INFO_MAX
constexpr uint32_t kIOThreadParamsMax = 64;   // REMOTE_DOMAIN_IOTHREAD_PARAMS_MAX
constexpr uint32_t kFsInfoMax = 256;          // REMOTE_DOMAIN_FSINFO_MAX
constexpr uint32_t kInterfaceMax = 2048;      // REMOTE_DOMAIN_INTERFACE_MAX
constexpr uint32_t kLaunchSecurityParamsMax = 64;
constexpr uint32_t kMessagesMax = 2048;       // REMOTE_DOMAIN_MESSAGES_MAX
constexpr int kNodeCpuStatsMax = 16;          // REMOTE_NODE_CPU_STATS_MAX
constexpr int kSecretListMax = 16384;         // REMOTE_SECRET_LIST_MAX
constexpr int kNWFilterListMax = 16384;       // REMOTE_NWFILTER_LIST_MAX
constexpr uint32_t kGuestVcpuParamsMax = 64;  // REMOTE_DOMAIN_GUEST_VCPU_PARAMS_MAX
constexpr uint32_t kGuestInfoParamsMax = 2048;  // REMOTE_DOMAIN_GUEST_INFO_PARAMS_MAX
constexpr uint32_t kSSHKeysMax = 2048;         // REMOTE_DOMAIN_AUTHORIZED_SSH_KEYS_MAX
constexpr int kBlockStatsParamsMax = 16;       // REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX
constexpr uint32_t kBlockCopyParamsMax = 16;   // REMOTE_DOMAIN_BLOCK_COPY_PARAMETERS_MAX
constexpr uint32_t kSaveParamsMax = 64;        // REMOTE_DOMAIN_SAVE_PARAMS_MAX
constexpr uint32_t kNodeMemoryParamsMax = 64;  // REMOTE_NODE_MEMORY_PARAMETERS_MAX
constexpr uint32_t kSevInfoMax = 64;           // REMOTE_NODE_SEV_INFO_MAX
constexpr uint32_t kNodeMaxCells = 1024;       // REMOTE_NODE_MAX_CELLS
constexpr uint32_t kCpuBaselineMax = 256;      // REMOTE_CPU_BASELINE_MAX

const driver::HypervisorDriver kHypervisor = {
    .name = "remote",
    .connectGetVersion = Remote<4, UHyper()>::call,
    .connectGetHostname = Remote<59, Str()>::call,
    .connectGetCapabilities = Remote<7, Str()>::call,
    .connectGetDomainCapabilities = Remote<342, Str(OptStr, OptStr, OptStr, OptStr, UInt)>::call,
    .connectDomainXMLToNative = Remote<136, Str(Str, Str, UInt)>::call,
    .connectGetMaxVcpus = Remote<5, Int(OptStr)>::call,
    .connectGetCPUModelNames = Remote<312, ListAll<Str, kCpuModelsMax>(Str, ConstInt<1>, UInt)>::call,
    .connectIsSecure = ops::isSecure,
    .connectIsEncrypted = ops::isEncrypted,
    .connectIsAlive = ops::isAlive,
    .connectSetKeepAlive = ops::setKeepAlive,
    .nodeGetInfo = Remote<6, NodeInfo()>::call,
    .nodeGetFreeMemory = Remote<102, UHyper()>::call,
    .nodeGetCellsFreeMemory = Remote<101, Array<UHyper, 1024>(Int, Int)>::call,
    .nodeGetSecurityModel = Remote<122, SecurityModel()>::call,
    .nodeGetCPUMap = Remote<293, NodeCpuMapReply(ConstInt<1>, ConstInt<1>, UInt)>::call,
    .nodeGetCPUStats = Remote<227, NodeCpuStats(Int, ConstInt<kNodeCpuStatsMax>, UInt)>::call,
    .nodeGetFreePages = ops::nodeGetFreePages,
    .connectGetType = ops::getType,
    .typedParamStringsSupported = ops::typedParamStringsSupported,
    .connectRegisterCloseCallback = ops::registerCloseCallback,
    .connectUnregisterCloseCallback = ops::unregisterCloseCallback,
    .domainEventState = ops::eventState,
    .connectListAllDomains = Remote<273, ListAll<Dom, kDomainListMax>(ListAllFlags)>::call,
    .domainLookupByName = Remote<23, Dom(Str)>::call,
    .domainLookupByID = Remote<22, Dom(Int)>::call,
    .domainLookupByUUID = Remote<24, Dom(UuidCodec)>::call,
    .domainDefineXMLFlags = Remote<350, Dom(Str, UInt)>::call,
    .domainUndefineFlags = Remote<231, None(Dom, UInt)>::call,
    .domainCreateXML = Remote<10, Dom(Str, UInt)>::call,
    .domainCreateXMLWithFiles = ops::createXMLWithFiles,
    .domainCreateWithFlags = ops::createWithFlags,
    .domainCreateWithFiles = ops::createWithFiles,
    .domainDestroyFlags = ops::destroyFlags,
    .domainShutdownFlags = Remote<258, None(Dom, UInt)>::call,
    .domainReboot = Remote<27, None(Dom, UInt)>::call,
    .domainReset = Remote<245, None(Dom, UInt)>::call,
    .domainSuspend = Remote<34, None(Dom)>::call,
    .domainResume = Remote<28, None(Dom)>::call,
    .domainSaveFlags = ops::saveFlags,
    .domainRestoreFlags = Remote<233, None(Str, OptStr, UInt)>::call,
    .domainManagedSave = ops::managedSave,
    .domainHasManagedSaveImage = Remote<183, Int(Dom, UInt)>::call,
    .domainManagedSaveGetXMLDesc = Remote<388, Str(Dom, UInt)>::call,
    .domainManagedSaveRemove = Remote<184, None(Dom, UInt)>::call,
    .domainGetOSType = Remote<19, Str(Dom)>::call,
    .domainGetInfo = Remote<16, DomainInfo(Dom)>::call,
    .domainGetState = Remote<212, DomainState(Dom, UInt)>::call,
    .domainGetXMLDesc = Remote<14, Str(Dom, UInt)>::call,
    .domainGetMaxMemory = Remote<17, UHyper(Dom)>::call,
    .domainGetMaxVcpus = Remote<18, Int(Dom)>::call,
    .domainGetVcpusFlags = Remote<200, Int(Dom, UInt)>::call,
    .domainGetAutostart = Remote<15, Int(Dom)>::call,
    .domainGetHostname = Remote<277, Str(Dom, UInt)>::call,
    .domainGetSecurityLabel = Remote<121, SecurityLabel(Dom)>::call,
    .domainIsActive = Remote<150, Int(Dom)>::call,
    .domainIsPersistent = Remote<151, Int(Dom)>::call,
    .domainIsUpdated = Remote<202, Int(Dom)>::call,
    .domainGetMetadata = Remote<265, Str(Dom, Int, OptStr, UInt)>::call,
    .domainSetMaxMemory = Remote<30, None(Dom, UHyper)>::call,
    .domainSetMemoryFlags = Remote<204, None(Dom, UHyper, UInt)>::call,
    .domainSetVcpusFlags = Remote<199, None(Dom, UInt, UInt)>::call,
    .domainSetAutostart = Remote<29, None(Dom, Int)>::call,
    .domainSetMetadata = Remote<264, None(Dom, Int, OptStr, OptStr, OptStr, UInt)>::call,
    .domainAttachDeviceFlags = Remote<160, None(Dom, Str, UInt)>::call,
    .domainDetachDeviceFlags = Remote<161, None(Dom, Str, UInt)>::call,
    .domainUpdateDeviceFlags = Remote<174, None(Dom, Str, UInt)>::call,
    .domainGetVcpus = ops::getVcpus,
    .domainPinVcpuFlags = Remote<225, None(Dom, UInt, CpuMap, UInt)>::call,
    .domainGetVcpuPinInfo = ops::getVcpuPinInfo,
    .domainPinEmulator = Remote<279, None(Dom, CpuMap, UInt)>::call,
    .domainGetEmulatorPinInfo = Remote<280, EmulatorPin(Dom, Int, UInt)>::call,
    .domainAddIOThread = Remote<355, None(Dom, UInt, UInt)>::call,
    .domainDelIOThread = Remote<356, None(Dom, UInt, UInt)>::call,
    .domainGetIOThreadInfo = Remote<351, ListAll<IOThreadInfo, kIOThreadInfoMax>(Dom, UInt)>::call,
    .domainPinIOThread = Remote<352, None(Dom, UInt, CpuMap, UInt)>::call,
    .domainSetIOThreadParams = Remote<402, None(Dom, UInt, Params<kIOThreadParamsMax>, UInt)>::call,
    .domainFSFreeze = Remote<335, Int(Dom, Array<Str, kFsMountpointsMax>, UInt)>::call,
    .domainFSThaw = Remote<336, Int(Dom, Array<Str, kFsMountpointsMax>, UInt)>::call,
    .domainFSTrim = Remote<294, None(Dom, OptStr, UHyper, UInt)>::call,
    .domainGetFSInfo = Remote<349, ListAll<FsInfo, kFsInfoMax>(Dom, UInt)>::call,
    .domainInterfaceAddresses = Remote<353, Array<GuestInterfaceCodec, kInterfaceMax>(Dom, UInt, UInt)>::call,
    .domainSetTime = Remote<338, None(Dom, Hyper, UInt, UInt)>::call,
    .domainInjectNMI = Remote<210, None(Dom, UInt)>::call,
    .domainSendProcessSignal = Remote<295, None(Dom, Hyper, UInt, UInt)>::call,
    .domainSetUserPassword = Remote<357, None(Dom, OptStr, OptStr, UInt)>::call,
    .domainSendKey = Remote<226, None(Dom, UInt, UInt, Array<UInt, 16>, UInt)>::call,
    .domainCoreDumpWithFormat = Remote<334, None(Dom, Str, UInt, UInt)>::call,
    .domainMemoryPeek = ops::memoryPeek,
    .domainGetCPUStats = ops::getCPUStats,
    // The daemon's answer (0) is all: the handle keeps its name (doc/remote.md).
    .domainRename = Remote<358, Int(Dom, OptStr, UInt)>::call,
    .domainSetLifecycleAction = Remote<390, None(Dom, UInt, UInt, UInt)>::call,
    .domainSetMemoryStatsPeriod = Remote<308, None(Dom, Int, UInt)>::call,
    .domainGetLaunchSecurityInfo = Remote<396, Params<kLaunchSecurityParamsMax>(Dom, UInt)>::call,
    .domainGetMessages = Remote<426, Array<Str, kMessagesMax>(Dom, UInt)>::call,
    .domainGetPerfEvents = Remote<365, Params<kPerfEventsMax>(Dom, UInt)>::call,
    .domainSetPerfEvents = Remote<366, None(Dom, Params<kPerfEventsMax>, UInt)>::call,
    .domainSaveImageGetXMLDesc = Remote<235, Str(Str, UInt)>::call,
    .domainSaveImageDefineXML = Remote<236, None(Str, Str, UInt)>::call,
    .domainGetSchedulerType = ops::getSchedulerType,
    .domainGetSchedulerParameters = ops::getSchedulerParameters,
    .domainSetSchedulerParameters = ops::setSchedulerParameters,
    .domainGetMemoryParameters =
        Remote<198, ParamsWithCount<kTuningParamsMax>(Dom, ConstInt<kTuningParamsMax>, UInt)>::call,
    .domainGetNumaParameters =
        Remote<255, ParamsWithCount<kTuningParamsMax>(Dom, ConstInt<kTuningParamsMax>, UInt)>::call,
    .domainGetBlkioParameters =
        Remote<206, ParamsWithCount<kTuningParamsMax>(Dom, ConstInt<kTuningParamsMax>, UInt)>::call,
    .domainGetInterfaceParameters =
        Remote<257, ParamsWithCount<kTuningParamsMax>(Dom, Str, ConstInt<kTuningParamsMax>, UInt)>::call,
    .domainGetBlockIoTune =
        Remote<253, ParamsWithCount<kBlockIoTuneParamsMax>(Dom, OptStr, ConstInt<kBlockIoTuneParamsMax>, UInt)>::call,
    .domainSetMemoryParameters = Remote<197, None(Dom, Params<kTuningParamsMax>, UInt)>::call,
    .domainSetNumaParameters = Remote<254, None(Dom, Params<kTuningParamsMax>, UInt)>::call,
    .domainSetBlkioParameters = Remote<205, None(Dom, Params<kTuningParamsMax>, UInt)>::call,
    .domainSetInterfaceParameters = Remote<256, None(Dom, Str, Params<kTuningParamsMax>, UInt)>::call,
    .domainSetBlockIoTune = Remote<252, None(Dom, Str, Params<kBlockIoTuneParamsMax>, UInt)>::call,
    .domainOpenConsole = ops::openConsole,
    .domainOpenChannel = ops::openChannel,
    .domainScreenshot = ops::screenshot,
    .domainBlockStats = Remote<64, BlockStats(Dom, Str)>::call,
    .domainInterfaceStats = Remote<65, InterfaceStats(Dom, Str)>::call,
    .domainMemoryStats = Remote<159, MemoryStats(Dom, ConstInt<VIR_DOMAIN_MEMORY_STAT_NR>, UInt)>::call,
    .domainGetBlockInfo = Remote<194, BlockInfo(Dom, Str, UInt)>::call,
    .domainGetTime = Remote<337, Time(Dom, UInt)>::call,
    .domainGetControlInfo = Remote<229, ControlInfo(Dom, UInt)>::call,
    .domainGetDiskErrors = Remote<263, DiskErrors(Dom, ConstInt<256>, UInt)>::call,
    .connectGetAllDomainStats =
        Remote<344, Array<StatsRecord, kDomainListMax>(Array<Dom, kDomainListMax>, UInt, UInt)>::call,
    .domainBlockPull = Remote<240, None(Dom, Str, UHyper, UInt)>::call,
    .domainBlockRebase = Remote<266, None(Dom, Str, OptStr, UHyper, UInt)>::call,
    .domainBlockCommit = Remote<290, None(Dom, Str, OptStr, OptStr, UHyper, UInt)>::call,
    .domainBlockJobAbort = Remote<237, None(Dom, Str, UInt)>::call,
    .domainBlockJobSetSpeed = Remote<239, None(Dom, Str, UHyper, UInt)>::call,
    .domainGetBlockJobInfo = Remote<238, BlockJobInfo(Dom, Str, UInt)>::call,
    .domainSetBlockThreshold = Remote<386, None(Dom, Str, UHyper, UInt)>::call,
    .domainBlockResize = Remote<251, None(Dom, Str, UHyper, UInt)>::call,
    .domainSnapshotCreateXML = Remote<185, Moment(Dom, Str, UInt)>::call,
    .domainSnapshotNum = Remote<187, Int(Dom, UInt)>::call,
    .domainSnapshotListNames = Remote<188, Array<Str, kMomentListMax>(Dom, ConstInt<kMomentListMax>, UInt)>::call,
    .domainListAllSnapshots = Remote<274, ListAll<Moment, kObjectListMax>(Dom, ListAllFlags)>::call,
    .domainSnapshotLookupByName = Remote<189, Moment(Dom, Str, UInt)>::call,
    .domainHasCurrentSnapshot = Remote<190, Int(Dom, UInt)>::call,
    .domainSnapshotCurrent = Remote<191, Moment(Dom, UInt)>::call,
    .domainSnapshotGetParent = Remote<244, Moment(Moment, UInt)>::call,
    .domainSnapshotNumChildren = Remote<246, Int(Moment, UInt)>::call,
    .domainSnapshotListChildrenNames =
        Remote<247, Array<Str, kMomentListMax>(Moment, ConstInt<kMomentListMax>, UInt)>::call,
    .domainSnapshotListAllChildren = Remote<275, ListAll<Moment, kObjectListMax>(Moment, ListAllFlags)>::call,
    .domainSnapshotGetXMLDesc = Remote<186, Str(Moment, UInt)>::call,
    .domainSnapshotIsCurrent = Remote<271, Int(Moment, UInt)>::call,
    .domainSnapshotHasMetadata = Remote<272, Int(Moment, UInt)>::call,
    .domainRevertToSnapshot = Remote<192, None(Moment, UInt)>::call,
    .domainSnapshotDelete = Remote<193, None(Moment, UInt)>::call,
    .domainCheckpointCreateXML = Remote<411, Moment(Dom, Str, UInt)>::call,
    .domainListAllCheckpoints = Remote<413, ListAll<Moment, kObjectListMax>(Dom, ListAllFlags)>::call,
    .domainCheckpointLookupByName = Remote<415, Moment(Dom, Str, UInt)>::call,
    .domainCheckpointGetParent = Remote<416, Moment(Moment, UInt)>::call,
    .domainCheckpointListAllChildren = Remote<414, ListAll<Moment, kObjectListMax>(Moment, ListAllFlags)>::call,
    .domainCheckpointGetXMLDesc = Remote<412, Str(Moment, UInt)>::call,
    .domainCheckpointDelete = Remote<417, None(Moment, UInt)>::call,
    .domainMigrateUnmanaged = ops::migrateUnmanaged,
    .domainMigrationSupported = ops::migrationSupported,
    .domainMigrateBegin = ops::migrateBegin,
    .domainMigratePrepare = ops::migratePrepare,
    .domainMigratePerform = ops::migratePerform,
    .domainMigrateFinish = ops::migrateFinish,
    .domainMigrateConfirm = ops::migrateConfirm,
    .domainGetJobInfo = Remote<163, JobInfo(Dom)>::call,
    .domainGetJobStats = Remote<298, JobStats(Dom, UInt)>::call,
    .domainAbortJob = Remote<164, None(Dom)>::call,
    .domainAbortJobFlags = Remote<442, None(Dom, UInt)>::call,
    .domainMigrateGetMaxDowntime = Remote<387, UHyper(Dom, UInt)>::call,
    .domainMigrateSetMaxDowntime = Remote<166, None(Dom, UHyper, UInt)>::call,
    .domainMigrateGetMaxSpeed = Remote<242, UHyper(Dom, UInt)>::call,
    .domainMigrateSetMaxSpeed = Remote<207, None(Dom, UHyper, UInt)>::call,
    .domainMigrateGetCompressionCache = Remote<299, UHyper(Dom, UInt)>::call,
    .domainMigrateSetCompressionCache = Remote<300, None(Dom, UHyper, UInt)>::call,
    .domainMigrateStartPostCopy = Remote<364, None(Dom, UInt)>::call,
    .domainStartDirtyRateCalc = Remote<427, None(Dom, Int, UInt)>::call,
    .domainGetGuestVcpus = Remote<371, Params<kGuestVcpuParamsMax>(Dom, UInt)>::call,
    .domainSetGuestVcpus = Remote<372, None(Dom, Str, Int, UInt)>::call,
    .domainGetGuestInfo = Remote<418, Params<kGuestInfoParamsMax>(Dom, UInt, UInt)>::call,
    .domainAgentSetResponseTimeout = Remote<420, Int(Dom, Int, UInt)>::call,
    .domainAuthorizedSSHKeysGet = Remote<424, Array<Str, kSSHKeysMax>(Dom, Str, UInt)>::call,
    .domainAuthorizedSSHKeysSet = Remote<425, None(Dom, Str, Array<Str, kSSHKeysMax>, UInt)>::call,
    .domainPMSuspendForDuration = Remote<261, None(Dom, UInt, UHyper, UInt)>::call,
    .domainPMWakeup = Remote<267, None(Dom, UInt)>::call,
    .domainBlockStatsFlags =
        Remote<243, ParamsWithCount<kBlockStatsParamsMax>(Dom, Str, ConstInt<kBlockStatsParamsMax>, UInt)>::call,
    .domainBlockPeek = ops::blockPeek,
    .domainBlockCopy = Remote<345, None(Dom, Str, Str, Params<kBlockCopyParamsMax>, UInt)>::call,
    .domainDetachDeviceAlias = Remote<392, None(Dom, Str, UInt)>::call,
    .domainSetVcpu = Remote<384, None(Dom, Str, Int, UInt)>::call,
    .domainGetSecurityLabelList = Remote<278, SecurityLabelList(Dom)>::call,
    .domainSaveParams = ops::saveParams,
    .domainRestoreParams = Remote<441, None(Params<kSaveParamsMax>, UInt)>::call,
    .domainManagedSaveDefineXML = Remote<389, None(Dom, OptStr, UInt)>::call,
    .domainSetLaunchSecurityState = Remote<439, None(Dom, Params<kLaunchSecurityParamsMax>, UInt)>::call,
    .domainBackupBegin = Remote<421, None(Dom, Str, OptStr, UInt)>::call,
    .domainBackupGetXMLDesc = Remote<422, Str(Dom, UInt)>::call,
    .nodeGetMemoryStats = ops::nodeGetMemoryStats,
    .nodeGetMemoryParameters =
        Remote<289, ParamsWithCount<kNodeMemoryParamsMax>(ConstInt<kNodeMemoryParamsMax>, UInt)>::call,
    .nodeSetMemoryParameters = Remote<288, None(Params<kNodeMemoryParamsMax>, UInt)>::call,
    .nodeAllocPages = Remote<347, Int(Array<UInt, kNodeMaxCells>, Array<UHyper, kNodeMaxCells>, Int, UInt, UInt)>::call,
    .nodeSuspendForDuration = Remote<250, None(UInt, UHyper, UInt)>::call,
    // The daemon sizes the reply itself; libvirt's client sends whatever *nparams held.
    .nodeGetSEVInfo = Remote<395, ParamsWithCount<kSevInfoMax>(ConstInt<0>, UInt)>::call,
    .connectDomainXMLFromNative = Remote<135, Str(Str, Str, UInt)>::call,
    .connectCompareCPU = Remote<158, Int(Str, UInt)>::call,
    .connectCompareHypervisorCPU = Remote<393, Int(OptStr, OptStr, OptStr, OptStr, Str, UInt)>::call,
    .connectBaselineCPU = Remote<162, Str(Array<Str, kCpuBaselineMax>, UInt)>::call,
    .connectBaselineHypervisorCPU = Remote<394, Str(OptStr, OptStr, OptStr, OptStr, Array<Str, kCpuBaselineMax>, UInt)>::call,
    .connectGetSysinfo = Remote<203, Str(UInt)>::call,
    // libvirt-qemu's and libvirt-lxc's programs (remote_qemu.h).
    .domainQemuMonitorCommand = ops::qemuMonitorCommand,
    .domainQemuAgentCommand = ops::qemuAgentCommand,
    .domainQemuAttach = ops::qemuAttach,
    .qemuMonitorEventState = ops::eventState,
    .domainLxcOpenNamespace = ops::lxcOpenNamespace,
};

const driver::NetworkDriver kNetwork = {
    .networkGetAutostart = Remote<44, Int(Net)>::call,
    .networkGetDHCPLeases = Remote<341, DhcpLeases(Net, OptStr, ConstInt<1>, UInt)>::call,
    .networkEventState = ops::eventState,
    .connectListAllNetworks = Remote<283, ListAll<Net, kNetworkListMax>(ListAllFlags)>::call,
    .connectListDefinedNetworks = Remote<36, Array<Str, kNetworkListMax>(ConstInt<kNetworkListMax>)>::call,
    .connectListNetworks = Remote<38, Array<Str, kNetworkListMax>(ConstInt<kNetworkListMax>)>::call,
    .connectNumOfDefinedNetworks = Remote<50, Int()>::call,
    .connectNumOfNetworks = Remote<52, Int()>::call,
    .networkCreate = Remote<39, None(Net)>::call,
    .networkCreateXML = Remote<40, Net(Str)>::call,
    .networkCreateXMLFlags = Remote<437, Net(Str, UInt)>::call,
    .networkDefineXML = Remote<41, Net(Str)>::call,
    .networkDefineXMLFlags = Remote<432, Net(Str, UInt)>::call,
    .networkDestroy = Remote<42, None(Net)>::call,
    .networkGetBridgeName = Remote<45, Str(Net)>::call,
    .networkGetXMLDesc = Remote<43, Str(Net, UInt)>::call,
    .networkIsActive = Remote<152, Int(Net)>::call,
    .networkIsPersistent = Remote<153, Int(Net)>::call,
    .networkLookupByName = Remote<46, Net(Str)>::call,
    .networkLookupByUUID = Remote<47, Net(UuidCodec)>::call,
    .networkLookupByUUIDString = Remote<47, Net(UuidCodec)>::call,
    .networkSetAutostart = Remote<48, None(Net, Int)>::call,
    .networkUndefine = Remote<49, None(Net)>::call,
    .networkUpdate = Remote<291, None(Net, UInt, UInt, Int, Str, UInt)>::call,
};

const driver::StorageDriver kStorage = {
    .storagePoolEventState = ops::eventState,
    .storageVolCreateXMLFrom = Remote<125, Vol(Pool, Str, Vol, UInt)>::call,
    .storagePoolGetAutostart = Remote<89, Int(Pool)>::call,
    .storagePoolGetInfo = Remote<87, PoolInfo(Pool)>::call,
    .storagePoolListVolumes = Remote<92, Array<Str, kVolListMax>(Pool, ConstInt<kVolListMax>)>::call,
    .storagePoolListAllVolumes = Remote<282, ListAll<Vol, kVolListMax>(Pool, ListAllFlags)>::call,
    .storageVolGetInfo = Remote<98, VolInfo(Vol)>::call,
    .storageVolGetInfoFlags = Remote<378, VolInfo(Vol, UInt)>::call,
    .storageVolUpload = ops::volUpload,
    .storageVolDownload = ops::volDownload,
    .connectFindStoragePoolSources = Remote<75, Str(Str, OptStr, UInt)>::call,
    .connectGetStoragePoolCapabilities = Remote<403, Str(UInt)>::call,
    .connectListAllStoragePools = Remote<281, ListAll<Pool, kPoolListMax>(ListAllFlags)>::call,
    .connectListDefinedStoragePools = Remote<74, Array<Str, kPoolListMax>(ConstInt<kPoolNameListMax>)>::call,
    .connectListStoragePools = Remote<72, Array<Str, kPoolListMax>(ConstInt<kPoolNameListMax>)>::call,
    .connectNumOfDefinedStoragePools = Remote<73, Int()>::call,
    .connectNumOfStoragePools = Remote<71, Int()>::call,
    .storagePoolBuild = Remote<79, None(Pool, UInt)>::call,
    .storagePoolCreate = Remote<78, None(Pool, UInt)>::call,
    .storagePoolCreateXML = Remote<76, Pool(Str, UInt)>::call,
    .storagePoolDefineXML = Remote<77, Pool(Str, UInt)>::call,
    .storagePoolDelete = Remote<81, None(Pool, UInt)>::call,
    .storagePoolDestroy = Remote<80, None(Pool)>::call,
    .storagePoolGetXMLDesc = Remote<88, Str(Pool, UInt)>::call,
    .storagePoolIsActive = Remote<154, Int(Pool)>::call,
    .storagePoolIsPersistent = Remote<155, Int(Pool)>::call,
    .storagePoolLookupByName = Remote<84, Pool(Str)>::call,
    .storagePoolLookupByUUID = Remote<85, Pool(UuidCodec)>::call,
    .storagePoolLookupByUUIDString = Remote<85, Pool(UuidCodec)>::call,
    .storagePoolLookupByVolume = Remote<86, Pool(Vol)>::call,
    .storagePoolNumOfVolumes = Remote<91, Int(Pool)>::call,
    .storagePoolRefresh = Remote<83, None(Pool, UInt)>::call,
    .storagePoolSetAutostart = Remote<90, None(Pool, Int)>::call,
    .storagePoolUndefine = Remote<82, None(Pool)>::call,
    .storageVolCreateXML = Remote<93, Vol(Pool, Str, UInt)>::call,
    .storageVolDelete = Remote<94, None(Vol, UInt)>::call,
    .storageVolGetPath = Remote<100, Str(Vol)>::call,
    .storageVolGetXMLDesc = Remote<99, Str(Vol, UInt)>::call,
    .storageVolLookupByKey = Remote<96, Vol(Str)>::call,
    .storageVolLookupByName = Remote<95, Vol(Pool, Str)>::call,
    .storageVolLookupByPath = Remote<97, Vol(Str)>::call,
    .storageVolResize = Remote<260, None(Vol, UHyper, UInt)>::call,
    .storageVolWipe = Remote<165, None(Vol, UInt)>::call,
    .storageVolWipePattern = Remote<259, None(Vol, UInt, UInt)>::call,
};

const driver::InterfaceDriver kInterface = {
    .connectListAllInterfaces = Remote<284, ListAll<Iface, kObjectListMax>(ListAllFlags)>::call,
    .connectListDefinedInterfaces = Remote<138, Array<Str, kNameListMax>(ConstInt<kNameListMax>)>::call,
    .connectListInterfaces = Remote<127, Array<Str, kNameListMax>(ConstInt<kNameListMax>)>::call,
    .connectNumOfDefinedInterfaces = Remote<137, Int()>::call,
    .connectNumOfInterfaces = Remote<126, Int()>::call,
    .interfaceChangeBegin = Remote<220, None(UInt)>::call,
    .interfaceChangeCommit = Remote<221, None(UInt)>::call,
    .interfaceChangeRollback = Remote<222, None(UInt)>::call,
    .interfaceCreate = Remote<133, None(Iface, UInt)>::call,
    .interfaceDefineXML = Remote<131, Iface(Str, UInt)>::call,
    .interfaceDestroy = Remote<134, None(Iface, UInt)>::call,
    .interfaceGetXMLDesc = Remote<130, Str(Iface, UInt)>::call,
    .interfaceIsActive = Remote<156, Int(Iface)>::call,
    .interfaceLookupByMACString = Remote<129, Iface(Str)>::call,
    .interfaceLookupByName = Remote<128, Iface(Str)>::call,
    .interfaceUndefine = Remote<132, None(Iface)>::call,
};

const driver::NodeDeviceDriver kNodeDevice = {
    .nodeDeviceEventState = ops::eventState,
    .nodeListDevices = Remote<112, Array<Str, kNameListMax>(OptStr, ConstInt<kNameListMax>, UInt)>::call,
    .nodeDeviceGetParent = Remote<115, ParentName(NodeDev)>::call,
    .nodeDeviceListCaps = Remote<117, Array<Str, kNameListMax>(NodeDev, ConstInt<kNameListMax>)>::call,
    .nodeDeviceGetAutostart = Remote<433, Int(NodeDev)>::call,
    .connectListAllNodeDevices = Remote<285, ListAll<NodeDev, kObjectListMax>(ListAllFlags)>::call,
    .nodeDeviceCreate = Remote<430, None(NodeDev, UInt)>::call,
    .nodeDeviceCreateXML = Remote<123, NodeDev(Str, UInt)>::call,
    .nodeDeviceDefineXML = Remote<428, NodeDev(Str, UInt)>::call,
    .nodeDeviceDestroy = Remote<124, None(NodeDev)>::call,
    .nodeDeviceDetachFlags = Remote<301, None(NodeDev, OptStr, UInt)>::call,
    .nodeDeviceDettach = Remote<118, None(NodeDev)>::call,
    .nodeDeviceGetXMLDesc = Remote<114, Str(NodeDev, UInt)>::call,
    .nodeDeviceIsActive = Remote<436, Int(NodeDev)>::call,
    .nodeDeviceIsPersistent = Remote<435, Int(NodeDev)>::call,
    .nodeDeviceLookupByName = Remote<113, NodeDev(Str)>::call,
    .nodeDeviceLookupSCSIHostByWWN = Remote<297, NodeDev(Str, Str, UInt)>::call,
    .nodeDeviceNumOfCaps = Remote<116, Int(NodeDev)>::call,
    .nodeDeviceReAttach = Remote<119, None(NodeDev)>::call,
    .nodeDeviceReset = Remote<120, None(NodeDev)>::call,
    .nodeDeviceSetAutostart = Remote<434, None(NodeDev, Int)>::call,
    .nodeDeviceUndefine = Remote<429, None(NodeDev, UInt)>::call,
    .nodeNumOfDevices = Remote<111, Int(OptStr, UInt)>::call,
};

// The daemon's secret driver (secret+tcp://HOST/session, or any URI whose
// daemon-side connection has one, such as qemu:///session).
const driver::SecretDriver kSecret = {
    .secretEventState = ops::eventState,
    .connectListSecrets = Remote<140, Array<Str, kSecretListMax>(ConstInt<kSecretListMax>)>::call,
    .secretGetValue = Remote<145, SecretBytes(Secret, UInt)>::call,
    .secretSetValue = Remote<144, None(Secret, SecretBytes, UInt)>::call,
    .connectListAllSecrets = Remote<287, ListAll<Secret, kObjectListMax>(ListAllFlags)>::call,
    .connectNumOfSecrets = Remote<139, Int()>::call,
    .secretDefineXML = Remote<142, Secret(Str, UInt)>::call,
    .secretGetXMLDesc = Remote<143, Str(Secret, UInt)>::call,
    .secretLookupByUUID = Remote<141, Secret(UuidCodec)>::call,
    .secretLookupByUUIDString = Remote<141, Secret(UuidCodec)>::call,
    .secretLookupByUsage = Remote<147, Secret(Int, Str)>::call,
    .secretUndefine = Remote<146, None(Secret)>::call,
};

// The daemon's nwfilter driver (on a connection whose daemon-side driver
// has one, such as qemu:///session; an unprivileged daemon lists and looks
// up, and refuses to define, with its own error).
const driver::NWFilterDriver kNWFilter = {
    .connectListAllNWFilterBindings = Remote<401, ListAll<NWFilterBinding, kObjectListMax>(ListAllFlags)>::call,
    .connectListAllNWFilters = Remote<286, ListAll<NWFilter, kObjectListMax>(ListAllFlags)>::call,
    .connectListNWFilters = Remote<179, Array<Str, kNWFilterListMax>(ConstInt<kNWFilterListMax>)>::call,
    .connectNumOfNWFilters = Remote<178, Int()>::call,
    .nWFilterBindingCreateXML = Remote<399, NWFilterBinding(Str, UInt)>::call,
    .nWFilterBindingDelete = Remote<400, None(NWFilterBinding)>::call,
    .nWFilterBindingGetXMLDesc = Remote<398, Str(NWFilterBinding, UInt)>::call,
    .nWFilterBindingLookupByPortDev = Remote<397, NWFilterBinding(Str)>::call,
    .nWFilterDefineXML = Remote<180, NWFilter(Str)>::call,
    .nWFilterDefineXMLFlags = Remote<431, NWFilter(Str, UInt)>::call,
    .nWFilterGetXMLDesc = Remote<177, Str(NWFilter, UInt)>::call,
    .nWFilterLookupByName = Remote<175, NWFilter(Str)>::call,
    .nWFilterLookupByUUID = Remote<176, NWFilter(UuidCodec)>::call,
    .nWFilterLookupByUUIDString = Remote<176, NWFilter(UuidCodec)>::call,
    .nWFilterUndefine = Remote<181, None(NWFilter)>::call,
};

bool accepts(const Uri& uri) { return isRemoteUri(uri); }

void open(driver::Connection& conn, virConnectAuthPtr auth, unsigned int flags) {
  conn.setHypervisor(&kHypervisor);
  conn.setSecondaryDrivers(
      {.network = &kNetwork, .storage = &kStorage, .interface = &kInterface, .nodeDevice = &kNodeDevice,
       .secret = &kSecret, .nwfilter = &kNWFilter});
  openRemote(conn, auth, flags);
}

}  // namespace

const driver::ConnectionDriver kConnectionDriver = {
    .name = "remote",
    .accepts = accepts,
    .open = open,
};

}  // namespace vireo::remote
