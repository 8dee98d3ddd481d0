// The audit records of real QEMU domains, read back from the kernel
// (tests/support/audit_listener.h) and checked field by field against
// doc/audit.md:
//
//  - a start sends VIRT_MACHINE_ID for the generated DAC label (+0:+0),
//    then VIRT_RESOURCE for the disk (its path hex-encoded, it has
//    a space), the interface (MAC), the serial pty (the console that mirrors
//    it is skipped), mem and vcpu, then VIRT_CONTROL op=start
//    reason=booted res=success with QEMU's pid; destroy sends op=stop
//    reason=destroyed;
//  - a start that QEMU refuses, or that the driver refuses before QEMU
//    runs, sends its resources with res=success and op=start with
//    res=failed, and nothing after;
//  - a name with spaces, quotes and non-ASCII bytes is hex-encoded in vm=
//    and the records still parse into the same fields;
//  - a domain with an ethernet tap and a bridge port sends a net-device-open
//    record (resrc=net reason=open net=MAC path="/dev/net/tun" rdev=0A:C8)
//    per tap before the start's records; hotplug and unplug of a disk, a tap
//    interface and a chardev on it (and a failed disk attach) send
//    reason=attach/detach with old-/new- and res= as libvirt does; a start
//    that fails at a missing bridge sends the failed open, then its
//    resources and op=start res=failed;
//  - audit_level = 2 on a host whose kernel audit is unavailable (a seccomp
//    filter refuses NETLINK_AUDIT sockets to the thread that opens the
//    driver) fails every start with libvirt's error and leaves nothing.
//
// The listener enables kernel auditing while it lives and restores it. The
// test uses the public API (linked statically, with the listener). Needs
// root; skips loudly without, fails under CI=true.
//
// Usage: qemu-audit-test GUEST_IMAGE
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <dirent.h>
#include <linux/netlink.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "tests/capi/check.h"
#include "tests/support/audit_listener.h"
#include "tests/support/syscall_fault.h"

extern "C" {
#include "tests/integration/qemu_test_support.h"
}

using vireo::test::AuditListener;
using vireo::test::AuditRecord;
using namespace std::chrono_literals;

namespace {

std::string gImage;   // the guest image, copied to a path with a space
std::vector<std::string> gRoots;
std::unique_ptr<AuditListener> gListener;
std::string gBridge;  // the test's bridge (type='bridge' interfaces), "" if none

const char* const kMac = "52:54:00:a1:b2:c3";
const char* const kTunPath = "/dev/net/tun";

// True if process `pid` runs qemu-system-x86_64 with an argument that
// names a path under `root` (its master key does).
bool qemuUnder(const std::string& pid, const std::string& root) {
  std::ifstream in("/proc/" + pid + "/cmdline", std::ios::binary);
  std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return cmdline.rfind("/usr/bin/qemu-system-x86_64", 0) == 0 && cmdline.find(root + "/") != std::string::npos;
}

// Kills every QEMU still running under one of the roots (a test stopped
// half-way may leave one, even before its status file exists), removes
// the roots and stops listening, which switches kernel auditing back off
// if the listener switched it on.
void cleanup() {
  for (const std::string& root : gRoots) {
    if (DIR* d = opendir("/proc")) {
      while (dirent* e = readdir(d))
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && qemuUnder(e->d_name, root)) kill(atoi(e->d_name), SIGKILL);
      closedir(d);
    }
    qt_remove_tree(root.c_str());
  }
  gRoots.clear();
  if (!gBridge.empty()) qt_remove_link(gBridge.c_str());
  gBridge.clear();
  gListener.reset();
}

// A meson timeout sends SIGTERM: exit through cleanup() so that no QEMU
// outlives the test and auditing is switched back off. (exit() is not
// async-signal-safe; at worst the test hangs until meson's SIGKILL.)
void onSignal(int) { exit(1); }

std::string newRoot(const char* qemuConf) {
  char* root = qt_make_root();
  std::string r = root;
  free(root);
  gRoots.push_back(r);
  if (qemuConf) {
    mkdir((r + "/etc").c_str(), 0755);
    std::ofstream(r + "/etc/qemu.conf") << qemuConf;
  }
  return r;
}

std::string uuidOf(virDomainPtr dom) {
  char buf[VIR_UUID_STRING_BUFLEN] = "";
  virDomainGetUUIDString(dom, buf);
  return buf;
}

