// The remote driver's entries that need more than one call with its reply
// (remote_call.h): the connection's own answers, handle ids, events.
#pragma once

#include <functional>
#include <string>

#include "lib/driver/hypervisor_driver.h"

namespace vireo::remote::ops {

using driver::Connection;
using driver::DomainIdentity;

const char* getType(Connection& conn);
int isAlive(Connection& conn);
int isSecure(Connection& conn);
int isEncrypted(Connection& conn);
int setKeepAlive(Connection& conn, int interval, unsigned int count);
bool typedParamStringsSupported(Connection& conn);
driver::DomainEventState& eventState(Connection& conn);

// The close callback: kept here, and registered with the daemon too (so
// that it tells us when its own driver connection closes).
void registerCloseCallback(Connection& conn, const void* key, std::function<void(int)> call,
                           std::function<void()> release);
void unregisterCloseCallback(Connection& conn, const void* key);

// These change the handle's id as libvirt's client does: a start copies the
// id the daemon returns, a destroy makes it -1.
void createWithFlags(Connection& conn, DomainIdentity& dom, unsigned int flags);
void createWithFiles(Connection& conn, DomainIdentity& dom, std::span<const int> files, unsigned int flags);
DomainIdentity createXMLWithFiles(Connection& conn, std::string_view xml, std::span<const int> files,
                                  unsigned int flags);
void destroyFlags(Connection& conn, DomainIdentity& dom, unsigned int flags);
void saveFlags(Connection& conn, DomainIdentity& dom, const char* path, const char* dxml, unsigned int flags);
void managedSave(Connection& conn, DomainIdentity& dom, unsigned int flags);
void saveParams(Connection& conn, DomainIdentity& dom, const driver::TypedParamList& params, unsigned int flags);
// The plain virDomainGetSchedulerParameters (flags 0) goes as its own
// procedure, as libvirt's client sends it: the daemon's public layer adds
// VIR_TYPED_PARAM_STRING_OKAY to the *Flags one, which some drivers refuse.
driver::TypedParamList getSchedulerParameters(Connection& conn, DomainIdentity& dom, unsigned int flags);
void setSchedulerParameters(Connection& conn, DomainIdentity& dom, const driver::TypedParamList& params,
                            unsigned int flags);
std::string getSchedulerType(Connection& conn, DomainIdentity& dom, int& nparams);


// remote_cpu_ops.cc: replies read with the caller's sizes (vCPU maps,
// per-CPU rows), and requests libvirt's client bounds before sending.
std::vector<driver::VcpuState> getVcpus(Connection& conn, DomainIdentity& dom, int maxinfo, int maplen);
std::vector<conf::CpuSet> getVcpuPinInfo(Connection& conn, DomainIdentity& dom, int ncpumaps, int maplen,
                                         unsigned int flags);
driver::DomainCpuStats getCPUStats(Connection& conn, DomainIdentity& dom, int startCpu, unsigned int ncpus,
                                   unsigned int flags);
std::vector<unsigned char> memoryPeek(Connection& conn, DomainIdentity& dom, unsigned long long start, size_t size,
                                      unsigned int flags);
std::vector<unsigned char> blockPeek(Connection& conn, DomainIdentity& dom, const std::string& disk,
                                     unsigned long long offset, size_t size, unsigned int flags);
// The wire has the count before the cell (the C API the other way round).
driver::NodeMemoryStats nodeGetMemoryStats(Connection& conn, int cellNum, int nparams, unsigned int flags);
driver::FreePages nodeGetFreePages(Connection& conn, const std::vector<unsigned int>& pageSizes, int startCell,
                                   unsigned int cellCount, unsigned int flags);

}  // namespace vireo::remote::ops
