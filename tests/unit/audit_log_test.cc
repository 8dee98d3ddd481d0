// AuditLog without reading the kernel: the settings, the log lines, and the
// failures of a host without audit, produced by really failing system calls
// (a seccomp filter on one thread, see tests/support/syscall_fault.h).
#include <catch2/catch.hpp>

#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "lib/audit/audit_log.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "tests/support/syscall_fault.h"

using namespace vireo::audit;
using vireo::test::runWithSyscallFault;
using vireo::test::SyscallFault;

namespace {

// A sink that remembers what it got.
struct Captured {
  std::mutex mutex;
  std::vector<std::pair<LogPriority, std::string>> lines;
  LogSink sink() {
    return [this](LogPriority p, std::string_view m) {
      std::lock_guard<std::mutex> lock(mutex);
      lines.emplace_back(p, std::string(m));
    };
  }
};

// socket(AF_NETLINK, *, NETLINK_AUDIT) fails with `err`, as on a kernel
// without audit (EPROTONOSUPPORT) or under a container's seccomp profile.
SyscallFault auditSocketFails(int err) { return SyscallFault{SYS_socket, AF_NETLINK, NETLINK_AUDIT, err}; }

const Record kRecord{RecordType::Control, "virt=kvm op=start reason=booted vm=\"g\" uuid=u vm-pid=1"};

}  // namespace

TEST_CASE("formatLogLine uses libvirt's log line layout", "[audit]") {
  auto when = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123LL));
  CHECK(formatLogLine(LogPriority::Info, "audit", "success=yes virt=kvm", when, 77) ==
        "2023-11-14 22:13:20.123+0000: 77: info : audit : success=yes virt=kvm");
  CHECK(formatLogLine(LogPriority::Warning, "audit", "x", std::chrono::system_clock::time_point{}, 1) ==
        "1970-01-01 00:00:00.000+0000: 1: warning : audit : x");
}

TEST_CASE("logToStderr writes one whole line to standard error", "[audit]") {
  auto pipe = vireo::Pipe::create();
  vireo::UniqueFd savedStderr(::dup(STDERR_FILENO));
  REQUIRE(savedStderr);
  REQUIRE(::dup2(pipe.write.get(), STDERR_FILENO) == STDERR_FILENO);
  logToStderr(LogPriority::Warning, "success=no virt=qemu");
  ::dup2(savedStderr.get(), STDERR_FILENO);
  pipe.write.reset();
  char buf[512];
  ssize_t n = ::read(pipe.read.get(), buf, sizeof buf);
  REQUIRE(n > 0);
  std::string line(buf, static_cast<size_t>(n));
  CHECK(line.ends_with(": warning : audit : success=no virt=qemu\n"));
  CHECK(line.find(": " + std::to_string(::gettid()) + ": ") != std::string::npos);
  CHECK(line.find('\n') == line.size() - 1);
}

TEST_CASE("audit_level 0 sends nothing; audit_logging still logs", "[audit]") {
  Captured got;
  {
    AuditLog off({0, false}, got.sink());
    CHECK_FALSE(off.toKernel());
    CHECK_FALSE(off.enabled());
    off.send(kRecord, true);
  }
  CHECK(got.lines.empty());

  AuditLog logging({0, true}, got.sink());
  CHECK_FALSE(logging.toKernel());
  CHECK(logging.enabled());
  logging.send(kRecord, true);
  logging.send(kRecord, false);
  logging.send(std::optional<Record>{}, true);  // nothing to say: nothing logged
  REQUIRE(got.lines.size() == 2);
  CHECK(got.lines[0].first == LogPriority::Info);
  CHECK(got.lines[0].second == "success=yes " + kRecord.message);
  CHECK(got.lines[1].first == LogPriority::Warning);
  CHECK(got.lines[1].second == "success=no " + kRecord.message);
}

