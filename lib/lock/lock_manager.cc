#include "lib/lock/lock_manager.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <set>
#include <thread>

#include "lib/rpc/socket.h"
#include "lib/util/directories.h"
#include "lib/util/error.h"
#include "lib/util/log.h"
#include "lib/util/spawn.h"

#ifndef VIREO_LOCKD_INSTALLED_PATH
#define VIREO_LOCKD_INSTALLED_PATH "/usr/local/sbin/vireo-lockd"
#endif

namespace vireo::lock {

namespace {

constexpr char kLogModule[] = "lock.lock_manager";

// How long a started daemon gets to answer (it listens before it detaches,
// so this is only a bound for a daemon that another process is starting).
constexpr auto kStartWait = std::chrono::seconds(10);

// vireo-lockd --daemon exits with this when another daemon holds its pid
// file: someone else started it first, which is as good.
constexpr int kExitAlreadyRunning = 3;

bool nobodyListens(int err) { return err == ENOENT || err == ECONNREFUSED; }

std::string ownerText(const Owner& owner) {
  return "'" + owner.name + "' (pid " + std::to_string(owner.pid) + ")";
}

}  // namespace

LockManager::LockManager(LockManagerSetup setup) : setup_(std::move(setup)) {}

std::string LockManager::daemonProgram() const {
  if (!setup_.daemonPath.empty()) return setup_.daemonPath;
  const char* env = getenv("VIREO_LOCKD_PATH");
  if (env && *env) return env;
  return VIREO_LOCKD_INSTALLED_PATH;
}

LockdClient LockManager::connect(bool* started) {
  if (started) *started = false;
  int err = 0;
  UniqueFd fd = rpc::tryConnectUnix(setup_.socketPath, err);
  if (!fd && nobodyListens(err)) {
    MutexLock lock(startMu_);
    fd = rpc::tryConnectUnix(setup_.socketPath, err);  // another thread may have started it
    if (!fd && nobodyListens(err)) {
      startDaemon();
      if (started) *started = true;
      auto deadline = std::chrono::steady_clock::now() + kStartWait;
      while (!(fd = rpc::tryConnectUnix(setup_.socketPath, err)) && nobodyListens(err) &&
             std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  if (!fd)
    failSystem(VIR_FROM_LOCKING, err, "Failed to connect to the lock daemon at '" + setup_.socketPath + "'");
  return LockdClient(std::make_unique<rpc::Client>(std::move(fd)));
}

void LockManager::startDaemon() {
  std::string program = daemonProgram();
  VIREO_INFO(kLogModule, "no lock daemon at %s: starting %s", setup_.socketPath.c_str(), program.c_str());
  UniqueFd log(open(setup_.logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
  if (!log) failSystem(VIR_FROM_LOCKING, errno, "Failed to open the lock daemon's log '" + setup_.logFile + "'");
  SpawnPlan plan;
  plan.program = program;
  plan.argv = {program, "--daemon", "--socket", setup_.socketPath, "--pid-file", setup_.pidFile};
  plan.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin"};
  // The daemon logs as the library does (doc/logging.md).
  for (const char* name : {"LIBVIRT_DEBUG", "LIBVIRT_LOG_FILTERS", "LIBVIRT_LOG_OUTPUTS"})
    if (const char* v = getenv(name)) plan.env.push_back(std::string(name) + "=" + v);
  plan.fds = {{log.get(), 1}, {log.get(), 2}};
  plan.name = "the lock daemon";
  plan.execFailure = "Unable to start the lock daemon " + program;
  pid_t pid = spawnProcess(plan, VIR_FROM_LOCKING);
  // With --daemon the program detaches once it listens: its first process
  // exits then, with 0, or with an error status when it could not start.
  int status = 0;
  pid_t rc;
  while ((rc = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
  }
  if (rc < 0) {
    // The application reaps children itself (SIGCHLD ignored): connecting
    // is the only way to tell, which the caller does.
    VIREO_DEBUG(kLogModule, "cannot wait for the lock daemon starter: errno %d", errno);
    return;
  }
  if (WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == kExitAlreadyRunning)) return;
  fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LOCKING,
       "the lock daemon " + program + " did not start (" +
           (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                              : "signal " + std::to_string(WTERMSIG(status))) +
           "); see " + setup_.logFile);
}

namespace {

// A <lease>'s file: made if missing, with its directory, and never removed.
void ensureLeaseFile(const Lease& l) {
  makeDirectories(l.lockspace, 0700, VIR_FROM_LOCKING);
  std::string path = l.lockspace + "/" + l.name;
  UniqueFd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd) failSystem(VIR_FROM_LOCKING, errno, "Unable to create lease file '" + path + "'");
}

}  // namespace

void LockManager::acquire(const Owner& owner, const std::vector<Lease>& leases) {
  if (leases.empty()) return;
  for (const Lease& l : leases)
    if (l.ensureFile) ensureLeaseFile(l);
  LockdClient client = connect();
  client.registerOwner(owner.uuid, owner.name, owner.id, static_cast<pid_t>(owner.pid));
  // A lockspace lives in the daemon's memory: declare ours on every
  // connection, so that a restarted daemon knows them too.
  std::set<std::string> spaces;
  for (const Lease& l : leases)
    if (!l.lockspace.empty() && spaces.insert(l.lockspace).second) client.createLockspace(l.lockspace);
  size_t taken = 0;
  try {
    for (const Lease& l : leases) {
      client.acquire(l.lockspace, l.name, l.flags);
      ++taken;
      VIREO_DEBUG(kLogModule, "%s: acquired %s%s", ownerText(owner).c_str(), l.describe.c_str(),
                  (l.flags & kAcquireShared) ? " (shared)" : "");
    }
  } catch (const Error& e) {
    VIREO_INFO(kLogModule, "%s: %s", ownerText(owner).c_str(), e.message().c_str());
    while (taken > 0) {
      const Lease& l = leases[--taken];
      try {
        client.release(l.lockspace, l.name);
      } catch (const Error& re) {
        VIREO_WARN(kLogModule, "Unable to release resource lockspace=%s name=%s: %s", l.lockspace.c_str(),
                   l.name.c_str(), re.message().c_str());
      }
    }
    throw;
  }
}

void LockManager::release(const Owner& owner, const std::vector<Lease>& leases) noexcept {
  if (leases.empty()) return;
  try {
    int err = 0;
    UniqueFd fd = rpc::tryConnectUnix(setup_.socketPath, err);
    if (!fd) {
      VIREO_WARN(kLogModule, "%s: the lock daemon at %s is gone (%s); its leases went with it",
                 ownerText(owner).c_str(), setup_.socketPath.c_str(), std::strerror(err));
      return;
    }
    LockdClient client(std::make_unique<rpc::Client>(std::move(fd)));
    client.registerOwner(owner.uuid, owner.name, owner.id, static_cast<pid_t>(owner.pid));
    for (const Lease& l : leases) {
      try {
        client.release(l.lockspace, l.name);
        VIREO_DEBUG(kLogModule, "%s: released %s", ownerText(owner).c_str(), l.describe.c_str());
      } catch (const Error& e) {
        // Most often the daemon freed it already, when the emulator's own
        // connection closed.
        VIREO_DEBUG(kLogModule, "%s: %s not released: %s", ownerText(owner).c_str(), l.describe.c_str(),
                    e.message().c_str());
      }
    }
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "%s: releasing leases failed: %s", ownerText(owner).c_str(), e.what());
  }
}

}  // namespace vireo::lock
