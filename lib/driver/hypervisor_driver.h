// The table of operations a hypervisor driver provides.
//
// Each public libvirt function that reaches a driver has one entry here. A
// driver fills in what it implements (designated initialisers, in declaration
// order); an entry left null makes the facade report VIR_ERR_NO_SUPPORT
// through the one shared default (vireo::failUnsupported). Adding a libvirt
// function is therefore one entry here, its facade function in capi/, and
// the drivers' methods.
//
// The functions that need nothing beyond libvirt's common checks have their
// entries generated (hypervisor_generated.inc, included at the end, written
// by capi/gen_entry_points.py together with their facade functions): those
// take the C arguments as they are, so implementing one is filling its entry
// in a driver. PendingEntry ones (pending_entry.h) still need their C++
// signature and conversion.
//
// Every entry reports failure by throwing vireo::Error.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include <libvirt/libvirt.h>

#include "lib/conf/cpu_set.h"
#include "lib/driver/connection.h"
#include "lib/driver/domain_identity.h"
#include "lib/driver/object_identity.h"
#include "lib/driver/pending_entry.h"
#include "lib/driver/typed_params.h"
#include "lib/util/fd.h"
#include "lib/driver/stream.h"

namespace vireo::driver {

class DomainEventState;

// virDomainGetTime.
struct DomainTime {
  long long seconds = 0;
  unsigned int nseconds = 0;
};

// One entry of virDomainGetDiskErrors.
struct DiskError {
  std::string disk;  // the target, "vda"
  int error = VIR_DOMAIN_DISK_ERROR_NONE;
};

struct DomainStateInfo {
  int state = VIR_DOMAIN_NOSTATE;
  int reason = 0;
};

// virNodeGetCPUMap: how many CPUs the host has and which are online.
struct NodeCpuMap {
  int cpus = 0;
  conf::CpuSet online;
};

// virNodeGetFreePages: the free pages of each size in each cell asked for,
// cell after cell, and the number of cells the driver reports as filled.
struct FreePages {
  int cells = 0;
  std::vector<unsigned long long> counts;
};

// One vCPU of virDomainGetVcpus: its info and the host CPUs it may run on.
struct VcpuState {
  virVcpuInfo info{};
  conf::CpuSet affinity;
};

// One I/O thread of virDomainGetIOThreadInfo: its id and the host CPUs it
// may run on, as a bitmap of `cpumapLen` bytes.
struct IOThreadState {
  unsigned int id = 0;
  conf::CpuSet cpus;
  int cpumapLen = 0;
};

// One guest file system of virDomainGetFSInfo.
struct GuestFilesystem {
  std::string mountpoint, name, fstype;
  std::vector<std::string> devAliases;  // the disks (targets) it is on
};

// One guest interface of virDomainInterfaceAddresses.
struct GuestInterface {
  struct Address {
    int type = VIR_IP_ADDR_TYPE_IPV4;
    std::string addr;
    unsigned int prefix = 0;
  };
  std::string name, hwaddr;
  std::vector<Address> addrs;
};

// One record of virConnectGetAllDomainStats: a domain and its statistics
// ("state.state", "iothread.count", ...).
struct DomainStatsRecord {
  DomainIdentity domain;
  TypedParamList params;
};

// virDomainGetCPUStats: the host's CPU count and one row of statistics for
// the total (start CPU -1) or per CPU from the start CPU on.
struct DomainCpuStats {
  unsigned int hostCpus = 0;
  std::vector<TypedParamList> rows;
};

// virNodeGetMemoryStats: the statistics and how many the driver has
// (more than `stats` holds when the caller asked for fewer, or for none).
struct NodeMemoryStats {
  int count = 0;
  std::vector<virNodeMemoryStats> stats;
};

// virDomainGetJobStats: the job's type (virDomainJobType) and its statistics.
struct DomainJobStats {
  int type = VIR_DOMAIN_JOB_NONE;
  TypedParamList params;
};

// The kinds of migration a driver may support (capi/domain_migrate.cc).
enum class MigrationFeature {
  PeerToPeer,  // the source's driver connects to the destination itself
  Direct,      // the source's hypervisor migrates without a destination daemon
  Offline,     // VIR_MIGRATE_OFFLINE: the definition only
  Managed,     // the five steps below, relayed by the caller (libvirt's
               // migration protocol 3 with parameters)
  ChangeProtection,  // VIR_MIGRATE_CHANGE_PROTECTION: no change from begin to confirm
};

// What the steps of a managed migration hand on: opaque cookies from each
// step to the next, the definition from the source, the destination's
// migration URI when it chose one, and the domain it ends with.
struct MigrationBegun {
  std::string xml;
  std::string cookie;
};
struct MigrationPrepared {
  std::string cookie;
  std::optional<std::string> uri;
};
struct MigrationFinished {
  DomainIdentity domain;
  std::string cookie;
};

struct HypervisorDriver {
  const char* name;  // virConnectGetType

