// qemu.conf as the QEMU driver reads it: libvirt 9.0's keys, types,
// defaults and checks, plus vireo's refusal of unknown and repeated keys.
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "drivers/qemu/qemu_config.h"
#include "lib/util/error.h"
#include "tests/support/temp_dir.h"

using vireo::test::TempDir;

using vireo::qemu::defaultQemuConfig;
using vireo::qemu::loadQemuConfig;
using vireo::qemu::NvramPair;
using vireo::qemu::QemuConfig;
using vireo::qemu::StdioHandler;
using Strings = std::vector<std::string>;

namespace {

// Writes `content` as DIR/qemu.conf and loads it.
struct ConfFixture {
  TempDir dir{"vireo-qconf"};
  std::string file = dir.path + "/qemu.conf";
  QemuConfig load(const std::string& content, bool privileged = true) {
    std::ofstream(file) << content;
    return loadQemuConfig(file, privileged);
  }
  // The error loading `content` throws.
  vireo::Error error(const std::string& content, bool privileged = true) {
    try {
      load(content, privileged);
    } catch (const vireo::Error& e) {
      return e;
    }
    FAIL("no error for: " << content);
    throw;  // not reached
  }
  // Loading fails with `code`, and the message names the file, the line
  // and the key, and says `what`.
  void requireError(const std::string& content, virErrorNumber code, int line, const std::string& key,
                    const std::string& what, bool privileged = true) {
    vireo::Error e = error(content, privileged);
    INFO(e.message());
    CHECK(e.code() == code);
    CHECK(e.message().find(file + ":" + std::to_string(line) + ": ") != std::string::npos);
    CHECK(e.message().find(key) != std::string::npos);
    CHECK(e.message().find(what) != std::string::npos);
  }
};

const Strings kAcl90 = {"/dev/null", "/dev/full", "/dev/zero", "/dev/random",
                        "/dev/urandom", "/dev/ptmx", "/dev/kvm"};

}  // namespace

TEST_CASE("qemu_config: privileged defaults", "[qemu_config]") {
  QemuConfig c = defaultQemuConfig(true);
  CHECK(c.path.empty());
  CHECK(c.privileged);
  CHECK(c.user == "root");
  CHECK(c.group == "root");
  CHECK(c.uid == 0);
  CHECK(c.gid == 0);
  CHECK(c.dynamicOwnership);
  CHECK(c.rememberOwner);
  CHECK(c.namespaces == Strings{"mount"});
  CHECK(c.cgroupDeviceAcl == kAcl90);
  CHECK_FALSE(c.cgroupControllersSet);
  CHECK(c.securityDrivers.empty());
  CHECK(c.securityDefaultConfined);
  CHECK_FALSE(c.securityRequireConfined);
  CHECK(c.clearEmulatorCapabilities);
  CHECK(c.seccompSandbox == -1);
  CHECK(c.lockManager == "nop");
  CHECK(c.metadataLockTimeout == 10);
  CHECK(c.auditLevel == 1);
  CHECK_FALSE(c.auditLogging);
  CHECK(c.vncListen == "127.0.0.1");
  CHECK_FALSE(c.vncAutoUnixSocket);
  CHECK_FALSE(c.vncTls);
  CHECK(c.vncPassword.empty());
  CHECK(c.spiceListen == "127.0.0.1");
  CHECK(c.remoteDisplayPortMin == 5900);
  CHECK(c.remoteDisplayPortMax == 65535);
  CHECK(c.remoteWebsocketPortMin == 5700);
  CHECK(c.remoteWebsocketPortMax == 65535);
  CHECK(c.maxProcesses == 0);
  CHECK(c.maxFiles == 0);
  CHECK(c.maxCore == 0);
  CHECK_FALSE(c.setProcessName);
  CHECK(c.stdioHandler == StdioHandler::Logd);
  CHECK(c.logTimestamp);
  CHECK(c.migrationPortMin == 49152);
  CHECK(c.migrationPortMax == 49215);
  CHECK(c.hugetlbfsMounts.empty());
  CHECK(c.bridgeHelper == "/usr/lib/qemu/qemu-bridge-helper");
  CHECK(c.memoryBackingDir == "/var/lib/libvirt/qemu/ram");
  CHECK(c.autoDumpPath == "/var/lib/libvirt/qemu/dump");
  REQUIRE(c.nvram.size() == 4);
  CHECK(c.nvram[0] == NvramPair{"/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"});
  CHECK(c.saveImageFormat == "raw");
  CHECK(c.dumpImageFormat == "raw");
  CHECK(c.snapshotImageFormat == "raw");
  CHECK_FALSE(c.autoStartBypassCache);
  CHECK(c.keepaliveInterval == 5);
  CHECK(c.keepaliveCount == 5);
  CHECK(c.deprecationBehavior == "none");
  CHECK(c.ignoredSettings.empty());
}

