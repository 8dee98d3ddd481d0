// Shared fixture of the QEMU command line tests: where the XML -> argv test
// data lives, the QEMU 7.2 capabilities and the context libvirt's
// qemuxml2argv tests use (domain id -1, fd 1729 for the monitor, ...).
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "drivers/qemu/qemu_command.h"
#include "lib/conf/domain.h"

namespace qemu_command_test {

// tests/unit/data/qemuxml2argv. __FILE__ is relative to the build root in a
// meson build (which is three levels above the test executable), absolute
// in a standalone one; VIREO_QEMU_ARGV_DATA overrides both.
inline std::filesystem::path dataDir() {
  if (const char* env = std::getenv("VIREO_QEMU_ARGV_DATA")) return env;
  std::filesystem::path src = std::filesystem::path(__FILE__).parent_path();
  if (src.is_relative()) {
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe");
    src = exe.parent_path().parent_path().parent_path() / src;
  }
  return src / "data" / "qemuxml2argv";
}

inline std::string readFile(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// What probing QEMU 7.2 on x86_64 yields for the two machine families.
inline vireo::qemu::QemuCaps caps72() {
  vireo::qemu::QemuCaps caps;
  caps.binary = "/usr/bin/qemu-system-x86_64";
  caps.versionMajor = 7;
  caps.versionMinor = 2;
  caps.arch = "x86_64";
  vireo::qemu::QemuMachine pc;
  pc.name = "pc-i440fx-7.2";
  pc.alias = "pc";
  pc.isDefault = true;
  pc.maxCpus = 255;
  pc.defaultCpuType = "qemu64-x86_64-cpu";
  pc.defaultRamId = "pc.ram";
  vireo::qemu::QemuMachine q35 = pc;
  q35.name = "pc-q35-7.2";
  q35.alias = "q35";
  q35.isDefault = false;
  q35.maxCpus = 288;
  caps.machines = {pc, q35};
  return caps;
}

// libvirt's test setup: a privileged driver whose libDir is
// /var/lib/libvirt/qemu, an environment of PATH=/bin, HOME, USER=test and
// LOGNAME=test, and the monitor on fd 1729.
// Tap descriptors: net0 gets taps 1750,1751 and vhost 1760,1761, net1 tap 1752.
inline vireo::qemu::CommandContext argvContext(const vireo::conf::DomainDef& def,
                                               const vireo::qemu::QemuCaps& caps) {
  vireo::qemu::CommandContext ctx;
  ctx.caps = &caps;
  ctx.domainId = -1;
  ctx.domainLibDir = "/var/lib/libvirt/qemu/domain--1-" + def.name;
  ctx.masterKeyPath = ctx.domainLibDir + "/master-key.aes";
  ctx.inheritedEnv = {{"PATH", "/bin"}, {"HOME", "/home/test"}, {"USER", "test"}, {"LOGNAME", "test"}};
  ctx.monitorFd = 1729;
  ctx.netFds = {{{1750, 1751}, {1760, 1761}}, {{1752}, {}}};
  ctx.kvmAvailable = true;
  // libvirt's test mock: only /dev/cdrom is a CD-ROM drive.
  ctx.isHostCdrom = [](const std::string& path) { return path == "/dev/cdrom"; };
  return ctx;
}

// Every NAME.xml / NAME.args pair of the data directory.
inline std::vector<std::string> argvCases() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dataDir()))
    if (e.path().extension() == ".xml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace qemu_command_test