// Records of this process about the domain called `name`.
AuditListener::Predicate about(const std::string& name) {
  auto mine = AuditListener::fromThisProcess();
  return [mine, name](const AuditRecord& r) { return mine(r) && r.decoded("vm") == name; };
}

// `name` as libaudit writes an encoded field: "value" or uppercase hex.
std::string encoded(const std::string& value) {
  bool plain = !value.empty();
  for (unsigned char c : value) plain = plain && c >= 0x21 && c <= 0x7e && c != '"';
  if (plain) return "\"" + value + "\"";
  std::string hex;
  char b[3];
  for (unsigned char c : value) {
    snprintf(b, sizeof b, "%02X", c);
    hex += b;
  }
  return hex;
}

int checkRecordFailed(const AuditRecord& r) {
  fprintf(stderr, "    record: type=%d %s\n", r.type, r.text.c_str());
  return 0;
}

// The record's type, its keys in order (ours, then the five libaudit
// appends), the kernel's header naming this process, and res=.
void checkShape(const AuditRecord& r, int type, std::vector<std::string> keys, bool success) {
  for (const char* k : {"exe", "hostname", "addr", "terminal", "res"}) keys.push_back(k);
  bool ok = CHECK_INT(r.type, type);
  ok &= CHECK(r.keys() == keys);
  ok &= CHECK_INT(r.pid(), getpid());
  ok &= CHECK(r.headerValue("uid") == std::to_string(getuid()));
  ok &= CHECK(r.headerValue("auid").has_value() && r.headerValue("ses").has_value());
  ok &= CHECK(r.raw("hostname") == "?" && r.raw("addr") == "?");
  ok &= CHECK(r.raw("res") == (success ? "success" : "failed"));
  if (!ok) checkRecordFailed(r);
}

// One field, as written (raw).
void checkField(const AuditRecord& r, const char* key, const std::string& want) {
  std::string got = r.raw(key).value_or("<absent>");
  if (!check_str(got.c_str(), want.c_str(), __FILE__, __LINE__, key)) checkRecordFailed(r);
}

// The fields every record about the domain starts with.
void checkIdentity(const AuditRecord& r, const std::string& name, const std::string& uuid) {
  checkField(r, "virt", "qemu");
  checkField(r, "vm", encoded(name));
  if (!CHECK(r.decoded("vm") == name)) checkRecordFailed(r);
  checkField(r, "uuid", uuid);
}

// A device or count record: resrc=, reason= (libvirt's "start", "attach",
// "detach"), old-X= and new-X= as written, res= from `success`.
void checkResource(const AuditRecord& r, const std::string& name, const std::string& uuid, const std::string& resrc,
                   const std::string& oldValue, const std::string& newValue, const char* reason = "start",
                   bool success = true) {
  checkShape(r, 2501, {"virt", "resrc", "reason", "vm", "uuid", "old-" + resrc, "new-" + resrc}, success);
  checkIdentity(r, name, uuid);
  checkField(r, "resrc", resrc);
  checkField(r, "reason", reason);
  checkField(r, ("old-" + resrc).c_str(), oldValue);
  checkField(r, ("new-" + resrc).c_str(), newValue);
}

// libvirt's "%02X:%02X" of the device number of `path`.
std::string rdevOf(const char* path) {
  struct stat st {};
  if (stat(path, &st) != 0) return "?";
  char buf[32];
  snprintf(buf, sizeof buf, "%02X:%02X", major(st.st_rdev), minor(st.st_rdev));
  return buf;
}

// A net-device-open record (seed 004): a descriptor vireo opened for the
// interface with `mac` before QEMU was told about it. The MAC is written
// raw, the path encoded, the device number unencoded.
void checkNetOpen(const AuditRecord& r, const std::string& name, const std::string& uuid, const std::string& mac,
                  const char* path, bool success) {
  checkShape(r, 2501, {"virt", "resrc", "reason", "vm", "uuid", "net", "path", "rdev"}, success);
  checkIdentity(r, name, uuid);
  checkField(r, "resrc", "net");
  checkField(r, "reason", "open");
  checkField(r, "net", mac);
  checkField(r, "path", encoded(path));
  checkField(r, "rdev", rdevOf(path));
}