TEST_CASE("qemu_config: unprivileged defaults", "[qemu_config]") {
  QemuConfig c = defaultQemuConfig(false);
  CHECK_FALSE(c.privileged);
  CHECK(c.uid == getuid());
  CHECK(c.gid == getgid());
  CHECK_FALSE(c.user.empty());
  CHECK_FALSE(c.group.empty());
  CHECK_FALSE(c.dynamicOwnership);
  CHECK(c.namespaces.empty());
  CHECK(c.cgroupDeviceAcl == kAcl90);
  CHECK(c.memoryBackingDir.ends_with("/libvirt/qemu/ram"));
  CHECK(c.autoDumpPath.ends_with("/libvirt/qemu/dump"));
}

TEST_CASE("qemu_config: a missing file gives the defaults", "[qemu_config]") {
  TempDir dir{"vireo-qconf"};
  QemuConfig c = loadQemuConfig(dir.path + "/no-such-qemu.conf", true);
  CHECK(c.path.empty());
  CHECK(c.user == "root");
  CHECK(c.namespaces == Strings{"mount"});
  CHECK(loadQemuConfig(dir.path + "/no-such-qemu.conf", false).namespaces.empty());
}

TEST_CASE("qemu_config: an unreadable file fails naming it", "[qemu_config]") {
  TempDir dir{"vireo-qconf"};
  try {
    loadQemuConfig(dir.path, true);  // a directory: opens, cannot be read
    FAIL("a directory loaded");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.message() == "Failed to read file '" + dir.path + "': Is a directory");
  }
}

