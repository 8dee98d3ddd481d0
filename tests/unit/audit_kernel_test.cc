// Audit records through the real kernel: sent with AuditLog, read back from
// the kernel's read-only log multicast group (tests/support/audit_listener.h)
// and checked field by field. Needs root; skips loudly otherwise.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <libaudit.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "lib/audit/audit_log.h"
#include "lib/audit/audit_records.h"
#include "lib/audit/domain_audit.h"
#include "lib/util/fd.h"
#include "tests/support/audit_listener.h"

using namespace vireo::audit;
using vireo::test::AuditListener;
using vireo::test::AuditRecord;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<AuditListener> listenerOrSkip() {
  std::string why;
  auto l = AuditListener::open(why);
  if (!l) WARN("SKIPPED: kernel audit test: " << why);
  return l;
}

// A name no other test (or earlier run) uses, with the awkward characters.
std::string uniqueName(const std::string& stem) {
  static std::atomic<int> counter{0};
  return stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

AuditedDomain domainNamed(const std::string& name, std::string virt = "qemu") {
  return AuditedDomain{std::move(virt), name, vireo::Uuid::generate(), ::getpid()};
}

// Records of this process about the domain called `name`.
AuditListener::Predicate about(const std::string& name) {
  auto mine = AuditListener::fromThisProcess();
  return [mine, name](const AuditRecord& r) { return mine(r) && r.decoded("vm") == name; };
}

std::string selfExe() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

// Checks that `got` is `sent` as the kernel delivers it: the same type, the
// same fields in the same order with the same values, then the fields
// libaudit appends, and the kernel's header naming this process.
void checkDelivered(const AuditRecord& got, const Record& sent, bool success) {
  INFO("sent: " << sent.message);
  INFO("got:  " << got.text);
  CHECK(got.type == static_cast<int>(sent.type));
  CHECK(got.pid() == ::getpid());
  CHECK(got.headerValue("uid") == std::to_string(::getuid()));
  CHECK(got.headerValue("auid"));
  CHECK(got.headerValue("ses"));

  auto expected = vireo::test::parseAuditRecord(static_cast<int>(sent.type), "x): msg='" + sent.message + "'");
  REQUIRE(got.fields.size() == expected.fields.size() + 5);
  for (size_t i = 0; i < expected.fields.size(); i++) {
    CHECK(got.fields[i].first == expected.fields[i].first);
    CHECK(got.fields[i].second == expected.fields[i].second);
  }
  // What libaudit adds after our text.
  size_t n = expected.fields.size();
  CHECK(got.fields[n].first == "exe");
  CHECK(got.decoded("exe") == selfExe());
  CHECK(got.fields[n + 1] == std::pair<std::string, std::string>{"hostname", "?"});
  CHECK(got.fields[n + 2] == std::pair<std::string, std::string>{"addr", "?"});
  CHECK(got.fields[n + 3].first == "terminal");  // "?" unless stdin is a terminal
  CHECK(got.fields[n + 4] == std::pair<std::string, std::string>{"res", success ? "success" : "failed"});
  // And the message text itself, byte for byte, up to libaudit's suffix.
  CHECK(got.msg.rfind(sent.message + " exe=", 0) == 0);
}

// One of each record the builders make, about `dom`.
std::vector<Record> everyRecord(const AuditedDomain& dom) {
  const std::string cg = "/sys/fs/cgroup/machine.slice/machine-qemu\\x2d1\\x2dx.scope/";
  std::vector<Record> all = {
      startRecord(dom, "booted"),
      stopRecord(dom, "destroyed"),
      containerInitRecord(dom, 4243, 4026531836ULL),
      securityLabelRecord(dom, {"selinux", "system_u:system_r:svirt_t:s0:c1,c2",
                                "system_u:object_r:svirt_image_t:s0:c1,c2"}),
      securityLabelRecord(dom, {}),
      *diskRecord(dom, "start", std::nullopt, std::string("/var/lib/images/a disk.qcow2")),
      *diskRecord(dom, "update", std::string("/iso/a.iso"), std::nullopt),
      *fsRecord(dom, "start", std::nullopt, std::string("/srv/share")),
      *netRecord(dom, "attach", std::nullopt, std::string("52:54:00:12:34:56")),
      *chardevRecord(dom, "start", std::nullopt, std::string("/dev/pts/3")),
      *rngRecord(dom, "start", std::nullopt, std::string("/dev/urandom")),
      netDeviceOpenRecord(dom, "52:54:00:12:34:56", "/dev/net/tun", DeviceNumber{10, 200}),
      hostdevRecord(dom, PciHostdev{0, 6, 0x12, 5}, "start"),
      hostdevRecord(dom, UsbHostdev{1, 2}, "attach"),
      hostdevRecord(dom, ScsiHostdev{"scsi_host0", 0, 0, 0}, "start"),
      hostdevRecord(dom, ScsiHostHostdev{"naa.5123456789abcde0"}, "start"),
      hostdevRecord(dom, MdevHostdev{"c2177883-f1bb-47f0-914d-32a22e3a8804"}, "start"),
      hostdevRecord(dom, StorageHostdev{std::string("/dev/sdf1")}, "start"),
      hostdevRecord(dom, MiscHostdev{std::string("/dev/input/event3")}, "detach"),
      usbRedirdevRecord(dom, "start"),
      tpmRecord(dom, TpmBackend::Passthrough, std::string("/dev/tpm0"), "start"),
      tpmRecord(dom, TpmBackend::Emulator, std::string("/run/swtpm/1-x-swtpm.sock"), "start"),
      tpmRecord(dom, TpmBackend::External, std::string("/tmp/ext.sock"), "start"),
      cgroupAllRecord(dom, cg, "deny"),
      cgroupMajorRecord(dom, cg, "allow", 136, "pty", AccessRead | AccessWrite),
      cgroupPathRecord(dom, cg, "allow", "/dev/kvm", DeviceNumber{10, 232}, AccessRead | AccessWrite),
      cgroupPathRecord(dom, std::nullopt, "deny", "/dev/my disk", std::nullopt, AccessRead),
      memoryRecord(dom, "start", 0, 1048576),
      vcpuRecord(dom, "update", 1, 2),
      iothreadRecord(dom, "start", 0, 1),
      shmemRecord(dom, ShmemSource{"shm0", 4194304, false, std::nullopt}, "start"),
      shmemRecord(dom, ShmemSource{"shm1", 0, true, std::string("/tmp/shm1.sock")}, "attach"),
      evdevInputRecord(dom, std::string("/dev/input/event1"), "start"),
  };
  for (Record& r : smartcardRecords(dom, SmartcardCertificates{{"c1", "c2", "c3"}, std::nullopt}, "start"))
    all.push_back(std::move(r));
  return all;
}

}  // namespace