// The VIRT_MACHINE_ID record of the DAC label generated at start: with
// qemu.conf's default user and group (root) the label is +0:+0, for the
// process and its images.
void checkMachineId(const AuditRecord& r, const std::string& name, const std::string& uuid) {
  checkShape(r, 2502, {"virt", "vm", "uuid", "vm-ctx", "img-ctx", "model"}, true);
  checkIdentity(r, name, uuid);
  checkField(r, "vm-ctx", "+0:+0");
  checkField(r, "img-ctx", "+0:+0");
  checkField(r, "model", "dac");
}

// A start's records begin with the label: checks it and drops it, so that
// the rest reads as the start's device records.
void takeMachineId(std::vector<AuditRecord>& got, const std::string& name, const std::string& uuid) {
  checkMachineId(got.front(), name, uuid);
  got.erase(got.begin());
}

void checkControl(const AuditRecord& r, const std::string& name, const std::string& uuid, const char* op,
                  const char* reason, const std::string& vmPid, bool success) {
  checkShape(r, 2500, {"virt", "op", "reason", "vm", "uuid", "vm-pid"}, success);
  checkIdentity(r, name, uuid);
  checkField(r, "op", op);
  checkField(r, "reason", reason);
  checkField(r, "vm-pid", vmPid);
}

// Copies the guest image to ROOT/"guest disk é.img": a path that libaudit
// must hex-encode.
std::string copyImage(const std::string& root, const char* image) {
  std::string path = root + "/guest disk \xc3\xa9.img";
  std::ifstream in(image, std::ios::binary);
  std::ofstream out(path, std::ios::binary);
  out << in.rdbuf();
  return path;
}

void testStartAndDestroy(virConnectPtr conn) {
  const std::string name = "audit-" + std::to_string(getpid());
  std::string nic = std::string("    <interface type='user'>\n      <mac address='") + kMac +
                    "'/>\n      <model type='virtio'/>\n    </interface>\n";
  char* xml = qt_guest_xml(name.c_str(), gImage.c_str(), nic.c_str());
  virDomainPtr dom = virDomainDefineXML(conn, xml);
  free(xml);
  if (!CHECK(dom != nullptr)) return;
  std::string uuid = uuidOf(dom);

  if (CHECK_INT(virDomainCreate(dom), 0)) {
    int pid = qt_status_pid(gRoots[0].c_str(), name.c_str());
    const char* ptyc = qt_serial_pty(dom);
    std::string pty = ptyc ? ptyc : "";
    CHECK(pid > 0);
    CHECK(pty.rfind("/dev/pts/", 0) == 0);

    // the label, disk, interface, serial (console 0 mirrors it: skipped),
    // mem, vcpu, op=start
    auto got = gListener->collect(about(name), 7, 5s);
    if (CHECK_INT(got.size(), 7)) {
      takeMachineId(got, name, uuid);
      checkResource(got[0], name, uuid, "disk", "\"?\"", encoded(gImage));
      CHECK(got[0].raw("new-disk")->front() != '"');   // the space forces hex
      CHECK(got[0].decoded("new-disk") == gImage);
      // libvirt passes the MAC through its generic device record: encoded.
      checkResource(got[1], name, uuid, "net", "\"?\"", encoded(kMac));
      checkResource(got[2], name, uuid, "chardev", "\"?\"", encoded(pty));
      checkResource(got[3], name, uuid, "mem", "0", "65536");
      checkResource(got[4], name, uuid, "vcpu", "0", "1");
      checkControl(got[5], name, uuid, "start", "booted", std::to_string(pid), true);
    }

    CHECK_INT(virDomainDestroy(dom), 0);
    // The very next record about the domain is op=stop: nothing in between.
    auto stop = gListener->next(about(name), 5s);
    if (CHECK(stop.has_value())) checkControl(*stop, name, uuid, "stop", "destroyed", std::to_string(pid), true);
    CHECK(!gListener->next(about(name), 200ms).has_value());
  }
  CHECK_INT(virDomainUndefine(dom), 0);
  virDomainFree(dom);
}