TEST_CASE("qemu_config: every key type lands in its field", "[qemu_config]") {
  ConfFixture f;
  QemuConfig c = f.load(R"(
user = "+107"
group = "+108"
dynamic_ownership = 0
remember_owner = 0
namespaces = [ ]
cgroup_controllers = [ "cpu", "devices", "memory", "blkio", "cpuset", "cpuacct" ]
cgroup_device_acl = [
    "/dev/null", "/dev/full", "/dev/zero",
    "/dev/random", "/dev/urandom",
    "/dev/ptmx", "/dev/kvm", "/dev/userfaultfd",
]
security_driver = [ "selinux", "none" ]
security_default_confined = 0
security_require_confined = 1
clear_emulator_capabilities = 0
seccomp_sandbox = 0
lock_manager = "lockd"
metadata_lock_timeout = 3
audit_level = 2
audit_logging = 1
vnc_listen = "0.0.0.0"
vnc_auto_unix_socket = 1
vnc_tls = 1
vnc_password = 'XYZ12345'
spice_listen = "::1"
remote_display_port_min = 5910
remote_display_port_max = 6000
remote_websocket_port_min = 5800
remote_websocket_port_max = 5900
max_processes = 100
max_files = 2048
max_threads_per_process = 64
max_core = 1073741824
dump_guest_core = 1
set_process_name = 1
stdio_handler = "file"
log_timestamp = 0
hugetlbfs_mount = "/dev/hugepages"
bridge_helper = "/usr/libexec/qemu-bridge-helper"
memory_backing_dir = "/srv/ram"
nvram = [ "/a/CODE.fd:/a/VARS.fd" ]
save_image_format = "xz"
dump_image_format = "gzip"
snapshot_image_format = "lzop"
auto_dump_path = "/srv/dump"
auto_dump_bypass_cache = 1
auto_start_bypass_cache = 1
migration_port_min = 50000
migration_port_max = 50010
keepalive_interval = -1
keepalive_count = 3
deprecation_behavior = "reject"
)");
  CHECK(c.path == f.file);
  CHECK(c.user == "+107");
  CHECK(c.uid == 107);
  CHECK(c.group == "+108");
  CHECK(c.gid == 108);
  CHECK_FALSE(c.dynamicOwnership);
  CHECK_FALSE(c.rememberOwner);
  CHECK(c.namespaces.empty());
  CHECK(c.cgroupControllersSet);
  CHECK(c.cgroupControllers == Strings{"cpu", "devices", "memory", "blkio", "cpuset", "cpuacct"});
  CHECK(c.cgroupDeviceAcl.size() == 8);
  CHECK(c.cgroupDeviceAcl.back() == "/dev/userfaultfd");
  CHECK(c.securityDrivers == Strings{"selinux", "none"});
  CHECK_FALSE(c.securityDefaultConfined);
  CHECK(c.securityRequireConfined);
  CHECK_FALSE(c.clearEmulatorCapabilities);
  CHECK(c.seccompSandbox == 0);
  CHECK(c.lockManager == "lockd");
  CHECK(c.metadataLockTimeout == 3);
  CHECK(c.auditLevel == 2);
  CHECK(c.auditLogging);
  CHECK(c.vncListen == "0.0.0.0");
  CHECK(c.vncAutoUnixSocket);
  CHECK(c.vncTls);
  CHECK(c.vncPassword == "XYZ12345");
  CHECK(c.spiceListen == "::1");
  CHECK(c.remoteDisplayPortMin == 5910);
  CHECK(c.remoteDisplayPortMax == 6000);
  CHECK(c.remoteWebsocketPortMin == 5800);
  CHECK(c.remoteWebsocketPortMax == 5900);
  CHECK(c.maxProcesses == 100);
  CHECK(c.maxFiles == 2048);
  CHECK(c.maxThreadsPerProcess == 64);
  CHECK(c.maxCore == 1073741824ULL);
  CHECK(c.dumpGuestCore);
  CHECK(c.setProcessName);
  CHECK(c.stdioHandler == StdioHandler::File);
  CHECK_FALSE(c.logTimestamp);
  CHECK(c.hugetlbfsMounts == Strings{"/dev/hugepages"});
  CHECK(c.bridgeHelper == "/usr/libexec/qemu-bridge-helper");
  CHECK(c.memoryBackingDir == "/srv/ram");
  CHECK(c.nvram == std::vector<NvramPair>{{"/a/CODE.fd", "/a/VARS.fd"}});
  CHECK(c.saveImageFormat == "xz");
  CHECK(c.dumpImageFormat == "gzip");
  CHECK(c.snapshotImageFormat == "lzop");
  CHECK(c.autoDumpPath == "/srv/dump");
  CHECK(c.autoDumpBypassCache);
  CHECK(c.autoStartBypassCache);
  CHECK(c.migrationPortMin == 50000);
  CHECK(c.migrationPortMax == 50010);
  CHECK(c.keepaliveInterval == -1);
  CHECK(c.keepaliveCount == 3);
  CHECK(c.deprecationBehavior == "reject");
  CHECK(c.ignoredSettings.empty());
}

TEST_CASE("qemu_config: user and group by name, number and +number", "[qemu_config]") {
  ConfFixture f;
  QemuConfig c = f.load("user = \"root\"\ngroup = \"root\"\n");
  CHECK(c.uid == 0);
  CHECK(c.gid == 0);
  // A name that does not exist is tried as a number, as libvirt does.
  c = f.load("user = \"4242\"\ngroup = \"4343\"\n");
  CHECK(c.uid == 4242);
  CHECK(c.gid == 4343);
  c = f.load("user = \"+0\"\ngroup = \"+0\"\n");
  CHECK(c.uid == 0);
  CHECK(c.user == "+0");
}

TEST_CASE("qemu_config: max_core takes \"unlimited\"; other single forms", "[qemu_config]") {
  ConfFixture f;
  CHECK(f.load("max_core = \"unlimited\"\n").maxCore == QemuConfig::kMaxCoreUnlimited);
  CHECK(f.load("security_driver = \"selinux\"\n").securityDrivers == Strings{"selinux"});
  CHECK(f.load("hugetlbfs_mount = [ \"/a\", \"/b\" ]\n").hugetlbfsMounts == Strings{"/a", "/b"});
  CHECK(f.load("seccomp_sandbox = 1\n").seccompSandbox == 1);
  CHECK(f.load("stdio_handler = \"logd\"\n").stdioHandler == StdioHandler::Logd);
  CHECK(f.load("namespaces = [ \"mount\", \"mount\" ]\n").namespaces == Strings{"mount"});
  // An empty namespace list is fine in session mode.
  CHECK(f.load("namespaces = []\n", false).namespaces.empty());
}

