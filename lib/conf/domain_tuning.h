// Read-only views of a definition's tuning elements (<memtune>, <numatune>,
// <blkiotune>, an interface's <bandwidth>, a disk's <iotune>), for the
// drivers' Get*Parameters functions. The elements themselves are kept as
// parsed and formatted by domain_parse/domain_format; these functions only
// read them, with libvirt's defaults for what is absent.
#pragma once

#include <optional>
#include <string>

#include "lib/conf/domain_def.h"

namespace vireo::conf {

// libvirt's "no limit" for a memory tunable, in KiB: VIR_DOMAIN_MEMORY_PARAM_UNLIMITED.
constexpr unsigned long long kMemoryUnlimitedKiB = 9007199254740991ULL;

struct MemTune {
  unsigned long long hardLimitKiB = kMemoryUnlimitedKiB;
  unsigned long long softLimitKiB = kMemoryUnlimitedKiB;
  unsigned long long swapHardLimitKiB = kMemoryUnlimitedKiB;
};
MemTune readMemTune(const DomainDef& def);

struct NumaTune {
  int mode = VIR_DOMAIN_NUMATUNE_MEM_STRICT;  // <memory mode=...>
  std::string nodeset;
};
NumaTune readNumaTune(const DomainDef& def);

// <blkiotune>: the weight, and each per-device list formatted as libvirt's
// typed parameters carry it: "PATH,VALUE" entries joined by commas.
struct BlkioTune {
  unsigned int weight = 0;
  std::string deviceWeight, deviceReadIops, deviceWriteIops, deviceReadBytes, deviceWriteBytes;
};
BlkioTune readBlkioTune(const DomainDef& def);

struct BandwidthDirection {
  unsigned int average = 0, peak = 0, burst = 0, floor = 0;
};
struct Bandwidth {
  BandwidthDirection inbound, outbound;
};
Bandwidth readBandwidth(const NetDef& net);

struct IoTune {
  unsigned long long totalBytesSec = 0, readBytesSec = 0, writeBytesSec = 0;
  unsigned long long totalIopsSec = 0, readIopsSec = 0, writeIopsSec = 0;
  unsigned long long totalBytesSecMax = 0, readBytesSecMax = 0, writeBytesSecMax = 0;
  unsigned long long totalIopsSecMax = 0, readIopsSecMax = 0, writeIopsSecMax = 0;
  unsigned long long sizeIopsSec = 0;
  std::string groupName;
  unsigned long long totalBytesSecMaxLength = 0, readBytesSecMaxLength = 0, writeBytesSecMaxLength = 0;
  unsigned long long totalIopsSecMaxLength = 0, readIopsSecMaxLength = 0, writeIopsSecMaxLength = 0;
};
IoTune readIoTune(const DiskDef& disk);

// The interface a stats or parameters call names: by MAC address when
// `device` is one, else by its target device name (libvirt's
// virDomainNetFind); the first match. nullptr when none matches.
const NetDef* findNet(const DomainDef& def, const std::string& device);

// The disk a call names: by target ("vda") or by source path; nullptr when
// none matches.
const DiskDef* findDisk(const DomainDef& def, const std::string& pathOrTarget);

}  // namespace vireo::conf
