#include "drivers/qemu/qemu_config.h"

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "lib/util/conf_file.h"
#include "lib/util/error.h"

namespace vireo::qemu {
namespace {

// ---------------------------------------------------------------------------
// Every key of libvirt 9.0's qemu.conf, with the type libvirt reads it as.
// `used` is false for the keys vireo accepts and ignores.

enum class Kind { String, StringOrList, StringList, Bool, Int, UInt, MaxCore };

struct KeySpec {
  std::string_view name;
  Kind kind;
  bool used;
};

constexpr KeySpec kKeys[] = {
    // TLS: vireo does not set up TLS for any QEMU channel yet.
    {"default_tls_x509_cert_dir", Kind::String, false},
    {"default_tls_x509_verify", Kind::Bool, false},
    {"default_tls_x509_secret_uuid", Kind::String, false},
    {"vnc_listen", Kind::String, true},
    {"vnc_auto_unix_socket", Kind::Bool, true},
    {"vnc_tls", Kind::Bool, true},
    {"vnc_tls_x509_cert_dir", Kind::String, false},
    {"vnc_tls_x509_secret_uuid", Kind::String, false},
    {"vnc_tls_x509_verify", Kind::Bool, false},
    {"vnc_password", Kind::String, true},
    {"vnc_sasl", Kind::Bool, false},
    {"vnc_sasl_dir", Kind::String, false},
    {"vnc_allow_host_audio", Kind::Bool, false},
    {"spice_listen", Kind::String, true},
    {"spice_tls", Kind::Bool, false},
    {"spice_tls_x509_cert_dir", Kind::String, false},
    {"spice_auto_unix_socket", Kind::Bool, false},
    {"spice_password", Kind::String, false},
    {"spice_sasl", Kind::Bool, false},
    {"spice_sasl_dir", Kind::String, false},
    {"chardev_tls", Kind::Bool, false},
    {"chardev_tls_x509_cert_dir", Kind::String, false},
    {"chardev_tls_x509_verify", Kind::Bool, false},
    {"chardev_tls_x509_secret_uuid", Kind::String, false},
    {"migrate_tls_x509_cert_dir", Kind::String, false},
    {"migrate_tls_x509_verify", Kind::Bool, false},
    {"migrate_tls_x509_secret_uuid", Kind::String, false},
    {"migrate_tls_force", Kind::Bool, false},
    {"backup_tls_x509_cert_dir", Kind::String, false},
    {"backup_tls_x509_verify", Kind::Bool, false},
    {"backup_tls_x509_secret_uuid", Kind::String, false},
    {"vxhs_tls", Kind::Bool, false},
    {"vxhs_tls_x509_cert_dir", Kind::String, false},
    {"vxhs_tls_x509_secret_uuid", Kind::String, false},
    {"nbd_tls", Kind::Bool, false},
    {"nbd_tls_x509_cert_dir", Kind::String, false},
    {"nbd_tls_x509_secret_uuid", Kind::String, false},
    {"nographics_allow_host_audio", Kind::Bool, false},
    {"remote_display_port_min", Kind::UInt, true},
    {"remote_display_port_max", Kind::UInt, true},
    {"remote_websocket_port_min", Kind::UInt, true},
    {"remote_websocket_port_max", Kind::UInt, true},
    {"security_driver", Kind::StringOrList, true},
    {"security_default_confined", Kind::Bool, true},
    {"security_require_confined", Kind::Bool, true},
    {"user", Kind::String, true},
    {"group", Kind::String, true},
    {"dynamic_ownership", Kind::Bool, true},
    {"remember_owner", Kind::Bool, true},
    {"cgroup_controllers", Kind::StringList, true},
    {"cgroup_device_acl", Kind::StringList, true},
    {"seccomp_sandbox", Kind::Int, true},
    {"namespaces", Kind::StringList, true},
    {"save_image_format", Kind::String, true},
    {"dump_image_format", Kind::String, true},
    {"snapshot_image_format", Kind::String, true},
    {"auto_dump_path", Kind::String, true},
    {"auto_dump_bypass_cache", Kind::Bool, true},
    {"auto_start_bypass_cache", Kind::Bool, true},
    {"hugetlbfs_mount", Kind::StringOrList, true},
    {"bridge_helper", Kind::String, true},
    {"pr_helper", Kind::String, false},
    {"slirp_helper", Kind::String, false},
    {"dbus_daemon", Kind::String, false},
    {"set_process_name", Kind::Bool, true},
    {"max_processes", Kind::UInt, true},
    {"max_files", Kind::UInt, true},
    {"max_threads_per_process", Kind::UInt, true},
    {"max_core", Kind::MaxCore, true},
    {"dump_guest_core", Kind::Bool, true},
    {"stdio_handler", Kind::String, true},
    {"sched_core", Kind::String, false},
    {"mac_filter", Kind::Bool, false},
    {"relaxed_acs_check", Kind::Bool, false},
    {"allow_disk_format_probing", Kind::Bool, false},
    {"lock_manager", Kind::String, true},
    {"max_queued", Kind::UInt, false},
    {"keepalive_interval", Kind::Int, true},
    {"keepalive_count", Kind::UInt, true},
    {"migration_address", Kind::String, false},
    {"migration_host", Kind::String, false},
    {"migration_port_min", Kind::UInt, true},
    {"migration_port_max", Kind::UInt, true},
    {"log_timestamp", Kind::Bool, true},
    {"nvram", Kind::StringList, true},
    {"gluster_debug_level", Kind::UInt, false},
    {"virtiofsd_debug", Kind::Bool, false},
    {"deprecation_behavior", Kind::String, true},
    {"memory_backing_dir", Kind::String, true},
    {"swtpm_user", Kind::String, false},
    {"swtpm_group", Kind::String, false},
    {"capability_filters", Kind::StringList, false},
    // Obsolete in libvirt 9.0 (capabilities are always dropped) but still
    // accepted there, so that old files load.
    {"clear_emulator_capabilities", Kind::Bool, true},
    // libvirtd.conf's audit keys: vireo has no daemon, so they live here.
    {"audit_level", Kind::UInt, true},
    {"audit_logging", Kind::Bool, true},
    // vireo's own: how long a relabelling waits for a metadata lock.
    {"metadata_lock_timeout", Kind::UInt, true},
};

const KeySpec* findKey(std::string_view name) {
  for (const KeySpec& k : kKeys)
    if (k.name == name) return &k;
  return nullptr;
}

// libvirt 9.0's default device list (qemu_cgroup.c). /dev/userfaultfd
// joined it only in a later release.
const std::vector<std::string> kDefaultDeviceAcl = {
    "/dev/null", "/dev/full", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/ptmx", "/dev/kvm",
};

// The firmware pairs Debian's libvirt 9.0 is built with (DEFAULT_LOADER_NVRAM).
const std::vector<NvramPair> kDefaultNvram = {
    {"/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"},
    {"/usr/share/OVMF/OVMF_CODE.secboot.fd", "/usr/share/OVMF/OVMF_VARS.fd"},
    {"/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/AAVMF/AAVMF_VARS.fd"},
    {"/usr/share/AAVMF/AAVMF32_CODE.fd", "/usr/share/AAVMF/AAVMF32_VARS.fd"},
};

bool oneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// ---------------------------------------------------------------------------
// Users and groups, resolved the way libvirt's virGetUserID/virGetGroupID
// do: "+N" is the number N; anything else is a name, and a name that does
// not exist is tried as a number.

std::optional<unsigned> parseId(std::string_view digits) {
  if (digits.empty() || digits.size() > 10) return std::nullopt;
  unsigned long long v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 0xffffffffULL) return std::nullopt;
  return static_cast<unsigned>(v);
}

// Runs one getpw*_r/getgr*_r call with a buffer that grows on ERANGE.
// `call` makes the call and copies what it needs out of the buffer before
// returning the function's error number. "No such record" comes back as 0
// with no result, or as one of the errors below, depending on the NSS module.
template <typename Call>
void withLookupBuffer(Call call, const std::string& what) {
  std::vector<char> buf(16384);
  for (;;) {
    int rc = call(buf.data(), buf.size());
    if (rc == ERANGE && buf.size() < (1u << 24)) {
      buf.resize(buf.size() * 2);
      continue;
    }
    if (rc == 0 || rc == ENOENT || rc == ESRCH || rc == EBADF || rc == EPERM) return;
    failSystem(VIR_FROM_QEMU, rc, what);
  }
}

struct UserRecord {
  uid_t uid = 0;
  std::string name;
  std::string home;
};

std::optional<UserRecord> userByName(const std::string& name) {
  std::optional<UserRecord> out;
  withLookupBuffer(
      [&](char* buf, size_t len) {
        struct passwd pw;
        struct passwd* result = nullptr;
        int rc = getpwnam_r(name.c_str(), &pw, buf, len, &result);
        if (rc == 0 && result) out = UserRecord{pw.pw_uid, pw.pw_name, pw.pw_dir};
        return rc;
      },
      "Failed to find user record for name '" + name + "'");
  return out;
}

std::optional<UserRecord> userById(uid_t uid) {
  std::optional<UserRecord> out;
  withLookupBuffer(
      [&](char* buf, size_t len) {
        struct passwd pw;
        struct passwd* result = nullptr;
        int rc = getpwuid_r(uid, &pw, buf, len, &result);
        if (rc == 0 && result) out = UserRecord{pw.pw_uid, pw.pw_name, pw.pw_dir};
        return rc;
      },
      "Failed to find user record for uid '" + std::to_string(uid) + "'");
  return out;
}

std::optional<gid_t> groupIdByName(const std::string& name) {
  std::optional<gid_t> out;
  withLookupBuffer(
      [&](char* buf, size_t len) {
        struct group gr;
        struct group* result = nullptr;
        int rc = getgrnam_r(name.c_str(), &gr, buf, len, &result);
        if (rc == 0 && result) out = gr.gr_gid;
        return rc;
      },
      "Failed to find group record for name '" + name + "'");
  return out;
}

std::optional<std::string> groupNameById(gid_t gid) {
  std::optional<std::string> out;
  withLookupBuffer(
      [&](char* buf, size_t len) {
        struct group gr;
        struct group* result = nullptr;
        int rc = getgrgid_r(gid, &gr, buf, len, &result);
        if (rc == 0 && result) out = gr.gr_name;
        return rc;
      },
      "Failed to find group record for gid '" + std::to_string(gid) + "'");
  return out;
}

std::optional<uid_t> lookupUser(const std::string& name) {
  if (name.starts_with('+')) return parseId(std::string_view(name).substr(1));
  if (auto record = userByName(name)) return record->uid;
  return parseId(name);
}

std::optional<gid_t> lookupGroup(const std::string& name) {
  if (name.starts_with('+')) return parseId(std::string_view(name).substr(1));
  if (auto gid = groupIdByName(name)) return *gid;
  return parseId(name);
}

// libvirt's per-user configuration directory: $XDG_CONFIG_HOME/libvirt,
// else ~/.config/libvirt.
std::string userConfigDir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/libvirt";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.config/libvirt";
  auto record = userById(getuid());
  return (record ? record->home : std::string()) + "/.config/libvirt";
}