TEST_CASE("audit_level 2 without kernel audit fails with a proper error code", "[audit]") {
  if (!vireo::test::syscallFaultsSupported()) {
    WARN("SKIPPED: seccomp faults are not available on this architecture");
    return;
  }
  for (int err : {EPROTONOSUPPORT, EAFNOSUPPORT, EINVAL}) {
    Captured got;
    bool threw = false;
    runWithSyscallFault(auditSocketFails(err), [&] {
      try {
        AuditLog required({2, false}, got.sink());
      } catch (const vireo::Error& e) {
        threw = true;
        CHECK(e.code() == VIR_ERR_OPERATION_UNSUPPORTED);
        CHECK(e.domain() == VIR_FROM_AUDIT);
        CHECK(e.message() == std::string("Operation not supported: Audit is not supported by the kernel: ") +
                                 std::strerror(err));
      }
    });
    CHECK(threw);
    CHECK(got.lines.empty());
  }
}

TEST_CASE("audit_level 1 without kernel audit carries on quietly", "[audit]") {
  if (!vireo::test::syscallFaultsSupported()) {
    WARN("SKIPPED: seccomp faults are not available on this architecture");
    return;
  }
  Captured got;
  runWithSyscallFault(auditSocketFails(EPROTONOSUPPORT), [&] {
    AuditLog optional({1, false}, got.sink());
    CHECK_FALSE(optional.toKernel());
    CHECK_FALSE(optional.enabled());
    optional.send(kRecord, true);
  });
  CHECK(got.lines.empty());

  // With audit_logging the log says why no kernel records are sent.
  runWithSyscallFault(auditSocketFails(EAFNOSUPPORT), [&] {
    AuditLog optional({1, true}, got.sink());
    CHECK_FALSE(optional.toKernel());
    CHECK(optional.enabled());
  });
  REQUIRE(got.lines.size() == 1);
  CHECK(got.lines[0] == std::pair<LogPriority, std::string>{LogPriority::Info, "Audit is not supported by the kernel"});
}

TEST_CASE("Other audit_open failures are system errors at level 2, warnings at level 1", "[audit]") {
  if (!vireo::test::syscallFaultsSupported()) {
    WARN("SKIPPED: seccomp faults are not available on this architecture");
    return;
  }
  Captured got;
  bool threw = false;
  runWithSyscallFault(auditSocketFails(EMFILE), [&] {
    try {
      AuditLog required({2, false}, got.sink());
    } catch (const vireo::Error& e) {
      threw = true;
      CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
      CHECK(e.domain() == VIR_FROM_AUDIT);
      CHECK(e.int1 == EMFILE);
      CHECK(e.message() == "Unable to initialize audit layer: Too many open files");
    }
  });
  CHECK(threw);

  runWithSyscallFault(auditSocketFails(EMFILE), [&] {
    AuditLog optional({1, false}, got.sink());
    CHECK_FALSE(optional.toKernel());
  });
  REQUIRE(got.lines.size() == 1);
  CHECK(got.lines[0].first == LogPriority::Warning);
  CHECK(got.lines[0].second == "Unable to initialize audit layer: Too many open files");
}

TEST_CASE("A record the kernel does not take is a warning, never an error", "[audit]") {
  if (!vireo::test::syscallFaultsSupported()) {
    WARN("SKIPPED: seccomp faults are not available on this architecture");
    return;
  }
  Captured got;
  AuditLog log({1, false}, got.sink());
  if (!log.toKernel()) {
    WARN("SKIPPED: this kernel has no audit socket");
    return;
  }
  // libaudit sends with sendto(); make that fail on the sending thread.
  runWithSyscallFault(SyscallFault{SYS_sendto, std::nullopt, std::nullopt, EIO},
                      [&] { log.send(kRecord, true); });
  REQUIRE(got.lines.size() == 1);
  CHECK(got.lines[0].first == LogPriority::Warning);
  CHECK(got.lines[0].second == "Failed to send audit message " + kRecord.message + ": Input/output error");
}
