// spawnProcess and runInChild against a host application with signal
// handlers of its own: no handler of the host ever runs in a child, children
// start with an empty mask and default dispositions, and the caller's mask is
// the same after the call.
//
// The handlers record in memory shared with every forked process
// (mmap MAP_SHARED), so a handler that ran in a child is seen by the test.
#include <catch2/catch.hpp>

#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <new>
#include <string>
#include <thread>

#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/spawn.h"

using vireo::Error;
using vireo::SpawnChildError;
using vireo::SpawnPlan;

namespace {

// Counters every process forked from the test shares.
struct Shared {
  std::atomic<int> inHost{0};   // handler runs in the host process
  std::atomic<int> inChild{0};  // handler runs in any other process: the bug
  std::atomic<int> spawns{0};
  std::atomic<int> signalsSent{0};
};
static_assert(std::atomic<int>::is_always_lock_free, "the handler needs lock-free counters");

Shared* gShared = nullptr;
pid_t gHost = 0;  // the process that installed the handlers

void recordingHandler(int) {
  int saved = errno;
  if (getpid() == gHost)
    gShared->inHost.fetch_add(1);
  else
    gShared->inChild.fetch_add(1);
  errno = saved;
}

constexpr int kHandled[] = {SIGUSR1, SIGTERM, SIGCHLD};
constexpr int kIgnored = SIGHUP;

// Installs recordingHandler for kHandled and SIG_IGN for kIgnored in this
// process, the way an application embedding vireo might; restores the old
// dispositions on destruction. Owns the shared counters.
class HostHandlers {
 public:
  HostHandlers() {
    void* mem = mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    REQUIRE(mem != MAP_FAILED);
    gShared = new (mem) Shared;
    install();
  }
  ~HostHandlers() {
    for (size_t i = 0; i < std::size(kHandled); ++i) sigaction(kHandled[i], &old_[i], nullptr);
    sigaction(kIgnored, &oldIgnored_, nullptr);
    munmap(gShared, sizeof(Shared));
    gShared = nullptr;
  }
  HostHandlers(const HostHandlers&) = delete;
  HostHandlers& operator=(const HostHandlers&) = delete;

  // (Again) in the calling process, which becomes the host.
  void install() {
    gHost = getpid();
    struct sigaction sa {};
    sa.sa_handler = recordingHandler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < std::size(kHandled); ++i) REQUIRE(sigaction(kHandled[i], &sa, &old_[i]) == 0);
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    REQUIRE(sigaction(kIgnored, &ign, &oldIgnored_) == 0);
  }

 private:
  struct sigaction old_[std::size(kHandled)] {};
  struct sigaction oldIgnored_ {};
};

