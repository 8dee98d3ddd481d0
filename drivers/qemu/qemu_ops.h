// The QEMU driver's hypervisor table and the functions behind it, grouped by
// the file that implements them.
#pragma once

#include <memory>
#include <mutex>

#include "drivers/qemu/qemu_driver_state.h"
#include "lib/driver/hypervisor_driver.h"

namespace vireo::qemu {

extern const driver::HypervisorDriver kHypervisorDriver;

using driver::Connection;
using driver::DomainIdentity;

// An operation on one domain: holds the domain (shared, so it stays valid)
// and its job lock for the operation's whole duration.
class DomainJob {
 public:
  DomainJob(QemuDriver& driver, const DomainIdentity& identity);
  QemuDomain& operator*() const { return *dom_; }
  QemuDomain* operator->() const { return dom_.get(); }
  const std::shared_ptr<QemuDomain>& shared() const { return dom_; }

 private:
  std::shared_ptr<QemuDomain> dom_;
  std::unique_lock<std::mutex> job_;
};

// VIR_ERR_OPERATION_INVALID "domain is not running" (libvirt's shared check).
void requireActive(const QemuDomain& dom);
// The running QEMU's monitor, or VIR_ERR_OPERATION_INVALID when there is none.
QmpMonitor& monitorOf(QemuDomain& dom);

namespace hostops {  // qemu_host.cc
unsigned long getVersion(Connection&);
std::string getHostname(Connection&);
std::string getCapabilities(Connection&);
// qemu_domain_capabilities.cc
std::string getDomainCapabilities(Connection&, const char* emulator, const char* arch, const char* machine,
                                  const char* virttype, unsigned int flags);
// qemu_native.cc
std::string domainXMLToNative(Connection&, const char* format, const char* xml, unsigned int flags);
int getMaxVcpus(Connection&, const char* type);
std::vector<std::string> getCPUModelNames(Connection&, const std::string& arch, unsigned int flags);
int isSecure(Connection&);
int isEncrypted(Connection&);
int isAlive(Connection&);
virNodeInfo nodeGetInfo(Connection&);
unsigned long long nodeGetFreeMemory(Connection&);
driver::NodeMemoryStats nodeGetMemoryStats(Connection&, int cellNum, int nparams, unsigned int flags);
driver::DomainEventState& eventState(Connection&);
std::vector<DomainIdentity> listAllDomains(Connection&, unsigned int flags);
DomainIdentity lookupByName(Connection&, std::string_view name);
DomainIdentity lookupByID(Connection&, int id);
DomainIdentity lookupByUUID(Connection&, const Uuid& uuid);
}  // namespace hostops

namespace domainops {
// qemu_domain_define.cc
DomainIdentity defineXMLFlags(Connection&, std::string_view xml, unsigned int flags);
void undefineFlags(Connection&, DomainIdentity&, unsigned int flags);
DomainIdentity createXML(Connection&, std::string_view xml, unsigned int flags);
void setAutostart(Connection&, DomainIdentity&, int autostart);
// qemu_domain_lifecycle.cc
void createWithFlags(Connection&, DomainIdentity&, unsigned int flags);
void destroyFlags(Connection&, DomainIdentity&, unsigned int flags);
void shutdownFlags(Connection&, DomainIdentity&, unsigned int flags);
void reboot(Connection&, DomainIdentity&, unsigned int flags);
void reset(Connection&, DomainIdentity&, unsigned int flags);
void suspend(Connection&, DomainIdentity&);
void resume(Connection&, DomainIdentity&);
// qemu_domain_device.cc
void attachDeviceFlags(Connection&, DomainIdentity&, std::string_view xml, unsigned int flags);
void detachDeviceFlags(Connection&, DomainIdentity&, std::string_view xml, unsigned int flags);
// qemu_domain_query.cc
std::string getOSType(Connection&, DomainIdentity&);
virDomainInfo getInfo(Connection&, DomainIdentity&);
driver::DomainStateInfo getState(Connection&, DomainIdentity&, unsigned int flags);
std::string getXMLDesc(Connection&, DomainIdentity&, unsigned int flags);
unsigned long long getMaxMemory(Connection&, DomainIdentity&);
int getMaxVcpus(Connection&, DomainIdentity&);
int getVcpusFlags(Connection&, DomainIdentity&, unsigned int flags);
int getAutostart(Connection&, DomainIdentity&);
int isActive(Connection&, DomainIdentity&);
int isPersistent(Connection&, DomainIdentity&);
int isUpdated(Connection&, DomainIdentity&);

// qemu_domain_jobs.cc: no background job ever runs here.
virDomainJobInfo getJobInfo(Connection&, DomainIdentity&);
driver::DomainJobStats getJobStats(Connection&, DomainIdentity&, unsigned int flags);
void abortJob(Connection&, DomainIdentity&);
void abortJobFlags(Connection&, DomainIdentity&, unsigned int flags);
}  // namespace domainops

}  // namespace vireo::qemu
