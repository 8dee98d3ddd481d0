// The remote entries whose replies need the caller's sizes to be read:
// vCPU maps, per-CPU statistics, memory and block peeks, host memory
// statistics, free pages. Each checks what
// libvirt's client checks before sending and after the reply.
#include <algorithm>

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_ops.h"
#include "lib/util/error.h"

namespace vireo::remote::ops {
namespace {

// Bounds of remote_protocol.x.
constexpr int kVcpuInfoMax = 16384;
constexpr uint32_t kCpuMapsMax = 8388608;
constexpr uint32_t kNodeCpuStatsMax = 16;
constexpr unsigned int kCpuStatsNcpusMax = 128;
constexpr uint32_t kCpuStatsMax = 2048;
constexpr unsigned long long kNodeMaxCells = 1024;
constexpr size_t kMemoryPeekMax = 4194304;
constexpr size_t kBlockPeekMax = 4194304;

[[noreturn]] void badReply(const std::string& what) { fail(VIR_ERR_RPC, VIR_FROM_REMOTE, what); }

// `count` maps of `maplen` bytes must fit REMOTE_CPUMAPS_MAX.
void checkMapRoom(int count, int maplen) {
  if (count > kVcpuInfoMax)
    badReply("vCPU count exceeds maximum: " + std::to_string(count) + " > " + std::to_string(kVcpuInfoMax));
  long long bytes = static_cast<long long>(count) * maplen;
  if (bytes > static_cast<long long>(kCpuMapsMax))
    badReply("vCPU map buffer length exceeds maximum: " + std::to_string(bytes) + " > " +
             std::to_string(kCpuMapsMax));
}

// Cuts the reply's `opaque cpumaps<>` into maps of `maplen` bytes.
std::vector<conf::CpuSet> splitMaps(const std::vector<unsigned char>& bytes, int count, int maplen) {
  if (bytes.size() > static_cast<size_t>(count) * maplen)
    badReply("host reports map buffer length exceeds maximum: " + std::to_string(bytes.size()) + " > " +
             std::to_string(static_cast<long long>(count) * maplen));
  std::vector<conf::CpuSet> maps(count);
  for (int i = 0; i < count && maplen > 0; i++) {
    size_t start = static_cast<size_t>(i) * maplen;
    if (start >= bytes.size()) break;
    int len = static_cast<int>(std::min<size_t>(maplen, bytes.size() - start));
    maps[i] = conf::cpuSetFromMap(bytes.data() + start, len);
  }
  return maps;
}

struct VcpuInfo {  // remote_vcpu_info {unsigned int number; int state; unsigned hyper cpu_time; int cpu}
  static virVcpuInfo get(rpc::Xdr& x) {
    virVcpuInfo info{};
    info.number = wire::UInt::get(x);
    info.state = wire::Int::get(x);
    info.cpuTime = wire::UHyper::get(x);
    info.cpu = wire::Int::get(x);
    return info;
  }
};

struct VcpusReply {  // remote_domain_get_vcpus_ret {remote_vcpu_info info<>; opaque cpumaps<>}
  std::vector<virVcpuInfo> info;
  std::vector<unsigned char> maps;
  static VcpusReply get(rpc::Xdr& x) {
    VcpusReply r;
    r.info = wire::Array<VcpuInfo, kVcpuInfoMax>::get(x);
    r.maps = wire::Opaque<kCpuMapsMax>::get(x);
    return r;
  }
};

struct PinInfoReply {  // remote_domain_get_vcpu_pin_info_ret {opaque cpumaps<>; int num}
  std::vector<unsigned char> maps;
  int num = 0;
  static PinInfoReply get(rpc::Xdr& x) {
    PinInfoReply r;
    r.maps = wire::Opaque<kCpuMapsMax>::get(x);
    r.num = wire::Int::get(x);
    return r;
  }
};

struct CpuStatsReply {  // remote_domain_get_cpu_stats_ret {remote_typed_param params<>; int nparams}
  driver::TypedParamList params;
  int nparams = 0;
  static CpuStatsReply get(rpc::Xdr& x) {
    CpuStatsReply r;
    r.params = wire::getTypedParams(x, kCpuStatsMax);
    r.nparams = wire::Int::get(x);
    return r;
  }
};

}  // namespace

std::vector<driver::VcpuState> getVcpus(Connection& conn, DomainIdentity& dom, int maxinfo, int maplen) {
  checkMapRoom(maxinfo, maplen);
  VcpusReply r = Remote<20, VcpusReply(wire::Dom, wire::Int, wire::Int)>::call<VcpusReply>(conn, dom, maxinfo, maplen);
  if (r.info.size() > static_cast<size_t>(maxinfo))
    badReply("host reports too many vCPUs: " + std::to_string(r.info.size()) + " > " + std::to_string(maxinfo));
  std::vector<conf::CpuSet> maps = splitMaps(r.maps, maxinfo, maplen);
  std::vector<driver::VcpuState> vcpus(r.info.size());
  for (size_t i = 0; i < vcpus.size(); i++) {
    vcpus[i].info = r.info[i];
    vcpus[i].affinity = maps[i];
  }
  return vcpus;
}

std::vector<conf::CpuSet> getVcpuPinInfo(Connection& conn, DomainIdentity& dom, int ncpumaps, int maplen,
                                         unsigned int flags) {
  checkMapRoom(ncpumaps, maplen);
  PinInfoReply r = Remote<230, PinInfoReply(wire::Dom, wire::Int, wire::Int, wire::UInt)>::call<PinInfoReply>(
      conn, dom, ncpumaps, maplen, flags);
  if (r.num > ncpumaps)
    badReply("host reports too many vCPUs: " + std::to_string(r.num) + " > " + std::to_string(ncpumaps));
  std::vector<conf::CpuSet> maps = splitMaps(r.maps, ncpumaps, maplen);
  maps.resize(std::max(r.num, 0));
  return maps;
}

driver::DomainCpuStats getCPUStats(Connection& conn, DomainIdentity& dom, int startCpu, unsigned int ncpus,
                                   unsigned int flags) {
  using GetCpuStats = Remote<262, CpuStatsReply(wire::Dom, wire::UInt, wire::Int, wire::UInt, wire::UInt)>;
  driver::DomainCpuStats stats;
  if (ncpus > kCpuStatsNcpusMax)
    badReply("ncpus count exceeds maximum: " + std::to_string(ncpus) + " > " + std::to_string(kCpuStatsNcpusMax));
  if (startCpu != -1 && ncpus == 0) {
    // Only the number of host CPUs is asked: the daemon answers it in nparams.
    stats.hostCpus = GetCpuStats::call<CpuStatsReply>(conn, dom, 0u, startCpu, 0u, flags).nparams;
    return stats;
  }
  // Ask for as many parameters a CPU as the protocol allows; the daemon
  // leaves out the empty ones, so each row comes back `nparams` long.
  CpuStatsReply r = GetCpuStats::call<CpuStatsReply>(conn, dom, kNodeCpuStatsMax, startCpu, ncpus, flags);
  if (r.nparams <= 0) return stats;
  if (r.params.size() % r.nparams || r.nparams > static_cast<int>(kNodeCpuStatsMax))
    badReply("remoteDomainGetCPUStats: returned number of stats exceeds limit");
  for (size_t at = 0; at < r.params.size(); at += r.nparams)
    stats.rows.emplace_back(r.params.begin() + at, r.params.begin() + at + r.nparams);
  return stats;
}

std::vector<unsigned char> memoryPeek(Connection& conn, DomainIdentity& dom, unsigned long long start, size_t size,
                                      unsigned int flags) {
  if (size > kMemoryPeekMax)
    badReply("memory peek request too large for remote protocol, " + std::to_string(size) + " > " +
             std::to_string(kMemoryPeekMax));
  unsigned int bytes = static_cast<unsigned int>(size);
  std::vector<unsigned char> buffer =
      Remote<104, wire::Opaque<kMemoryPeekMax>(wire::Dom, wire::UHyper, wire::UInt, wire::UInt)>::call<
          std::vector<unsigned char>>(conn, dom, start, bytes, flags);
  if (buffer.size() != size) badReply("returned buffer is not same size as requested");
  return buffer;
}

std::vector<unsigned char> blockPeek(Connection& conn, DomainIdentity& dom, const std::string& disk,
                                     unsigned long long offset, size_t size, unsigned int flags) {
  if (size > kBlockPeekMax)
    badReply("block peek request too large for remote protocol, " + std::to_string(size) + " > " +
             std::to_string(kBlockPeekMax));
  unsigned int bytes = static_cast<unsigned int>(size);
  std::vector<unsigned char> buffer =
      Remote<103, wire::Opaque<kBlockPeekMax>(wire::Dom, wire::Str, wire::UHyper, wire::UInt, wire::UInt)>::call<
          std::vector<unsigned char>>(conn, dom, disk, offset, bytes, flags);
  if (buffer.size() != size) badReply("returned buffer is not same size as requested");
  return buffer;
}

driver::NodeMemoryStats nodeGetMemoryStats(Connection& conn, int cellNum, int nparams, unsigned int flags) {
  return Remote<228, wire::NodeMemoryStats(wire::Int, wire::Int, wire::UInt)>::call<driver::NodeMemoryStats>(
      conn, nparams, cellNum, flags);
}

driver::FreePages nodeGetFreePages(Connection& conn, const std::vector<unsigned int>& pageSizes, int startCell,
                                   unsigned int cellCount, unsigned int flags) {
  unsigned long long wanted = static_cast<unsigned long long>(pageSizes.size()) * cellCount;
  if (wanted > kNodeMaxCells)
    badReply("too many NUMA cells: " + std::to_string(wanted) + " > " + std::to_string(kNodeMaxCells));
  driver::FreePages free;
  free.counts = Remote<340, wire::Array<wire::UHyper, kNodeMaxCells>(wire::Array<wire::UInt, kNodeMaxCells>,
                                                                      wire::Int, wire::UInt, wire::UInt)>::
      call<std::vector<unsigned long long>>(conn, pageSizes, startCell, cellCount, flags);
  // libvirt's client returns the number of counts it received.
  free.cells = static_cast<int>(free.counts.size());
  return free;
}

}  // namespace vireo::remote::ops