// Blocks `sigs` in the calling thread for the scope (an application thread
// that keeps some signals for a signalfd, say).
class ThreadMask {
 public:
  explicit ThreadMask(std::initializer_list<int> sigs) {
    sigset_t set;
    sigemptyset(&set);
    for (int s : sigs) sigaddset(&set, s);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~ThreadMask() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  ThreadMask(const ThreadMask&) = delete;
  ThreadMask& operator=(const ThreadMask&) = delete;

 private:
  sigset_t old_;
};

bool sameSet(const sigset_t& a, const sigset_t& b) {
  for (int s = 1; s < NSIG; ++s)
    if (sigismember(&a, s) != sigismember(&b, s)) return false;
  return true;
}

sigset_t currentMask() {
  sigset_t cur;
  pthread_sigmask(SIG_SETMASK, nullptr, &cur);
  return cur;
}

std::string readAll(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

int waitStatus(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// The value of a "Name:\tvalue" line of /proc/PID/status text.
std::string statusField(const std::string& status, const std::string& name) {
  size_t at = status.find("\n" + name + ":");
  if (at == std::string::npos) return "(missing)";
  at += name.size() + 2;
  size_t end = status.find('\n', at);
  std::string v = status.substr(at, end - at);
  v.erase(0, v.find_first_not_of(" \t"));
  return v;
}

// Child work (pre-exec hook or runInChild): the signal state the child got,
// checked with system calls only. Then it raises the host's signals at
// itself; with default dispositions SIGCHLD is ignored, and a handler of the
// host would count in gShared->inChild. Step 1: a signal is blocked; step 2:
// a disposition is not SIG_DFL.
int checkSignalStateWork(const void*, SpawnChildError* err) {
  sigset_t cur;
  sigprocmask(SIG_SETMASK, nullptr, &cur);
  for (int s = 1; s < NSIG; ++s) {
    if (sigismember(&cur, s) == 1) {
      err->step = 1;
      err->index = s;
      return -1;
    }
  }
  for (int s = 1; s < NSIG; ++s) {
    struct sigaction sa {};
    if (sigaction(s, nullptr, &sa) == 0 && sa.sa_handler != SIG_DFL) {
      err->step = 2;
      err->index = s;
      return -1;
    }
  }
  kill(getpid(), SIGCHLD);
  return 0;
}

std::string describeSignalState(const void*, const SpawnChildError& err) {
  return std::string(err.step == 1 ? "blocked in the child: " : "not SIG_DFL in the child: ") +
         strsignal(err.index) + " (" + std::to_string(err.index) + ")";
}

// Work that raises SIGTERM at itself: with the default disposition the child
// dies of it; with the host's handler it would count and go on.
int raiseTermWork(const void*, SpawnChildError*) {
  kill(getpid(), SIGTERM);
  return 0;
}

}  // namespace

TEST_CASE("a spawned program starts with an empty mask and default dispositions", "[spawn][signals]") {
  HostHandlers handlers;
  ThreadMask mask({SIGUSR2, SIGWINCH});
  sigset_t before = currentMask();

  vireo::Pipe out = vireo::Pipe::create();
  SpawnPlan plan;
  plan.program = "/bin/cat";  // exec'ed directly: no shell sets anything in between
  plan.argv = {"cat", "/proc/self/status"};
  plan.fds = {{out.write.get(), 1}};
  plan.preExec = checkSignalStateWork;  // the hook sees the same clean state
  plan.describePreExecError = describeSignalState;
  pid_t pid = vireo::spawnProcess(plan, VIR_FROM_NONE);
  CHECK(sameSet(currentMask(), before));  // the caller's mask is back
  out.write.reset();
  std::string status = readAll(out.read.get());
  int st = waitStatus(pid);
  CHECK((WIFEXITED(st) && WEXITSTATUS(st) == 0));

  CHECK(statusField(status, "SigBlk") == "0000000000000000");
  CHECK(statusField(status, "SigIgn") == "0000000000000000");  // SIGHUP was ignored in the host
  CHECK(statusField(status, "SigCgt") == "0000000000000000");
  CHECK(gShared->inChild.load() == 0);
}

TEST_CASE("runInChild work runs with an empty mask and no handler of the host", "[spawn][signals]") {
  HostHandlers handlers;
  ThreadMask mask({SIGUSR2, SIGWINCH});
  sigset_t before = currentMask();

  try {
    vireo::runInChild(checkSignalStateWork, nullptr, describeSignalState, VIR_FROM_NONE);
  } catch (const Error& e) {
    FAIL(e.message());
  }
  CHECK(sameSet(currentMask(), before));
  CHECK(gShared->inChild.load() == 0);

  // SIGTERM at itself: the default action ends the child, the host's
  // handler does not run.
  try {
    vireo::runInChild(raiseTermWork, nullptr, nullptr, VIR_FROM_NONE);
    FAIL("the child survived its SIGTERM");
  } catch (const Error& e) {
    CHECK(e.message() == "child exited abnormally (status " + std::to_string(SIGTERM) + ")");
  }
  CHECK(sameSet(currentMask(), before));
  CHECK(gShared->inChild.load() == 0);
}

TEST_CASE("signals sent to children while they are being spawned never run a host handler there",
          "[spawn][signals]") {
  // A helper process is the host: it becomes a process group of its own
  // (so the test can signal all of its children without knowing their pids
  // yet), installs the handlers, and spawns children one after the other
  // while a second thread sends SIGUSR1, SIGTERM and SIGCHLD to the whole
  // group in a tight loop. The children stay in the group until they exit
  // (newSession = false). Each child first moves a couple of hundred
  // descriptors: a window in which an unblocked child with the host's
  // handlers would run them.
  HostHandlers handlers;
  pid_t helper = fork();
  REQUIRE(helper >= 0);
  if (helper == 0) {
    setpgid(0, 0);
    handlers.install();
    std::atomic<bool> stop{false};
    std::thread sender([&] {
      const timespec pause{0, 20 * 1000};
      int n = 0;
      while (!stop.load()) {
        kill(-gHost, kHandled[n++ % 3]);
        gShared->signalsSent.fetch_add(1);
        nanosleep(&pause, nullptr);
      }
    });
    vireo::Pipe sink = vireo::Pipe::create();
    SpawnPlan plan;
    plan.program = "/bin/true";
    plan.argv = {"true"};
    plan.newSession = false;
    for (int fd = 3; fd < 203; ++fd) plan.fds.emplace_back(sink.write.get(), fd);
    timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < 400 && gShared->inChild.load() == 0; ++i) {
      try {
        waitStatus(vireo::spawnProcess(plan, VIR_FROM_NONE));
        gShared->spawns.fetch_add(1);
      } catch (const Error&) {
        // A child killed before exec (SIGTERM/SIGUSR1 at their default)
        // is fine; what counts is which handler ran.
      }
      timespec now;
      clock_gettime(CLOCK_MONOTONIC, &now);
      if (now.tv_sec - start.tv_sec > 3) break;
    }
    stop = true;
    sender.join();
    _exit(0);
  }
  int st = waitStatus(helper);
  REQUIRE((WIFEXITED(st) && WEXITSTATUS(st) == 0));
  INFO("spawns " << gShared->spawns.load() << ", signals sent " << gShared->signalsSent.load()
                 << ", handled in the host " << gShared->inHost.load());
  CHECK(gShared->spawns.load() > 0);
  CHECK(gShared->inHost.load() > 0);  // the signals did arrive
  CHECK(gShared->inChild.load() == 0);
}
