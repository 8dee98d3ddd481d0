// The QEMU command line for a domain definition, as libvirt 9.0 builds it
// for QEMU 7.2 (the x86_64 "latest" generation of libvirt's
// qemuxml2argv test data is the reference).
//
// The definition must already have the QEMU driver's defaults and addresses
// (qemu_postparse.h): this file only translates, it decides nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "drivers/qemu/qemu_caps.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// The descriptors one <interface> of type ethernet/bridge/network gets:
// tap fds (one per queue) and vhost-net fds, as numbers valid in QEMU.
struct NetFds {
  std::vector<int> tapFds;
  std::vector<int> vhostFds;
};

struct CommandContext {
  const QemuCaps* caps = nullptr;
  std::string emulator;          // the binary to exec (def.emulator or the default)
  int domainId = -1;             // -1 for qemu-argv conversion of an inactive domain
  std::string domainLibDir;      // ROOT/lib/qemu/domain-<id>-<name>: HOME, XDG_* and master key
  std::string masterKeyPath;     // "" = no -object secret,id=masterKey0
  // Variables QEMU inherits from the calling process, in libvirt's order
  // (inheritedEnvironment() reads them); HOME among them is replaced by
  // domainLibDir. Empty: QEMU gets only LC_ALL, HOME and the XDG variables.
  std::vector<std::pair<std::string, std::string>> inheritedEnv;
  // The listening QMP socket as an fd number in QEMU; -1 names the socket
  // by its path, <domainLibDir>/monitor.sock (the qemu-argv conversion).
  int monitorFd = -1;
  std::vector<NetFds> netFds;    // parallel to def.nets (may be shorter: no fds)
  bool noShutdown = true;        // -no-shutdown (libvirt always passes it when QEMU has it)
  bool sandbox = true;           // -sandbox on,... (qemu.conf seccomp_sandbox)
  bool kvmAvailable = false;     // /dev/kvm usable: -accel kvm for type='kvm'
  // Whether a <disk type='block' device='cdrom'> path is a host CD-ROM drive
  // (QEMU's host_cdrom driver) rather than another block device
  // (host_device). nullptr asks the kernel (CDROM_GET_CAPABILITY), as
  // libvirt does; tests substitute a fixed answer.
  bool (*isHostCdrom)(const std::string& path) = nullptr;
};

struct QemuCommand {
  std::vector<std::string> env;   // "LC_ALL=C", "PATH=...", "HOME=...", ... in libvirt's order
  std::vector<std::string> argv;  // argv[0] is the emulator

  // The whole command on one line, as virConnectDomainXMLToNative
  // ("qemu-argv") returns it: the env assignments, the emulator and the
  // arguments separated by single spaces, each word shell-quoted (single
  // quotes) when it contains a shell metacharacter. No trailing newline.
  std::string toNativeString() const;

  // The same words in the layout of the domain log and of libvirt's .args
  // test files: every env assignment on a line of its own, then a line
  // break (" \\" newline) before each argument that starts with '-' or
  // follows a word that does not (so "-name guest=x" shares a line, two
  // values in a row do not). No trailing newline.
  std::string toLogString() const;
};

// The variables libvirt passes from the calling process to QEMU, in its
// order: LD_PRELOAD, LD_LIBRARY_PATH, PATH, HOME, USER, LOGNAME, TMPDIR,
// each only when set (an empty value counts as set).
std::vector<std::pair<std::string, std::string>> inheritedEnvironment();

// Builds the command line. Throws vireo::Error (VIR_ERR_CONFIG_UNSUPPORTED,
// VIR_FROM_QEMU) for a definition it cannot express on this QEMU, naming what
// is unsupported ("unsupported configuration: disk bus 'xen' is not supported").
QemuCommand buildQemuCommand(const conf::DomainDef& def, const CommandContext& ctx);

}  // namespace vireo::qemu
