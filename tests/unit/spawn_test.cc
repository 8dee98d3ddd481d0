// spawnProcess and runInChild: descriptors, exec failures, the pre-exec hook
// and its failure report, work in a child that does not exec, how errors
// name the program, the parent-death signal. (Signals and the host's
// handlers: spawn_signals_test.cc.)
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/spawn.h"
#include "tests/support/temp_dir.h"

using vireo::test::TempDir;

using vireo::Error;
using vireo::SpawnChildError;
using vireo::SpawnPlan;

namespace {

int waitExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string readAll(int fd) {
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

SpawnPlan shellPlan(const std::string& script) {
  SpawnPlan plan;
  plan.program = "/bin/sh";
  plan.argv = {"sh", "-c", script};
  plan.env = {"PATH=/usr/bin:/bin"};
  return plan;
}

// A hook that creates the directory named by its data (a C string).
int makeDirectoryHook(const void* data, SpawnChildError* err) {
  if (mkdir(static_cast<const char*>(data), 0700) == 0) return 0;
  err->step = 42;
  err->err = errno;
  err->index = 3;
  vireo::setSpawnChildErrorPath(err, static_cast<const char*>(data));
  return -1;
}

std::string describeHook(const void* data, const SpawnChildError& err) {
  return std::string("hook failed on ") + static_cast<const char*>(data) + " step " + std::to_string(err.step) +
         " index " + std::to_string(err.index) + " path " + err.path + " errno " + std::to_string(err.err);
}

}  // namespace

TEST_CASE("spawnProcess runs the program with the descriptors of the plan", "[spawn]") {
  vireo::Pipe out = vireo::Pipe::create();
  SpawnPlan plan = shellPlan("echo hello; echo $FOO; exit 3");
  plan.env.push_back("FOO=bar");
  plan.fds = {{out.write.get(), 1}};
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
  out.write.reset();
  CHECK(readAll(out.read.get()) == "hello\nbar\n");
  CHECK(waitExit(pid) == 3);
}

TEST_CASE("spawnProcess places a few hundred descriptors, not more than 512", "[spawn]") {
  // What several multiqueue interfaces with vhost-net hand QEMU.
  vireo::Pipe out = vireo::Pipe::create();
  // (sh redirects only to single-digit descriptors: look at the others.)
  SpawnPlan plan = shellPlan("echo first >&3; [ -e /proc/$$/fd/302 ] && [ ! -e /proc/$$/fd/303 ] && echo last >&3");
  for (int n = 3; n <= 302; ++n) plan.fds.emplace_back(out.write.get(), n);
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
  out.write.reset();
  CHECK(readAll(out.read.get()) == "first\nlast\n");
  CHECK(waitExit(pid) == 0);

  SpawnPlan tooMany = shellPlan("exit 0");
  for (int n = 3; n < 3 + 513; ++n) tooMany.fds.emplace_back(0, n);
  CHECK_THROWS_AS(vireo::spawnProcess(tooMany, VIR_FROM_NONE), Error);
}

TEST_CASE("spawnProcess reports an exec failure naming the program", "[spawn]") {
  SpawnPlan plan;
  plan.program = "/nonexistent/vireo-program";
  plan.argv = {"x"};
  try {
    vireo::spawnProcess(plan, VIR_FROM_QEMU);
    FAIL("spawnProcess succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.domain() == VIR_FROM_QEMU);
    CHECK(e.message() == "Unable to exec /nonexistent/vireo-program: No such file or directory");
  }
}

TEST_CASE("spawnProcess runs the pre-exec hook in the child before exec", "[spawn]") {
  TempDir dir("vireo-spawn");
  std::string made = dir.path + "/made-by-hook";
  vireo::Pipe out = vireo::Pipe::create();
  SpawnPlan plan = shellPlan("test -d '" + made + "' && echo seen");
  plan.fds = {{out.write.get(), 1}};
  plan.preExec = makeDirectoryHook;
  plan.preExecData = made.c_str();
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
  out.write.reset();
  CHECK(readAll(out.read.get()) == "seen\n");
  CHECK(waitExit(pid) == 0);
}

TEST_CASE("a handshake runs in the parent with the child's pid before the child's hook", "[spawn]") {
  TempDir dir("vireo-spawn");
  // The hook makes a directory inside the one the parent's step makes: it
  // works only if the child waited for the step.
  std::string parentMade = dir.path + "/by-parent";
  std::string childMade = parentMade + "/by-child";
  vireo::Pipe out = vireo::Pipe::create();
  SpawnPlan plan = shellPlan("test -d '" + childMade + "' && echo seen");
  plan.fds = {{out.write.get(), 1}};
  plan.preExec = makeDirectoryHook;
  plan.preExecData = childMade.c_str();
  pid_t seenPid = 0;
  plan.beforeChildContinues = [&](pid_t pid) {
    seenPid = pid;
    REQUIRE(mkdir(parentMade.c_str(), 0700) == 0);
  };
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
  out.write.reset();
  CHECK(seenPid == pid);
  CHECK(readAll(out.read.get()) == "seen\n");
  CHECK(waitExit(pid) == 0);
}

TEST_CASE("a failing handshake kills and reaps the waiting child", "[spawn]") {
  SpawnPlan plan = shellPlan("exit 0");
  pid_t seenPid = 0;
  plan.beforeChildContinues = [&](pid_t pid) {
    seenPid = pid;
    vireo::fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC, "handshake refused");
  };
  try {
    vireo::spawnProcess(plan, VIR_FROM_LXC);
    FAIL("spawnProcess succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_OPERATION_FAILED);
    CHECK(e.message().find("handshake refused") != std::string::npos);
  }
  REQUIRE(seenPid > 0);
  // Reaped: no zombie left with that pid for us to wait for.
  CHECK(waitpid(seenPid, nullptr, WNOHANG) < 0);
  CHECK(errno == ECHILD);
}

TEST_CASE("a child that failed before the handshake is the error told", "[spawn]") {
  SpawnPlan plan = shellPlan("exit 0");
  plan.fds = {{987, 3}};  // no such descriptor: the child fails placing it
  plan.beforeChildContinues = [](pid_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the child is gone by now
    vireo::fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC, "handshake with a dead child");
  };
  try {
    vireo::spawnProcess(plan, VIR_FROM_LXC);
    FAIL("spawnProcess succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.message() == "Unable to move descriptors for /bin/sh: Bad file descriptor");
  }
}

TEST_CASE("a failing pre-exec hook stops the child and is described", "[spawn]") {
  TempDir dir("vireo-spawn");
  std::string missing = dir.path + "/no/such/parent";
  SpawnPlan plan = shellPlan("exit 0");
  plan.preExec = makeDirectoryHook;
  plan.preExecData = missing.c_str();

  SECTION("with the hook's own description") {
    plan.describePreExecError = describeHook;
    try {
      vireo::spawnProcess(plan, VIR_FROM_QEMU);
      FAIL("spawnProcess succeeded");
    } catch (const Error& e) {
      CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
      CHECK(e.message() == "hook failed on " + missing + " step 42 index 3 path " + missing + " errno " +
                               std::to_string(ENOENT));
    }
  }
  SECTION("with the default description") {
    try {
      vireo::spawnProcess(plan, VIR_FROM_QEMU);
      FAIL("spawnProcess succeeded");
    } catch (const Error& e) {
      CHECK(e.message() == "Unable to prepare /bin/sh: No such file or directory (step 42)");
    }
  }
}

TEST_CASE("runInChild runs work in a child and reports its failure", "[spawn]") {
  TempDir dir("vireo-spawn");
  std::string made = dir.path + "/made-in-child";
  vireo::runInChild(makeDirectoryHook, made.c_str(), describeHook, VIR_FROM_QEMU);
  struct stat st;
  CHECK(stat(made.c_str(), &st) == 0);
  // The second time the directory exists: the child's report comes back.
  try {
    vireo::runInChild(makeDirectoryHook, made.c_str(), describeHook, VIR_FROM_QEMU);
    FAIL("runInChild succeeded");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.message().find("errno " + std::to_string(EEXIST)) != std::string::npos);
  }
}

TEST_CASE("setSpawnChildErrorPath cuts long names", "[spawn]") {
  SpawnChildError err;
  std::string longName(1000, 'x');
  vireo::setSpawnChildErrorPath(&err, longName.c_str());
  CHECK(std::string(err.path) == std::string(sizeof err.path - 1, 'x'));
  vireo::setSpawnChildErrorPath(&err, nullptr);
  CHECK(err.path[0] == '\0');
}

TEST_CASE("a chain of child steps runs them in order after the plan's own hook", "[spawn]") {
  TempDir dir("vireo-spawn");
  std::string first = dir.path + "/first";
  std::string second = first + "/second";  // needs the first one
  std::string missing = dir.path + "/no/such/parent";
  vireo::Pipe out = vireo::Pipe::create();
  SpawnPlan plan = shellPlan("test -d '" + second + "' && echo both");
  plan.fds = {{out.write.get(), 1}};
  plan.preExec = makeDirectoryHook;  // already there: becomes the chain's first step
  plan.preExecData = first.c_str();
  vireo::SpawnChildChain chain;
  chain.add(makeDirectoryHook, second.c_str(), describeHook);
  chain.attachTo(plan);
  CHECK(chain.size() == 2);
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
  out.write.reset();
  CHECK(readAll(out.read.get()) == "both\n");
  CHECK(waitExit(pid) == 0);

  // The step that fails describes the failure, whichever place it has.
  std::string ok = dir.path + "/ok";
  vireo::SpawnChildChain failing;
  failing.add(makeDirectoryHook, ok.c_str());
  failing.add(makeDirectoryHook, missing.c_str(), describeHook);
  try {
    vireo::runInChild(vireo::SpawnChildChain::run, &failing, vireo::SpawnChildChain::describe, VIR_FROM_QEMU);
    FAIL("runInChild succeeded");
  } catch (const Error& e) {
    CHECK(e.message() == "hook failed on " + missing + " step 42 index 3 path " + missing + " errno " +
                             std::to_string(ENOENT));
  }
}

TEST_CASE("a plan's name and exec message name the program in errors", "[spawn]") {
  SpawnPlan plan;
  plan.program = "/nonexistent/qemu";
  plan.argv = {"qemu"};
  plan.name = "QEMU binary /nonexistent/qemu";
  SECTION("the exec message, when given") {
    plan.execFailure = "Cannot execute QEMU binary /nonexistent/qemu";
    try {
      vireo::spawnProcess(plan, VIR_FROM_QEMU);
      FAIL("spawnProcess succeeded");
    } catch (const Error& e) {
      CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
      CHECK(e.int1 == ENOENT);
      CHECK(e.message() == "Cannot execute QEMU binary /nonexistent/qemu: No such file or directory");
    }
  }
  SECTION("the name, for the default message") {
    try {
      vireo::spawnProcess(plan, VIR_FROM_QEMU);
      FAIL("spawnProcess succeeded");
    } catch (const Error& e) {
      CHECK(e.message() == "Unable to exec QEMU binary /nonexistent/qemu: No such file or directory");
    }
  }
}

TEST_CASE("a parent-death signal ends the child with the thread that spawned it", "[spawn]") {
  // PR_SET_PDEATHSIG fires when the forking *thread* exits, even though the
  // process lives on: spawn from a thread that then ends.
  pid_t pid = -1;
  std::string error;
  std::thread spawner([&] {
    SpawnPlan plan = shellPlan("sleep 30");
    plan.parentDeathSignal = SIGKILL;
    try {
      pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
    } catch (const Error& e) {
      error = e.message();
    }
  });
  spawner.join();
  REQUIRE(error.empty());
  REQUIRE(pid > 0);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  // Without it the child runs on: it is still there after the thread ended.
  pid = -1;
  std::thread plain([&] {
    try {
      pid = vireo::spawnProcess(shellPlan("sleep 30"), VIR_FROM_NONE);
    } catch (const Error&) {
    }
  });
  plain.join();
  REQUIRE(pid > 0);
  usleep(100 * 1000);
  int st = 0;
  CHECK(waitpid(pid, &st, WNOHANG) == 0);
  kill(pid, SIGKILL);
  waitpid(pid, &st, 0);
}

TEST_CASE("clone flags start the child in new namespaces: pid 1 of a new pid namespace", "[spawn][root]") {
  if (geteuid() != 0) {
    WARN("SKIPPED: new pid and uts namespaces need root");
    return;
  }
  vireo::Pipe out = vireo::Pipe::create();
  SpawnPlan plan = shellPlan("echo $$; hostname vireo-ns-test; hostname");
  plan.cloneFlags = CLONE_NEWPID | CLONE_NEWUTS;
  plan.fds = {{out.write.get(), 1}};
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
  out.write.reset();
  CHECK(readAll(out.read.get()) == "1\nvireo-ns-test\n");
  CHECK(waitExit(pid) == 0);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  CHECK(std::string(host) != "vireo-ns-test");
}

namespace {

// Serve-mode work: writes to descriptor 3 whether the descriptor numbered
// *data (one the parent had open, close-on-exec, in no plan) is open ('o') or
// closed ('c'), then returns when descriptor 5 gives it an 'x'.
int serveReport(const void* data, SpawnChildError*) noexcept {
  char state = fcntl(*static_cast<const int*>(data), F_GETFD) >= 0 ? 'o' : 'c';
  if (write(3, &state, 1) != 1) return -1;
  char go;
  return read(5, &go, 1) == 1 && go == 'x' ? 0 : -1;
}

}  // namespace

TEST_CASE("serve mode: the child runs work instead of exec, with only the plan's descriptors", "[spawn]") {
  vireo::Pipe report = vireo::Pipe::create();
  vireo::Pipe go = vireo::Pipe::create();
  // Open in the parent, in no plan: without an exec to close it, the child
  // must not have it either.
  vireo::UniqueFd stray(fcntl(report.read.get(), F_DUPFD_CLOEXEC, 100));
  int strayFd = stray.get();
  SpawnPlan plan;
  plan.fds = {{report.write.get(), 3}, {go.read.get(), 5}};
  plan.serve = serveReport;
  plan.serveData = &strayFd;
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
  report.write.reset();
  go.read.reset();
  char state = 0;
  REQUIRE(read(report.read.get(), &state, 1) == 1);
  CHECK(state == 'c');
  // spawnProcess returned while the work still runs; it ends when told.
  CHECK(waitpid(pid, nullptr, WNOHANG) == 0);
  REQUIRE(write(go.write.get(), "x", 1) == 1);
  int status = -1;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