// ---------------------------------------------------------------------------
// Reading the file over the defaults.

class Loader {
 public:
  Loader(const ConfFile& conf, QemuConfig& cfg) : conf_(conf), cfg_(cfg) {}

  void run() {
    conf_.rejectDuplicates();
    checkKeys();
    security();
    display();
    process();
    saving();
    migration();
    misc();
  }

 private:
  // "<file>:<line>: <detail>" for the entry `key`, from libvirt's
  // qemu_conf.c checks (hence VIR_FROM_QEMU).
  [[noreturn]] void bad(std::string_view key, virErrorNumber code, std::string_view detail) const {
    conf_.failAt(*conf_.find(key), code, VIR_FROM_QEMU, detail);
  }

  // Every key must be known and of its type; unused ones are noted.
  void checkKeys() {
    for (const ConfEntry& e : conf_.entries()) {
      const KeySpec* spec = findKey(e.name);
      if (!spec) conf_.failAt(e, VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF, "unknown parameter '" + e.name + "'");
      switch (spec->kind) {
        case Kind::String: conf_.getString(e.name); break;
        case Kind::StringOrList: conf_.getStringList(e.name, true); break;
        case Kind::StringList: conf_.getStringList(e.name, false); break;
        case Kind::Bool: conf_.getBool(e.name); break;
        case Kind::Int: conf_.getInt(e.name); break;
        case Kind::UInt: conf_.getUInt(e.name); break;
        case Kind::MaxCore:
          if (e.value.type != ConfValue::Type::String) conf_.getULLong(e.name);
          break;
      }
      if (!spec->used) cfg_.ignoredSettings.insert(e.name);
    }
  }

