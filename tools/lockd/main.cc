// vireo-lockd: a lock daemon that speaks virtlockd's protocol.
//
//   vireo-lockd [--daemon] [--socket PATH] [--state-file PATH] [--pid-file PATH]
//
// The pid file is locked for the daemon's life: a second daemon with the
// same pid file exits with status 3 and leaves the first one's socket
// alone. With --daemon the program detaches (fork, setsid) once it
// listens, and its first process exits 0: a starter that waits for that
// exit can connect at once (lib/lock/lock_manager.cc starts it that way).
//
// SIGTERM/SIGINT/SIGQUIT: stop (the socket file is removed; leases end with
// the process). SIGUSR1: re-execute itself without dropping a lease: the
// state goes to the state file as JSON, the lease descriptors, the
// listening socket and every client socket stay open across execve(), and
// the new image reads the file back (only if its "magic" is its own pid)
// and carries on. Nothing here is needed by the library; see
// doc/locking.md.
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "lib/lock/lock_daemon.h"
#include "lib/rpc/server.h"
#include "lib/rpc/socket.h"
#include "lib/util/error.h"
#include "lib/util/json.h"

namespace {

constexpr const char* kDefaultSocket = "/run/vireo/lockd.sock";
constexpr size_t kStateMax = 10 * 1024 * 1024;
// Exit status when another daemon holds the pid file.
constexpr int kExitAlreadyRunning = 3;

vireo::rpc::Server* gServer = nullptr;
volatile sig_atomic_t gReexec = 0;

void onSignal(int sig) {
  if (sig == SIGUSR1) gReexec = 1;
  if (gServer) gServer->requestQuit();
}

void usage(FILE* out) {
  std::fprintf(out,
               "Usage: vireo-lockd [options]\n"
               "  -s, --socket PATH      listen on PATH (default %s)\n"
               "  -S, --state-file PATH  re-exec state file (default: next to the socket,\n"
               "                         lockd-restart-exec.json)\n"
               "  -p, --pid-file PATH    write the daemon's pid to PATH and lock it\n"
               "  -d, --daemon           detach once listening\n"
               "  -h, --help             this text\n",
               kDefaultSocket);
}

std::string dirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

void mkdirs(const std::string& dir) {
  if (dir.empty() || dir == "/" || dir == ".") return;
  mkdirs(dirOf(dir));
  if (::mkdir(dir.c_str(), 0755) < 0 && errno != EEXIST)
    vireo::failSystem(VIR_FROM_LOCKING, errno, "Unable to create directory " + dir);
}

// Reads and removes the state file; empty if there is none.
std::string takeStateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return {};
    vireo::failSystem(VIR_FROM_LOCKING, errno, "Unable to open " + path);
  }
  std::string text;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) {
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > kStateMax) break;
  }
  ::close(fd);
  ::unlink(path.c_str());
  if (text.size() > kStateMax)
    vireo::fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKING, "State file " + path + " is too large");
  return text;
}

void writeStateFile(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) vireo::failSystem(VIR_FROM_LOCKING, errno, "Unable to create " + path);
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      vireo::failSystem(VIR_FROM_LOCKING, err, "Unable to write " + path);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  ::close(fd);
}

// The pid file, locked (an open-file-description lock, so a forked
// daemon keeps it) for as long as the daemon runs. Returns -1 when another
// process holds it, after saying which.
int lockPidFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) vireo::failSystem(VIR_FROM_LOCKING, errno, "Unable to open pid file " + path);
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  if (::fcntl(fd, F_OFD_SETLK, &fl) < 0) {
    int err = errno;
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    if (err == EAGAIN || err == EACCES) {
      std::fprintf(stderr, "vireo-lockd: another daemon holds %s (pid %s)\n", path.c_str(),
                   n > 0 ? std::string(buf, static_cast<size_t>(n) - (buf[n - 1] == '\n')).c_str() : "?");
      return -1;
    }
    vireo::failSystem(VIR_FROM_LOCKING, err, "Unable to lock pid file " + path);
  }
  return fd;
}

