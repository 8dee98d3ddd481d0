#include "lib/util/spawn.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

#include <libvirt/virterror.h>

#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo {

namespace {

// The most descriptors a plan may place (a multiqueue interface with
// vhost-net alone brings two per queue). The child keeps their moved copies
// in an array on its stack: it may not allocate.
constexpr size_t kMaxChildFds = 512;

// What the child reports when a step fails.
enum ChildStep : int {
  StepNullDevice = 1,
  StepMoveFd,
  StepPlaceFd,
  StepSession,
  StepSignals,
  StepExec,
  StepParentDeath,
  StepHandshake,
};

const char* stepName(int step) {
  switch (step) {
    case StepNullDevice: return "open /dev/null for";
    case StepMoveFd: return "move descriptors for";
    case StepPlaceFd: return "pass descriptors to";
    case StepSession: return "start a session for";
    case StepSignals: return "reset signals for";
    case StepParentDeath: return "set the parent-death signal of";
    case StepHandshake: return "wait for the parent of";
    default: return "exec";
  }
}

// One record per failed child; `fromWork` tells a failure of the caller's
// work (a pre-exec hook, runInChild) from one of spawnProcess's own steps.
struct ChildReport {
  int fromWork;
  SpawnChildError error;
};

[[noreturn]] void childReport(int reportFd, int fromWork, const SpawnChildError& error) {
  ChildReport r{};
  r.fromWork = fromWork;
  r.error = error;
  ssize_t ignored = write(reportFd, &r, sizeof r);  // < PIPE_BUF: one atomic write
  (void)ignored;
  _exit(127);
}

[[noreturn]] void childFail(int reportFd, int step) {
  SpawnChildError e;
  e.step = step;
  e.err = errno;
  childReport(reportFd, 0, e);
}

// Reads the child's report; true when there was one (the child failed).
bool readChildReport(int fd, ChildReport* r) {
  ssize_t n;
  do n = read(fd, r, sizeof *r);
  while (n < 0 && errno == EINTR);
  return n == static_cast<ssize_t>(sizeof *r);
}

void reapChild(pid_t pid, int* status) {
  while (waitpid(pid, status, 0) < 0 && errno == EINTR) {
  }
}

std::string describeWorkFailure(SpawnChildDescribe describe, const void* data, const SpawnChildError& e,
                                const std::string& what) {
  if (describe) return describe(data, e);
  return what + ": " + std::strerror(e.err) + " (step " + std::to_string(e.step) + ")";
}

// Everything runChild needs, prepared in the parent.
struct ChildArgs {
  const std::pair<int, int>* fds;
  size_t nfds;
  int reportFd;
  int continueFd;  // read end of the handshake pipe, or -1
  int nullFd;
  int highFd;
  bool newSession;
  int parentDeathSignal;
  pid_t parent;
  const char* program;
  char* const* argv;
  char* const* envp;
  SpawnChildWork preExec;
  const void* preExecData;
  SpawnChildWork serve;
  const void* serveData;
};

// Blocks every signal in the calling thread until restore() or the end of
// the scope. Around fork(): a signal that arrives in the child before its
// handlers are reset stays pending instead of running a handler of the host
// application in a process that is only a copy of one of its threads. The
// child never leaves its branch, so only the parent restores.
class AllSignalsBlocked {
 public:
  AllSignalsBlocked() {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old_);
  }
  ~AllSignalsBlocked() { restore(); }
  AllSignalsBlocked(const AllSignalsBlocked&) = delete;
  AllSignalsBlocked& operator=(const AllSignalsBlocked&) = delete;

  void restore() noexcept {
    if (!blocked_) return;
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    blocked_ = false;
  }

 private:
  sigset_t old_;
  bool blocked_ = true;
};