TEST_CASE("qemu_config: keys vireo accepts and ignores are listed", "[qemu_config]") {
  ConfFixture f;
  QemuConfig c = f.load(
      "vnc_sasl = 1\nspice_tls = 0\nswtpm_user = \"tss\"\ncapability_filters = [ \"x\" ]\n"
      "sched_core = \"vcpus\"\nmigration_host = \"host.example.com\"\nmax_queued = 0\n"
      "allow_disk_format_probing = 0\n");
  CHECK(c.ignoredSettings == std::set<std::string>{"vnc_sasl", "spice_tls", "swtpm_user", "capability_filters",
                                                   "sched_core", "migration_host", "max_queued",
                                                   "allow_disk_format_probing"});
}

TEST_CASE("qemu_config: an unknown key fails naming file, line and key", "[qemu_config]") {
  ConfFixture f;
  vireo::Error e = f.error("user = \"root\"\n\n# comment\nvnc_listne = \"0.0.0.0\"\n");
  CHECK(e.code() == VIR_ERR_CONF_SYNTAX);
  CHECK(e.domain() == VIR_FROM_CONF);
  CHECK(e.message() == "configuration file syntax error: " + f.file + ":4: unknown parameter 'vnc_listne'");
}

TEST_CASE("qemu_config: a key set twice fails", "[qemu_config]") {
  ConfFixture f;
  f.requireError("user = \"root\"\nuser = \"+1\"\n", VIR_ERR_CONF_SYNTAX, 2, "'user'", "already set on line 1");
}

TEST_CASE("qemu_config: a syntax error names the file and line", "[qemu_config]") {
  ConfFixture f;
  vireo::Error e = f.error("user = \"root\"\ngroup =\n");
  CHECK(e.code() == VIR_ERR_CONF_SYNTAX);
  CHECK(e.message() == "configuration file syntax error: " + f.file + ":2: expecting a value");
}

TEST_CASE("qemu_config: wrong types fail naming file, line and key", "[qemu_config]") {
  ConfFixture f;
  f.requireError("\nmax_files = \"10\"\n", VIR_ERR_INTERNAL_ERROR, 2, "'max_files'",
                 "expected an unsigned integer");
  f.requireError("user = [ \"root\" ]\n", VIR_ERR_INTERNAL_ERROR, 1, "'user'", "expected a string");
  f.requireError("namespaces = 1\n", VIR_ERR_INTERNAL_ERROR, 1, "'namespaces'", "expected a string list");
  f.requireError("cgroup_device_acl = [ \"/dev/null\", 5 ]\n", VIR_ERR_CONF_SYNTAX, 1, "'cgroup_device_acl'",
                 "expected a string list");
  f.requireError("vnc_tls = 2\n", VIR_ERR_INTERNAL_ERROR, 1, "'vnc_tls'", "must be 0 or 1");
  f.requireError("keepalive_interval = 'x'\n", VIR_ERR_INTERNAL_ERROR, 1, "'keepalive_interval'",
                 "expected a signed integer");
  f.requireError("security_driver = 1\n", VIR_ERR_INTERNAL_ERROR, 1, "'security_driver'",
                 "expected a string or string list");
  f.requireError("max_core = [ 1 ]\n", VIR_ERR_INTERNAL_ERROR, 1, "'max_core'", "expected an unsigned integer");
  // An ignored key is still type-checked, as libvirt reads it.
  f.requireError("vnc_sasl = \"yes\"\n", VIR_ERR_INTERNAL_ERROR, 1, "'vnc_sasl'", "expected a bool");
}

