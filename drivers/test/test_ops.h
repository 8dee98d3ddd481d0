// The test driver's hypervisor table and the functions behind it, grouped by
// the file that implements them.
#pragma once

#include "lib/driver/hypervisor_driver.h"

namespace vireo::test {

extern const driver::HypervisorDriver kHypervisorDriver;

using driver::Connection;
using driver::DomainIdentity;

namespace hostops {  // test_host.cc
unsigned long getVersion(Connection&);
std::string getHostname(Connection&);
std::string getCapabilities(Connection&);
int getMaxVcpus(Connection&, const char* type);
std::vector<std::string> getCPUModelNames(Connection&, const std::string& arch, unsigned int flags);
int isSecure(Connection&);
int isEncrypted(Connection&);
int isAlive(Connection&);
virNodeInfo nodeGetInfo(Connection&);
unsigned long long nodeGetFreeMemory(Connection&);
driver::DomainEventState& eventState(Connection&);
std::vector<unsigned long long> nodeGetCellsFreeMemory(Connection&, int start, int max);
virSecurityModel nodeGetSecurityModel(Connection&);
std::vector<DomainIdentity> listAllDomains(Connection&, unsigned int flags);
DomainIdentity lookupByName(Connection&, std::string_view name);
DomainIdentity lookupByID(Connection&, int id);
DomainIdentity lookupByUUID(Connection&, const Uuid& uuid);
// test_host_cpu.cc
driver::NodeCpuMap nodeGetCPUMap(Connection&, unsigned int flags);
std::vector<virNodeCPUStats> nodeGetCPUStats(Connection&, int cpuNum, unsigned int flags);
driver::FreePages nodeGetFreePages(Connection&, const std::vector<unsigned int>& pageSizes, int startCell,
                                   unsigned int cellCount, unsigned int flags);
std::string getSysinfo(Connection&, unsigned int flags);
}  // namespace hostops

namespace domainops {
// test_domain_define.cc
DomainIdentity defineXMLFlags(Connection&, std::string_view xml, unsigned int flags);
void undefineFlags(Connection&, DomainIdentity&, unsigned int flags);
DomainIdentity createXML(Connection&, std::string_view xml, unsigned int flags);
// libvirt's test driver ignores the files.
DomainIdentity createXMLWithFiles(Connection&, std::string_view xml, std::span<const int> files, unsigned int flags);
// test_domain_lifecycle.cc
void createWithFlags(Connection&, DomainIdentity&, unsigned int flags);
void createWithFiles(Connection&, DomainIdentity&, std::span<const int> files, unsigned int flags);
void destroyFlags(Connection&, DomainIdentity&, unsigned int flags);
void shutdownFlags(Connection&, DomainIdentity&, unsigned int flags);
void reboot(Connection&, DomainIdentity&, unsigned int flags);
void reset(Connection&, DomainIdentity&, unsigned int flags);
void suspend(Connection&, DomainIdentity&);
void resume(Connection&, DomainIdentity&);
// test_domain_save.cc
void saveFlags(Connection&, DomainIdentity&, const char* path, const char* dxml, unsigned int flags);
void restoreFlags(Connection&, const char* path, const char* dxml, unsigned int flags);
void managedSave(Connection&, DomainIdentity&, unsigned int flags);
int hasManagedSaveImage(Connection&, DomainIdentity&, unsigned int flags);
void managedSaveRemove(Connection&, DomainIdentity&, unsigned int flags);
std::string saveImageGetXMLDesc(Connection&, const std::string& file, unsigned int flags);
void saveImageDefineXML(Connection&, const std::string& file, const std::string& dxml, unsigned int flags);
// test_domain_query.cc
std::string getOSType(Connection&, DomainIdentity&);
virDomainInfo getInfo(Connection&, DomainIdentity&);
driver::DomainStateInfo getState(Connection&, DomainIdentity&, unsigned int flags);
std::string getXMLDesc(Connection&, DomainIdentity&, unsigned int flags);
unsigned long long getMaxMemory(Connection&, DomainIdentity&);
int getMaxVcpus(Connection&, DomainIdentity&);
int getVcpusFlags(Connection&, DomainIdentity&, unsigned int flags);
int getAutostart(Connection&, DomainIdentity&);
std::string getHostname(Connection&, DomainIdentity&, unsigned int flags);
virSecurityLabel getSecurityLabel(Connection&, DomainIdentity&);
int isActive(Connection&, DomainIdentity&);
int isPersistent(Connection&, DomainIdentity&);
int isUpdated(Connection&, DomainIdentity&);
void setMaxMemory(Connection&, DomainIdentity&, unsigned long memory);
void setMemoryFlags(Connection&, DomainIdentity&, unsigned long memory, unsigned int flags);
void setVcpusFlags(Connection&, DomainIdentity&, unsigned int nvcpus, unsigned int flags);
void setAutostart(Connection&, DomainIdentity&, int autostart);
// test_domain_metadata.cc
std::string getMetadata(Connection&, DomainIdentity&, int type, const char* uri, unsigned int flags);
void setMetadata(Connection&, DomainIdentity&, int type, const char* metadata, const char* key, const char* uri,
                 unsigned int flags);
// test_domain_sched.cc
std::string getSchedulerType(Connection&, DomainIdentity&, int& nparams);
driver::TypedParamList getSchedulerParameters(Connection&, DomainIdentity&, unsigned int flags);
void setSchedulerParameters(Connection&, DomainIdentity&, const driver::TypedParamList& params,
                            unsigned int flags);
// test_domain_stats.cc
virDomainBlockStatsStruct blockStats(Connection&, DomainIdentity&, const std::string& disk);
virDomainInterfaceStatsStruct interfaceStats(Connection&, DomainIdentity&, const std::string& device);
std::vector<virDomainMemoryStatStruct> memoryStats(Connection&, DomainIdentity&, unsigned int flags);
virDomainBlockInfo blockInfo(Connection&, DomainIdentity&, const std::string& disk, unsigned int flags);
driver::DomainTime getTime(Connection&, DomainIdentity&, unsigned int flags);
virDomainControlInfo controlInfo(Connection&, DomainIdentity&, unsigned int flags);
std::vector<driver::DiskError> diskErrors(Connection&, DomainIdentity&, unsigned int flags);
// test_domain_tuning.cc
driver::TypedParamList memoryParameters(Connection&, DomainIdentity&, unsigned int flags);
driver::TypedParamList numaParameters(Connection&, DomainIdentity&, unsigned int flags);
driver::TypedParamList blkioParameters(Connection&, DomainIdentity&, unsigned int flags);
driver::TypedParamList interfaceParameters(Connection&, DomainIdentity&, const std::string& device,
                                           unsigned int flags);
driver::TypedParamList blockIoTune(Connection&, DomainIdentity&, const std::string& disk, unsigned int flags);
// test_domain_vcpu.cc
std::vector<driver::DomainStatsRecord> getAllDomainStats(Connection&, const std::vector<DomainIdentity>& domains,
                                                         unsigned int groups, unsigned int flags);
std::vector<driver::VcpuState> getVcpus(Connection&, DomainIdentity&, int maxinfo, int maplen);
void pinVcpuFlags(Connection&, DomainIdentity&, unsigned int vcpu, const conf::CpuSet& cpus, unsigned int flags);
std::vector<conf::CpuSet> getVcpuPinInfo(Connection&, DomainIdentity&, int ncpumaps, int maplen, unsigned int flags);
void pinEmulator(Connection&, DomainIdentity&, const conf::CpuSet& cpus, unsigned int flags);
conf::CpuSet getEmulatorPinInfo(Connection&, DomainIdentity&, int maplen, unsigned int flags);
// test_domain_iothread.cc
void addIOThread(Connection&, DomainIdentity&, unsigned int iothreadId, unsigned int flags);
void delIOThread(Connection&, DomainIdentity&, unsigned int iothreadId, unsigned int flags);
std::vector<driver::IOThreadState> getIOThreadInfo(Connection&, DomainIdentity&, unsigned int flags);
void pinIOThread(Connection&, DomainIdentity&, unsigned int iothreadId, const conf::CpuSet& cpus, unsigned int flags);
void setIOThreadParams(Connection&, DomainIdentity&, unsigned int iothreadId, const driver::TypedParamList& params,
                       unsigned int flags);
// test_domain_guest.cc
int fsFreeze(Connection&, DomainIdentity&, const std::vector<std::string>& mountpoints, unsigned int flags);
int fsThaw(Connection&, DomainIdentity&, const std::vector<std::string>& mountpoints, unsigned int flags);
void fsTrim(Connection&, DomainIdentity&, const std::optional<std::string>& mountPoint, unsigned long long minimum,
            unsigned int flags);
std::vector<driver::GuestFilesystem> getFSInfo(Connection&, DomainIdentity&, unsigned int flags);
std::vector<driver::GuestInterface> interfaceAddresses(Connection&, DomainIdentity&, unsigned int source,
                                                       unsigned int flags);
void setUserPassword(Connection&, DomainIdentity&, const std::string& user, const std::string& password,
                     unsigned int flags);
void sendKey(Connection&, DomainIdentity&, unsigned int codeset, unsigned int holdtime,
             const std::vector<unsigned int>& keycodes, unsigned int flags);
void setTime(Connection&, DomainIdentity&, long long seconds, unsigned int nseconds, unsigned int flags);
void injectNMI(Connection&, DomainIdentity&, unsigned int flags);
void sendProcessSignal(Connection&, DomainIdentity&, long long pid, unsigned int signum, unsigned int flags);
// test_domain_dump.cc
void coreDumpWithFormat(Connection&, DomainIdentity&, const std::string& to, unsigned int dumpformat,
                        unsigned int flags);
std::vector<unsigned char> memoryPeek(Connection&, DomainIdentity&, unsigned long long start, size_t size,
                                      unsigned int flags);
driver::DomainCpuStats getCPUStats(Connection&, DomainIdentity&, int startCpu, unsigned int ncpus,
                                   unsigned int flags);
// test_domain_config.cc
void rename(Connection&, DomainIdentity&, const std::string& newName, unsigned int flags);
void setLifecycleAction(Connection&, DomainIdentity&, unsigned int type, unsigned int action, unsigned int flags);
void setMemoryStatsPeriod(Connection&, DomainIdentity&, int period, unsigned int flags);
driver::TypedParamList getPerfEvents(Connection&, DomainIdentity&, unsigned int flags);
void setPerfEvents(Connection&, DomainIdentity&, const driver::TypedParamList& params, unsigned int flags);
driver::TypedParamList getLaunchSecurityInfo(Connection&, DomainIdentity&, unsigned int flags);
std::vector<std::string> getMessages(Connection&, DomainIdentity&, unsigned int flags);
// test_domain_tuning_set.cc
void setMemoryParameters(Connection&, DomainIdentity&, const driver::TypedParamList& params, unsigned int flags);
void setNumaParameters(Connection&, DomainIdentity&, const driver::TypedParamList& params, unsigned int flags);
void setBlkioParameters(Connection&, DomainIdentity&, const driver::TypedParamList& params, unsigned int flags);
void setInterfaceParameters(Connection&, DomainIdentity&, const std::string& device,
                            const driver::TypedParamList& params, unsigned int flags);
void setBlockIoTune(Connection&, DomainIdentity&, const std::string& disk, const driver::TypedParamList& params,
                    unsigned int flags);
// test_screenshot.cc
driver::HypervisorDriver::Screenshot screenshot(Connection&, DomainIdentity&, unsigned int screen,
                                                unsigned int flags);
}  // namespace domainops

namespace snapshotops {
using driver::DomainSnapshotIdentity;
// test_snapshot.cc
std::string createXML(Connection&, DomainIdentity&, std::string_view xml, unsigned int flags);
int num(Connection&, DomainIdentity&, unsigned int flags);
std::vector<std::string> listNames(Connection&, DomainIdentity&, unsigned int flags);
std::vector<std::string> listAll(Connection&, DomainIdentity&, unsigned int flags);
std::string lookupByName(Connection&, DomainIdentity&, std::string_view name, unsigned int flags);
int hasCurrent(Connection&, DomainIdentity&, unsigned int flags);
std::string current(Connection&, DomainIdentity&, unsigned int flags);
std::string getParent(Connection&, const DomainSnapshotIdentity&, unsigned int flags);
int numChildren(Connection&, const DomainSnapshotIdentity&, unsigned int flags);
std::vector<std::string> listChildrenNames(Connection&, const DomainSnapshotIdentity&, unsigned int flags);
std::vector<std::string> listAllChildren(Connection&, const DomainSnapshotIdentity&, unsigned int flags);
std::string getXMLDesc(Connection&, const DomainSnapshotIdentity&, unsigned int flags);
int isCurrent(Connection&, const DomainSnapshotIdentity&, unsigned int flags);
int hasMetadata(Connection&, const DomainSnapshotIdentity&, unsigned int flags);
// test_snapshot_revert.cc
void revert(Connection&, DomainSnapshotIdentity&, unsigned int flags);
void remove(Connection&, const DomainSnapshotIdentity&, unsigned int flags);
}  // namespace snapshotops

namespace checkpointops {  // test_checkpoint.cc
using driver::DomainCheckpointIdentity;
std::string createXML(Connection&, DomainIdentity&, std::string_view xml, unsigned int flags);
std::vector<std::string> listAll(Connection&, DomainIdentity&, unsigned int flags);
std::string lookupByName(Connection&, DomainIdentity&, std::string_view name, unsigned int flags);
std::string getParent(Connection&, const DomainCheckpointIdentity&, unsigned int flags);
std::vector<std::string> listAllChildren(Connection&, const DomainCheckpointIdentity&, unsigned int flags);
std::string getXMLDesc(Connection&, const DomainCheckpointIdentity&, unsigned int flags);
void remove(Connection&, const DomainCheckpointIdentity&, unsigned int flags);
}  // namespace checkpointops

}  // namespace vireo::test