TEST_CASE("Kernel: every record type arrives with its type and fields", "[audit][kernel]") {
  auto listener = listenerOrSkip();
  if (!listener) return;
  AuditLog log({2, false});  // the kernel has audit here, so level 2 opens
  REQUIRE(log.toKernel());

  const std::string name = uniqueName("vireo audit \"every\" caf\xc3\xa9");
  AuditedDomain dom = domainNamed(name, "kvm");
  std::vector<Record> sent = everyRecord(dom);
  for (size_t i = 0; i < sent.size(); i++) log.send(sent[i], i % 3 != 1);

  auto got = listener->collect(about(name), sent.size(), 5s);
  REQUIRE(got.size() == sent.size());
  std::set<int> types;
  for (size_t i = 0; i < sent.size(); i++) {
    checkDelivered(got[i], sent[i], i % 3 != 1);
    types.insert(got[i].type);
  }
  CHECK(types == std::set<int>{2500, 2501, 2502});
  CHECK(listener->overruns() == 0);
}

TEST_CASE("Kernel: a name with spaces, quotes and non-ASCII bytes survives", "[audit][kernel]") {
  auto listener = listenerOrSkip();
  if (!listener) return;
  AuditLog log({1, false});
  REQUIRE(log.toKernel());

  const std::string name = uniqueName("it's a \"guest\" \xc3\xa9\xe2\x82\xac\t");
  log.send(startRecord(domainNamed(name), "booted"), true);
  auto rec = listener->next(about(name), 3s);
  REQUIRE(rec);
  CHECK(rec->type == 2500);
  CHECK(rec->decoded("vm") == name);
  CHECK(rec->raw("vm")->front() != '"');  // hex, not quoted
  CHECK(rec->raw("op") == "start");
  CHECK(rec->raw("reason") == "booted");
  CHECK(rec->raw("vm-pid") == std::to_string(::getpid()));
}

TEST_CASE("Kernel: auditStart sends libvirt's sequence, failure only on op=start", "[audit][kernel]") {
  auto listener = listenerOrSkip();
  if (!listener) return;
  AuditLog log({1, false});
  REQUIRE(log.toKernel());

  const std::string name = uniqueName("vireo-start");
  AuditedDomain dom = domainNamed(name);
  DomainResources res;
  res.disks = {std::string("/img/root.qcow2")};
  res.netMacs = {"52:54:00:aa:bb:cc"};
  res.serials = {std::string("/dev/pts/7")};
  res.consoles = {std::string("/dev/pts/7")};
  res.firstConsoleIsSerial = true;
  res.memoryKiB = 524288;
  res.vcpus = 1;
  auditStart(log, dom, res, "booted", false);
  auditStop(log, dom, "failed");

  // disk, net, serial (the console mirrors it), mem, vcpu, op=start, op=stop
  auto got = listener->collect(about(name), 7, 3s);
  REQUIRE(got.size() == 7);
  CHECK_FALSE(listener->next(about(name), 200ms));  // and nothing else
  std::vector<std::string> what;
  for (const auto& r : got) what.push_back(r.raw("resrc").value_or("op=" + r.raw("op").value_or("")));
  CHECK(what == std::vector<std::string>{"disk", "net", "chardev", "mem", "vcpu", "op=start", "op=stop"});
  for (size_t i = 0; i < 5; i++) CHECK(got[i].raw("res") == "success");
  CHECK(got[5].raw("res") == "failed");
  CHECK(got[5].type == 2500);
  CHECK(got[6].raw("res") == "success");
  CHECK(got[6].raw("reason") == "failed");
  CHECK(got[3].raw("new-mem") == "524288");
}

