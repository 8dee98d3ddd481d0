// Core dumps, memory peeks and CPU statistics of test domains, with the
// made-up contents of libvirt 9.0's test driver: a dump is the save image
// magic alone, memory counts up from the start address, and the CPU times
// are fixed numbers.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "drivers/test/test_domain_defs.h"
#include "drivers/test/test_ops.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo::test::domainops {

namespace {

constexpr char kDumpMagic[] = "TestGuestMagic";  // written with its NUL, as the save images
constexpr unsigned long long kTotalCpuTime = 48772617035ULL;

void writeDump(const std::string& name, const std::string& to) {
  UniqueFd fd(::open(to.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600));
  if (!fd) failSystem(VIR_FROM_TEST, errno, "domain '" + name + "' coredump: failed to open " + to);
  size_t done = 0;
  while (done < sizeof kDumpMagic) {
    ssize_t n = ::write(fd.get(), kDumpMagic + done, sizeof kDumpMagic - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failSystem(VIR_FROM_TEST, errno, "domain '" + name + "' coredump: failed to write header to " + to);
    done += static_cast<size_t>(n);
  }
  if (::close(fd.release()) < 0)
    failSystem(VIR_FROM_TEST, errno, "domain '" + name + "' coredump: write failed: " + to);
}

}  // namespace

void coreDumpWithFormat(Connection& conn, DomainIdentity& id, const std::string& to, unsigned int dumpformat,
                        unsigned int flags) {
  checkFlags(flags, VIR_DUMP_CRASH, VIR_FROM_TEST, "testDomainCoreDumpWithFormat");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  requireActive(dom);
  writeDump(dom.def.name, to);
  // As libvirt's test driver, the raw dump is written before other formats are refused.
  if (dumpformat != VIR_DOMAIN_CORE_DUMP_FORMAT_RAW)
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST, "kdump-compressed format is not supported here");
  if (flags & VIR_DUMP_CRASH) {
    s.stop(dom, VIR_DOMAIN_SHUTOFF_CRASHED, VIR_DOMAIN_EVENT_STOPPED_CRASHED);
    id.id = -1;
  }
}

std::vector<unsigned char> memoryPeek(Connection& conn, DomainIdentity& id, unsigned long long start, size_t size,
                                      unsigned int flags) {
  checkFlags(flags, VIR_MEMORY_VIRTUAL | VIR_MEMORY_PHYSICAL, VIR_FROM_TEST, "testDomainMemoryPeek");
  if (flags != VIR_MEMORY_VIRTUAL && flags != VIR_MEMORY_PHYSICAL)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  requireActive(s.get(id));
  std::vector<unsigned char> bytes(size);
  unsigned char b = static_cast<unsigned char>(start);
  for (unsigned char& byte : bytes) byte = b++;
  return bytes;
}

driver::DomainCpuStats getCPUStats(Connection& conn, DomainIdentity& id, int startCpu, unsigned int ncpus,
                                   unsigned int flags) {
  checkFlags(flags, VIR_TYPED_PARAM_STRING_OKAY, VIR_FROM_TEST, "testDomainGetCPUStats");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  requireActive(s.get(id));
  driver::DomainCpuStats stats;
  // libvirt's test driver counts the cores of one socket as the host's CPUs here.
  stats.hostCpus = s.node.info.cores;
  if (startCpu == -1) {
    stats.rows.push_back({{VIR_DOMAIN_CPU_STATS_CPUTIME, kTotalCpuTime},
                          {VIR_DOMAIN_CPU_STATS_USERTIME, 5540000000ULL},
                          {VIR_DOMAIN_CPU_STATS_SYSTEMTIME, 6460000000ULL}});
    return stats;
  }
  if (ncpus == 0) {
    stats.rows.resize(1);  // only the number of CPUs is asked
    return stats;
  }
  if (static_cast<unsigned int>(startCpu) >= stats.hostCpus)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
         "start_cpu " + std::to_string(startCpu) + " larger than maximum of " + std::to_string(stats.hostCpus - 1));
  unsigned long long perCpu = kTotalCpuTime / stats.hostCpus;
  unsigned int end = std::min(stats.hostCpus, static_cast<unsigned int>(startCpu) + ncpus);
  for (unsigned int cpu = static_cast<unsigned int>(startCpu); cpu < end; cpu++)
    stats.rows.push_back({{VIR_DOMAIN_CPU_STATS_CPUTIME, perCpu + cpu},
                          {VIR_DOMAIN_CPU_STATS_VCPUTIME, perCpu + cpu - 1234567890ULL}});
  return stats;
}

}  // namespace vireo::test::domainops