  // --- connection and host ---
  unsigned long (*connectGetVersion)(Connection&) = nullptr;
  std::string (*connectGetHostname)(Connection&) = nullptr;
  std::string (*connectGetCapabilities)(Connection&) = nullptr;
  std::string (*connectGetDomainCapabilities)(Connection&, const char* emulator, const char* arch,
                                              const char* machine, const char* virttype,
                                              unsigned int flags) = nullptr;
  // virConnectDomainXMLToNative: the native form (for QEMU: "qemu-argv") of a definition.
  std::string (*connectDomainXMLToNative)(Connection&, const char* format, const char* xml,
                                          unsigned int flags) = nullptr;
  int (*connectGetMaxVcpus)(Connection&, const char* type) = nullptr;
  std::vector<std::string> (*connectGetCPUModelNames)(Connection&, const std::string& arch,
                                                      unsigned int flags) = nullptr;
  int (*connectIsSecure)(Connection&) = nullptr;
  int (*connectIsEncrypted)(Connection&) = nullptr;
  int (*connectIsAlive)(Connection&) = nullptr;
  int (*connectSetKeepAlive)(Connection&, int interval, unsigned int count) = nullptr;
  virNodeInfo (*nodeGetInfo)(Connection&) = nullptr;
  unsigned long long (*nodeGetFreeMemory)(Connection&) = nullptr;
  // Free memory of NUMA cells [start, start + max); fewer when the node has fewer.
  std::vector<unsigned long long> (*nodeGetCellsFreeMemory)(Connection&, int start, int max) = nullptr;
  virSecurityModel (*nodeGetSecurityModel)(Connection&) = nullptr;
  NodeCpuMap (*nodeGetCPUMap)(Connection&, unsigned int flags) = nullptr;
  // The statistics of host CPU `cpuNum` (VIR_NODE_CPU_STATS_ALL_CPUS: all),
  // every one the driver has, in its order.
  std::vector<virNodeCPUStats> (*nodeGetCPUStats)(Connection&, int cpuNum, unsigned int flags) = nullptr;
  FreePages (*nodeGetFreePages)(Connection&, const std::vector<unsigned int>& pageSizes, int startCell,
                                unsigned int cellCount, unsigned int flags) = nullptr;
  // virConnectGetType when the answer is not `name` (the remote driver's is
  // its daemon's driver): a string that lives as long as the connection.
  const char* (*connectGetType)(Connection&) = nullptr;
  // Whether the driver takes string typed parameters, so that the facade
  // adds VIR_TYPED_PARAM_STRING_OKAY to a get's flags (libvirt's feature
  // TYPED_PARAM_STRING); null: it does.
  bool (*typedParamStringsSupported)(Connection&) = nullptr;
  // virConnectRegisterCloseCallback / Unregister, for drivers whose
  // connection can break (the remote driver). `key` is the application's
  // function: at most one is registered; `call` runs when the connection
  // breaks, with a virConnectCloseReason; `release` runs when it is
  // unregistered or the connection goes. Null: registration succeeds and the
  // callback is never called (an in-process connection never breaks).
  void (*connectRegisterCloseCallback)(Connection&, const void* key, std::function<void(int reason)> call,
                                       std::function<void()> release) = nullptr;
  void (*connectUnregisterCloseCallback)(Connection&, const void* key) = nullptr;
  // The events of this connection's driver instance; null: no event support.
  DomainEventState& (*domainEventState)(Connection&) = nullptr;

  // --- listing ---
  std::vector<DomainIdentity> (*connectListAllDomains)(Connection&, unsigned int flags) = nullptr;

  // --- lookups ---
  DomainIdentity (*domainLookupByName)(Connection&, std::string_view name) = nullptr;
  DomainIdentity (*domainLookupByID)(Connection&, int id) = nullptr;
  DomainIdentity (*domainLookupByUUID)(Connection&, const Uuid& uuid) = nullptr;

  // --- definition ---
  DomainIdentity (*domainDefineXMLFlags)(Connection&, std::string_view xml, unsigned int flags) = nullptr;
  void (*domainUndefineFlags)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  DomainIdentity (*domainCreateXML)(Connection&, std::string_view xml, unsigned int flags) = nullptr;
  // The caller's descriptors go to the domain's init, renumbered from 3
  // (container drivers); the caller keeps them.
  DomainIdentity (*domainCreateXMLWithFiles)(Connection&, std::string_view xml, std::span<const int> files,
                                             unsigned int flags) = nullptr;