  template <typename T>
  void set(T& field, const std::optional<T>& value) {
    if (value) field = *value;
  }

  void security() {
    if (auto drivers = conf_.getStringList("security_driver", true)) {
      for (size_t i = 0; i < drivers->size(); ++i) {
        const std::string& name = (*drivers)[i];
        if (std::find(drivers->begin(), drivers->begin() + i, name) != drivers->begin() + i)
          bad("security_driver", VIR_ERR_CONF_SYNTAX, "security_driver: Duplicate security driver " + name);
        if (name == "apparmor")
          bad("security_driver", VIR_ERR_CONFIG_UNSUPPORTED,
              "security_driver: the apparmor security driver is not supported by vireo");
        if (!oneOf(name, {"selinux", "none"}))
          bad("security_driver", VIR_ERR_CONFIG_UNSUPPORTED,
              "security_driver: Cannot find security driver '" + name + "'");
      }
      cfg_.securityDrivers = *drivers;
    }
    set(cfg_.securityDefaultConfined, conf_.getBool("security_default_confined"));
    set(cfg_.securityRequireConfined, conf_.getBool("security_require_confined"));

    if (auto user = conf_.getString("user")) {
      auto uid = lookupUser(*user);
      if (!uid) bad("user", VIR_ERR_INVALID_ARG, "user: Failed to parse user '" + *user + "'");
      cfg_.user = *user;
      cfg_.uid = *uid;
    }
    if (auto group = conf_.getString("group")) {
      auto gid = lookupGroup(*group);
      if (!gid) bad("group", VIR_ERR_INVALID_ARG, "group: Failed to parse group '" + *group + "'");
      cfg_.group = *group;
      cfg_.gid = *gid;
    }
    set(cfg_.dynamicOwnership, conf_.getBool("dynamic_ownership"));
    set(cfg_.rememberOwner, conf_.getBool("remember_owner"));

    if (auto controllers = conf_.getStringList("cgroup_controllers", false)) {
      for (const std::string& c : *controllers)
        if (!oneOf(c, {"cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "net_cls",
                       "perf_event", "name=systemd"}))
          bad("cgroup_controllers", VIR_ERR_CONF_SYNTAX,
              "cgroup_controllers: Unknown cgroup controller '" + c + "'");
      cfg_.cgroupControllers = *controllers;
      cfg_.cgroupControllersSet = true;
    }
    set(cfg_.cgroupDeviceAcl, conf_.getStringList("cgroup_device_acl", false));

    // libvirt: negative means "if QEMU supports it", 0 off, positive on.
    if (auto sandbox = conf_.getInt("seccomp_sandbox")) cfg_.seccompSandbox = *sandbox < 0 ? -1 : *sandbox > 0;

    if (auto namespaces = conf_.getStringList("namespaces", false)) {
      cfg_.namespaces.clear();
      for (const std::string& ns : *namespaces) {
        if (ns != "mount") bad("namespaces", VIR_ERR_CONF_SYNTAX, "namespaces: Unknown namespace: " + ns);
        if (!cfg_.privileged)
          bad("namespaces", VIR_ERR_CONFIG_UNSUPPORTED, "namespaces: cannot use namespaces in session mode");
        if (std::find(cfg_.namespaces.begin(), cfg_.namespaces.end(), ns) == cfg_.namespaces.end())
          cfg_.namespaces.push_back(ns);
      }
    }

    set(cfg_.clearEmulatorCapabilities, conf_.getBool("clear_emulator_capabilities"));

    if (auto lock = conf_.getString("lock_manager")) {
      if (!oneOf(*lock, {"nop", "lockd"}))
        bad("lock_manager", VIR_ERR_CONFIG_UNSUPPORTED,
            "lock_manager: lock manager '" + *lock + "' is not supported (vireo has 'nop' and 'lockd')");
      cfg_.lockManager = *lock;
    }
    if (auto wait = conf_.getUInt("metadata_lock_timeout")) {
      if (*wait > 60)
        bad("metadata_lock_timeout", VIR_ERR_CONF_SYNTAX,
            "metadata_lock_timeout: value must be between 0 and 60 seconds");
      cfg_.metadataLockTimeout = *wait;
    }

    if (auto level = conf_.getUInt("audit_level")) {
      if (*level > 2) bad("audit_level", VIR_ERR_CONF_SYNTAX, "audit_level: value must be 0, 1 or 2");
      cfg_.auditLevel = *level;
    }
    set(cfg_.auditLogging, conf_.getBool("audit_logging"));
  }