void writePid(int fd, const std::string& path, pid_t pid) {
  std::string text = std::to_string(pid) + "\n";
  if (::ftruncate(fd, 0) < 0 || ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
    vireo::failSystem(VIR_FROM_LOCKING, errno, "Unable to write pid file " + path);
}

// fork + setsid; the first process writes the daemon's pid to the pid file
// (if any) and exits 0: whoever waits for that exit finds both the socket
// and the pid ready.
void detach(int pidFd, const std::string& pidPath) {
  pid_t pid = ::fork();
  if (pid < 0) vireo::failSystem(VIR_FROM_LOCKING, errno, "Unable to fork the daemon");
  if (pid > 0) {
    if (pidFd >= 0) writePid(pidFd, pidPath, pid);
    ::_exit(0);
  }
  ::setsid();
  int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null >= 0) {
    ::dup2(null, 0);
    ::close(null);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string socketPath = kDefaultSocket;
  std::string statePath;
  std::string pidPath;
  bool daemonize = false;
  static const option longOpts[] = {
      {"daemon", no_argument, nullptr, 'd'},
      {"socket", required_argument, nullptr, 's'},
      {"state-file", required_argument, nullptr, 'S'},
      {"pid-file", required_argument, nullptr, 'p'},
      {"help", no_argument, nullptr, 'h'},
      {nullptr, 0, nullptr, 0},
  };
  int opt;
  while ((opt = getopt_long(argc, argv, "ds:S:p:h", longOpts, nullptr)) != -1) {
    switch (opt) {
      case 's': socketPath = optarg; break;
      case 'S': statePath = optarg; break;
      case 'p': pidPath = optarg; break;
      case 'd': daemonize = true; break;
      case 'h': usage(stdout); return 0;
      default: usage(stderr); return 2;
    }
  }
  if (optind != argc) {
    usage(stderr);
    return 2;
  }
  if (statePath.empty()) statePath = dirOf(socketPath) + "/lockd-restart-exec.json";

  try {
    vireo::rpc::Server server;
    vireo::lock::LockDaemon daemon(server);
    gServer = &server;

    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGTERM, SIGINT, SIGQUIT, SIGUSR1}) ::sigaction(sig, &sa, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
    // A re-executed image starts with every signal blocked (see below).
    sigset_t ours;
    sigemptyset(&ours);
    for (int sig : {SIGTERM, SIGINT, SIGQUIT, SIGUSR1}) sigaddset(&ours, sig);
    ::sigprocmask(SIG_UNBLOCK, &ours, nullptr);

    // A privileged daemon serves root only; an unprivileged one its own user
    // (virtlockd's rule).
    uid_t me = ::geteuid();
    server.setAdmission([me](const vireo::rpc::PeerCred& cred) {
      if (cred.uid == me) return true;
      std::fprintf(stderr, "vireo-lockd: Disallowing client %lld with uid %lld\n",
                   static_cast<long long>(cred.pid), static_cast<long long>(cred.uid));
      return false;
    });

    bool restored = false;
    std::string text = takeStateFile(statePath);
    if (!text.empty()) {
      vireo::json::Value state = vireo::json::parse(text);
      std::string magic = state.at("magic").asString();
      if (magic == std::to_string(::getpid())) {
        daemon.restore(state);
        restored = true;
      } else {
        std::fprintf(stderr, "vireo-lockd: Found restart exec file with old magic %s vs wanted %lld\n",
                     magic.c_str(), static_cast<long long>(::getpid()));
      }
    }
    // A re-executed image finds its own pid file lock gone with the old
    // descriptor (close-on-exec) and takes it again; it keeps serving its
    // clients even if it cannot.
    int pidFd = -1;
    if (!pidPath.empty()) {
      mkdirs(dirOf(pidPath));
      pidFd = lockPidFile(pidPath);
      if (pidFd < 0 && !restored) return kExitAlreadyRunning;
    }
    if (!restored) {
      mkdirs(dirOf(socketPath));
      server.addListener(vireo::rpc::listenUnix(socketPath, 0600));
    }
    if (daemonize && !restored)
      detach(pidFd, pidPath);
    else if (pidFd >= 0)
      writePid(pidFd, pidPath, ::getpid());

    server.run();

    if (gReexec) {
      std::string json = vireo::json::serialize(daemon.saveState());
      writeStateFile(statePath, json);
      // Signals stay blocked until the new image installs its handlers:
      // a SIGTERM in between must not kill it with its default action.
      sigset_t all;
      sigfillset(&all);
      ::sigprocmask(SIG_BLOCK, &all, nullptr);
      ::execv("/proc/self/exe", argv);
      int err = errno;
      ::unlink(statePath.c_str());
      std::fprintf(stderr, "vireo-lockd: Unable to restart self: %s\n", std::strerror(err));
      return 1;
    }
    ::unlink(socketPath.c_str());
    if (!pidPath.empty()) ::unlink(pidPath.c_str());
    return 0;
  } catch (const vireo::Error& e) {
    std::fprintf(stderr, "vireo-lockd: %s\n", e.message().c_str());
    return 1;
  }
}
