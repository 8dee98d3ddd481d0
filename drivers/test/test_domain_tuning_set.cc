// The Set*Parameters functions of test domains (memory, NUMA, block I/O,
// interface bandwidth, disk I/O limits): they check the parameters as
// libvirt 9.0's test driver does and write the definition's tuning
// elements (lib/conf/domain_tuning_edit.h), so that the XML and the
// matching Get*Parameters show the new values.
#include <cerrno>
#include <cstdlib>

#include "drivers/test/test_domain_defs.h"
#include "drivers/test/test_ops.h"
#include "lib/conf/domain_tuning_edit.h"
#include "lib/util/error.h"

namespace vireo::test {

const conf::NetDef& netNamed(const conf::DomainDef& def, const std::string& device);

namespace {

constexpr unsigned int kAffect = VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG;
// libvirt's test driver refuses I/O limits above this (TEST_BLOCK_IOTUNE_MAX).
constexpr unsigned long long kIoTuneMax = 1000000000000000ULL;

template <typename T>
std::optional<T> param(const driver::TypedParamList& params, std::string_view field) {
  for (const driver::TypedParam& p : params)
    if (p.field == field) return std::get<T>(p.value);
  return std::nullopt;
}

// "PATH,VALUE,PATH,VALUE" as libvirt's typed parameters carry per-device
// block I/O values; VIR_ERR_INVALID_ARG for anything else.
std::vector<std::pair<std::string, unsigned long long>> blkioDevices(const std::string& field,
                                                                    const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (!text.empty()) {
    size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (parts.size() % 2 != 0)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "unable to parse blkio device '" + field + "' '" + text + "'");
  std::vector<std::pair<std::string, unsigned long long>> devices;
  for (size_t i = 0; i < parts.size(); i += 2) {
    const std::string& value = parts[i + 1];
    errno = 0;
    char* end = nullptr;
    unsigned long long v = std::strtoull(value.c_str(), &end, 10);
    if (parts[i].empty() || value.empty() || value[0] == '-' || errno || *end)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "unable to parse blkio device '" + field + "' '" + text + "'");
    devices.emplace_back(parts[i], v);
  }
  return devices;
}

// Two I/O limits that may not both be set, with libvirt's message.
void exclusiveLimits(unsigned long long total, unsigned long long read, unsigned long long write,
                     const char* what) {
  if (total && (read || write))
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
         std::string("total and read/write of ") + what + " cannot be set at the same time");
}

void notAboveMax(unsigned long long value, unsigned long long max, const char* field, const char* maxField) {
  if (value > max)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, std::string(field) + " cannot be set higher than " + maxField + " ");
}

// The IoTune member each block I/O tune parameter sets.
const std::pair<const char*, unsigned long long conf::IoTune::*> kIoTuneFields[] = {
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, &conf::IoTune::totalBytesSec},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, &conf::IoTune::readBytesSec},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, &conf::IoTune::writeBytesSec},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, &conf::IoTune::totalIopsSec},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, &conf::IoTune::readIopsSec},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, &conf::IoTune::writeIopsSec},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, &conf::IoTune::totalBytesSecMax},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, &conf::IoTune::readBytesSecMax},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, &conf::IoTune::writeBytesSecMax},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, &conf::IoTune::totalIopsSecMax},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, &conf::IoTune::readIopsSecMax},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, &conf::IoTune::writeIopsSecMax},
    {VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, &conf::IoTune::sizeIopsSec},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, &conf::IoTune::totalBytesSecMaxLength},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, &conf::IoTune::readBytesSecMaxLength},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, &conf::IoTune::writeBytesSecMaxLength},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, &conf::IoTune::totalIopsSecMaxLength},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, &conf::IoTune::readIopsSecMaxLength},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, &conf::IoTune::writeIopsSecMaxLength},
};

}  // namespace

namespace domainops {

void setMemoryParameters(Connection& conn, DomainIdentity& id, const driver::TypedParamList& params,
                         unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetMemoryParameters");
  driver::validateTypedParams(params, {{VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG},
                                       {VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG},
                                       {VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG}});
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  conf::DomainDef& def = oneDef(dom, flags);
  auto hard = param<unsigned long long>(params, VIR_DOMAIN_MEMORY_HARD_LIMIT);
  auto soft = param<unsigned long long>(params, VIR_DOMAIN_MEMORY_SOFT_LIMIT);
  auto swap = param<unsigned long long>(params, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT);
  if (hard || swap) {
    // libvirt's test driver compares with the running definition's limits.
    conf::MemTune current = conf::readMemTune(dom.def);
    if (hard.value_or(current.hardLimitKiB) > swap.value_or(current.swapHardLimitKiB))
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
           "memory hard_limit tunable value must be lower than or equal to swap_hard_limit");
  }
  if (soft) conf::setMemoryLimit(def, "soft_limit", *soft);
  if (hard) conf::setMemoryLimit(def, "hard_limit", *hard);
  if (swap) conf::setMemoryLimit(def, "swap_hard_limit", *swap);
}

