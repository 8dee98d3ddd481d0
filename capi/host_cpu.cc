// libvirt-host.h: the host's CPU map, CPU statistics and free memory pages,
// and CPU definitions compared with the host's or reduced to a baseline.
//
// The drivers return C++ values (a CPU set, a vector of statistics); the
// argument checks and the copying into the caller's memory follow libvirt's
// public layer.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "capi/facade.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;

namespace {

std::optional<std::string> optional(const char* s) {
  if (!s) return std::nullopt;
  return std::string(s);
}

// The CPU definitions of a baseline call. libvirt checks only the array; a
// NULL entry goes on as an empty definition, which the driver refuses.
std::vector<std::string> cpuDefinitions(const char** xmlCPUs, unsigned int ncpus) {
  std::vector<std::string> list;
  for (unsigned int i = 0; i < ncpus; i++) list.emplace_back(xmlCPUs[i] ? xmlCPUs[i] : "");
  return list;
}

}  // namespace

extern "C" {

int virNodeGetCPUMap(virConnectPtr conn, unsigned char** cpumap, unsigned int* online, unsigned int flags) {
  return guarded("virNodeGetCPUMap", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    driver::NodeCpuMap map = call.op(&HV::nodeGetCPUMap)(call.impl(), flags);
    if (cpumap) {
      // One byte per started group of eight CPUs, malloc'ed: the caller frees it.
      int bytes = std::max(1, (map.cpus + 7) / 8);
      std::vector<unsigned char> bits = conf::cpuSetToMap(map.online, bytes);
      *cpumap = static_cast<unsigned char*>(std::malloc(bits.size()));
      if (!*cpumap) fail(VIR_ERR_NO_MEMORY, VIR_FROM_NONE, "");
      std::memcpy(*cpumap, bits.data(), bits.size());
    }
    if (online) *online = static_cast<unsigned int>(map.online.size());
    return map.cpus;
  }, entryArgs("conn, cpumap, online, flags", conn, cpumap, online, flags));
}

int virNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params, int* nparams,
                       unsigned int flags) {
  return guarded("virNodeGetCPUStats", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(nparams, "nparams");
    call.nonNegative(*nparams, "*nparams");
    if (cpuNum < VIR_NODE_CPU_STATS_ALL_CPUS)
      call.invalidArg("cpuNum in virNodeGetCPUStats must be greater than or equal to -1");
    std::vector<virNodeCPUStats> stats = call.op(&HV::nodeGetCPUStats)(call.impl(), cpuNum, flags);
    // A NULL array asks how many there are.
    if (!params) {
      *nparams = static_cast<int>(stats.size());
      return 0;
    }
    int n = std::min<int>(*nparams, stats.size());
    std::copy_n(stats.begin(), n, params);
    *nparams = n;
    return 0;
  }, entryArgs("conn, cpuNum, params, nparams, flags", conn, cpuNum, params, nparams, flags));
}

int virNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int* pages, int startCell,
                        unsigned int cellCount, unsigned long long* counts, unsigned int flags) {
  return guarded("virNodeGetFreePages", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    if (npages == 0) call.invalidArg("npages in virNodeGetFreePages must not be zero");
    call.nonNull(pages, "pages");
    if (cellCount == 0) call.invalidArg("cellCount in virNodeGetFreePages must not be zero");
    call.nonNull(counts, "counts");
    if (static_cast<unsigned long long>(npages) * cellCount > INT_MAX)
      call.invalidArg("npages * cellCount in virNodeGetFreePages must be less than " + std::to_string(INT_MAX));
    std::vector<unsigned int> sizes(pages, pages + npages);
    driver::FreePages free = call.op(&HV::nodeGetFreePages)(call.impl(), sizes, startCell, cellCount, flags);
    std::copy_n(free.counts.begin(), std::min<size_t>(free.counts.size(), size_t{npages} * cellCount), counts);
    return free.cells;
  }, entryArgs("conn, npages, pages, startCell, cellCount, counts, flags", conn, npages, pages, startCell,
               cellCount, counts, flags));
}

int virConnectCompareCPU(virConnectPtr conn, const char* xmlDesc, unsigned int flags) {
  return guarded("virConnectCompareCPU", VIR_FROM_DOMAIN, static_cast<int>(VIR_CPU_COMPARE_ERROR), [&](Call& call) {
    call.connection(conn);
    call.nonNull(xmlDesc, "xmlDesc");
    return call.op(&HV::connectCompareCPU)(call.impl(), xmlDesc, flags);
  }, entryArgs("conn, xmlDesc, flags", conn, xmlDesc, flags));
}

// libvirt checks the CPU's XML before it refuses a read-only connection.
int virConnectCompareHypervisorCPU(virConnectPtr conn, const char* emulator, const char* arch, const char* machine,
                                   const char* virttype, const char* xmlCPU, unsigned int flags) {
  return guarded("virConnectCompareHypervisorCPU", VIR_FROM_DOMAIN, static_cast<int>(VIR_CPU_COMPARE_ERROR),
                 [&](Call& call) {
    call.connection(conn);
    call.nonNull(xmlCPU, "xmlCPU");
    call.requireWritable();
    return call.op(&HV::connectCompareHypervisorCPU)(call.impl(), optional(emulator), optional(arch),
                                                     optional(machine), optional(virttype), xmlCPU, flags);
  }, entryArgs("conn, emulator, arch, machine, virttype, xmlCPU, flags", conn, emulator, arch, machine, virttype,
               xmlCPU, flags));
}

char* virConnectBaselineCPU(virConnectPtr conn, const char** xmlCPUs, unsigned int ncpus, unsigned int flags) {
  return guarded("virConnectBaselineCPU", VIR_FROM_DOMAIN, static_cast<char*>(nullptr), [&](Call& call) {
    call.connection(conn);
    call.nonNull(xmlCPUs, "xmlCPUs");
    return dupString(call.op(&HV::connectBaselineCPU)(call.impl(), cpuDefinitions(xmlCPUs, ncpus), flags));
  }, entryArgs("conn, xmlCPUs, ncpus, flags", conn, xmlCPUs, ncpus, flags));
}

char* virConnectBaselineHypervisorCPU(virConnectPtr conn, const char* emulator, const char* arch,
                                      const char* machine, const char* virttype, const char** xmlCPUs,
                                      unsigned int ncpus, unsigned int flags) {
  return guarded("virConnectBaselineHypervisorCPU", VIR_FROM_DOMAIN, static_cast<char*>(nullptr), [&](Call& call) {
    call.connection(conn);
    call.nonNull(xmlCPUs, "xmlCPUs");
    call.requireWritable();
    return dupString(call.op(&HV::connectBaselineHypervisorCPU)(call.impl(), optional(emulator), optional(arch),
                                                                optional(machine), optional(virttype),
                                                                cpuDefinitions(xmlCPUs, ncpus), flags));
  }, entryArgs("conn, emulator, arch, machine, virttype, xmlCPUs, ncpus, flags", conn, emulator, arch, machine,
               virttype, xmlCPUs, ncpus, flags));
}

}  // extern "C"
