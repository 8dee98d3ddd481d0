#include "lib/util/root_lock.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/mutex.h"

namespace vireo {

namespace {

// The locks this process holds. Each entry remembers the process that
// took it: a child forked by the application inherits the memory, not the
// ownership, and must compete for the lock like any other process.
struct HeldLock {
  pid_t pid = 0;
  std::weak_ptr<RootLock> lock;
};

struct HeldLocks {
  Mutex mu;
  std::map<std::string, HeldLock> byPath GUARDED_BY(mu);
};

HeldLocks& heldLocks() {
  static HeldLocks* h = new HeldLocks;  // never destroyed: instances may go during exit
  return *h;
}

bool lockWholeFile(int fd) {
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = 0;
  fl.l_len = 0;  // the whole file, however long
  return fcntl(fd, F_OFD_SETLK, &fl) == 0;
}

// How long the pid file may name no live process while its lock is held:
// a new owner has locked it and not yet written its pid, or the owner died
// while a child it was forking still holds the lock's file description
// until it execs (the descriptor is close-on-exec). Both are a matter of
// milliseconds; waiting them out gives the right answer and the right pid.
constexpr int kDeadOwnerWaitMs = 2000;

bool processExists(long pid) { return kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH; }

// Opens and locks the pid file. Retries when the file we locked is no
// longer the one at `path` (someone removed or replaced it between our
// open and our lock): a lock on an unlinked inode excludes nobody.
UniqueFd openLocked(const std::string& path, virErrorDomain domain) {
  int waitedMs = 0;
  for (int attempt = 0;; ++attempt) {
    UniqueFd fd(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!fd) failSystem(domain, errno, "Failed to open pid file '" + path + "'");
    if (!lockWholeFile(fd.get())) {
      int err = errno;
      if (err != EAGAIN && err != EACCES) failSystem(domain, err, "Failed to acquire pid file '" + path + "'");
      long owner = RootLock::ownerPid(path);
      if ((owner <= 0 || !processExists(owner)) && waitedMs < kDeadOwnerWaitMs) {
        usleep(10000);
        waitedMs += 10;
        continue;
      }
      std::string holder = owner > 0 ? "held by pid " + std::to_string(owner) : "held by another process";
      fail(VIR_ERR_SYSTEM_ERROR, domain,
           "Failed to acquire pid file '" + path + "': " + strerror(EAGAIN) + " (" + holder + ")");
    }
    struct stat a, b;
    if (fstat(fd.get(), &a) != 0) failSystem(domain, errno, "Unable to stat pid file '" + path + "'");
    if (stat(path.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) return fd;
    if (attempt >= 10 + kDeadOwnerWaitMs / 10) fail(VIR_ERR_SYSTEM_ERROR, domain, "pid file '" + path + "' keeps being replaced");
  }
}

void writePid(int fd, const std::string& path, virErrorDomain domain) {
  std::string text = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) != 0) failSystem(domain, errno, "Failed to truncate pid file '" + path + "'");
  if (pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
    failSystem(domain, errno, "Failed to write pid file '" + path + "'");
}

}  // namespace

std::shared_ptr<RootLock> RootLock::acquire(const std::string& pidFile, int errorDomain) {
  auto domain = static_cast<virErrorDomain>(errorDomain);
  HeldLocks& held = heldLocks();
  MutexLock guard(held.mu);
  HeldLock& entry = held.byPath[pidFile];
  if (entry.pid == getpid())
    if (auto existing = entry.lock.lock()) return existing;
  UniqueFd fd = openLocked(pidFile, domain);
  writePid(fd.get(), pidFile, domain);
  auto lock = std::make_shared<RootLock>(pidFile, std::move(fd));
  entry = HeldLock{getpid(), lock};
  return lock;
}

long RootLock::ownerPid(const std::string& pidFile) {
  std::string text;
  try {
    text = readWholeFile(pidFile, VIR_FROM_NONE);
  } catch (const Error&) {
    return -1;
  }
  char* end = nullptr;
  long pid = strtol(text.c_str(), &end, 10);
  return end != text.c_str() && pid > 0 ? pid : -1;
}

}  // namespace vireo
