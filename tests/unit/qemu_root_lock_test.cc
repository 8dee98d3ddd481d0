// The owner lock of a QEMU driver root (one process at a time, shared
// within a process, released by the kernel at exit), the status record of
// a start in progress, and telling a recorded QEMU from a recycled pid.
#include <catch2/catch.hpp>

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "drivers/qemu/qemu_process_identity.h"
#include "drivers/qemu/qemu_status.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/root_lock.h"
#include "tests/support/temp_dir.h"

using vireo::test::TempDir;

using namespace vireo;

namespace {

// Runs `body` in a forked child; its exit status (the body returns it).
template <typename Body>
int inChild(Body body) {
  pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = -1;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("a root's pid file is owned by one process at a time", "[qemu][owner]") {
  TempDir dir("vireo-rootlock");
  std::string pidFile = dir.path + "/driver.pid";
  {
    auto lock = RootLock::acquire(pidFile, VIR_FROM_QEMU);
    CHECK(RootLock::ownerPid(pidFile) == getpid());
    // Within this process the lock is shared, not refused.
    CHECK(RootLock::acquire(pidFile, VIR_FROM_QEMU) == lock);

    // Another process is refused, with libvirt's words and the owner.
    std::string expected = "Failed to acquire pid file '" + pidFile +
                           "': Resource temporarily unavailable (held by pid " + std::to_string(getpid()) + ")";
    int rc = inChild([&] {
      try {
        RootLock::acquire(pidFile, VIR_FROM_QEMU);
        return 1;
      } catch (const Error& e) {
        if (e.code() != VIR_ERR_SYSTEM_ERROR || e.domain() != VIR_FROM_QEMU) return 2;
        return e.message().find(expected) != std::string::npos ? 0 : 3;
      }
    });
    CHECK(rc == 0);
  }
  // Released with the last holder: another process gets it now.
  CHECK(inChild([&] {
          try {
            auto lock = RootLock::acquire(pidFile, VIR_FROM_QEMU);
            return RootLock::ownerPid(pidFile) == getpid() ? 0 : 1;
          } catch (const Error&) {
            return 2;
          }
        }) == 0);
}

TEST_CASE("a root's lock goes with its process, however it dies", "[qemu][owner]") {
  TempDir dir("vireo-rootlock");
  std::string pidFile = dir.path + "/driver.pid";
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  pid_t child = fork();
  if (child == 0) {
    try {
      auto lock = RootLock::acquire(pidFile, VIR_FROM_QEMU);
      (void)!write(ready[1], "x", 1);
      pause();
    } catch (...) {
    }
    _exit(1);
  }
  close(ready[1]);
  char c;
  REQUIRE(read(ready[0], &c, 1) == 1);
  close(ready[0]);
  CHECK_THROWS_WITH(RootLock::acquire(pidFile, VIR_FROM_QEMU),
                    Catch::Contains("(held by pid " + std::to_string(child) + ")"));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  auto lock = RootLock::acquire(pidFile, VIR_FROM_QEMU);
  CHECK(RootLock::ownerPid(pidFile) == getpid());
}

TEST_CASE("a start in progress is recorded as paused, starting up", "[qemu][owner]") {
  qemu::StatusRecord r;
  r.state = VIR_DOMAIN_PAUSED;
  r.reason = VIR_DOMAIN_PAUSED_STARTING_UP;
  r.pid = 4242;
  r.pidStart = 123456789;
  r.id = 2;
  r.monitorPath = "/r/lib/qemu/domain-2-vm/monitor.sock";
  r.domainDir = "/r/lib/qemu/domain-2-vm";
  r.def = conf::parseDomainXml(
      "<domain type='qemu'><name>vm</name><memory>65536</memory><os><type>hvm</type></os></domain>",
      conf::ParseInactive);
  std::string text = qemu::formatStatus(r);
  CHECK_THAT(text, Catch::Contains("state='paused' reason='starting up' pid='4242' pidStart='123456789'"));
  qemu::StatusRecord back = qemu::parseStatus(text, "vm.xml");
  CHECK(back.startIncomplete());
  CHECK(back.pidStart == 123456789);
  r.state = VIR_DOMAIN_PAUSED;
  r.reason = VIR_DOMAIN_PAUSED_USER;
  CHECK_FALSE(qemu::parseStatus(qemu::formatStatus(r), "vm.xml").startIncomplete());
}

TEST_CASE("a recorded QEMU is known by its start time, not its pid alone", "[qemu][owner]") {
  unsigned long long mine = qemu::processStartTime(getpid());
  CHECK(mine > 0);
  CHECK(qemu::processStartTime(getpid()) == mine);
  // A process that is not a domain's QEMU, or one that started at another
  // time, is not taken for it.
  CHECK_FALSE(qemu::isDomainQemu(getpid(), "vm", 0));
  pid_t child = fork();
  if (child == 0) {
    execl("/bin/sh", "sh", "-c", "sleep 5; true", "guest=vm", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the child runs the shell (its command line is the exec'd one).
  for (int i = 0; i < 200 && !qemu::isDomainQemu(child, "vm", 0); ++i) usleep(5000);
  unsigned long long start = qemu::processStartTime(child);
  CHECK(qemu::isDomainQemu(child, "vm", 0));
  CHECK(qemu::isDomainQemu(child, "vm", start));
  CHECK_FALSE(qemu::isDomainQemu(child, "vm", start + 1));
  CHECK_FALSE(qemu::isDomainQemu(child, "vmx", start));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  CHECK_FALSE(qemu::isDomainQemu(child, "vm", start));
  CHECK(qemu::processStartTime(child) == 0);
}