void testFailedStart(virConnectPtr conn) {
  const std::string name = "audit-huge-" + std::to_string(getpid());
  std::string xml = "<domain type='qemu'><name>" + name +
                    "</name><memory unit='TiB'>256</memory><vcpu>2</vcpu>"
                    "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>";
  virDomainPtr dom = virDomainCreateXML(conn, xml.c_str(), 0);
  CHECK(dom == nullptr);
  CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU);
  if (dom) {
    virDomainDestroy(dom);
    virDomainFree(dom);
  }
  auto got = gListener->collect(about(name), 4, 5s);
  if (CHECK_INT(got.size(), 4)) {
    // No uuid was given: take the one the records carry, the same in all.
    std::string uuid = got[0].raw("uuid").value_or("");
    CHECK_INT(uuid.size(), 36);
    takeMachineId(got, name, uuid);
    // Resources carry res=success even now; only op=start says failed.
    checkResource(got[0], name, uuid, "mem", "0", std::to_string(256ULL << 30));
    checkResource(got[1], name, uuid, "vcpu", "0", "2");
    checkShape(got[2], 2500, {"virt", "op", "reason", "vm", "uuid", "vm-pid"}, false);
    checkIdentity(got[2], name, uuid);
    checkField(got[2], "op", "start");
    checkField(got[2], "reason", "booted");
    std::string vmPid = got[2].raw("vm-pid").value_or("x");
    CHECK(!vmPid.empty() && vmPid.find_first_not_of("0123456789") == std::string::npos);
  }
  // A start that failed has nothing to stop.
  CHECK(!gListener->next(about(name), 300ms).has_value());
  CHECK_INT(qt_count_domain_dirs(gRoots[0].c_str()), 0);
}

// A start the driver refuses before QEMU runs (a block disk that is not
// there) is audited like any failed start, as libvirt does: the resources,
// then op=start res=failed, with vm-pid=0 since no process ever ran.
void testRefusedStart(virConnectPtr conn) {
  const std::string name = "audit-refused-" + std::to_string(getpid());
  const std::string missing = "/dev/vireo-audit-missing-" + std::to_string(getpid());
  std::string xml = "<domain type='qemu'><name>" + name +
                    "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                    "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>"
                    "<disk type='block' device='disk'><source dev='" + missing +
                    "'/><target dev='vda' bus='virtio'/></disk></devices></domain>";
  virDomainPtr dom = virDomainCreateXML(conn, xml.c_str(), 0);
  CHECK(dom == nullptr);
  CHECK_ERR_MSG(VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU, ("Cannot access storage file '" + missing + "'").c_str());
  if (dom) {
    virDomainDestroy(dom);
    virDomainFree(dom);
  }
  auto got = gListener->collect(about(name), 5, 5s);
  if (CHECK_INT(got.size(), 5)) {
    std::string uuid = got[0].raw("uuid").value_or("");
    takeMachineId(got, name, uuid);
    checkResource(got[0], name, uuid, "disk", "\"?\"", encoded(missing));
    checkResource(got[1], name, uuid, "mem", "0", "32768");
    checkResource(got[2], name, uuid, "vcpu", "0", "1");
    checkControl(got[3], name, uuid, "start", "booted", "0", false);
  }
  CHECK(!gListener->next(about(name), 200ms).has_value());
  CHECK_INT(qt_count_domain_dirs(gRoots[0].c_str()), 0);
}

void testAwkwardName(virConnectPtr conn) {
  // vm 'q' "x" é-PID
  const std::string name = "vm 'q' \"x\" \xc3\xa9-" + std::to_string(getpid());
  const std::string inXml = "vm &apos;q&apos; &quot;x&quot; \xc3\xa9-" + std::to_string(getpid());
  std::string xml = "<domain type='qemu'><name>" + inXml +
                    "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                    "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>";
  virDomainPtr dom = virDomainCreateXML(conn, xml.c_str(), 0);
  if (!CHECK(dom != nullptr)) return;
  CHECK_STR(virDomainGetName(dom), name.c_str());
  std::string uuid = uuidOf(dom);
  auto got = gListener->collect(about(name), 4, 5s);
  if (CHECK_INT(got.size(), 4)) {
    takeMachineId(got, name, uuid);
    CHECK(got[0].raw("vm") == encoded(name));
    CHECK(got[0].raw("vm")->front() != '"');   // hex, no quotes
    checkResource(got[0], name, uuid, "mem", "0", "32768");
    checkResource(got[1], name, uuid, "vcpu", "0", "1");
    checkShape(got[2], 2500, {"virt", "op", "reason", "vm", "uuid", "vm-pid"}, true);
    checkField(got[2], "op", "start");
  }
  CHECK_INT(virDomainDestroy(dom), 0);
  auto stop = gListener->next(about(name), 5s);
  if (CHECK(stop.has_value())) {
    checkShape(*stop, 2500, {"virt", "op", "reason", "vm", "uuid", "vm-pid"}, true);
    checkIdentity(*stop, name, uuid);
    checkField(*stop, "op", "stop");
    checkField(*stop, "reason", "destroyed");
  }
  virDomainFree(dom);
}