  // --- lifecycle (entries that change the domain's id update the identity) ---
  void (*domainCreateWithFlags)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainCreateWithFiles)(Connection&, DomainIdentity&, std::span<const int> files, unsigned int flags) = nullptr;
  void (*domainDestroyFlags)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainShutdownFlags)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainReboot)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainReset)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainSuspend)(Connection&, DomainIdentity&) = nullptr;
  void (*domainResume)(Connection&, DomainIdentity&) = nullptr;
  void (*domainSaveFlags)(Connection&, DomainIdentity&, const char* path, const char* dxml,
                          unsigned int flags) = nullptr;
  void (*domainRestoreFlags)(Connection&, const char* path, const char* dxml, unsigned int flags) = nullptr;
  void (*domainManagedSave)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  int (*domainHasManagedSaveImage)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::string (*domainManagedSaveGetXMLDesc)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainManagedSaveRemove)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;

  // --- queries ---
  std::string (*domainGetOSType)(Connection&, DomainIdentity&) = nullptr;
  virDomainInfo (*domainGetInfo)(Connection&, DomainIdentity&) = nullptr;
  DomainStateInfo (*domainGetState)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::string (*domainGetXMLDesc)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  unsigned long long (*domainGetMaxMemory)(Connection&, DomainIdentity&) = nullptr;
  int (*domainGetMaxVcpus)(Connection&, DomainIdentity&) = nullptr;
  int (*domainGetVcpusFlags)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  int (*domainGetAutostart)(Connection&, DomainIdentity&) = nullptr;
  std::string (*domainGetHostname)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  virSecurityLabel (*domainGetSecurityLabel)(Connection&, DomainIdentity&) = nullptr;
  int (*domainIsActive)(Connection&, DomainIdentity&) = nullptr;
  int (*domainIsPersistent)(Connection&, DomainIdentity&) = nullptr;
  int (*domainIsUpdated)(Connection&, DomainIdentity&) = nullptr;
  std::string (*domainGetMetadata)(Connection&, DomainIdentity&, int type, const char* uri,
                                   unsigned int flags) = nullptr;

  // --- changes ---
  void (*domainSetMaxMemory)(Connection&, DomainIdentity&, unsigned long memory) = nullptr;
  void (*domainSetMemoryFlags)(Connection&, DomainIdentity&, unsigned long memory,
                               unsigned int flags) = nullptr;
  void (*domainSetVcpusFlags)(Connection&, DomainIdentity&, unsigned int nvcpus, unsigned int flags) = nullptr;
  void (*domainSetAutostart)(Connection&, DomainIdentity&, int autostart) = nullptr;
  void (*domainSetMetadata)(Connection&, DomainIdentity&, int type, const char* metadata, const char* key,
                            const char* uri, unsigned int flags) = nullptr;
  void (*domainAttachDeviceFlags)(Connection&, DomainIdentity&, std::string_view xml, unsigned int flags) = nullptr;
  void (*domainDetachDeviceFlags)(Connection&, DomainIdentity&, std::string_view xml, unsigned int flags) = nullptr;
  void (*domainUpdateDeviceFlags)(Connection&, DomainIdentity&, std::string_view xml, unsigned int flags) = nullptr;

  // --- vCPU and emulator placement (CPU sets in host CPU numbers) ---
  // The *Info readers get the caller's room (`maxinfo` / `ncpumaps` maps of
  // `maplen` bytes) only for the remote driver, which sends it as libvirt's
  // client does; the other drivers return everything and the facade keeps
  // what fits.
  // Every online vCPU; the facade keeps the first ones the caller has room for.
  std::vector<VcpuState> (*domainGetVcpus)(Connection&, DomainIdentity&, int maxinfo, int maplen) = nullptr;
  // Serves virDomainPinVcpu (flags 0) and virDomainPinVcpuFlags.
  void (*domainPinVcpuFlags)(Connection&, DomainIdentity&, unsigned int vcpu, const conf::CpuSet& cpus,
                             unsigned int flags) = nullptr;
  // The affinity of each of the domain's vCPUs (all of them, up to its maximum).
  std::vector<conf::CpuSet> (*domainGetVcpuPinInfo)(Connection&, DomainIdentity&, int ncpumaps, int maplen,
                                                    unsigned int flags) = nullptr;
  void (*domainPinEmulator)(Connection&, DomainIdentity&, const conf::CpuSet& cpus, unsigned int flags) = nullptr;
  conf::CpuSet (*domainGetEmulatorPinInfo)(Connection&, DomainIdentity&, int maplen, unsigned int flags) = nullptr;

  // --- I/O threads ---
  void (*domainAddIOThread)(Connection&, DomainIdentity&, unsigned int iothreadId, unsigned int flags) = nullptr;
  void (*domainDelIOThread)(Connection&, DomainIdentity&, unsigned int iothreadId, unsigned int flags) = nullptr;
  std::vector<IOThreadState> (*domainGetIOThreadInfo)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainPinIOThread)(Connection&, DomainIdentity&, unsigned int iothreadId, const conf::CpuSet& cpus,
                            unsigned int flags) = nullptr;
  void (*domainSetIOThreadParams)(Connection&, DomainIdentity&, unsigned int iothreadId,
                                  const TypedParamList& params, unsigned int flags) = nullptr;

  // --- the guest, through its agent ---
  // Freeze / thaw the named mount points (all of them when empty); the
  // number of file systems that changed.
  int (*domainFSFreeze)(Connection&, DomainIdentity&, const std::vector<std::string>& mountpoints,
                        unsigned int flags) = nullptr;
  int (*domainFSThaw)(Connection&, DomainIdentity&, const std::vector<std::string>& mountpoints,
                      unsigned int flags) = nullptr;
  void (*domainFSTrim)(Connection&, DomainIdentity&, const std::optional<std::string>& mountPoint,
                       unsigned long long minimum, unsigned int flags) = nullptr;
  std::vector<GuestFilesystem> (*domainGetFSInfo)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::vector<GuestInterface> (*domainInterfaceAddresses)(Connection&, DomainIdentity&, unsigned int source,
                                                          unsigned int flags) = nullptr;
  void (*domainSetTime)(Connection&, DomainIdentity&, long long seconds, unsigned int nseconds,
                        unsigned int flags) = nullptr;
  void (*domainInjectNMI)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainSendProcessSignal)(Connection&, DomainIdentity&, long long pid, unsigned int signum,
                                  unsigned int flags) = nullptr;
  void (*domainSetUserPassword)(Connection&, DomainIdentity&, const std::string& user, const std::string& password,
                                unsigned int flags) = nullptr;
  void (*domainSendKey)(Connection&, DomainIdentity&, unsigned int codeset, unsigned int holdtime,
                        const std::vector<unsigned int>& keycodes, unsigned int flags) = nullptr;

  // --- dumps and memory ---
  // Serves virDomainCoreDump (format RAW) and virDomainCoreDumpWithFormat.
  void (*domainCoreDumpWithFormat)(Connection&, DomainIdentity&, const std::string& to, unsigned int dumpformat,
                                   unsigned int flags) = nullptr;
  std::vector<unsigned char> (*domainMemoryPeek)(Connection&, DomainIdentity&, unsigned long long start,
                                                 size_t size, unsigned int flags) = nullptr;
  DomainCpuStats (*domainGetCPUStats)(Connection&, DomainIdentity&, int startCpu, unsigned int ncpus,
                                      unsigned int flags) = nullptr;

  // --- more of the definition ---
  // Renames an inactive domain. As in libvirt, the caller's handle keeps its name.
  void (*domainRename)(Connection&, DomainIdentity&, const std::string& newName, unsigned int flags) = nullptr;
  void (*domainSetLifecycleAction)(Connection&, DomainIdentity&, unsigned int type, unsigned int action,
                                   unsigned int flags) = nullptr;
  void (*domainSetMemoryStatsPeriod)(Connection&, DomainIdentity&, int period, unsigned int flags) = nullptr;
  TypedParamList (*domainGetLaunchSecurityInfo)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::vector<std::string> (*domainGetMessages)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  TypedParamList (*domainGetPerfEvents)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainSetPerfEvents)(Connection&, DomainIdentity&, const TypedParamList& params,
                              unsigned int flags) = nullptr;
  // The definition kept in a save image, and its replacement.
  std::string (*domainSaveImageGetXMLDesc)(Connection&, const std::string& file, unsigned int flags) = nullptr;
  void (*domainSaveImageDefineXML)(Connection&, const std::string& file, const std::string& dxml,
                                   unsigned int flags) = nullptr;

  // --- scheduler (virDomainGetSchedulerType sets the number of parameters;
  // the get and set entries serve both the plain and the *Flags functions) ---
  std::string (*domainGetSchedulerType)(Connection&, DomainIdentity&, int& nparams) = nullptr;
  TypedParamList (*domainGetSchedulerParameters)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainSetSchedulerParameters)(Connection&, DomainIdentity&, const TypedParamList& params,
                                       unsigned int flags) = nullptr;

  // --- tuning parameters (flags as given, plus VIR_TYPED_PARAM_STRING_OKAY) ---
  TypedParamList (*domainGetMemoryParameters)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  TypedParamList (*domainGetNumaParameters)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  TypedParamList (*domainGetBlkioParameters)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  TypedParamList (*domainGetInterfaceParameters)(Connection&, DomainIdentity&, const std::string& device,
                                                 unsigned int flags) = nullptr;
  TypedParamList (*domainGetBlockIoTune)(Connection&, DomainIdentity&, const std::string& disk,
                                         unsigned int flags) = nullptr;
  void (*domainSetMemoryParameters)(Connection&, DomainIdentity&, const TypedParamList& params,
                                    unsigned int flags) = nullptr;
  void (*domainSetNumaParameters)(Connection&, DomainIdentity&, const TypedParamList& params,
                                  unsigned int flags) = nullptr;
  void (*domainSetBlkioParameters)(Connection&, DomainIdentity&, const TypedParamList& params,
                                   unsigned int flags) = nullptr;
  void (*domainSetInterfaceParameters)(Connection&, DomainIdentity&, const std::string& device,
                                       const TypedParamList& params, unsigned int flags) = nullptr;
  void (*domainSetBlockIoTune)(Connection&, DomainIdentity&, const std::string& disk, const TypedParamList& params,
                               unsigned int flags) = nullptr;
  // --- streams (lib/driver/stream.h) ---
  // virDomainOpenConsole / virDomainOpenChannel: the backing for the caller's
  // stream, open on the character device that `devName` / `name` selects.
  std::shared_ptr<Stream> (*domainOpenConsole)(Connection&, DomainIdentity&, const char* devName,
                                               unsigned int flags) = nullptr;
  std::shared_ptr<Stream> (*domainOpenChannel)(Connection&, DomainIdentity&, const char* name,
                                               unsigned int flags) = nullptr;

  // virDomainScreenshot: the picture of `screen` as a stream and its MIME
  // type.
  struct Screenshot {
    std::string mimeType;
    std::shared_ptr<Stream> stream;
  };
  Screenshot (*domainScreenshot)(Connection&, DomainIdentity&, unsigned int screen, unsigned int flags) = nullptr;

  // --- statistics ---
  virDomainBlockStatsStruct (*domainBlockStats)(Connection&, DomainIdentity&, const std::string& disk) = nullptr;
  virDomainInterfaceStatsStruct (*domainInterfaceStats)(Connection&, DomainIdentity&,
                                                        const std::string& device) = nullptr;
  // Every statistic the driver has, in its order; the facade keeps the first ones the caller asked for.
  std::vector<virDomainMemoryStatStruct> (*domainMemoryStats)(Connection&, DomainIdentity&,
                                                              unsigned int flags) = nullptr;
  virDomainBlockInfo (*domainGetBlockInfo)(Connection&, DomainIdentity&, const std::string& disk,
                                           unsigned int flags) = nullptr;
  DomainTime (*domainGetTime)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  virDomainControlInfo (*domainGetControlInfo)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::vector<DiskError> (*domainGetDiskErrors)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  // virConnectGetAllDomainStats (no domains: those the list filters of
  // `flags` select) and virDomainListGetStats (those domains, in their
  // order, leaving out the ones gone); `groups`: virDomainStatsTypes bits.
  std::vector<DomainStatsRecord> (*connectGetAllDomainStats)(Connection&, const std::vector<DomainIdentity>& domains,
                                                             unsigned int groups, unsigned int flags) = nullptr;

  // --- block jobs and disk sizes (`disk`: a target such as "vda" or a source path) ---
  void (*domainBlockPull)(Connection&, DomainIdentity&, const std::string& disk, unsigned long bandwidth,
                          unsigned int flags) = nullptr;
  void (*domainBlockRebase)(Connection&, DomainIdentity&, const std::string& disk,
                            const std::optional<std::string>& base, unsigned long bandwidth,
                            unsigned int flags) = nullptr;
  void (*domainBlockCommit)(Connection&, DomainIdentity&, const std::string& disk,
                            const std::optional<std::string>& base, const std::optional<std::string>& top,
                            unsigned long bandwidth, unsigned int flags) = nullptr;
  void (*domainBlockJobAbort)(Connection&, DomainIdentity&, const std::string& disk, unsigned int flags) = nullptr;
  void (*domainBlockJobSetSpeed)(Connection&, DomainIdentity&, const std::string& disk, unsigned long bandwidth,
                                 unsigned int flags) = nullptr;
  // The job running on the disk; none when there is none.
  std::optional<virDomainBlockJobInfo> (*domainGetBlockJobInfo)(Connection&, DomainIdentity&,
                                                                const std::string& disk, unsigned int flags) = nullptr;
  void (*domainSetBlockThreshold)(Connection&, DomainIdentity&, const std::string& dev,
                                  unsigned long long threshold, unsigned int flags) = nullptr;
  void (*domainBlockResize)(Connection&, DomainIdentity&, const std::string& disk, unsigned long long size,
                            unsigned int flags) = nullptr;

  // --- snapshots (libvirt-domain-snapshot.h, capi/domain_snapshot.cc) ---
  // An entry that finds a snapshot returns its name: the facade makes the
  // handle on the caller's domain handle. Lists are in the driver's order.
  std::string (*domainSnapshotCreateXML)(Connection&, DomainIdentity&, std::string_view xml,
                                         unsigned int flags) = nullptr;
  int (*domainSnapshotNum)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::vector<std::string> (*domainSnapshotListNames)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::vector<std::string> (*domainListAllSnapshots)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::string (*domainSnapshotLookupByName)(Connection&, DomainIdentity&, std::string_view name,
                                            unsigned int flags) = nullptr;
  int (*domainHasCurrentSnapshot)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::string (*domainSnapshotCurrent)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::string (*domainSnapshotGetParent)(Connection&, const DomainSnapshotIdentity&, unsigned int flags) = nullptr;
  int (*domainSnapshotNumChildren)(Connection&, const DomainSnapshotIdentity&, unsigned int flags) = nullptr;
  std::vector<std::string> (*domainSnapshotListChildrenNames)(Connection&, const DomainSnapshotIdentity&,
                                                              unsigned int flags) = nullptr;
  std::vector<std::string> (*domainSnapshotListAllChildren)(Connection&, const DomainSnapshotIdentity&,
                                                            unsigned int flags) = nullptr;
  std::string (*domainSnapshotGetXMLDesc)(Connection&, const DomainSnapshotIdentity&, unsigned int flags) = nullptr;
  int (*domainSnapshotIsCurrent)(Connection&, const DomainSnapshotIdentity&, unsigned int flags) = nullptr;
  int (*domainSnapshotHasMetadata)(Connection&, const DomainSnapshotIdentity&, unsigned int flags) = nullptr;
  // Updates the identity's domain id when the domain starts or stops.
  void (*domainRevertToSnapshot)(Connection&, DomainSnapshotIdentity&, unsigned int flags) = nullptr;
  void (*domainSnapshotDelete)(Connection&, const DomainSnapshotIdentity&, unsigned int flags) = nullptr;

  // --- checkpoints (libvirt-domain-checkpoint.h, capi/domain_checkpoint.cc), as snapshots ---
  std::string (*domainCheckpointCreateXML)(Connection&, DomainIdentity&, std::string_view xml,
                                           unsigned int flags) = nullptr;
  std::vector<std::string> (*domainListAllCheckpoints)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  std::string (*domainCheckpointLookupByName)(Connection&, DomainIdentity&, std::string_view name,
                                              unsigned int flags) = nullptr;
  std::string (*domainCheckpointGetParent)(Connection&, const DomainCheckpointIdentity&,
                                           unsigned int flags) = nullptr;
  std::vector<std::string> (*domainCheckpointListAllChildren)(Connection&, const DomainCheckpointIdentity&,
                                                              unsigned int flags) = nullptr;
  std::string (*domainCheckpointGetXMLDesc)(Connection&, const DomainCheckpointIdentity&,
                                            unsigned int flags) = nullptr;
  void (*domainCheckpointDelete)(Connection&, const DomainCheckpointIdentity&, unsigned int flags) = nullptr;

  // --- migration (capi/domain_migrate.cc) ---
  // A migration that this connection's driver carries out without a
  // connection to the destination (libvirt's "unmanaged" migration):
  // virDomainMigrateToURI, ToURI2 and ToURI3 arrive here with their
  // arguments as VIR_MIGRATE_PARAM_* parameters, as libvirt's public layer
  // turns them; so do virDomainMigrate, 2 and 3 with VIR_MIGRATE_PEER2PEER.
  // `dconnuri` (the destination's libvirt URI) is set for a peer-to-peer
  // migration only. The facade has asked domainMigrationSupported first.
  void (*domainMigrateUnmanaged)(Connection&, DomainIdentity&, const std::optional<std::string>& dconnuri,
                                 const TypedParamList& params, unsigned int flags) = nullptr;
  // What libvirt's public layer asks a driver before a migration (its
  // migration "features"); a driver without this entry has none.
  bool (*domainMigrationSupported)(Connection&, MigrationFeature feature) = nullptr;
  // A managed migration (virDomainMigrate, 2 and 3 without
  // VIR_MIGRATE_PEER2PEER): the facade calls begin and perform and confirm
  // on the source's connection, prepare and finish on the destination's,
  // handing each step's cookie to the next. `cancelled`: the steps before
  // failed, so finish kills the incoming domain and confirm resumes the
  // source's.
  MigrationBegun (*domainMigrateBegin)(Connection&, DomainIdentity&, const TypedParamList& params,
                                       unsigned int flags) = nullptr;
  MigrationPrepared (*domainMigratePrepare)(Connection&, const TypedParamList& params, std::string_view cookie,
                                            unsigned int flags) = nullptr;
  std::string (*domainMigratePerform)(Connection&, DomainIdentity&, const TypedParamList& params,
                                      std::string_view cookie, unsigned int flags) = nullptr;
  MigrationFinished (*domainMigrateFinish)(Connection&, const TypedParamList& params, std::string_view cookie,
                                           unsigned int flags, bool cancelled) = nullptr;
  void (*domainMigrateConfirm)(Connection&, DomainIdentity&, const TypedParamList& params, std::string_view cookie,
                               unsigned int flags, bool cancelled) = nullptr;

  // --- jobs and migration tuning (capi/domain_job.cc) ---
  virDomainJobInfo (*domainGetJobInfo)(Connection&, DomainIdentity&) = nullptr;
  DomainJobStats (*domainGetJobStats)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainAbortJob)(Connection&, DomainIdentity&) = nullptr;
  void (*domainAbortJobFlags)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  unsigned long long (*domainMigrateGetMaxDowntime)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainMigrateSetMaxDowntime)(Connection&, DomainIdentity&, unsigned long long downtime,
                                      unsigned int flags) = nullptr;
  unsigned long (*domainMigrateGetMaxSpeed)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainMigrateSetMaxSpeed)(Connection&, DomainIdentity&, unsigned long bandwidth,
                                   unsigned int flags) = nullptr;
  unsigned long long (*domainMigrateGetCompressionCache)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainMigrateSetCompressionCache)(Connection&, DomainIdentity&, unsigned long long cacheSize,
                                           unsigned int flags) = nullptr;
  void (*domainMigrateStartPostCopy)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainStartDirtyRateCalc)(Connection&, DomainIdentity&, int seconds, unsigned int flags) = nullptr;

  // --- more of the guest (capi/domain_guest.cc): vCPUs and facts through the agent, power ---
  TypedParamList (*domainGetGuestVcpus)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  void (*domainSetGuestVcpus)(Connection&, DomainIdentity&, const std::string& cpumap, int state,
                              unsigned int flags) = nullptr;
  // `types`: virDomainGuestInfoTypes bits (0: all the driver has).
  TypedParamList (*domainGetGuestInfo)(Connection&, DomainIdentity&, unsigned int types, unsigned int flags) = nullptr;
  // The driver's own answer (0 in libvirt's drivers).
  int (*domainAgentSetResponseTimeout)(Connection&, DomainIdentity&, int timeout, unsigned int flags) = nullptr;
  std::vector<std::string> (*domainAuthorizedSSHKeysGet)(Connection&, DomainIdentity&, const std::string& user,
                                                         unsigned int flags) = nullptr;
  void (*domainAuthorizedSSHKeysSet)(Connection&, DomainIdentity&, const std::string& user,
                                     const std::vector<std::string>& keys, unsigned int flags) = nullptr;
  void (*domainPMSuspendForDuration)(Connection&, DomainIdentity&, unsigned int target, unsigned long long duration,
                                     unsigned int flags) = nullptr;
  void (*domainPMWakeup)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;

  // --- disks, devices, vCPUs and labels beyond the basics ---
  // Every statistic of the disk, in the driver's order (flags as given,
  // plus VIR_TYPED_PARAM_STRING_OKAY); the facade keeps what the caller asked for.
  TypedParamList (*domainBlockStatsFlags)(Connection&, DomainIdentity&, const std::string& disk,
                                          unsigned int flags) = nullptr;
  // `size` bytes of the disk's image from `offset`; exactly that many.
  std::vector<unsigned char> (*domainBlockPeek)(Connection&, DomainIdentity&, const std::string& disk,
                                                unsigned long long offset, size_t size, unsigned int flags) = nullptr;
  void (*domainBlockCopy)(Connection&, DomainIdentity&, const std::string& disk, const std::string& destxml,
                          const TypedParamList& params, unsigned int flags) = nullptr;
  void (*domainDetachDeviceAlias)(Connection&, DomainIdentity&, const std::string& alias,
                                  unsigned int flags) = nullptr;
  // `vcpumap`: libvirt's list syntax ("1-3,^2").
  void (*domainSetVcpu)(Connection&, DomainIdentity&, const std::string& vcpumap, int state,
                        unsigned int flags) = nullptr;
  // One label per security driver, in the driver's order.
  std::vector<virSecurityLabel> (*domainGetSecurityLabelList)(Connection&, DomainIdentity&) = nullptr;

  // --- save images with parameters, launch security, backups ---
  // VIR_DOMAIN_SAVE_PARAM_* parameters; a save stops the domain (the identity's id becomes -1).
  void (*domainSaveParams)(Connection&, DomainIdentity&, const TypedParamList& params, unsigned int flags) = nullptr;
  void (*domainRestoreParams)(Connection&, const TypedParamList& params, unsigned int flags) = nullptr;
  void (*domainManagedSaveDefineXML)(Connection&, DomainIdentity&, const std::optional<std::string>& dxml,
                                     unsigned int flags) = nullptr;
  void (*domainSetLaunchSecurityState)(Connection&, DomainIdentity&, const TypedParamList& params,
                                       unsigned int flags) = nullptr;
  void (*domainBackupBegin)(Connection&, DomainIdentity&, const std::string& backupXML,
                            const std::optional<std::string>& checkpointXML, unsigned int flags) = nullptr;
  std::string (*domainBackupGetXMLDesc)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;

  // --- the host's memory, power and SEV (capi/host_memory.cc) ---
  // The statistics of NUMA cell `cellNum` (VIR_NODE_MEMORY_STATS_ALL_CELLS:
  // all). `nparams` is the caller's room, which only the remote driver uses
  // (sent as libvirt's client sends it; 0 asks for the count alone); the
  // other drivers return every statistic.
  NodeMemoryStats (*nodeGetMemoryStats)(Connection&, int cellNum, int nparams, unsigned int flags) = nullptr;
  // Every parameter (flags as given, plus VIR_TYPED_PARAM_STRING_OKAY).
  TypedParamList (*nodeGetMemoryParameters)(Connection&, unsigned int flags) = nullptr;
  void (*nodeSetMemoryParameters)(Connection&, const TypedParamList& params, unsigned int flags) = nullptr;
  // The driver's answer: how many pages it allocated (libvirt's drivers: the number of page sizes).
  int (*nodeAllocPages)(Connection&, const std::vector<unsigned int>& pageSizes,
                        const std::vector<unsigned long long>& pageCounts, int startCell, unsigned int cellCount,
                        unsigned int flags) = nullptr;
  void (*nodeSuspendForDuration)(Connection&, unsigned int target, unsigned long long duration,
                                 unsigned int flags) = nullptr;
  TypedParamList (*nodeGetSEVInfo)(Connection&, unsigned int flags) = nullptr;
  // virConnectDomainXMLFromNative: a definition from a native one (for QEMU: "qemu-argv").
  std::string (*connectDomainXMLFromNative)(Connection&, const std::string& nativeFormat,
                                            const std::string& nativeConfig, unsigned int flags) = nullptr;

  // --- CPU definitions against the host's (capi/host_cpu.cc) ---
  // A virCPUCompareResult; the hypervisor forms name the emulator, arch,
  // machine and virt type to compare with (each may be absent: the defaults).
  int (*connectCompareCPU)(Connection&, const std::string& xmlDesc, unsigned int flags) = nullptr;
  int (*connectCompareHypervisorCPU)(Connection&, const std::optional<std::string>& emulator,
                                     const std::optional<std::string>& arch, const std::optional<std::string>& machine,
                                     const std::optional<std::string>& virttype, const std::string& xmlCPU,
                                     unsigned int flags) = nullptr;
  // The CPU every one of `xmlCPUs` can run as.
  std::string (*connectBaselineCPU)(Connection&, const std::vector<std::string>& xmlCPUs, unsigned int flags) = nullptr;
  std::string (*connectBaselineHypervisorCPU)(Connection&, const std::optional<std::string>& emulator,
                                              const std::optional<std::string>& arch,
                                              const std::optional<std::string>& machine,
                                              const std::optional<std::string>& virttype,
                                              const std::vector<std::string>& xmlCPUs, unsigned int flags) = nullptr;

  // Every other public function, generated by capi/gen_entry_points.py:
  // entries that take the C arguments as they are, and PendingEntry ones.
