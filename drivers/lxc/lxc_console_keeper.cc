#include "drivers/lxc/lxc_console_keeper.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <libvirt/virterror.h>

#include "lib/util/error.h"
#include "lib/util/log.h"
#include "lib/util/process_info.h"
#include "lib/util/spawn.h"

namespace vireo::lxc {

namespace {

constexpr const char* kLogModule = "lxc.lxc_console_keeper";

// Where the keeper finds its descriptors (SpawnPlan::fds).
constexpr int kMasterFd = 3;
constexpr int kLogFd = 4;
constexpr int kListenFd = 5;
constexpr int kSetupFd = 6;
// How long the keeper leaves a pty alone that no process has open (the
// master then polls as hung up): rather than spin, it looks again later.
constexpr int kHungUpRetryMs = 200;

// --- the keeper itself: system calls only ----------------------------------

bool readAll(int fd, void* buf, size_t len) noexcept {
  char* p = static_cast<char*>(buf);
  while (len > 0) {
    ssize_t n = read(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    len -= static_cast<size_t>(n);
  }
  return true;
}

// One byte with the master attached.
bool sendMaster(int conn) noexcept {
  char byte = 'm';
  iovec iov{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  int fd = kMasterFd;
  memcpy(CMSG_DATA(c), &fd, sizeof fd);
  ssize_t n;
  do n = sendmsg(conn, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  return n == 1;
}

// Copies what the pty has now to the log; false when the pty reads as hung
// up (no process has its slave open) or failed.
bool copyOnce(int& log) noexcept {
  char buf[4096];
  ssize_t n = read(kMasterFd, buf, sizeof buf);
  if (n > 0) {
    // The log is best effort: a full disk must not stop the container.
    if (log >= 0 && write(log, buf, static_cast<size_t>(n)) < 0) {
      close(log);
      log = -1;
    }
    return true;
  }
  return n < 0 && (errno == EAGAIN || errno == EINTR);
}

// What is left in the pty once the init is gone.
void drainRest(int log) noexcept {
  char buf[4096];
  ssize_t n;
  while ((n = read(kMasterFd, buf, sizeof buf)) > 0)
    if (log < 0 || write(log, buf, static_cast<size_t>(n)) < 0) return;
}

int serve(const void*, SpawnChildError*) noexcept {
  pid_t init = 0;
  if (!readAll(kSetupFd, &init, sizeof init)) return 0;  // the start failed
  close(kSetupFd);
  int initFd = static_cast<int>(syscall(SYS_pidfd_open, init, 0));
  if (initFd < 0) return 0;
  int log = kLogFd;
  int session = -1;
  bool hungUp = false;
  for (;;) {
    pollfd p[4] = {{initFd, POLLIN, 0},
                   {kListenFd, POLLIN, 0},
                   {session, POLLIN, 0},  // a negative descriptor is skipped
                   {session < 0 && !hungUp ? kMasterFd : -1, POLLIN, 0}};
    int rc = poll(p, 4, hungUp ? kHungUpRetryMs : -1);
    if (rc < 0 && errno != EINTR) return 1;
    if (rc < 0) continue;
    hungUp = false;
    if (p[0].revents) {  // the init is gone: keep its last words
      if (session < 0) drainRest(log);
      return 0;
    }
    if (p[1].revents & POLLIN) {
      int conn = accept4(kListenFd, nullptr, nullptr, SOCK_CLOEXEC);
      if (conn >= 0) {
        if (session >= 0) close(session);
        session = sendMaster(conn) ? conn : (close(conn), -1);
      }
    }
    if (session >= 0 && p[2].revents) {
      char byte;
      ssize_t n = recv(session, &byte, 1, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        close(session);
        session = -1;
      }
    }
    if (p[3].revents && !copyOnce(log)) hungUp = true;
  }
}

// --- the parent's side ------------------------------------------------------

sockaddr_un socketAddress(const std::string& path, const std::string& name) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LXC,
         "the console socket path of container '" + name + "' is too long: " + path);
  memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return addr;
}

UniqueFd listenOn(const std::string& path, const std::string& name) {
  sockaddr_un addr = socketAddress(path, name);
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) failSystem(VIR_FROM_LXC, errno, "Unable to create the console socket of container '" + name + "'");
  unlink(path.c_str());
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 || chmod(path.c_str(), 0600) < 0 ||
      listen(fd.get(), 4) < 0)
    failSystem(VIR_FROM_LXC, errno,
               "Unable to listen on " + path + " for the console of container '" + name + "'");
  return fd;
}

void waitGone(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

ConsoleKeeper ConsoleKeeper::start(int master, const std::string& logPath, const std::string& socketPath,
                                   const lock::LockdChildProgram* lockd, const std::string& name) {
  UniqueFd log(open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
  if (!log)
    failSystem(VIR_FROM_LXC, errno,
               "Unable to open " + logPath + " for the console of container '" + name + "'");
  UniqueFd listening = listenOn(socketPath, name);
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
    failSystem(VIR_FROM_LXC, errno,
               "Unable to create the console keeper's socket pair of container '" + name + "'");
  UniqueFd ours(sv[0]), theirs(sv[1]);

  SpawnPlan plan;
  plan.fds = {
      {master, kMasterFd}, {log.get(), kLogFd}, {listening.get(), kListenFd}, {theirs.get(), kSetupFd}};
  plan.name = "the console keeper of container '" + name + "'";
  plan.serve = serve;
  SpawnChildChain chain;
  if (lockd) lockd->addTo(chain);
  if (chain.size()) chain.attachTo(plan);
  ConsoleKeeper k;
  k.socketPath_ = socketPath;
  try {
    k.pid_ = spawnProcess(plan, VIR_FROM_LXC);
  } catch (const Error&) {
    unlink(socketPath.c_str());
    throw;
  }
  k.startTime_ = processStartTime(k.pid_);
  k.setup_ = std::move(ours);
  VIREO_DEBUG(kLogModule, "console keeper of container '%s': pid %d", name.c_str(), static_cast<int>(k.pid_));
  return k;
}

ConsoleKeeper& ConsoleKeeper::operator=(ConsoleKeeper&& other) noexcept {
  if (this == &other) return *this;
  pid_ = std::exchange(other.pid_, -1);
  startTime_ = other.startTime_;
  setup_ = std::move(other.setup_);
  socketPath_ = std::move(other.socketPath_);
  return *this;
}

ConsoleKeeper::~ConsoleKeeper() {
  if (pid_ > 0) stopConsoleKeeper(pid_, startTime_, true, socketPath_);
}

void ConsoleKeeper::follow(pid_t init, const std::string& name) {
  ssize_t n;
  do n = send(setup_.get(), &init, sizeof init, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(sizeof init))
    failSystem(VIR_FROM_LXC, n < 0 ? errno : EPIPE,
               "Unable to reach the console keeper of container '" + name + "'");
  setup_.reset();
}

void signalConsoleKeeper(pid_t pid, unsigned long long startTime, bool ours) noexcept {
  if (pid > 0 && (ours || (startTime && processStartTime(pid) == startTime))) kill(pid, SIGKILL);
}

void stopConsoleKeeper(pid_t pid, unsigned long long startTime, bool ours,
                       const std::string& socketPath) noexcept {
  signalConsoleKeeper(pid, startTime, ours);
  if (pid > 0 && ours) waitGone(pid);
  if (!socketPath.empty()) unlink(socketPath.c_str());
}

UniqueFd receiveConsoleMaster(const std::string& socketPath, const std::string& name, UniqueFd& connection) {
  sockaddr_un addr = socketAddress(socketPath, name);
  UniqueFd conn(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!conn || connect(conn.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) {
    int err = errno;
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC,
         "the console of container '" + name + "' is not available: its keeper does not answer at " +
             socketPath + ": " + std::strerror(err));
  }
  char byte = 0;
  iovec iov{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do n = recvmsg(conn.get(), &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  cmsghdr* c = n == 1 ? CMSG_FIRSTHDR(&msg) : nullptr;
  if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int)))
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC,
         "the console of container '" + name + "' is not available: its keeper sent no terminal");
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof fd);
  connection = std::move(conn);
  return UniqueFd(fd);
}

}  // namespace vireo::lxc