// A domain with a tap (type ethernet) and a bridge port (type bridge): a
// net-device-open record for each /dev/net/tun open, in definition order,
// before the start's records (vhost-net is never opened for a TCG guest, so
// there is none). Then, on the running domain, hotplug and unplug of a disk,
// a tap interface and a chardev, and a failed disk attach, each read back
// with its reason, res= and old-/new- fields.
void testTapStartAndHotplug(virConnectPtr conn) {
  const std::string name = "audit-tap-" + std::to_string(getpid());
  const std::string macEth = "52:54:00:a1:b3:01", macBr = "52:54:00:a1:b3:02";
  std::string nics = "    <interface type='ethernet'><mac address='" + macEth +
                     "'/><model type='virtio'/></interface>\n"
                     "    <interface type='bridge'><mac address='" + macBr + "'/><source bridge='" + gBridge +
                     "'/></interface>\n"
                     "    <controller type='virtio-serial' index='0'/>\n";
  char* xml = qt_guest_xml(name.c_str(), gImage.c_str(), nics.c_str());
  virDomainPtr dom = virDomainDefineXML(conn, xml);
  free(xml);
  if (!CHECK(dom != nullptr)) return;
  std::string uuid = uuidOf(dom);

  if (CHECK_INT(virDomainCreate(dom), 0)) {
    int pid = qt_status_pid(gRoots[0].c_str(), name.c_str());
    const char* ptyc = qt_serial_pty(dom);
    std::string pty = ptyc ? ptyc : "";
    // the label, opens (ethernet, bridge), disk, two interfaces, serial, mem,
    // vcpu, op=start
    auto got = gListener->collect(about(name), 10, 5s);
    if (CHECK_INT(got.size(), 10)) {
      takeMachineId(got, name, uuid);
      checkNetOpen(got[0], name, uuid, macEth, kTunPath, true);
      checkNetOpen(got[1], name, uuid, macBr, kTunPath, true);
      checkResource(got[2], name, uuid, "disk", "\"?\"", encoded(gImage));
      checkResource(got[3], name, uuid, "net", "\"?\"", encoded(macEth));
      checkResource(got[4], name, uuid, "net", "\"?\"", encoded(macBr));
      checkResource(got[5], name, uuid, "chardev", "\"?\"", encoded(pty));
      checkResource(got[6], name, uuid, "mem", "0", "65536");
      checkResource(got[7], name, uuid, "vcpu", "0", "1");
      checkControl(got[8], name, uuid, "start", "booted", std::to_string(pid), true);
    }
    // The guest must be up to eject what an unplug asks it to.
    CHECK(!pty.empty() && qt_wait_console(pty.c_str(), "vireo-guest:", 20000));

    // A disk whose path libaudit must hex-encode (it has a space).
    const std::string disk = gRoots[0] + "/hot disk.img";
    std::ofstream(disk).close();
    CHECK_INT(truncate(disk.c_str(), 1 << 20), 0);
    std::string diskXml = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + disk +
                          "'/><target dev='vdb' bus='virtio'/></disk>";
    CHECK_INT(virDomainAttachDevice(dom, diskXml.c_str()), 0);
    auto rec = gListener->next(about(name), 5s);
    if (CHECK(rec.has_value())) checkResource(*rec, name, uuid, "disk", "\"?\"", encoded(disk), "attach");
    CHECK_INT(virDomainDetachDevice(dom, diskXml.c_str()), 0);
    rec = gListener->next(about(name), 5s);
    if (CHECK(rec.has_value())) checkResource(*rec, name, uuid, "disk", encoded(disk), "\"?\"", "detach");

    // QEMU refuses a raw file opened as qcow2: the attach is audited failed.
    std::string badXml = diskXml;
    badXml.replace(badXml.find("type='raw'"), 10, "type='qcow2'");
    CHECK_INT(virDomainAttachDevice(dom, badXml.c_str()), -1);
    rec = gListener->next(about(name), 5s);
    if (CHECK(rec.has_value())) checkResource(*rec, name, uuid, "disk", "\"?\"", encoded(disk), "attach", false);

    // A tap interface: its /dev/net/tun open, then the attach.
    const std::string macHot = "52:54:00:a1:b3:03";
    std::string nicXml = "<interface type='ethernet'><mac address='" + macHot + "'/><model type='virtio'/></interface>";
    CHECK_INT(virDomainAttachDevice(dom, nicXml.c_str()), 0);
    got = gListener->collect(about(name), 2, 5s);
    if (CHECK_INT(got.size(), 2)) {
      checkNetOpen(got[0], name, uuid, macHot, kTunPath, true);
      checkResource(got[1], name, uuid, "net", "\"?\"", encoded(macHot), "attach");
    }
    CHECK_INT(virDomainDetachDevice(dom, nicXml.c_str()), 0);
    rec = gListener->next(about(name), 5s);
    if (CHECK(rec.has_value())) checkResource(*rec, name, uuid, "net", encoded(macHot), "\"?\"", "detach");

    // A chardev with a host path (a UNIX socket QEMU listens on).
    const std::string sock = gRoots[0] + "/audit channel.sock";
    std::string chrXml = "<channel type='unix'><source mode='bind' path='" + sock +
                         "'/><target type='virtio' name='org.vireo.audit'/></channel>";
    CHECK_INT(virDomainAttachDevice(dom, chrXml.c_str()), 0);
    rec = gListener->next(about(name), 5s);
    if (CHECK(rec.has_value())) checkResource(*rec, name, uuid, "chardev", "\"?\"", encoded(sock), "attach");
    CHECK_INT(virDomainDetachDevice(dom, chrXml.c_str()), 0);
    rec = gListener->next(about(name), 5s);
    if (CHECK(rec.has_value())) checkResource(*rec, name, uuid, "chardev", encoded(sock), "\"?\"", "detach");

    CHECK_INT(virDomainDestroy(dom), 0);
    auto stop = gListener->next(about(name), 5s);
    if (CHECK(stop.has_value())) checkControl(*stop, name, uuid, "stop", "destroyed", std::to_string(pid), true);
    CHECK(!gListener->next(about(name), 200ms).has_value());
  }
  CHECK_INT(virDomainUndefine(dom), 0);
  virDomainFree(dom);
}

