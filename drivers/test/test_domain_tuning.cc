// The Get*Parameters functions of test domains: memory, NUMA, block I/O,
// interface bandwidth and disk I/O limits, read from the definition's tuning
// elements (lib/conf/domain_tuning.h) with libvirt's defaults.
//
// libvirt's test driver implements the matching Set* functions by editing
// the definition; vireo's lib/conf keeps these elements as given and cannot
// edit them yet, so the Set* functions are not supported here
// (VIR_ERR_NO_SUPPORT), rather than answered with a value the XML would
// not show.
#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/conf/domain_tuning.h"
#include "lib/util/error.h"

namespace vireo::test {

const conf::NetDef& netNamed(const conf::DomainDef& def, const std::string& device);

namespace {

constexpr unsigned int kAffectFlags = VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_TYPED_PARAM_STRING_OKAY;

// The definition a LIVE / CONFIG / CURRENT get reads.
const conf::DomainDef& readDef(const TestDomain& dom, unsigned int flags) {
  if (flags & VIR_DOMAIN_AFFECT_CONFIG) return dom.persistentDef();
  if ((flags & VIR_DOMAIN_AFFECT_LIVE) && !dom.active())
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
  return dom.def;
}

template <typename Read>
driver::TypedParamList withDomain(Connection& conn, DomainIdentity& id, unsigned int flags, const char* function,
                                  Read&& read) {
  checkFlags(flags, kAffectFlags, VIR_FROM_TEST, function);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return read(readDef(s.get(id), flags));
}

}  // namespace

namespace domainops {

driver::TypedParamList memoryParameters(Connection& conn, DomainIdentity& id, unsigned int flags) {
  return withDomain(conn, id, flags, "testDomainGetMemoryParameters", [](const conf::DomainDef& def) {
    conf::MemTune t = conf::readMemTune(def);
    return driver::TypedParamList{{VIR_DOMAIN_MEMORY_HARD_LIMIT, t.hardLimitKiB},
                                  {VIR_DOMAIN_MEMORY_SOFT_LIMIT, t.softLimitKiB},
                                  {VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, t.swapHardLimitKiB}};
  });
}

driver::TypedParamList numaParameters(Connection& conn, DomainIdentity& id, unsigned int flags) {
  return withDomain(conn, id, flags, "testDomainGetNumaParameters", [](const conf::DomainDef& def) {
    conf::NumaTune t = conf::readNumaTune(def);
    return driver::TypedParamList{{VIR_DOMAIN_NUMA_MODE, t.mode}, {VIR_DOMAIN_NUMA_NODESET, t.nodeset}};
  });
}

driver::TypedParamList blkioParameters(Connection& conn, DomainIdentity& id, unsigned int flags) {
  return withDomain(conn, id, flags, "testDomainGetBlkioParameters", [](const conf::DomainDef& def) {
    conf::BlkioTune t = conf::readBlkioTune(def);
    return driver::TypedParamList{{VIR_DOMAIN_BLKIO_WEIGHT, t.weight},
                                  {VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, t.deviceWeight},
                                  {VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, t.deviceReadIops},
                                  {VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, t.deviceWriteIops},
                                  {VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, t.deviceReadBytes},
                                  {VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, t.deviceWriteBytes}};
  });
}

driver::TypedParamList interfaceParameters(Connection& conn, DomainIdentity& id, const std::string& device,
                                           unsigned int flags) {
  return withDomain(conn, id, flags, "testDomainGetInterfaceParameters", [&](const conf::DomainDef& def) {
    conf::Bandwidth bw = conf::readBandwidth(netNamed(def, device));
    return driver::TypedParamList{{VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, bw.inbound.average},
                                  {VIR_DOMAIN_BANDWIDTH_IN_PEAK, bw.inbound.peak},
                                  {VIR_DOMAIN_BANDWIDTH_IN_BURST, bw.inbound.burst},
                                  {VIR_DOMAIN_BANDWIDTH_IN_FLOOR, bw.inbound.floor},
                                  {VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, bw.outbound.average},
                                  {VIR_DOMAIN_BANDWIDTH_OUT_PEAK, bw.outbound.peak},
                                  {VIR_DOMAIN_BANDWIDTH_OUT_BURST, bw.outbound.burst}};
  });
}

driver::TypedParamList blockIoTune(Connection& conn, DomainIdentity& id, const std::string& disk,
                                   unsigned int flags) {
  return withDomain(conn, id, flags, "testDomainGetBlockIoTune", [&](const conf::DomainDef& def) {
    const conf::DiskDef* d = conf::findDisk(def, disk);
    if (!d) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "disk '" + disk + "' was not found in the domain config");
    conf::IoTune t = conf::readIoTune(*d);
    return driver::TypedParamList{
        {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, t.totalBytesSec},
        {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, t.readBytesSec},
        {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, t.writeBytesSec},
        {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, t.totalIopsSec},
        {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, t.readIopsSec},
        {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, t.writeIopsSec},
        {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, t.totalBytesSecMax},
        {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, t.readBytesSecMax},
        {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, t.writeBytesSecMax},
        {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, t.totalIopsSecMax},
        {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, t.readIopsSecMax},
        {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, t.writeIopsSecMax},
        {VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, t.sizeIopsSec},
        {VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, t.groupName},
        {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, t.totalBytesSecMaxLength},
        {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, t.readBytesSecMaxLength},
        {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, t.writeBytesSecMaxLength},
        {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, t.totalIopsSecMaxLength},
        {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, t.readIopsSecMaxLength},
        {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, t.writeIopsSecMaxLength}};
  });
}

}  // namespace domainops

}  // namespace vireo::test