// The first thing every child does, with all signals still blocked: every
// disposition back to the default (SIG_IGN too: an ignored signal would stay
// ignored across execve()), then an empty mask. Whatever was sent meanwhile
// is delivered now, to the default action. False when the mask could not be
// set.
bool resetSignalsInChild() noexcept {
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &dfl, nullptr);  // EINVAL for KILL/STOP is fine
  sigset_t none;
  sigemptyset(&none);
  return sigprocmask(SIG_SETMASK, &none, nullptr) == 0;
}

// Runs in the child: system calls only.
[[noreturn]] void runChild(const ChildArgs& a) {
  int reportFd = a.reportFd;
  // 0. Signals first (see resetSignalsInChild), then the parent-death
  //    signal: if the parent is gone already, nobody waits for this child.
  if (!resetSignalsInChild()) childFail(reportFd, StepSignals);
  if (a.parentDeathSignal) {
    if (prctl(PR_SET_PDEATHSIG, a.parentDeathSignal) != 0) childFail(reportFd, StepParentDeath);
    if (getppid() != a.parent) _exit(127);
  }
  const std::pair<int, int>* fds = a.fds;
  size_t nfds = a.nfds;
  int highFd = a.highFd;
  int nullFd = a.nullFd;
  // 1. Move every source descriptor (and our own two) above all targets, so
  //    that placing one never overwrites another that is still needed.
  int report = fcntl(reportFd, F_DUPFD_CLOEXEC, highFd);
  if (report < 0) _exit(127);
  reportFd = report;
  nullFd = fcntl(nullFd, F_DUPFD_CLOEXEC, highFd);
  if (nullFd < 0) childFail(reportFd, StepNullDevice);
  int continueFd = -1;
  if (a.continueFd >= 0) {
    continueFd = fcntl(a.continueFd, F_DUPFD_CLOEXEC, highFd);
    if (continueFd < 0) childFail(reportFd, StepHandshake);
  }
  int moved[kMaxChildFds];
  for (size_t i = 0; i < nfds; ++i) {
    moved[i] = fcntl(fds[i].first, F_DUPFD_CLOEXEC, highFd);
    if (moved[i] < 0) childFail(reportFd, StepMoveFd);
  }
  // 2. Place them; dup2 clears FD_CLOEXEC on the target.
  bool placed[3] = {false, false, false};
  for (size_t i = 0; i < nfds; ++i) {
    if (dup2(moved[i], fds[i].second) < 0) childFail(reportFd, StepPlaceFd);
    if (fds[i].second < 3) placed[fds[i].second] = true;
  }
  for (int std = 0; std < 3; ++std)
    if (!placed[std] && dup2(nullFd, std) < 0) childFail(reportFd, StepNullDevice);
  // 3. A session of its own.
  if (a.newSession && setsid() < 0) childFail(reportFd, StepSession);
  // 4. Everything not placed is closed (the report pipe closes on exec).
  int maxTarget = 2;
  for (size_t i = 0; i < nfds; ++i) maxTarget = fds[i].second > maxTarget ? fds[i].second : maxTarget;
  for (int fd = 3; fd <= maxTarget; ++fd) {
    bool keep = false;
    for (size_t i = 0; i < nfds; ++i) keep = keep || fds[i].second == fd;
    if (!keep) close(fd);
  }
  if (syscall(SYS_close_range, maxTarget + 1, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    for (int fd = maxTarget + 1; fd < 65536; ++fd)
      if (fd != reportFd) fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  // 5. The parent's part of a handshake: one byte says go on; end of file
  //    (the parent gave up and kills us) stops here.
  if (continueFd >= 0) {
    char go = 0;
    ssize_t n;
    do n = read(continueFd, &go, 1);
    while (n < 0 && errno == EINTR);
    if (n != 1) {
      if (n == 0) errno = EPIPE;
      childFail(reportFd, StepHandshake);
    }
    close(continueFd);
  }
  // 5b. A helper that will not exec: what exec would close is closed now,
  //     all but the report pipe.
  if (a.serve) {
    if (reportFd > maxTarget + 1) syscall(SYS_close_range, maxTarget + 1, reportFd - 1, 0);
    syscall(SYS_close_range, reportFd + 1, ~0U, 0);
  }
  // 6. The caller's own preparation, in the final process state.
  if (a.preExec) {
    SpawnChildError e;
    if (a.preExec(a.preExecData, &e) != 0) childReport(reportFd, 1, e);
  }
  if (a.serve) {
    close(reportFd);  // end of file without a report: the parent goes on
    SpawnChildError e;
    _exit(a.serve(a.serveData, &e) == 0 ? 0 : 1);
  }
  execve(a.program, a.argv, a.envp);
  childFail(reportFd, StepExec);
}

// The error a failed child's report describes.
[[noreturn]] void failFromReport(const SpawnPlan& plan, const ChildReport& r, virErrorDomain domain,
                                 const std::string& name) {
  if (r.fromWork)
    fail(VIR_ERR_SYSTEM_ERROR, domain,
         describeWorkFailure(plan.describePreExecError, plan.preExecData, r.error, "Unable to prepare " + name));
  if (r.error.step == StepExec && !plan.execFailure.empty()) failSystem(domain, r.error.err, plan.execFailure);
  failSystem(domain, r.error.err, std::string("Unable to ") + stepName(r.error.step) + " " + name);
}

std::vector<char*> cStrings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const auto& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

void setSpawnChildErrorPath(SpawnChildError* err, const char* text) noexcept {
  size_t i = 0;
  for (; text && text[i] && i + 1 < sizeof err->path; ++i) err->path[i] = text[i];
  err->path[i] = '\0';
}

pid_t spawnProcess(const SpawnPlan& plan, int errorDomain) {
  auto domain = static_cast<virErrorDomain>(errorDomain);
  if (plan.fds.size() > kMaxChildFds) fail(VIR_ERR_INTERNAL_ERROR, domain, "too many descriptors for a child");
  std::vector<char*> argv = cStrings(plan.argv);
  std::vector<char*> envp = cStrings(plan.env);
  UniqueFd nullFd(open("/dev/null", O_RDWR | O_CLOEXEC));
  if (!nullFd) failSystem(domain, errno, "Unable to open /dev/null");
  Pipe report = Pipe::create();
  // A socket pair rather than a pipe: send() with MSG_NOSIGNAL to a child
  // that is gone raises no SIGPIPE in the host application.
  UniqueFd handshakeParent, handshakeChild;
  if (plan.beforeChildContinues) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
      failSystem(domain, errno, "Unable to create a handshake socket pair for " + (plan.name.empty() ? plan.program : plan.name));
    handshakeParent = UniqueFd(sv[0]);
    handshakeChild = UniqueFd(sv[1]);
  }
  int highFd = 3;
  for (const auto& [from, to] : plan.fds) highFd = std::max(highFd, to + 1);

  ChildArgs args{};
  args.fds = plan.fds.data();
  args.nfds = plan.fds.size();
  args.reportFd = report.write.get();
  args.continueFd = plan.beforeChildContinues ? handshakeChild.get() : -1;
  args.nullFd = nullFd.get();
  args.highFd = highFd;
  args.newSession = plan.newSession;
  args.parentDeathSignal = plan.parentDeathSignal;
  args.parent = getpid();
  args.program = plan.program.c_str();
  args.argv = argv.data();
  args.envp = envp.data();
  args.preExec = plan.preExec;
  args.preExecData = plan.preExecData;
  args.serve = plan.serve;
  args.serveData = plan.serveData;
  const std::string& name = plan.name.empty() ? plan.program : plan.name;

  AllSignalsBlocked blocked;
  // A raw clone() without a new stack is fork() with namespaces: the child
  // continues on a copy of this stack. glibc's fork handlers do not run,
  // which is fine: the child makes system calls only.
  pid_t pid = plan.cloneFlags ? static_cast<pid_t>(syscall(SYS_clone, plan.cloneFlags | SIGCHLD, nullptr, nullptr,
                                                           nullptr, nullptr))
                              : fork();
  if (pid == 0) runChild(args);
  int forkErrno = errno;
  blocked.restore();
  if (pid < 0) failSystem(domain, forkErrno, "Unable to fork for " + name);

  report.write.reset();
  if (plan.beforeChildContinues) {
    handshakeChild.reset();
    try {
      plan.beforeChildContinues(pid);
    } catch (...) {
      kill(pid, SIGKILL);
      int status;
      reapChild(pid, &status);
      // A child that failed before the handshake (and so made the parent's
      // part fail) left its report: that is the cause to tell.
      ChildReport r{};
      if (readChildReport(report.read.get(), &r)) failFromReport(plan, r, domain, name);
      throw;
    }
    char go = 'c';
    ssize_t n;
    do n = send(handshakeParent.get(), &go, 1, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    // A failed send means the child is gone: its report (or its absence) says why.
    handshakeParent.reset();
  }
  ChildReport r{};
  if (readChildReport(report.read.get(), &r)) {
    int status;
    reapChild(pid, &status);
    failFromReport(plan, r, domain, name);
  }
  return pid;
}

void SpawnChildChain::add(SpawnChildWork work, const void* data, SpawnChildDescribe describe) {
  links_.push_back({work, data, describe});
}

void SpawnChildChain::addFirst(SpawnChildWork work, const void* data, SpawnChildDescribe describe) {
  links_.insert(links_.begin(), {work, data, describe});
}

void SpawnChildChain::attachTo(SpawnPlan& plan) {
  if (plan.preExec && plan.preExecData != this)
    links_.insert(links_.begin(), {plan.preExec, plan.preExecData, plan.describePreExecError});
  plan.preExec = run;
  plan.preExecData = this;
  plan.describePreExecError = describe;
}

int SpawnChildChain::run(const void* chain, SpawnChildError* err) noexcept {
  const auto* self = static_cast<const SpawnChildChain*>(chain);
  for (size_t i = 0; i < self->links_.size(); ++i) {
    const Link& l = self->links_[i];
    if (l.work(l.data, err) != 0) {
      err->link = static_cast<int>(i);
      return -1;
    }
  }
  return 0;
}

std::string SpawnChildChain::describe(const void* chain, const SpawnChildError& err) {
  const auto* self = static_cast<const SpawnChildChain*>(chain);
  if (err.link >= 0 && static_cast<size_t>(err.link) < self->links_.size()) {
    const Link& l = self->links_[static_cast<size_t>(err.link)];
    if (l.describe) return l.describe(l.data, err);
  }
  return std::string("Unable to prepare the child: ") + std::strerror(err.err) + " (step " +
         std::to_string(err.step) + ")";
}

void runInChild(SpawnChildWork work, const void* data, SpawnChildDescribe describe, int errorDomain) {
  auto domain = static_cast<virErrorDomain>(errorDomain);
  Pipe report = Pipe::create();
  AllSignalsBlocked blocked;
  pid_t pid = fork();
  if (pid == 0) {
    // System calls only from here on; the read end is ours to drop.
    if (!resetSignalsInChild()) _exit(127);  // "child exited abnormally"
    close(report.read.get());
    SpawnChildError e;
    if (work(data, &e) != 0) childReport(report.write.get(), 1, e);
    _exit(0);
  }
  int forkErrno = errno;
  blocked.restore();
  if (pid < 0) failSystem(domain, forkErrno, "Unable to fork");
  report.write.reset();
  ChildReport r{};
  bool failed = readChildReport(report.read.get(), &r);
  int status = 0;
  reapChild(pid, &status);
  if (failed) fail(VIR_ERR_SYSTEM_ERROR, domain, describeWorkFailure(describe, data, r.error, "Child work failed"));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    fail(VIR_ERR_SYSTEM_ERROR, domain, "child exited abnormally (status " + std::to_string(status) + ")");
}

}  // namespace vireo
