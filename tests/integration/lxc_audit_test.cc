// The audit records of real containers, read back from the kernel
// (tests/support/audit_listener.h), as the QEMU driver's audit test does:
//
//  - a start sends VIRT_MACHINE_ID (model=none, no labels), VIRT_RESOURCE
//    resrc=fs for the root and the bind mount (not for the RAM filesystem,
//    which has no host path), chardev for the console pty, mem and vcpu, VIRT_CONTROL op=start
//    reason=booted with the init's pid, then op=init with the init's pid and
//    its pid namespace's inode; all virt=lxc;
//  - destroy sends op=stop reason=destroyed; an init that exits by itself
//    op=stop reason=shutdown (sent from the exit watcher's thread);
//  - an interface adds resrc=net with its MAC, a block disk resrc=disk with
//    its source (before the filesystems);
//  - a start that fails in the container's child sends its records with
//    op=start res=failed, and nothing after.
//
// Needs root (CAP_AUDIT_READ, CAP_AUDIT_CONTROL, namespaces) and
// /bin/busybox: skipped (77) otherwise, a failure under CI=true.
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "tests/capi/check.h"
#include "tests/support/audit_listener.h"

extern "C" {
#include "tests/integration/qemu_test_support.h"
}

using namespace std::chrono_literals;
using vireo::test::AuditListener;
using vireo::test::AuditRecord;