TEST_CASE("Kernel: opening network device nodes is audited with their device number", "[audit][kernel]") {
  auto listener = listenerOrSkip();
  if (!listener) return;
  AuditLog log({1, false});
  REQUIRE(log.toKernel());

  const std::string name = uniqueName("vireo-netopen");
  AuditedDomain dom = domainNamed(name);
  // /dev/net/tun where the host has it, else another character device.
  std::string node = ::access("/dev/net/tun", F_OK) == 0 ? "/dev/net/tun" : "/dev/null";
  auto rdev = deviceNumberOf(node);
  REQUIRE(rdev);
  char tmpl[] = "/tmp/vireo-audit-XXXXXX";
  int tmpFd = ::mkstemp(tmpl);
  REQUIRE(tmpFd >= 0);
  ::close(tmpFd);

  auditNetDeviceOpen(log, dom, "52:54:00:01:02:03", node, true);
  auditNetDeviceOpen(log, dom, "52:54:00:01:02:03", tmpl, false);
  ::unlink(tmpl);

  auto got = listener->collect(about(name), 2, 3s);
  REQUIRE(got.size() == 2);
  CHECK(got[0].type == 2501);
  CHECK(got[0].keys() == std::vector<std::string>{"virt", "resrc", "reason", "vm", "uuid", "net", "path", "rdev",
                                                  "exe", "hostname", "addr", "terminal", "res"});
  CHECK(got[0].raw("resrc") == "net");
  CHECK(got[0].raw("reason") == "open");
  CHECK(got[0].raw("net") == "52:54:00:01:02:03");
  CHECK(got[0].decoded("path") == node);
  CHECK(got[0].raw("rdev") == formatDeviceNumber(*rdev));
  CHECK(got[0].raw("res") == "success");
  CHECK(got[1].decoded("path") == std::string(tmpl));
  CHECK(got[1].raw("rdev") == "?");  // a regular file has no device number
  CHECK(got[1].raw("res") == "failed");
}

TEST_CASE("Kernel: sends from many threads all arrive once", "[audit][kernel]") {
  auto listener = listenerOrSkip();
  if (!listener) return;
  AuditLog log({1, false});
  REQUIRE(log.toKernel());

  const std::string stem = uniqueName("vireo-threads");
  constexpr int kThreads = 4, kEach = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; i++) {
        AuditedDomain dom = domainNamed(stem + "-" + std::to_string(t) + "-" + std::to_string(i));
        log.send(vcpuRecord(dom, "update", 0, static_cast<unsigned>(i)), true);
      }
    });
  }
  for (auto& th : threads) th.join();

  auto mine = AuditListener::fromThisProcess(2501);
  auto got = listener->collect(
      [&](const AuditRecord& r) { return mine(r) && r.decoded("vm").value_or("").rfind(stem + "-", 0) == 0; },
      kThreads * kEach, 10s);
  CHECK(listener->overruns() == 0);
  REQUIRE(got.size() == static_cast<size_t>(kThreads * kEach));
  std::set<std::string> names;
  for (const auto& r : got) names.insert(*r.decoded("vm"));
  CHECK(names.size() == static_cast<size_t>(kThreads * kEach));
}

TEST_CASE("Kernel: audit_logging writes the record to the log as well", "[audit][kernel]") {
  auto listener = listenerOrSkip();
  if (!listener) return;
  std::vector<std::pair<LogPriority, std::string>> lines;
  AuditLog log({1, true}, [&](LogPriority p, std::string_view m) { lines.emplace_back(p, std::string(m)); });
  REQUIRE(log.toKernel());

  const std::string name = uniqueName("vireo-logging");
  Record r = stopRecord(domainNamed(name), "shutdown");
  log.send(r, false);
  auto rec = listener->next(about(name), 3s);
  REQUIRE(rec);
  checkDelivered(*rec, r, false);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == std::pair<LogPriority, std::string>{LogPriority::Warning, "success=no " + r.message});
}

TEST_CASE("Kernel: the listener restores the audit_enabled state", "[audit][kernel]") {
  {
    auto listener = listenerOrSkip();
    if (!listener) return;
    vireo::UniqueFd control(::audit_open());
    REQUIRE(control);
    CHECK(::audit_is_enabled(control.get()) >= 1);  // on while we listen
    if (!listener->enabledAuditing()) {
      WARN("auditing was on before the listener (auditd?): nothing to restore");
      return;
    }
  }
  // Look under the listeners' lock, so that no other test process's
  // listener can have switched auditing on in between.
  vireo::UniqueFd lock(::open(AuditListener::lockPath(), O_RDWR | O_CLOEXEC));
  REQUIRE(lock);
  REQUIRE(::flock(lock.get(), LOCK_EX) == 0);
  vireo::UniqueFd control(::audit_open());
  REQUIRE(control);
  CHECK(::audit_is_enabled(control.get()) == 0);
}
