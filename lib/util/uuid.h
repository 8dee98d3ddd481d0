// Domain UUIDs: the 16-byte value, its canonical text form and parsing.
//
// The text rules follow libvirt: 32 hex digits (either case), with '-' or ' '
// allowed between any two byte pairs, and leading/trailing whitespace
// ignored. An all-zero UUID is accepted, as libvirt's domain parser does.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vireo {

struct Uuid {
  std::array<unsigned char, 16> bytes{};

  // A random version-4 UUID from getrandom(); throws vireo::Error
  // (VIR_ERR_SYSTEM_ERROR) if the kernel cannot supply random bytes.
  static Uuid generate();

  // Parses `s` by libvirt's rules; std::nullopt if it is not a UUID.
  static std::optional<Uuid> parse(std::string_view s);

  // The canonical 8-4-4-4-12 lowercase form.
  std::string toString() const;

  bool operator==(const Uuid&) const = default;
};

}  // namespace vireo

template <>
struct std::hash<vireo::Uuid> {
  std::size_t operator()(const vireo::Uuid& u) const noexcept {
    // The bytes are random already; folding them is a good enough hash.
    std::size_t h = 0;
    for (unsigned char b : u.bytes) h = h * 131 + b;
    return h;
  }
};
