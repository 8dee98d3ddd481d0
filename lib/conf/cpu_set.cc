#include "lib/conf/cpu_set.h"

#include <cerrno>
#include <cstdlib>

#include "lib/util/error.h"

namespace vireo::conf {

namespace {

// libvirt caps the numbers of a cpuset (VIR_DOMAIN_CPUMASK_LEN).
constexpr unsigned long kMaxCpu = 1024 * 64;

[[noreturn]] void badSet(const std::string& text) {
  fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "Failed to parse bitmap '" + text + "'");
}

unsigned int number(const std::string& text, const std::string& token) {
  if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos) badSet(text);
  errno = 0;
  unsigned long v = std::strtoul(token.c_str(), nullptr, 10);
  if (errno || v >= kMaxCpu) badSet(text);
  return static_cast<unsigned int>(v);
}

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

CpuSet parseCpuSet(const std::string& text) {
  // Entries apply in order, as libvirt's virBitmapParse applies them.
  CpuSet cpus;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string token = trimmed(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!token.empty() && token[0] == '^') {
      cpus.erase(number(text, token.substr(1)));
    } else if (size_t dash = token.find('-'); dash != std::string::npos) {
      unsigned int first = number(text, token.substr(0, dash)), last = number(text, token.substr(dash + 1));
      if (first > last) badSet(text);
      for (unsigned int c = first; c <= last; c++) cpus.insert(c);
    } else {
      cpus.insert(number(text, token));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return cpus;
}

std::string formatCpuSet(const CpuSet& cpus) {
  std::string out;
  for (auto it = cpus.begin(); it != cpus.end();) {
    unsigned int first = *it, last = first;
    for (++it; it != cpus.end() && *it == last + 1; ++it) last = *it;
    if (!out.empty()) out += ',';
    out += std::to_string(first);
    if (last != first) out += '-' + std::to_string(last);
  }
  return out;
}

CpuSet cpuSetFromMap(const unsigned char* map, int maplen) {
  CpuSet cpus;
  for (int byte = 0; byte < maplen; byte++)
    for (unsigned int bit = 0; bit < 8; bit++)
      if (map[byte] & (1u << bit)) cpus.insert(static_cast<unsigned int>(byte) * 8 + bit);
  return cpus;
}

std::vector<unsigned char> cpuSetToMap(const CpuSet& cpus, int maplen) {
  std::vector<unsigned char> map(maplen > 0 ? maplen : 0, 0);
  for (unsigned int c : cpus)
    if (c / 8 < map.size()) map[c / 8] |= static_cast<unsigned char>(1u << (c % 8));
  return map;
}

CpuSet allCpus(unsigned int count) {
  CpuSet cpus;
  for (unsigned int c = 0; c < count; c++) cpus.insert(c);
  return cpus;
}

}  // namespace vireo::conf