  // A min/max port pair, checked as libvirt checks it. `floor` is the
  // lowest allowed minimum.
  void portRange(std::string_view minKey, std::string_view maxKey, unsigned floor, unsigned& min,
                 unsigned& max) {
    set(min, conf_.getUInt(minKey));
    if (min < floor)
      bad(minKey, VIR_ERR_INTERNAL_ERROR,
          std::string(minKey) + ": port must be greater than or equal to " + std::to_string(floor));
    set(max, conf_.getUInt(maxKey));
    if (max > 65535 || max < min)
      bad(conf_.find(maxKey) ? maxKey : minKey, VIR_ERR_INTERNAL_ERROR,
          std::string(maxKey) + ": port must be between the minimal port and 65535");
  }

  void display() {
    set(cfg_.vncListen, conf_.getString("vnc_listen"));
    set(cfg_.vncAutoUnixSocket, conf_.getBool("vnc_auto_unix_socket"));
    set(cfg_.vncTls, conf_.getBool("vnc_tls"));
    set(cfg_.vncPassword, conf_.getString("vnc_password"));
    set(cfg_.spiceListen, conf_.getString("spice_listen"));
    portRange("remote_websocket_port_min", "remote_websocket_port_max", 5700, cfg_.remoteWebsocketPortMin,
              cfg_.remoteWebsocketPortMax);
    portRange("remote_display_port_min", "remote_display_port_max", 5900, cfg_.remoteDisplayPortMin,
              cfg_.remoteDisplayPortMax);
  }

