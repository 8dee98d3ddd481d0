// A container's console keeper: a small process, forked (without exec) by the
// process that starts the container, that holds the master of the console's
// pty for as long as the init lives, whichever vireo processes come and go.
//
//   - While no session is open it copies what the container writes to the
//     log (log/lxc/NAME.log), so the init never blocks on a full pty nor
//     reads EIO from a terminal whose master is gone.
//   - It listens on a UNIX socket (run/lxc/NAME.console, mode 0600 in the
//     0700 state directory). A process that opens a console session
//     connects there: the keeper answers with the master (one byte with the
//     descriptor attached, SCM_RIGHTS) and stops reading the pty until that
//     connection closes, so the session alone gets the output. A new
//     connection replaces an open one (a forced console). A process that
//     dies mid-session closes the connection with it: draining resumes.
//   - It learns the init's pid once the init runs (4 bytes on a setup
//     socket) and exits when the init does (pidfd), after a last copy.
//   - With lock_manager = "lockd" it is the owner of the container's disk
//     leases: it registers with the lock daemon before anything else (the
//     daemon frees an owner's leases when that owner's connection closes,
//     so they end with the keeper at the latest).
//
// The keeper runs system calls only (ARCHITECTURE.md, fork safety): it is a
// child of lib/util's spawner in serve mode (SpawnPlan::serve).
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>

#include "lib/lock/lockd_child.h"
#include "lib/util/fd.h"

namespace vireo::lxc {

class ConsoleKeeper {
 public:
  // Forks the keeper with `master` (the pty's master), appending to
  // `logPath`, listening on `socketPath` (made here; an old one is
  // replaced); `lockd`, when given, registers it with the lock daemon first
  // (the keeper's pid is then the leases' owner). Throws
  // VIR_ERR_SYSTEM_ERROR (VIR_FROM_LXC) naming `name`'s console.
  static ConsoleKeeper start(int master, const std::string& logPath, const std::string& socketPath,
                             const lock::LockdChildProgram* lockd, const std::string& name);

  ConsoleKeeper() = default;
  ConsoleKeeper(ConsoleKeeper&& other) noexcept { *this = std::move(other); }
  // Takes `other`'s keeper; this one must have none.
  ConsoleKeeper& operator=(ConsoleKeeper&& other) noexcept;
  // A keeper not dismissed (a start that failed) is killed, reaped and its
  // socket removed.
  ~ConsoleKeeper();

  pid_t pid() const { return pid_; }
  unsigned long long startTime() const { return startTime_; }

  // Tells the keeper the init's pid: from now on it lives as long as the
  // init. Throws when the keeper is gone.
  void follow(pid_t init, const std::string& name);
  // The start succeeded: the keeper stays.
  void dismiss() { pid_ = -1; }

 private:
  pid_t pid_ = -1;
  unsigned long long startTime_ = 0;
  UniqueFd setup_;  // our end of the setup socket
  std::string socketPath_;
};

// SIGKILL to a keeper recorded as (`pid`, `startTime`) when it still is
// that process; not reaped. `ours`: this process started it, and as its
// pid cannot be reused before we reap it, /proc need not be asked. Never
// throws.
void signalConsoleKeeper(pid_t pid, unsigned long long startTime, bool ours) noexcept;

// Ends a keeper: signalConsoleKeeper, reaped when `ours` (this process
// started it), and its socket removed. Never throws.
void stopConsoleKeeper(pid_t pid, unsigned long long startTime, bool ours,
                       const std::string& socketPath) noexcept;

// A session's side: connects to the keeper at `socketPath` and receives the
// master. `connection` must stay open for the session (the keeper does not
// read the pty meanwhile). Throws VIR_ERR_OPERATION_FAILED (VIR_FROM_LXC)
// naming `name` when there is no keeper.
UniqueFd receiveConsoleMaster(const std::string& socketPath, const std::string& name, UniqueFd& connection);

}  // namespace vireo::lxc
