#include "lib/conf/network_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace vireo::conf {

std::optional<IpAddress> parseIpAddress(const std::string& text) {
  IpAddress a;
  if (inet_pton(AF_INET, text.c_str(), a.bytes.data()) == 1) return a;
  a.v6 = true;
  if (inet_pton(AF_INET6, text.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

std::optional<unsigned> netmaskPrefix(const IpAddress& mask) {
  unsigned prefix = 0;
  bool ended = false;
  for (int bit = 0; bit < mask.bits(); bit++) {
    bool set = mask.bytes[bit / 8] & (0x80 >> (bit % 8));
    if (set && ended) return std::nullopt;  // a one after a zero: not a netmask
    if (set) prefix++;
    else ended = true;
  }
  return prefix;
}

bool samePrefix(const IpAddress& a, const IpAddress& b, unsigned prefix) {
  if (a.v6 != b.v6) return false;
  for (unsigned bit = 0; bit < prefix && bit < static_cast<unsigned>(a.bits()); bit++) {
    unsigned char m = 0x80 >> (bit % 8);
    if ((a.bytes[bit / 8] & m) != (b.bytes[bit / 8] & m)) return false;
  }
  return true;
}

int compareAddresses(const IpAddress& a, const IpAddress& b) {
  int c = std::memcmp(a.bytes.data(), b.bytes.data(), a.bits() / 8);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace vireo::conf