TEST_CASE("qemu_config: unknown values fail naming file, line and key", "[qemu_config]") {
  ConfFixture f;
  vireo::Error e = f.error("\n\nnamespaces = [ \"pid\" ]\n");
  CHECK(e.code() == VIR_ERR_CONF_SYNTAX);
  CHECK(e.domain() == VIR_FROM_QEMU);
  CHECK(e.message() == "configuration file syntax error: " + f.file + ":3: namespaces: Unknown namespace: pid");

  f.requireError("security_driver = \"smack\"\n", VIR_ERR_CONFIG_UNSUPPORTED, 1, "security_driver",
                 "Cannot find security driver 'smack'");
  f.requireError("security_driver = \"apparmor\"\n", VIR_ERR_CONFIG_UNSUPPORTED, 1, "security_driver",
                 "apparmor security driver is not supported");
  f.requireError("security_driver = [ \"selinux\", \"selinux\" ]\n", VIR_ERR_CONF_SYNTAX, 1, "security_driver",
                 "Duplicate security driver selinux");
  f.requireError("audit_level = 3\n", VIR_ERR_CONF_SYNTAX, 1, "audit_level", "must be 0, 1 or 2");
  f.requireError("stdio_handler = \"foo\"\n", VIR_ERR_CONFIG_UNSUPPORTED, 1, "stdio_handler",
                 "Unknown stdio handler foo");
  f.requireError("max_core = \"huge\"\n", VIR_ERR_CONFIG_UNSUPPORTED, 1, "max_core", "Unknown core size 'huge'");
  f.requireError("lock_manager = \"sanlock\"\n", VIR_ERR_CONFIG_UNSUPPORTED, 1, "lock_manager", "'sanlock'");
  f.requireError("metadata_lock_timeout = 61\n", VIR_ERR_CONF_SYNTAX, 1, "metadata_lock_timeout",
                 "between 0 and 60 seconds");
  f.requireError("cgroup_controllers = [ \"cpu\", \"gpu\" ]\n", VIR_ERR_CONF_SYNTAX, 1, "cgroup_controllers",
                 "Unknown cgroup controller 'gpu'");
  f.requireError("save_image_format = \"zip\"\n", VIR_ERR_CONF_SYNTAX, 1, "save_image_format", "'zip'");
  f.requireError("deprecation_behavior = \"warn\"\n", VIR_ERR_CONF_SYNTAX, 1, "deprecation_behavior", "'warn'");
  f.requireError("nvram = [ \"/only/one/path\" ]\n", VIR_ERR_CONF_SYNTAX, 1, "nvram",
                 "Invalid nvram format: '/only/one/path'");
  f.requireError("sched_core = \"all\"\n", VIR_ERR_CONFIG_UNSUPPORTED, 1, "sched_core", "all");
  f.requireError("allow_disk_format_probing = 1\n", VIR_ERR_CONFIG_UNSUPPORTED, 1, "allow_disk_format_probing",
                 "no longer supported");
  f.requireError("migration_host = \"[::1]\"\n", VIR_ERR_CONF_SYNTAX, 1, "migration_host",
                 "must not be the address of the local machine");
  f.requireError("migration_address = \"127.0.0.1\"\n", VIR_ERR_CONF_SYNTAX, 1, "migration_address",
                 "local machine");
  f.requireError("migration_host = \"localhost.localdomain\"\n", VIR_ERR_CONF_SYNTAX, 1, "migration_host",
                 "local machine");
}

TEST_CASE("qemu_config: port ranges are checked as libvirt checks them", "[qemu_config]") {
  ConfFixture f;
  f.requireError("remote_display_port_min = 5800\n", VIR_ERR_INTERNAL_ERROR, 1, "remote_display_port_min",
                 "port must be greater than or equal to 5900");
  f.requireError("remote_display_port_min = 6000\nremote_display_port_max = 5950\n", VIR_ERR_INTERNAL_ERROR, 2,
                 "remote_display_port_max", "port must be between the minimal port and 65535");
  f.requireError("remote_websocket_port_max = 70000\n", VIR_ERR_INTERNAL_ERROR, 1, "remote_websocket_port_max",
                 "between the minimal port and 65535");
  f.requireError("migration_port_min = 0\n", VIR_ERR_INTERNAL_ERROR, 1, "migration_port_min",
                 "port must be greater than 0");
  // Only the minimum is set, above the default maximum: the minimum's line.
  f.requireError("\nmigration_port_min = 60000\n", VIR_ERR_INTERNAL_ERROR, 2, "migration_port_max",
                 "between the minimal port 60000 and 65535");
}

