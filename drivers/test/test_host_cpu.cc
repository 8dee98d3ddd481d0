// The host CPU and memory-page queries of the test driver, and its sysinfo:
// fixed answers, the same as libvirt 9.0's test driver gives whatever the
// node file says.
#include <cstdint>
#include <cstring>

#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test::hostops {

namespace {

// The host statistic `field` with `value` nanoseconds.
virNodeCPUStats cpuStat(const char* field, unsigned long long value) {
  virNodeCPUStats s{};
  std::strncpy(s.field, field, VIR_NODE_CPU_STATS_FIELD_LENGTH - 1);
  s.value = value;
  return s;
}

}  // namespace

driver::NodeCpuMap nodeGetCPUMap(Connection&, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testNodeGetCPUMap");
  // Eight CPUs of which 0, 2 and 4 are online (libvirt's map byte 0x15).
  return {8, {0, 2, 4}};
}

std::vector<virNodeCPUStats> nodeGetCPUStats(Connection&, int, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testNodeGetCPUStats");
  return {cpuStat(VIR_NODE_CPU_STATS_USER, 9797400000ULL), cpuStat(VIR_NODE_CPU_STATS_KERNEL, 34678723400000ULL),
          cpuStat(VIR_NODE_CPU_STATS_IDLE, 87264900000ULL), cpuStat(VIR_NODE_CPU_STATS_IOWAIT, 763600000ULL)};
}

driver::FreePages nodeGetFreePages(Connection&, const std::vector<unsigned int>& pageSizes, int,
                                   unsigned int cellCount, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testNodeGetFreePages");
  // Made-up counts that differ per cell and page size; like libvirt's test
  // driver, the call reports 0 cells filled.
  driver::FreePages free;
  // libvirt computes them in an int; wrap the same way
  uint32_t x = 6;
  for (unsigned int cell = 0; cell < cellCount; cell++) {
    for (size_t page = 0; page < pageSizes.size(); page++) {
      x = x * 2 + 7;
      free.counts.push_back(static_cast<unsigned long long>(static_cast<int32_t>(x)));
    }
  }
  return free;
}

std::string getSysinfo(Connection&, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testConnectGetSysinfo");
  return "<sysinfo type='smbios'>\n"
         "  <bios>\n"
         "    <entry name='vendor'>LENOVO</entry>\n"
         "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
         "    <entry name='date'>05/07/2014</entry>\n"
         "    <entry name='release'>2.61</entry>\n"
         "  </bios>\n"
         "</sysinfo>\n";
}

}  // namespace vireo::test::hostops