void setNumaParameters(Connection& conn, DomainIdentity& id, const driver::TypedParamList& params,
                       unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetNumaParameters");
  driver::validateTypedParams(params, {{VIR_DOMAIN_NUMA_MODE, VIR_TYPED_PARAM_INT},
                                       {VIR_DOMAIN_NUMA_NODESET, VIR_TYPED_PARAM_STRING}});
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = s.get(id);
  conf::DomainDef& def = oneDef(dom, flags);
  bool live = &def == &dom.def && dom.active();
  std::optional<int> mode = param<int>(params, VIR_DOMAIN_NUMA_MODE);
  if (mode && (*mode < 0 || *mode >= VIR_DOMAIN_NUMATUNE_MEM_LAST))
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported numatune mode: '" + std::to_string(*mode) + "'");
  std::optional<conf::CpuSet> nodeset;
  if (auto text = param<std::string>(params, VIR_DOMAIN_NUMA_NODESET)) {
    nodeset = conf::parseCpuSet(*text);
    if (nodeset->empty())
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "Invalid nodeset of 'numatune': " + *text);
  }
  bool hasNumatune = std::any_of(def.otherTopLevel.begin(), def.otherTopLevel.end(),
                                 [](const xml::Element& e) { return e.isElement() && e.name == "numatune"; });
  if (live && mode && hasNumatune && conf::readNumaTune(def).mode != *mode)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "can't change numatune mode for running domain");
  if (mode || nodeset) conf::setNumaTune(def, mode, nodeset);
}

void setBlkioParameters(Connection& conn, DomainIdentity& id, const driver::TypedParamList& params,
                        unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetBlkioParameters");
  driver::validateTypedParams(params, {{VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT},
                                       {VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_TYPED_PARAM_STRING},
                                       {VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, VIR_TYPED_PARAM_STRING},
                                       {VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_TYPED_PARAM_STRING},
                                       {VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, VIR_TYPED_PARAM_STRING},
                                       {VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, VIR_TYPED_PARAM_STRING}});
  // The <device> child each per-device parameter sets.
  static const std::pair<const char*, const char*> kDeviceFields[] = {
      {VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, "weight"},
      {VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, "read_iops_sec"},
      {VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, "write_iops_sec"},
      {VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, "read_bytes_sec"},
      {VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, "write_bytes_sec"}};
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  conf::DomainDef& def = oneDef(s.get(id), flags);
  // Parse every list before changing anything.
  std::vector<std::pair<const char*, std::vector<std::pair<std::string, unsigned long long>>>> lists;
  for (const auto& [field, child] : kDeviceFields)
    if (auto text = param<std::string>(params, field)) lists.emplace_back(child, blkioDevices(field, *text));
  if (auto weight = param<unsigned int>(params, VIR_DOMAIN_BLKIO_WEIGHT)) conf::setBlkioWeight(def, *weight);
  for (const auto& [child, devices] : lists) conf::mergeBlkioDevices(def, child, devices);
}