TEST_CASE("qemu_config: namespaces need a privileged driver", "[qemu_config]") {
  ConfFixture f;
  vireo::Error e = f.error("namespaces = [ \"mount\" ]\n", false);
  CHECK(e.code() == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(e.message() ==
        "unsupported configuration: " + f.file + ":1: namespaces: cannot use namespaces in session mode");
  // An unknown name is reported first, as libvirt does.
  f.requireError("namespaces = [ \"net\" ]\n", VIR_ERR_CONF_SYNTAX, 1, "namespaces", "Unknown namespace: net",
                 false);
}

TEST_CASE("qemu_config: an unknown user or group fails naming it", "[qemu_config]") {
  ConfFixture f;
  f.requireError("\nuser = \"no-such-user-vireo\"\n", VIR_ERR_INVALID_ARG, 2, "user",
                 "Failed to parse user 'no-such-user-vireo'");
  f.requireError("group = \"no-such-group-vireo\"\n", VIR_ERR_INVALID_ARG, 1, "group",
                 "Failed to parse group 'no-such-group-vireo'");
  f.requireError("user = \"+abc\"\n", VIR_ERR_INVALID_ARG, 1, "user", "Failed to parse user '+abc'");
}

// A qemu.conf laid out like the one libvirt installs: long commented
// explanations, most keys commented out, a few set.
static const char kRealisticQemuConf[] = R"(# Main configuration file for the QEMU driver.
# All settings described here are optional - if omitted, sensible
# defaults are used.

# Use of TLS requires that x509 certificates be issued. The default is
# to keep them in /etc/pki/qemu. This directory must contain
#
#  ca-cert.pem - the CA master certificate
#  server-cert.pem - the server certificate signed with ca-cert.pem
#
#default_tls_x509_cert_dir = "/etc/pki/qemu"
#default_tls_x509_verify = 1

# VNC is configured to listen on 127.0.0.1 by default.
# To make it listen on all public interfaces, uncomment
# this next option.
#
vnc_listen = "0.0.0.0"
#vnc_auto_unix_socket = 1
#vnc_tls = 1
#vnc_password = "XYZ12345"
#vnc_sasl = 1
#spice_listen = "0.0.0.0"
#spice_tls = 1

#remote_display_port_min = 5900
#remote_display_port_max = 65535
#remote_websocket_port_min = 5700
#remote_websocket_port_max = 65535

# The default security driver is SELinux. If SELinux is disabled
# on the host, then the security driver will automatically disable
# itself. If you wish to disable QEMU SELinux security driver while
# leaving SELinux enabled for the host in general, then set this
# to 'none' instead.
#
#       security_driver = [ "selinux", "apparmor" ]
#
#security_driver = "selinux"
security_default_confined = 1
#security_require_confined = 1

# The user for QEMU processes run by the system instance.
#
#       user = "qemu"   # A user named "qemu"
#       user = "+0"     # Super user (uid=0)
#       user = "100"    # A user named "100" or a user with uid=100
#
user = "root"
group = "root"
#dynamic_ownership = 1
#remember_owner = 1

#cgroup_controllers = [ "cpu", "devices", "memory", "blkio", "cpuset", "cpuacct" ]

# This is the basic set of devices allowed / required by
# all virtual machines.
#
cgroup_device_acl = [
    "/dev/null", "/dev/full", "/dev/zero",
    "/dev/random", "/dev/urandom",
    "/dev/ptmx", "/dev/kvm",
    "/dev/rtc","/dev/hpet"
]

#save_image_format = "raw"
#dump_image_format = "raw"
#snapshot_image_format = "raw"
#auto_dump_path = "/var/lib/libvirt/qemu/dump"
#auto_dump_bypass_cache = 0
#auto_start_bypass_cache = 0
#hugetlbfs_mount = "/dev/hugepages"
#bridge_helper = "/usr/libexec/qemu-bridge-helper"
#set_process_name = 1
#max_processes = 0
#max_files = 0
#max_threads_per_process = 0
#max_core = "unlimited"
#dump_guest_core = 1
#mac_filter = 1
#relaxed_acs_check = 1
lock_manager = "lockd"
#max_queued = 0
keepalive_interval = 5
keepalive_count = 5
seccomp_sandbox = 1
#migration_address = "0.0.0.0"
#migration_host = "host.example.com"
#migration_port_min = 49152
#migration_port_max = 49215
#log_timestamp = 0
#nvram = [
#   "/usr/share/OVMF/OVMF_CODE.fd:/usr/share/OVMF/OVMF_VARS.fd",
#   "/usr/share/AAVMF/AAVMF_CODE.fd:/usr/share/AAVMF/AAVMF_VARS.fd"
#]
nvram = [
   "/usr/share/OVMF/OVMF_CODE.fd:/usr/share/OVMF/OVMF_VARS.fd",
   "/usr/share/OVMF/OVMF_CODE.secboot.fd:/usr/share/OVMF/OVMF_VARS.fd",
]
#gluster_debug_level = 9
#virtiofsd_debug = 1
namespaces = [ "mount" ]
#memory_backing_dir = "/var/lib/libvirt/qemu/ram"
#pr_helper = "/usr/bin/qemu-pr-helper"
#slirp_helper = "/usr/bin/slirp-helper"
#dbus_daemon = "/usr/bin/dbus-daemon"
swtpm_user = "tss"
swtpm_group = "tss"
#capability_filters = [ "capname" ]
stdio_handler = "logd"
deprecation_behavior = "none"
#sched_core = "none"
)";

