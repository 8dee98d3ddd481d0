#include "lib/util/spawn.h"

#include <fcntl.h>
#include <signal.h>
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
enum ChildStep : int { StepNullDevice = 1, StepMoveFd, StepPlaceFd, StepSession, StepSignals, StepExec };

const char* stepName(int step) {
  switch (step) {
    case StepNullDevice: return "open /dev/null for";
    case StepMoveFd: return "move descriptors for";
    case StepPlaceFd: return "pass descriptors to";
    case StepSession: return "start a session for";
    case StepSignals: return "reset signals for";
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

// Runs in the child: system calls only.
[[noreturn]] void runChild(const std::pair<int, int>* fds, size_t nfds, int reportFd, int nullFd, bool newSession,
                           const char* program, char* const* argv, char* const* envp, int highFd,
                           SpawnChildWork preExec, const void* preExecData) {
  // 1. Move every source descriptor (and our own two) above all targets, so
  //    that placing one never overwrites another that is still needed.
  int report = fcntl(reportFd, F_DUPFD_CLOEXEC, highFd);
  if (report < 0) _exit(127);
  reportFd = report;
  nullFd = fcntl(nullFd, F_DUPFD_CLOEXEC, highFd);
  if (nullFd < 0) childFail(reportFd, StepNullDevice);
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
  if (newSession && setsid() < 0) childFail(reportFd, StepSession);
  // 3. A clean signal state: nothing blocked, nothing ignored.
  sigset_t none;
  sigemptyset(&none);
  if (sigprocmask(SIG_SETMASK, &none, nullptr) != 0) childFail(reportFd, StepSignals);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &dfl, nullptr);  // EINVAL for KILL/STOP is fine
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
  // 5. The caller's own preparation, in the final process state.
  if (preExec) {
    SpawnChildError e;
    if (preExec(preExecData, &e) != 0) childReport(reportFd, 1, e);
  }
  execve(program, argv, envp);
  childFail(reportFd, StepExec);
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
  int highFd = 3;
  for (const auto& [from, to] : plan.fds) highFd = std::max(highFd, to + 1);

  pid_t pid = fork();
  if (pid < 0) failSystem(domain, errno, "Unable to fork for " + plan.program);
  if (pid == 0)
    runChild(plan.fds.data(), plan.fds.size(), report.write.get(), nullFd.get(), plan.newSession,
             plan.program.c_str(), argv.data(), envp.data(), highFd, plan.preExec, plan.preExecData);

  report.write.reset();
  ChildReport r{};
  if (readChildReport(report.read.get(), &r)) {
    int status;
    reapChild(pid, &status);
    if (r.fromWork)
      fail(VIR_ERR_SYSTEM_ERROR, domain,
           describeWorkFailure(plan.describePreExecError, plan.preExecData, r.error,
                               "Unable to prepare " + plan.program));
    std::string what = std::string("Unable to ") + stepName(r.error.step) + " " + plan.program;
    failSystem(domain, r.error.err, what);
  }
  return pid;
}

void SpawnChildChain::add(SpawnChildWork work, const void* data, SpawnChildDescribe describe) {
  links_.push_back({work, data, describe});
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
  pid_t pid = fork();
  if (pid < 0) failSystem(domain, errno, "Unable to fork");
  if (pid == 0) {
    // System calls only from here on; the read end is ours to drop.
    close(report.read.get());
    SpawnChildError e;
    if (work(data, &e) != 0) childReport(report.write.get(), 1, e);
    _exit(0);
  }
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
