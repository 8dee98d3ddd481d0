// The QEMU driver's settings: qemu.conf, read the way libvirt 9.0 reads it.
//
// Every key that libvirt 9.0's qemu.conf knows is accepted, so that a real
// libvirt qemu.conf loads. The keys vireo acts on land in QemuConfig's
// fields; the others are type-checked as libvirt checks them and listed in
// QemuConfig::ignoredSettings. Two decisions are vireo's own:
//   - an UNKNOWN key fails the load (libvirt ignores it silently), so that a
//     misspelt setting is never mistaken for a working one;
//   - a key set twice fails the load (libvirt silently takes the first).
// doc/qemu-conf.md lists every key, its type, default and meaning.
//
// Errors name the file, the line and the key:
//   syntax, unknown/duplicate key:   VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF
//   wrong type:                      libvirt's numbers (VIR_ERR_INTERNAL_ERROR,
//                                    VIR_ERR_CONF_SYNTAX for a list item), VIR_FROM_CONF
//   a value vireo cannot accept:     libvirt's number for that check, VIR_FROM_QEMU
//   e.g. "configuration file syntax error: /etc/libvirt/qemu.conf:9:
//         namespaces: Unknown namespace: pid"
#pragma once

#include <sys/types.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vireo::qemu {

// Where QEMU's stdout/stderr go. vireo has no log daemon: both values send
// them to the domain's log file; "logd" is accepted so that libvirt's
// default configuration loads unchanged.
enum class StdioHandler { Logd, File };

// One "LOADER:NVRAM_TEMPLATE" pair of the obsolete nvram setting.
struct NvramPair {
  std::string loader;
  std::string nvramTemplate;
  bool operator==(const NvramPair&) const = default;
};

struct QemuConfig {
  // The file the settings were read from; empty when none was (defaults).
  std::string path;
  bool privileged = false;

  // --- ownership and confinement -------------------------------------
  std::string user;   // as written ("root", "+107")
  std::string group;
  uid_t uid = 0;      // user and group resolved on the host
  gid_t gid = 0;
  bool dynamicOwnership = true;   // default: privileged
  bool rememberOwner = true;
  std::vector<std::string> namespaces;        // only "mount" exists
  std::vector<std::string> cgroupControllers; // empty + !cgroupControllersSet: detect
  bool cgroupControllersSet = false;
  std::vector<std::string> cgroupDeviceAcl;
  std::vector<std::string> securityDrivers;   // empty: auto (the host's default)
  bool securityDefaultConfined = true;
  bool securityRequireConfined = false;
  bool clearEmulatorCapabilities = true;
  int seccompSandbox = -1;  // -1: when QEMU supports it, 0: off, 1: on
  std::string lockManager = "nop";
  // metadata_lock_timeout (vireo's own key): seconds a relabelling waits for
  // another process's metadata lock on a file, 0 to 60 (libvirt: always 10).
  unsigned metadataLockTimeout = 10;

  // --- auditing (libvirtd.conf's keys; vireo has no daemon) -----------
  unsigned auditLevel = 1;  // 0 off, 1 when the kernel supports it, 2 required
  bool auditLogging = false;

  // --- graphics ---------------------------------------------------------
  std::string vncListen = "127.0.0.1";
  bool vncAutoUnixSocket = false;
  bool vncTls = false;
  std::string vncPassword;
  std::string spiceListen = "127.0.0.1";
  unsigned remoteDisplayPortMin = 5900;
  unsigned remoteDisplayPortMax = 65535;
  unsigned remoteWebsocketPortMin = 5700;
  unsigned remoteWebsocketPortMax = 65535;

  // --- the QEMU process ---------------------------------------------------
  unsigned maxProcesses = 0;         // 0: leave the limit as it is
  unsigned maxFiles = 0;
  unsigned maxThreadsPerProcess = 0;
  unsigned long long maxCore = 0;    // bytes; kMaxCoreUnlimited for "unlimited"
  bool dumpGuestCore = false;
  bool setProcessName = false;
  StdioHandler stdioHandler = StdioHandler::Logd;
  bool logTimestamp = true;
  std::vector<std::string> hugetlbfsMounts;  // empty: detect when needed
  std::string bridgeHelper = "/usr/lib/qemu/qemu-bridge-helper";
  std::string memoryBackingDir;
  std::vector<NvramPair> nvram;

  // --- save, dump, snapshot -------------------------------------------------
  std::string saveImageFormat = "raw";
  std::string dumpImageFormat = "raw";
  std::string snapshotImageFormat = "raw";
  std::string autoDumpPath;
  bool autoDumpBypassCache = false;
  bool autoStartBypassCache = false;

  // --- migration, RPC, QEMU interface ---------------------------------------
  unsigned migrationPortMin = 49152;
  unsigned migrationPortMax = 49215;
  int keepaliveInterval = 5;   // parsed; used by peer-to-peer migration in libvirt
  unsigned keepaliveCount = 5;
  std::string deprecationBehavior = "none";

  // Keys present in the file that vireo accepts and does not act on.
  std::set<std::string> ignoredSettings;

  static constexpr unsigned long long kMaxCoreUnlimited = ~0ULL;
};

// The settings with no file: libvirt 9.0's defaults for a privileged
// (qemu:///system) or unprivileged (qemu:///session) driver. vireo's
// differences: user and group are "root" for a privileged driver (Debian's
// libvirt uses the libvirt-qemu account, which vireo cannot assume exists)
// and the current user and group for an unprivileged one (libvirt leaves
// them unset). Throws only if the current user cannot be looked up.
QemuConfig defaultQemuConfig(bool privileged);

// Reads `path` over the defaults. A missing file gives the defaults (as in
// libvirt); a file that exists but cannot be read throws
// VIR_ERR_SYSTEM_ERROR naming it; every other problem throws as described
// at the top of this file.
QemuConfig loadQemuConfig(const std::string& path, bool privileged);

// As loadQemuConfig(), for the text of a file already read; `path` only
// names it in messages. (The fuzz target tests/fuzz/fuzz_qemu_conf.cc uses it.)
QemuConfig parseQemuConfig(std::string_view content, const std::string& path, bool privileged);

}  // namespace vireo::qemu
