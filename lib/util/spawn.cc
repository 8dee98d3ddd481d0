#include "lib/util/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include <libvirt/virterror.h>

#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo {

namespace {

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

struct ChildReport {
  int step;
  int err;
};

[[noreturn]] void childFail(int reportFd, int step) {
  ChildReport r{step, errno};
  ssize_t ignored = write(reportFd, &r, sizeof r);
  (void)ignored;
  _exit(127);
}

// Runs in the child: system calls only.
[[noreturn]] void runChild(const std::pair<int, int>* fds, size_t nfds, int reportFd, int nullFd, bool newSession,
                           const char* program, char* const* argv, char* const* envp, int highFd) {
  // 1. Move every source descriptor (and our own two) above all targets, so
  //    that placing one never overwrites another that is still needed.
  int report = fcntl(reportFd, F_DUPFD_CLOEXEC, highFd);
  if (report < 0) _exit(127);
  reportFd = report;
  nullFd = fcntl(nullFd, F_DUPFD_CLOEXEC, highFd);
  if (nullFd < 0) childFail(reportFd, StepNullDevice);
  int moved[64];
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

pid_t spawnProcess(const SpawnPlan& plan, int errorDomain) {
  auto domain = static_cast<virErrorDomain>(errorDomain);
  if (plan.fds.size() > 64) fail(VIR_ERR_INTERNAL_ERROR, domain, "too many descriptors for a child");
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
             plan.program.c_str(), argv.data(), envp.data(), highFd);

  report.write.reset();
  ChildReport r{};
  ssize_t n;
  do n = read(report.read.get(), &r, sizeof r);
  while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof r)) {
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::string what = std::string("Unable to ") + stepName(r.step) + " " + plan.program;
    failSystem(domain, r.err, what);
  }
  return pid;
}

}  // namespace vireo
