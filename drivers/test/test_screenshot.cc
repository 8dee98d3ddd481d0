// virDomainScreenshot on the test driver. libvirt's test driver streams a
// PNG file it installs, for any screen of any domain, running or not; vireo
// makes its own picture in memory (a grey gradient, 640x400), so that it
// needs no data file, and streams it from a memfd like any file.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <array>
#include <cstdint>
#include <string>

#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/driver/fd_stream.h"
#include "lib/util/error.h"

namespace vireo::test {
namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 400;

uint32_t crc32(const std::string& bytes) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; n++) {
      uint32_t c = n;
      for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xffffffffu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

void putBigEndian(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void putChunk(std::string& png, const char* type, const std::string& data) {
  putBigEndian(png, static_cast<uint32_t>(data.size()));
  std::string typed = std::string(type, 4) + data;
  png += typed;
  putBigEndian(png, crc32(typed));
}

// The image data as a zlib stream of stored (uncompressed) deflate blocks:
// no compressor needed, and every PNG reader takes it.
std::string zlibStored(const std::string& raw) {
  std::string z = "\x78\x01";
  for (size_t pos = 0; pos < raw.size() || pos == 0;) {
    size_t len = std::min<size_t>(65535, raw.size() - pos);
    bool last = pos + len == raw.size();
    z += static_cast<char>(last ? 1 : 0);
    z += static_cast<char>(len & 0xff);
    z += static_cast<char>(len >> 8);
    z += static_cast<char>(~len & 0xff);
    z += static_cast<char>((~len >> 8) & 0xff);
    z.append(raw, pos, len);
    pos += len;
    if (last) break;
  }
  uint32_t a = 1, b = 0;  // Adler-32
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  putBigEndian(z, (b << 16) | a);
  return z;
}

std::string screenshotPng() {
  std::string ihdr;
  putBigEndian(ihdr, kWidth);
  putBigEndian(ihdr, kHeight);
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit greyscale, no interlace
  std::string raw;
  raw.reserve((kWidth + 1) * kHeight);
  for (int y = 0; y < kHeight; y++) {
    raw += '\0';  // filter: none
    for (int x = 0; x < kWidth; x++) raw += static_cast<char>((x + y) * 255 / (kWidth + kHeight));
  }
  std::string png = "\x89PNG\r\n\x1a\n";
  putChunk(png, "IHDR", ihdr);
  putChunk(png, "IDAT", zlibStored(raw));
  putChunk(png, "IEND", "");
  return png;
}

}  // namespace

namespace domainops {

driver::HypervisorDriver::Screenshot screenshot(Connection& conn, DomainIdentity& id, unsigned int /*screen*/,
                                                unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainScreenshot");
  {
    TestDriverState& s = stateOf(conn);
    MutexLock lock(s.mu);
    s.get(id);
  }
  static const std::string png = screenshotPng();
  UniqueFd fd(::memfd_create("vireo-test-screenshot", MFD_CLOEXEC));
  if (!fd) failSystem(VIR_FROM_TEST, errno, "Unable to create the screenshot's memory file");
  if (::write(fd.get(), png.data(), png.size()) != static_cast<ssize_t>(png.size()) ||
      ::lseek(fd.get(), 0, SEEK_SET) != 0)
    failSystem(VIR_FROM_TEST, errno, "Unable to write the screenshot's memory file");
  return {"image/png", std::make_shared<driver::FdStream>(std::move(fd))};
}

}  // namespace domainops
}  // namespace vireo::test