  void process() {
    set(cfg_.maxProcesses, conf_.getUInt("max_processes"));
    set(cfg_.maxFiles, conf_.getUInt("max_files"));
    set(cfg_.maxThreadsPerProcess, conf_.getUInt("max_threads_per_process"));
    if (const ConfEntry* core = conf_.find("max_core")) {
      if (core->value.type == ConfValue::Type::String) {
        if (core->value.text != "unlimited")
          bad("max_core", VIR_ERR_CONFIG_UNSUPPORTED, "max_core: Unknown core size '" + core->value.text + "'");
        cfg_.maxCore = QemuConfig::kMaxCoreUnlimited;
      } else {
        cfg_.maxCore = *conf_.getULLong("max_core");
      }
    }
    set(cfg_.dumpGuestCore, conf_.getBool("dump_guest_core"));
    set(cfg_.setProcessName, conf_.getBool("set_process_name"));
    if (auto handler = conf_.getString("stdio_handler")) {
      if (*handler == "logd")
        cfg_.stdioHandler = StdioHandler::Logd;
      else if (*handler == "file")
        cfg_.stdioHandler = StdioHandler::File;
      else
        bad("stdio_handler", VIR_ERR_CONFIG_UNSUPPORTED, "stdio_handler: Unknown stdio handler " + *handler);
    }
    set(cfg_.logTimestamp, conf_.getBool("log_timestamp"));
    set(cfg_.hugetlbfsMounts, conf_.getStringList("hugetlbfs_mount", true));
    set(cfg_.bridgeHelper, conf_.getString("bridge_helper"));
    set(cfg_.memoryBackingDir, conf_.getString("memory_backing_dir"));
    if (auto nvram = conf_.getStringList("nvram", false)) {
      cfg_.nvram.clear();
      for (const std::string& pair : *nvram) {
        size_t colon = pair.find(':');
        // Exactly two non-empty halves, as libvirt's virFirmwareParse wants.
        if (colon == std::string::npos || colon == 0 || colon + 1 == pair.size() ||
            pair.find(':', colon + 1) != std::string::npos)
          conf_.failAt(*conf_.find("nvram"), VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF,
                       "nvram: Invalid nvram format: '" + pair + "'");
        cfg_.nvram.push_back({pair.substr(0, colon), pair.substr(colon + 1)});
      }
    }
  }

  void imageFormat(std::string_view key, std::string& field) {
    auto format = conf_.getString(key);
    if (!format) return;
    if (!oneOf(*format, {"raw", "gzip", "bzip2", "xz", "lzop"}))
      bad(key, VIR_ERR_CONF_SYNTAX, std::string(key) + ": Invalid image format '" + *format + "'");
    field = *format;
  }

  void saving() {
    imageFormat("save_image_format", cfg_.saveImageFormat);
    imageFormat("dump_image_format", cfg_.dumpImageFormat);
    imageFormat("snapshot_image_format", cfg_.snapshotImageFormat);
    set(cfg_.autoDumpPath, conf_.getString("auto_dump_path"));
    set(cfg_.autoDumpBypassCache, conf_.getBool("auto_dump_bypass_cache"));
    set(cfg_.autoStartBypassCache, conf_.getBool("auto_start_bypass_cache"));
  }

