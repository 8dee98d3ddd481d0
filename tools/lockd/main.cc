// vireo-lockd: a lock daemon that speaks virtlockd's protocol.
//
//   vireo-lockd [--socket PATH] [--state-file PATH] [--pid-file PATH]
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
               "  -p, --pid-file PATH    write the daemon's pid to PATH\n"
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

}  // namespace

int main(int argc, char** argv) {
  std::string socketPath = kDefaultSocket;
  std::string statePath;
  std::string pidPath;
  static const option longOpts[] = {
      {"socket", required_argument, nullptr, 's'},
      {"state-file", required_argument, nullptr, 'S'},
      {"pid-file", required_argument, nullptr, 'p'},
      {"help", no_argument, nullptr, 'h'},
      {nullptr, 0, nullptr, 0},
  };
  int opt;
  while ((opt = getopt_long(argc, argv, "s:S:p:h", longOpts, nullptr)) != -1) {
    switch (opt) {
      case 's': socketPath = optarg; break;
      case 'S': statePath = optarg; break;
      case 'p': pidPath = optarg; break;
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
    if (!restored) {
      mkdirs(dirOf(socketPath));
      server.addListener(vireo::rpc::listenUnix(socketPath, 0600));
    }
    if (!pidPath.empty()) writeStateFile(pidPath, std::to_string(::getpid()) + "\n");

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
