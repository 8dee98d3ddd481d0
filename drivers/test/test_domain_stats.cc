// Statistics, block info, guest time, control info and disk errors of test
// domains, as libvirt 9.0's test driver makes them up.
//
// The block and interface counters are derived from the wall clock, as
// libvirt's are (no meaning beyond growing over time); the memory figures
// from the domain's current memory; the guest time is a fixed instant.
#include <sys/time.h>

#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/conf/domain_tuning.h"
#include "lib/util/error.h"

namespace vireo::test {

void requireActive(const TestDomain& dom);

namespace {

// What libvirt's test driver reports as the guest's time, and the time of
// its last memory statistics: 627319920 seconds after the epoch.
constexpr long long kGuestTime = 627319920;

// Microseconds since the epoch, and seconds.
struct Clock {
  unsigned long long micros;
  unsigned long long seconds;
};

Clock now() {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  return {static_cast<unsigned long long>(tv.tv_sec) * 1000000ULL + tv.tv_usec,
          static_cast<unsigned long long>(tv.tv_sec)};
}

const conf::DiskDef& diskForStats(const TestDomain& dom, const std::string& disk) {
  const conf::DiskDef* d = conf::findDisk(dom.def, disk);
  if (!d) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid path: " + disk);
  return *d;
}

}  // namespace

const conf::NetDef& netNamed(const conf::DomainDef& def, const std::string& device) {
  const conf::NetDef* net = conf::findNet(def, device);
  if (!net) fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "'" + device + "' is not a known interface");
  return *net;
}

namespace domainops {

virDomainBlockStatsStruct blockStats(Connection& conn, DomainIdentity& id, const std::string& disk) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = s.get(id);
  requireActive(dom);
  diskForStats(dom, disk);
  Clock c = now();
  virDomainBlockStatsStruct st{};
  st.rd_req = static_cast<long long>(c.micros / 10);
  st.rd_bytes = static_cast<long long>(c.micros / 20);
  st.wr_req = static_cast<long long>(c.micros / 30);
  st.wr_bytes = static_cast<long long>(c.micros / 40);
  st.errs = static_cast<long long>(c.seconds / 2);
  return st;
}

virDomainInterfaceStatsStruct interfaceStats(Connection& conn, DomainIdentity& id, const std::string& device) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = s.get(id);
  requireActive(dom);
  netNamed(dom.def, device);
  Clock c = now();
  virDomainInterfaceStatsStruct st{};
  st.rx_bytes = static_cast<long long>(c.micros / 10);
  st.rx_packets = static_cast<long long>(c.micros / 100);
  st.rx_errs = static_cast<long long>(c.seconds);
  st.rx_drop = static_cast<long long>(c.seconds / 2);
  st.tx_bytes = static_cast<long long>(c.micros / 20);
  st.tx_packets = static_cast<long long>(c.micros / 110);
  st.tx_errs = static_cast<long long>(c.seconds / 3);
  st.tx_drop = static_cast<long long>(c.seconds / 4);
  return st;
}

// Only a domain with a balloon device (any model but "none") has memory
// statistics; the others answer none.
std::vector<virDomainMemoryStatStruct> memoryStats(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainMemoryStats");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = s.get(id);
  requireActive(dom);
  if (!dom.def.memballoon || dom.def.memballoon->model == "none") return {};
  unsigned long long current = dom.def.memory.currentKiB;
  return {
      {VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, current},
      {VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 0},
      {VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0},
      {VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0},
      {VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0},
      {VIR_DOMAIN_MEMORY_STAT_UNUSED, current / 2},
      {VIR_DOMAIN_MEMORY_STAT_AVAILABLE, current},
      {VIR_DOMAIN_MEMORY_STAT_USABLE, current / 2},
      {VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, static_cast<unsigned long long>(kGuestTime)},
      {VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, current / 8},
      {VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0},
      {VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0},
      {VIR_DOMAIN_MEMORY_STAT_RSS, current / 2},
  };
}

virDomainBlockInfo blockInfo(Connection& conn, DomainIdentity& id, const std::string& disk, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainGetBlockInfo");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const conf::DiskDef* d = conf::findDisk(s.get(id).def, disk);
  if (!d) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "invalid path " + disk + " not assigned to domain");
  if (!d->source.present)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "disk '" + disk + "' does not currently have a source assigned");
  virDomainBlockInfo info{};
  info.capacity = 1099506450432ULL;  // libvirt's figures: a little under 1 TiB of 1 TiB
  info.allocation = 1099511627776ULL;
  info.physical = 1099511627776ULL;
  return info;
}

driver::DomainTime getTime(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainGetTime");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  // libvirt's test driver reports this one in its own error domain.
  const TestDomain& dom = s.get(id);
  if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "domain is not running");
  return {dom.guestSeconds, dom.guestNanoseconds};
}

virDomainControlInfo controlInfo(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainGetControlInfo");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = s.get(id);
  requireActive(dom);
  // libvirt's test driver derives a made-up control state from the guest
  // clock, so that virDomainSetTime can select each state.
  long long t = dom.guestSeconds;
  virDomainControlInfo info{};
  info.state = VIR_DOMAIN_CONTROL_OK;
  if (t > 0 && t < 10000) {
    info.state = VIR_DOMAIN_CONTROL_JOB;
    info.stateTime = t;
  } else if (t >= 10000 && t < 30000) {
    info.state = VIR_DOMAIN_CONTROL_OCCUPIED;
    info.stateTime = t - 10000;
  } else if (t >= 30000 && t < 60000) {
    static constexpr unsigned int kReasons[] = {
        VIR_DOMAIN_CONTROL_ERROR_REASON_NONE, VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN,
        VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR, VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL};
    info.state = VIR_DOMAIN_CONTROL_ERROR;
    info.details = kReasons[t % 4];
    info.stateTime = t - 30000;
  }
  return info;
}

// Every disk has an error: unspecified and out-of-space in turn.
std::vector<driver::DiskError> diskErrors(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainGetDiskErrors");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = s.get(id);
  requireActive(dom);
  std::vector<driver::DiskError> errors;
  for (size_t i = 0; i < dom.def.disks.size(); i++)
    errors.push_back({dom.def.disks[i].targetDev,
                      i % 2 == 0 ? VIR_DOMAIN_DISK_ERROR_UNSPEC : VIR_DOMAIN_DISK_ERROR_NO_SPACE});
  return errors;
}

}  // namespace domainops

}  // namespace vireo::test
