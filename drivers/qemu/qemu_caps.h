// What one QEMU binary can do, as probed through QMP.
//
// Probing starts the binary once (-S -no-user-config -nodefaults -nographic
// -machine none, QMP on a socket), asks it query-version, query-target,
// query-machines, query-commands, query-kvm and qom-list-types (-device
// drivers, and every QOM type), and stops it. (Device property lists are
// not probed yet: QemuCaps has nowhere to keep them.) The result is cached on disk, keyed
// by the binary's path and modification time, so that a later probe of an
// unchanged binary reads the cache instead of starting QEMU.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vireo::qemu {

struct QemuMachine {
  std::string name;        // "pc-i440fx-7.2"
  std::string alias;       // "pc" (empty when none)
  bool isDefault = false;  // QEMU's default machine for this target
  unsigned maxCpus = 1;
  bool deprecated = false;
  std::string defaultCpuType;  // "qemu64-x86_64-cpu" (may be empty)
  std::string defaultRamId;    // "pc.ram" (may be empty)
};

struct QemuCaps {
  std::string binary;          // absolute path
  long long binaryMtime = 0;   // st_mtime of the binary when probed (seconds)
  unsigned versionMajor = 0, versionMinor = 0, versionMicro = 0;
  std::string package;         // "Debian 1:7.2+dfsg-7+deb12u18"
  std::string arch;            // libvirt's arch name: x86_64, i686, aarch64, ...
  std::vector<QemuMachine> machines;
  bool kvmPresent = false;     // query-kvm: present (the host has /dev/kvm)
  bool kvmEnabled = false;
  std::set<std::string> commands;     // QMP commands
  std::set<std::string> deviceTypes;  // -device drivers (qom-list-types implements=device)
  std::set<std::string> objectTypes;  // every QOM type name

  // libvirt's version number: major * 1000000 + minor * 1000 + micro.
  unsigned long version() const { return versionMajor * 1000000UL + versionMinor * 1000UL + versionMicro; }
  bool hasDevice(std::string_view type) const { return deviceTypes.count(std::string(type)) != 0; }
  bool hasCommand(std::string_view cmd) const { return commands.count(std::string(cmd)) != 0; }
  // The machine named `nameOrAlias`, resolving an alias ("pc") to its
  // canonical machine ("pc-i440fx-7.2"); nullptr if unknown.
  const QemuMachine* findMachine(std::string_view nameOrAlias) const;
  // QEMU's default machine for the target; nullptr if it has none.
  const QemuMachine* defaultMachine() const;
};

// Probes `binary` (an absolute path), using the cache directory `cacheDir`
// (created if missing; "" disables the cache). `scratchDir` is where the
// probe's QMP socket is made. Throws vireo::Error (VIR_FROM_QEMU) naming the
// binary when it cannot be run or does not answer, with QEMU's own stderr.
// A cache directory that cannot be created or written is an error too
// (VIR_ERR_SYSTEM_ERROR naming the path); a corrupt or stale cache file is
// not: it is probed again and replaced.
QemuCaps probeQemuCaps(const std::string& binary, const std::string& cacheDir,
                       const std::string& scratchDir);

// libvirt's arch name for a qemu-system-<target> binary's target
// ("x86_64" → "x86_64", "i386" → "i686", "ppc64" → "ppc64", "arm" → "armv7l").
// Empty for a target that libvirt has no architecture name for ("hppa").
std::string archFromQemuTarget(std::string_view target);

}  // namespace vireo::qemu
