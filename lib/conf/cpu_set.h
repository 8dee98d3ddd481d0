// Sets of CPU (or NUMA node) numbers as libvirt writes them in XML
// ("0-3,^2,8") and as the public API passes them (a bitmap, CPU i in bit
// i % 8 of byte i / 8).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace vireo::conf {

using CpuSet = std::set<unsigned int>;

// Parses libvirt's list syntax: numbers and ranges "a-b" separated by
// commas, "^n" removing n, applied in order. Throws vireo::Error VIR_ERR_INVALID_ARG
// "Failed to parse bitmap '...'" (VIR_FROM_NONE, as libvirt) on anything else.
CpuSet parseCpuSet(const std::string& text);

// The shortest form libvirt formats: ascending ranges, "0-3,5".
std::string formatCpuSet(const CpuSet& cpus);

// The CPUs of a public-API bitmap of `maplen` bytes.
CpuSet cpuSetFromMap(const unsigned char* map, int maplen);

// The first `maplen` bytes of the bitmap of `cpus` (CPUs beyond are dropped).
std::vector<unsigned char> cpuSetToMap(const CpuSet& cpus, int maplen);

// {0, ..., count - 1}.
CpuSet allCpus(unsigned int count);

}  // namespace vireo::conf
