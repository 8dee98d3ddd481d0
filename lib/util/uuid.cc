#include "lib/util/uuid.h"

#include <sys/random.h>

#include <cerrno>

#include "lib/util/error.h"

namespace vireo {

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

Uuid Uuid::generate() {
  Uuid u;
  std::size_t got = 0;
  while (got < u.bytes.size()) {
    ssize_t n = getrandom(u.bytes.data() + got, u.bytes.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      failSystem(VIR_FROM_NONE, errno, "Unable to read random bytes for a UUID");
    }
    got += static_cast<std::size_t>(n);
  }
  // RFC 4122: version 4 in the high nibble of byte 6, variant 10xx in byte 8.
  u.bytes[6] = static_cast<unsigned char>((u.bytes[6] & 0x0f) | 0x40);
  u.bytes[8] = static_cast<unsigned char>((u.bytes[8] & 0x3f) | 0x80);
  return u;
}

std::optional<Uuid> Uuid::parse(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && isSpace(s[i])) ++i;
  Uuid u;
  std::size_t filled = 0;
  while (filled < u.bytes.size()) {
    if (i >= s.size()) return std::nullopt;
    // Separators may sit between any two byte pairs, never inside one.
    if (s[i] == '-' || s[i] == ' ') {
      ++i;
      continue;
    }
    if (i + 1 >= s.size()) return std::nullopt;
    int hi = hexValue(s[i]);
    int lo = hexValue(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    u.bytes[filled++] = static_cast<unsigned char>(hi * 16 + lo);
    i += 2;
  }
  for (; i < s.size(); ++i)
    if (!isSpace(s[i])) return std::nullopt;
  return u;
}

std::string Uuid::toString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  char out[36];
  std::size_t n = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out[n++] = '-';
    out[n++] = kHex[bytes[i] >> 4];
    out[n++] = kHex[bytes[i] & 0x0f];
  }
  return std::string(out, n);
}

}  // namespace vireo