void setInterfaceParameters(Connection& conn, DomainIdentity& id, const std::string& device,
                            const driver::TypedParamList& params, unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetInterfaceParameters");
  driver::validateTypedParams(params, {{VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_TYPED_PARAM_UINT},
                                       {VIR_DOMAIN_BANDWIDTH_IN_PEAK, VIR_TYPED_PARAM_UINT},
                                       {VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_TYPED_PARAM_UINT},
                                       {VIR_DOMAIN_BANDWIDTH_IN_FLOOR, VIR_TYPED_PARAM_UINT},
                                       {VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_TYPED_PARAM_UINT},
                                       {VIR_DOMAIN_BANDWIDTH_OUT_PEAK, VIR_TYPED_PARAM_UINT},
                                       {VIR_DOMAIN_BANDWIDTH_OUT_BURST, VIR_TYPED_PARAM_UINT}});
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  conf::DomainDef& def = oneDef(s.get(id), flags);
  conf::NetDef& net = const_cast<conf::NetDef&>(netNamed(def, device));
  auto value = [&](const char* field) { return param<unsigned int>(params, field); };
  conf::BandwidthDirection in{value(VIR_DOMAIN_BANDWIDTH_IN_AVERAGE).value_or(0),
                              value(VIR_DOMAIN_BANDWIDTH_IN_PEAK).value_or(0),
                              value(VIR_DOMAIN_BANDWIDTH_IN_BURST).value_or(0),
                              value(VIR_DOMAIN_BANDWIDTH_IN_FLOOR).value_or(0)};
  conf::BandwidthDirection out{value(VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE).value_or(0),
                               value(VIR_DOMAIN_BANDWIDTH_OUT_PEAK).value_or(0),
                               value(VIR_DOMAIN_BANDWIDTH_OUT_BURST).value_or(0), 0};
  // An average (or an inbound floor) is what makes a direction; giving
  // only its average or floor as 0 clears it; other directions stay.
  bool inGiven = value(VIR_DOMAIN_BANDWIDTH_IN_AVERAGE) || value(VIR_DOMAIN_BANDWIDTH_IN_FLOOR);
  bool outGiven = value(VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE).has_value();
  conf::Bandwidth old = conf::readBandwidth(net);
  auto present = [](const conf::BandwidthDirection& d) { return d.average || d.floor; };
  std::optional<conf::BandwidthDirection> newIn, newOut;
  if (present(in)) newIn = in;
  else if (!inGiven && present(old.inbound)) newIn = old.inbound;
  if (out.average) newOut = out;
  else if (!outGiven && old.outbound.average) newOut = old.outbound;
  conf::setBandwidth(net, newIn, newOut);
}

void setBlockIoTune(Connection& conn, DomainIdentity& id, const std::string& disk,
                    const driver::TypedParamList& params, unsigned int flags) {
  checkFlags(flags, kAffect, VIR_FROM_TEST, "testDomainSetBlockIoTune");
  std::initializer_list<driver::TypedParamSpec> accepted = {
      {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, VIR_TYPED_PARAM_STRING},
      {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
      {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG}};
  driver::validateTypedParams(params, accepted);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  conf::DomainDef& def = oneDef(s.get(id), flags);
  conf::DiskDef* target = const_cast<conf::DiskDef*>(conf::findDisk(def, disk));
  if (!target) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "missing persistent configuration for disk '" + disk + "'");
  conf::IoTune t = conf::readIoTune(*target);
  for (const driver::TypedParam& p : params) {
    if (p.field == VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME) {
      t.groupName = std::get<std::string>(p.value);
      continue;
    }
    unsigned long long v = std::get<unsigned long long>(p.value);
    if (v > kIoTuneMax)
      fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST,
           "block I/O throttle limit value must be no more than " + std::to_string(kIoTuneMax));
    for (const auto& [field, member] : kIoTuneFields)
      if (p.field == field) t.*member = v;
  }
  exclusiveLimits(t.totalBytesSec, t.readBytesSec, t.writeBytesSec, "bytes_sec");
  exclusiveLimits(t.totalIopsSec, t.readIopsSec, t.writeIopsSec, "iops_sec");
  exclusiveLimits(t.totalBytesSecMax, t.readBytesSecMax, t.writeBytesSecMax, "bytes_sec_max");
  exclusiveLimits(t.totalIopsSecMax, t.readIopsSecMax, t.writeIopsSecMax, "iops_sec_max");
  notAboveMax(t.totalBytesSec, t.totalBytesSecMax, "total_bytes_sec", "total_bytes_sec_max");
  notAboveMax(t.readBytesSec, t.readBytesSecMax, "read_bytes_sec", "read_bytes_sec_max");
  notAboveMax(t.writeBytesSec, t.writeBytesSecMax, "write_bytes_sec", "write_bytes_sec_max");
  notAboveMax(t.totalIopsSec, t.totalIopsSecMax, "total_iops_sec", "total_iops_sec_max");
  notAboveMax(t.readIopsSec, t.readIopsSecMax, "read_iops_sec", "read_iops_sec_max");
  notAboveMax(t.writeIopsSec, t.writeIopsSecMax, "write_iops_sec", "write_iops_sec_max");
  conf::setIoTune(*target, t);
}

}  // namespace domainops

}  // namespace vireo::test