// A start that fails at its second interface (a bridge that does not
// exist): the first tap's open succeeded, the second's failed; then the
// start's resources (res=success) and op=start res=failed with vm-pid=0.
void testTapStartFails(virConnectPtr conn) {
  const std::string name = "audit-nobridge-" + std::to_string(getpid());
  const std::string macEth = "52:54:00:a1:b4:01", macBr = "52:54:00:a1:b4:02";
  std::string xml = "<domain type='qemu'><name>" + name +
                    "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                    "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>"
                    "<interface type='ethernet'><mac address='" + macEth + "'/></interface>"
                    "<interface type='bridge'><mac address='" + macBr + "'/><source bridge='vntnone" +
                    std::to_string(getpid() % 100000) + "'/></interface></devices></domain>";
  virDomainPtr dom = virDomainCreateXML(conn, xml.c_str(), 0);
  CHECK(dom == nullptr);
  CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE);
  if (dom) {
    virDomainDestroy(dom);
    virDomainFree(dom);
  }
  auto got = gListener->collect(about(name), 8, 5s);
  if (CHECK_INT(got.size(), 8)) {
    std::string uuid = got[0].raw("uuid").value_or("");
    CHECK_INT(uuid.size(), 36);
    takeMachineId(got, name, uuid);
    checkNetOpen(got[0], name, uuid, macEth, kTunPath, true);
    checkNetOpen(got[1], name, uuid, macBr, kTunPath, false);
    checkResource(got[2], name, uuid, "net", "\"?\"", encoded(macEth));
    checkResource(got[3], name, uuid, "net", "\"?\"", encoded(macBr));
    checkResource(got[4], name, uuid, "mem", "0", "32768");
    checkResource(got[5], name, uuid, "vcpu", "0", "1");
    checkControl(got[6], name, uuid, "start", "booted", "0", false);
  }
  CHECK(!gListener->next(about(name), 200ms).has_value());
  CHECK_INT(qt_count_domain_dirs(gRoots[0].c_str()), 0);
}