namespace {

std::unique_ptr<AuditListener> gListener;
std::string gBase, gRoot, gOut;

AuditListener::Predicate about(const std::string& name) {
  auto mine = AuditListener::fromThisProcess();
  return [mine, name](const AuditRecord& r) { return mine(r) && r.decoded("vm") == name; };
}

std::string uuidOf(virDomainPtr dom) {
  char buf[VIR_UUID_STRING_BUFLEN] = "";
  virDomainGetUUIDString(dom, buf);
  return buf;
}

void dump(const AuditRecord& r) { fprintf(stderr, "    record: type=%d %s\n", r.type, r.text.c_str()); }

void checkField(const AuditRecord& r, const char* key, const std::string& want) {
  std::string got = r.raw(key).value_or("<absent>");
  if (!check_str(got.c_str(), want.c_str(), __FILE__, __LINE__, key)) dump(r);
}

// Type, our keys in order (then libaudit's five), identity and res=.
void checkRecord(const AuditRecord& r, int type, std::vector<std::string> keys, const std::string& uuid, bool ok) {
  for (const char* k : {"exe", "hostname", "addr", "terminal", "res"}) keys.push_back(k);
  bool good = CHECK_INT(r.type, type);
  good &= CHECK(r.keys() == keys);
  good &= CHECK_INT(r.pid(), getpid());
  good &= CHECK(r.raw("res") == (ok ? "success" : "failed"));
  if (!good) dump(r);
  checkField(r, "virt", "lxc");
  checkField(r, "uuid", uuid);
}

void checkResource(const AuditRecord& r, const std::string& uuid, const std::string& resrc, const std::string& oldV,
                   const std::string& newV) {
  checkRecord(r, 2501, {"virt", "resrc", "reason", "vm", "uuid", "old-" + resrc, "new-" + resrc}, uuid, true);
  checkField(r, "resrc", resrc);
  checkField(r, "reason", "start");
  checkField(r, ("old-" + resrc).c_str(), oldV);
  checkField(r, ("new-" + resrc).c_str(), newV);
}

void checkControl(const AuditRecord& r, const std::string& uuid, const char* op, const char* reason,
                  const std::string& vmPid, bool ok) {
  checkRecord(r, 2500, {"virt", "op", "reason", "vm", "uuid", "vm-pid"}, uuid, ok);
  checkField(r, "op", op);
  checkField(r, "reason", reason);
  checkField(r, "vm-pid", vmPid);
}

std::string containerXml(const std::string& name, const std::string& script, bool readonlyRoot = false,
                         const char* ramTarget = "/tmp") {
  return "<domain type='lxc'><name>" + name +
         "</name><memory unit='KiB'>65536</memory>"
         "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg><initarg>" +
         script +
         "</initarg></os><devices>"
         "<filesystem type='mount'><source dir='" +
         gRoot + "'/><target dir='/'/>" + (readonlyRoot ? "<readonly/>" : "") +
         "</filesystem>"
         "<filesystem type='mount'><source dir='" +
         gOut +
         "'/><target dir='/out'/></filesystem>"
         "<filesystem type='ram'><source usage='1024'/><target dir='" +
         ramTarget + "'/></filesystem></devices></domain>";
}

// The init's pid in the container's status record, or -1.
int statusPid(const std::string& name) {
  std::ifstream in(gBase + "/state/run/lxc/" + name + ".xml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t at = text.find(" pid='");
  return at == std::string::npos ? -1 : atoi(text.c_str() + at + 6);
}

unsigned long long pidNamespaceOf(int pid) {
  struct stat st {};
  return stat(("/proc/" + std::to_string(pid) + "/ns/pid").c_str(), &st) == 0 ? st.st_ino : 0;
}

// The records of a start, checked in libvirt's order, up to op=start. A
// container that started has its console pty in its live definition, audited
// as a chardev after the filesystems (libvirt audits the live definition's
// consoles too); a failed start has none yet.
void checkStartRecords(std::vector<AuditRecord>& got, const std::string& uuid, const std::string& vmPid, bool ok) {
  const size_t expected = ok ? 7 : 6;
  if (!CHECK_INT(got.size(), expected)) {
    for (const AuditRecord& r : got) dump(r);
    return;
  }
  checkRecord(got[0], 2502, {"virt", "vm", "uuid", "vm-ctx", "img-ctx", "model"}, uuid, ok);
  checkField(got[0], "vm-ctx", "?");
  checkField(got[0], "img-ctx", "?");
  checkField(got[0], "model", "none");
  checkResource(got[1], uuid, "fs", "\"?\"", "\"" + gRoot + "\"");
  checkResource(got[2], uuid, "fs", "\"?\"", "\"" + gOut + "\"");
  size_t next = 3;
  if (ok) {
    checkRecord(got[3], 2501, {"virt", "resrc", "reason", "vm", "uuid", "old-chardev", "new-chardev"}, uuid, true);
    checkField(got[3], "resrc", "chardev");
    CHECK(got[3].raw("new-chardev").value_or("").rfind("\"/dev/pts/", 0) == 0);
    checkField(got[3], "old-chardev", "\"?\"");
    next = 4;
  }
  checkResource(got[next], uuid, "mem", "0", "65536");
  checkResource(got[next + 1], uuid, "vcpu", "0", "1");
  checkControl(got[next + 2], uuid, "start", "booted", vmPid, ok);
}

void testStartAndStops(virConnectPtr conn) {
  const std::string name = "audit-ct-" + std::to_string(getpid());
  std::string xml = containerXml(name, "exec sleep 1000");
  virDomainPtr dom = virDomainCreateXML(conn, xml.c_str(), 0);
  if (!CHECK(dom != nullptr)) return;
  std::string uuid = uuidOf(dom);
  int pid = statusPid(name);
  CHECK(pid > 0);

  auto got = gListener->collect(about(name), 8, 5s);
  if (CHECK_INT(got.size(), 8)) {
    AuditRecord init = got.back();
    got.pop_back();
    checkStartRecords(got, uuid, std::to_string(pid), true);
    // op=init: no reason=, the init's pid and its pid namespace.
    checkRecord(init, 2500, {"virt", "op", "vm", "uuid", "vm-pid", "init-pid", "pid-ns"}, uuid, true);
    checkField(init, "op", "init");
    checkField(init, "init-pid", std::to_string(pid));
    checkField(init, "pid-ns", std::to_string(pidNamespaceOf(pid)));
    CHECK(pidNamespaceOf(pid) != pidNamespaceOf(getpid()));
  }
  CHECK_INT(virDomainDestroy(dom), 0);
  auto stop = gListener->next(about(name), 5s);
  if (CHECK(stop.has_value())) checkControl(*stop, uuid, "stop", "destroyed", std::to_string(pid), true);
  CHECK(!gListener->next(about(name), 200ms).has_value());
  virDomainFree(dom);

  // An init that exits by itself: op=stop reason=shutdown.
  const std::string name2 = name + "-exit";
  xml = containerXml(name2, "sleep 0.3; exit 0");
  dom = virDomainCreateXML(conn, xml.c_str(), 0);
  if (!CHECK(dom != nullptr)) return;
  uuid = uuidOf(dom);
  pid = statusPid(name2);
  CHECK_INT(gListener->collect(about(name2), 8, 5s).size(), 8);
  stop = gListener->next(about(name2), 5s);
  if (CHECK(stop.has_value())) checkControl(*stop, uuid, "stop", "shutdown", std::to_string(pid), true);
  virDomainFree(dom);
}

// An interface: a VIRT_RESOURCE resrc=net record with its MAC, after the
// filesystems and before the console, as libvirt's LXC driver sends it.
void testInterfaceRecord(virConnectPtr conn) {
  const std::string name = "audit-ct-net-" + std::to_string(getpid());
  std::string xml = containerXml(name, "exec sleep 1000");
  xml.insert(xml.find("</devices>"), "<interface type='ethernet'><mac address='52:54:00:aa:00:07'/></interface>");
  virDomainPtr dom = virDomainCreateXML(conn, xml.c_str(), 0);
  if (!CHECK(dom != nullptr)) return;
  std::string uuid = uuidOf(dom);
  auto got = gListener->collect(about(name), 9, 5s);
  if (CHECK_INT(got.size(), 9)) {
    checkResource(got[2], uuid, "fs", "\"?\"", "\"" + gOut + "\"");
    checkResource(got[3], uuid, "net", "\"?\"", "\"52:54:00:aa:00:07\"");
    checkField(got[4], "resrc", "chardev");
  }
  CHECK_INT(virDomainDestroy(dom), 0);
  virDomainFree(dom);
}

// A block disk: a VIRT_RESOURCE resrc=disk record with its source, before
// the filesystems (libvirt's order: disks first). Over a loop device the
// test makes; skipped without losetup.
void testDiskRecord(virConnectPtr conn) {
  std::string image = gBase + "/disk.img";
  char loop[64] = "";
  std::string make = "truncate -s 1M " + image + " && losetup -f --show " + image;
  if (qt_run(make.c_str(), loop, sizeof loop) != 0 || loop[0] != '/') {
    fprintf(stderr, "SKIP: the disk record (no loop device: losetup)\n");
    return;
  }
  const std::string name = "audit-ct-disk-" + std::to_string(getpid());
  std::string xml = containerXml(name, "exec sleep 1000");
  xml.insert(xml.find("<filesystem"), std::string("<disk type='block' device='disk'><source dev='") + loop +
                                          "'/><target dev='sda'/></disk>");
  virDomainPtr dom = virDomainCreateXML(conn, xml.c_str(), 0);
  if (CHECK(dom != nullptr)) {
    std::string uuid = uuidOf(dom);
    auto got = gListener->collect(about(name), 9, 5s);
    if (CHECK_INT(got.size(), 9)) {
      checkResource(got[1], uuid, "disk", "\"?\"", std::string("\"") + loop + "\"");
      checkResource(got[2], uuid, "fs", "\"?\"", "\"" + gRoot + "\"");
    }
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
  }
  qt_run(("losetup -d " + std::string(loop)).c_str(), nullptr, 0);
}

void testFailedStart(virConnectPtr conn) {
  // The child cannot make /.oldroot in a read-only root: the start fails
  // after the plan, in the container's child.
  const std::string name = "audit-ct-bad-" + std::to_string(getpid());
  std::string xml = containerXml(name, "exit 0", true);
  virDomainPtr dom = virDomainDefineXML(conn, xml.c_str());
  if (!CHECK(dom != nullptr)) return;
  std::string uuid = uuidOf(dom);
  CHECK_INT(virDomainCreate(dom), -1);
  auto got = gListener->collect(about(name), 6, 5s);
  checkStartRecords(got, uuid, "0", false);
  CHECK(!gListener->next(about(name), 200ms).has_value());
  CHECK_INT(virDomainUndefine(dom), 0);
  virDomainFree(dom);
}

void cleanup() {
  gListener.reset();
  if (!gBase.empty()) qt_remove_tree(gBase.c_str());
  gBase.clear();
}

}  // namespace

int main() {
  check_init();
  qt_require_or_skip(geteuid() == 0, "the audit test needs root (CAP_AUDIT_READ, CAP_AUDIT_CONTROL, namespaces)");
  qt_require_or_skip(access("/bin/busybox", X_OK) == 0, "/bin/busybox (busybox-static) is not installed");
  std::string why;
  gListener = AuditListener::open(why);
  qt_require_or_skip(gListener != nullptr, ("cannot read kernel audit records: " + why).c_str());
  atexit(cleanup);

  char* base = qt_make_root();
  gBase = base;
  free(base);
  gRoot = gBase + "/root";
  gOut = gBase + "/out";
  std::string build = "mkdir -p " + gRoot + "/bin " + gOut + " && cp /bin/busybox " + gRoot +
                      "/bin/busybox && chroot " + gRoot + " /bin/busybox --install -s /bin";
  if (qt_run(build.c_str(), nullptr, 0) != 0) {
    fprintf(stderr, "FAIL: building the busybox root\n");
    return 1;
  }
  virConnectPtr conn = virConnectOpen(("lxc:///embed?root=" + gBase + "/state").c_str());
  if (CHECK(conn != nullptr)) {
    testStartAndStops(conn);
    testInterfaceRecord(conn);
    testDiskRecord(conn);
    testFailedStart(conn);
    CHECK_INT(virConnectClose(conn), 0);
  }
  CHECK_INT(gListener->overruns(), 0);
  int rc = check_finish("lxc-audit");
  cleanup();
  return rc;
}