  // libvirt refuses a migration address that names this host's loopback.
  static bool isLocalhost(std::string address) {
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
      address = address.substr(1, address.size() - 2);
    if (address.starts_with("localhost")) return true;
    struct in_addr v4;
    if (inet_aton(address.c_str(), &v4)) return ntohl(v4.s_addr) == INADDR_LOOPBACK;
    struct in6_addr v6;
    if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
  }

  void migration() {
    set(cfg_.migrationPortMin, conf_.getUInt("migration_port_min"));
    if (cfg_.migrationPortMin == 0)
      bad("migration_port_min", VIR_ERR_INTERNAL_ERROR, "migration_port_min: port must be greater than 0");
    set(cfg_.migrationPortMax, conf_.getUInt("migration_port_max"));
    if (cfg_.migrationPortMax > 65535 || cfg_.migrationPortMax < cfg_.migrationPortMin)
      bad(conf_.find("migration_port_max") ? "migration_port_max" : "migration_port_min", VIR_ERR_INTERNAL_ERROR,
          "migration_port_max: port must be between the minimal port " + std::to_string(cfg_.migrationPortMin) +
              " and 65535");
    for (std::string_view key : {"migration_host", "migration_address"}) {
      auto value = conf_.getString(key);
      if (value && isLocalhost(*value))
        bad(key, VIR_ERR_CONF_SYNTAX,
            std::string(key) + " must not be the address of the local machine: " + *value);
    }
    set(cfg_.keepaliveInterval, conf_.getInt("keepalive_interval"));
    set(cfg_.keepaliveCount, conf_.getUInt("keepalive_count"));
  }

  void misc() {
    if (auto behavior = conf_.getString("deprecation_behavior")) {
      if (!oneOf(*behavior, {"none", "omit", "reject", "crash"}))
        bad("deprecation_behavior", VIR_ERR_CONF_SYNTAX,
            "deprecation_behavior: Unsupported deprecation behavior '" + *behavior + "'");
      cfg_.deprecationBehavior = *behavior;
    }
    // Checks libvirt makes on keys vireo otherwise ignores.
    if (conf_.getBool("allow_disk_format_probing").value_or(false))
      bad("allow_disk_format_probing", VIR_ERR_CONFIG_UNSUPPORTED,
          "allow_disk_format_probing is no longer supported");
    if (auto sched = conf_.getString("sched_core"); sched && !oneOf(*sched, {"none", "vcpus", "emulator", "full"}))
      bad("sched_core", VIR_ERR_CONFIG_UNSUPPORTED, "sched_core: Unknown sched_core value " + *sched);
  }

  const ConfFile& conf_;
  QemuConfig& cfg_;
};

}  // namespace

QemuConfig defaultQemuConfig(bool privileged) {
  QemuConfig cfg;
  cfg.privileged = privileged;
  if (privileged) {
    cfg.user = "root";
    cfg.group = "root";
    cfg.uid = 0;
    cfg.gid = 0;
    cfg.namespaces = {"mount"};
    cfg.memoryBackingDir = "/var/lib/libvirt/qemu/ram";
    cfg.autoDumpPath = "/var/lib/libvirt/qemu/dump";
  } else {
    cfg.uid = getuid();
    cfg.gid = getgid();
    // The names, or "+N" when the host has no record of the id.
    auto user = userById(cfg.uid);
    auto group = groupNameById(cfg.gid);
    cfg.user = user ? user->name : "+" + std::to_string(cfg.uid);
    cfg.group = group ? *group : "+" + std::to_string(cfg.gid);
    std::string configDir = userConfigDir();
    cfg.memoryBackingDir = configDir + "/qemu/ram";
    cfg.autoDumpPath = configDir + "/qemu/dump";
  }
  cfg.dynamicOwnership = privileged;
  cfg.cgroupDeviceAcl = kDefaultDeviceAcl;
  cfg.nvram = kDefaultNvram;
  return cfg;
}

QemuConfig loadQemuConfig(const std::string& path, bool privileged) {
  QemuConfig cfg = defaultQemuConfig(privileged);
  std::optional<ConfFile> conf = ConfFile::readIfExists(path);
  if (!conf) return cfg;
  cfg.path = path;
  Loader(*conf, cfg).run();
  return cfg;
}

QemuConfig parseQemuConfig(std::string_view content, const std::string& path, bool privileged) {
  QemuConfig cfg = defaultQemuConfig(privileged);
  ConfFile conf = ConfFile::parse(content, path);
  cfg.path = path;
  Loader(conf, cfg).run();
  return cfg;
}

}  // namespace vireo::qemu