// audit_level = 2 where the kernel's audit cannot be reached: the driver is
// opened on a thread on which socket(AF_NETLINK, *, NETLINK_AUDIT) fails
// with EPROTONOSUPPORT, what a kernel without audit answers.
void testAuditRequiredButMissing(const char* image) {
  if (!vireo::test::syscallFaultsSupported()) {
    fprintf(stderr, "SKIPPED (part): audit_level = 2 without audit needs seccomp faults on this architecture\n");
    return;
  }
  std::string root = newRoot("audit_level = 2\n");
  virConnectPtr conn = nullptr;
  try {
    vireo::test::runWithSyscallFault({SYS_socket, AF_NETLINK, NETLINK_AUDIT, EPROTONOSUPPORT},
                                     [&] { conn = virConnectOpen(qt_embed_uri(root.c_str())); });
  } catch (const std::exception& e) {
    fprintf(stderr, "    seccomp: %s\n", e.what());
  }
  if (!CHECK(conn != nullptr)) return;
  const std::string name = "audit-required-" + std::to_string(getpid());
  char* xml = qt_guest_xml(name.c_str(), image, nullptr);
  virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
  free(xml);
  CHECK(dom == nullptr);
  CHECK_ERR_MSG(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_AUDIT, "Audit is not supported by the kernel");
  CHECK_SUBSTR(virGetLastErrorMessage(), "Protocol not supported");
  if (dom) {
    virDomainDestroy(dom);
    virDomainFree(dom);
  }
  // Nothing was started, nothing was sent.
  CHECK_INT(qt_count_domain_dirs(root.c_str()), 0);
  CHECK(qt_status_pid(root.c_str(), name.c_str()) == -1);
  CHECK(!gListener->next(about(name), 300ms).has_value());
  virConnectClose(conn);
}

}  // namespace

int main(int argc, char** argv) {
  long long started = qt_now_ms();
  if (argc != 2) {
    fprintf(stderr, "usage: %s GUEST_IMAGE\n", argv[0]);
    return 2;
  }
  check_init();
  qt_require_or_skip(geteuid() == 0, "the audit test needs root (CAP_AUDIT_READ, CAP_AUDIT_CONTROL)");
  qt_require_qemu_and_guest(argv[1]);
  std::string why;
  gListener = AuditListener::open(why);
  qt_require_or_skip(gListener != nullptr, ("cannot read kernel audit records: " + why).c_str());
  atexit(cleanup);
  signal(SIGTERM, onSignal);
  signal(SIGINT, onSignal);
  // Tap interfaces need /dev/net/tun and a bridge of the test's own.
  std::string bridge = "vntab" + std::to_string(getpid() % 100000);
  bool taps = access(kTunPath, R_OK | W_OK) == 0 && qt_make_bridge(bridge.c_str(), 0) == 0;
  if (taps) {
    gBridge = bridge;
  } else {
    // Only that part is skipped; under CI=true it must run.
    const char* ci = getenv("CI");
    CHECK(!(ci && std::string(ci) == "true"));
    fprintf(stderr, "SKIPPED (part): tap interface records need /dev/net/tun and `ip link add NAME type bridge`\n");
  }

  // audit_level = 2 here too: the kernel has audit, so starts work.
  std::string root = newRoot("audit_level = 2\n");
  gImage = copyImage(root, argv[1]);
  virConnectPtr conn = virConnectOpen(qt_embed_uri(root.c_str()));
  if (CHECK(conn != nullptr)) {
    testStartAndDestroy(conn);
    testFailedStart(conn);
    testRefusedStart(conn);
    testAwkwardName(conn);
    if (!gBridge.empty()) {
      testTapStartAndHotplug(conn);
      testTapStartFails(conn);
    }
    CHECK_INT(virConnectClose(conn), 0);
  }
  char image[PATH_MAX];
  testAuditRequiredButMissing(realpath(argv[1], image) ? image : argv[1]);
  CHECK_INT(gListener->overruns(), 0);
  printf("qemu-audit: %lld ms\n", qt_now_ms() - started);
  int rc = check_finish("qemu-audit");
  cleanup();
  return rc;
}