#include "lib/driver/hypervisor_generated.inc"

  // --- libvirt-qemu.h (libvireo-qemu.so.0, through capi/companion.h) ---
  // virDomainQemuMonitorCommand(WithFiles): QEMU's whole reply as text. `fd`
  // is -1, or a descriptor to pass along with the command (still the caller's).
  std::string (*domainQemuMonitorCommand)(Connection&, DomainIdentity&, const char* cmd, int fd,
                                          unsigned int flags) = nullptr;
  std::string (*domainQemuAgentCommand)(Connection&, DomainIdentity&, const char* cmd, int timeout,
                                        unsigned int flags) = nullptr;
  DomainIdentity (*domainQemuAttach)(Connection&, unsigned int pid, unsigned int flags) = nullptr;
  // Where virConnectDomainQemuMonitorEventRegister adds its callbacks (the
  // domain events' state: libvirt numbers both kinds in one sequence).
  DomainEventState& (*qemuMonitorEventState)(Connection&) = nullptr;

  // --- libvirt-lxc.h (libvireo-lxc.so.0) ---
  // The container init's namespaces, in libvirt's order (user, ipc, uts,
  // net, pid, mnt), those that could not be opened left out.
  std::vector<UniqueFd> (*domainLxcOpenNamespace)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
  // Moves the calling process into the container's cgroup.
  void (*domainLxcEnterCGroup)(Connection&, DomainIdentity&, unsigned int flags) = nullptr;
};

}  // namespace vireo::driver
