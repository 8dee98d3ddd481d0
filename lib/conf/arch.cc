#include "lib/conf/arch.h"

#include <algorithm>
#include <array>

namespace vireo::conf {

bool isKnownArch(std::string_view name) {
  static constexpr std::array<std::string_view, 37> kArches = {
      "alpha",   "armv6l",   "armv7l",   "armv7b",   "aarch64",     "cris",    "i686",
      "ia64",    "lm32",     "loongarch64", "m68k",  "microblaze",  "microblazeel", "mips",
      "mipsel",  "mips64",   "mips64el", "openrisc", "parisc",      "parisc64", "ppc",
      "ppcle",   "ppc64",    "ppc64le",  "ppcemb",   "riscv32",     "riscv64", "s390",
      "s390x",   "sh4",      "sh4eb",    "sparc",    "sparc64",     "unicore32", "x86_64",
      "xtensa",  "xtensaeb",
  };
  return std::find(kArches.begin(), kArches.end(), name) != kArches.end();
}

}  // namespace vireo::conf
