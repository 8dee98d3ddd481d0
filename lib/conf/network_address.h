// The IP address arithmetic the network model checks with: parsing an IPv4
// or IPv6 address, a prefix from a netmask, and whether a DHCP range lies
// inside the network.
#pragma once

#include <array>
#include <optional>
#include <string>

namespace vireo::conf {

struct IpAddress {
  bool v6 = false;
  std::array<unsigned char, 16> bytes{};  // v4: the first 4 bytes
  int bits() const { return v6 ? 128 : 32; }
};

// nullopt when `text` is neither a dotted IPv4 nor an IPv6 address.
std::optional<IpAddress> parseIpAddress(const std::string& text);

// The prefix length a contiguous netmask stands for; nullopt for a
// non-contiguous one.
std::optional<unsigned> netmaskPrefix(const IpAddress& mask);

// Whether the first `prefix` bits of `a` and `b` are the same.
bool samePrefix(const IpAddress& a, const IpAddress& b, unsigned prefix);

// a < b, a == b, a > b as -1, 0, 1 (same family).
int compareAddresses(const IpAddress& a, const IpAddress& b);

}  // namespace vireo::conf