TEST_CASE("qemu_config: a realistic libvirt qemu.conf loads", "[qemu_config]") {
  ConfFixture f;
  QemuConfig c = f.load(kRealisticQemuConf);
  CHECK(c.vncListen == "0.0.0.0");
  CHECK(c.user == "root");
  CHECK(c.cgroupDeviceAcl.size() == 9);
  CHECK(c.cgroupDeviceAcl[7] == "/dev/rtc");
  CHECK(c.lockManager == "lockd");
  CHECK(c.seccompSandbox == 1);
  CHECK(c.nvram.size() == 2);
  CHECK(c.nvram[1].loader == "/usr/share/OVMF/OVMF_CODE.secboot.fd");
  CHECK(c.namespaces == Strings{"mount"});
  CHECK(c.stdioHandler == StdioHandler::Logd);
  CHECK(c.ignoredSettings == std::set<std::string>{"swtpm_user", "swtpm_group"});
  // Unchanged defaults.
  CHECK(c.remoteDisplayPortMin == 5900);
  CHECK(c.saveImageFormat == "raw");
}

// libvirt's own test configuration for its augeas lens lists every key of
// qemu.conf with a valid value. Where libvirt is installed, load it.
TEST_CASE("qemu_config: every key of libvirt's own qemu.conf test loads", "[qemu_config]") {
  const std::string lensTest = "/usr/share/augeas/lenses/tests/test_libvirtd_qemu.aug";
  std::ifstream in(lensTest);
  if (!in) {
    WARN("SKIPPED: " << lensTest << " is missing (package libvirt-daemon-driver-qemu is not installed)");
    return;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string aug = buf.str();
  size_t begin = aug.find("let conf = \"");
  size_t end = aug.find("\"\n\n", begin);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::string raw = aug.substr(begin + 12, end - begin - 12);
  // Undo the augeas string escapes, and point the accounts (libvirt-qemu
  // and friends, which this host may not have) at root.
  std::string conf;
  std::istringstream lines(raw);
  size_t keys = 0;
  for (std::string line; std::getline(lines, line);) {
    for (size_t at; (at = line.find("\\\"")) != std::string::npos;) line.replace(at, 2, "\"");
    if (line.starts_with("user =")) line = "user = \"+0\"";
    if (line.starts_with("group =")) line = "group = \"+0\"";
    if (!line.empty() && line[0] != ' ' && line[0] != '"' && line[0] != ']' && line.find(" = ") != std::string::npos)
      ++keys;
    conf += line + "\n";
  }
  ConfFixture f;
  QemuConfig c = f.load(conf);
  CHECK(keys > 90);  // libvirt 9.0 lists about a hundred keys
  CHECK(c.securityDrivers == Strings{"selinux"});
  CHECK(c.lockManager == "lockd");
  CHECK(c.maxCore == QemuConfig::kMaxCoreUnlimited);
  CHECK(c.nvram.size() == 4);
  CHECK(c.ignoredSettings.count("vnc_sasl_dir") == 1);
  CHECK(c.ignoredSettings.count("sched_core") == 1);
}
