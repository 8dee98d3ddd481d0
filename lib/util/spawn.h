// Starting a program from a multi-threaded process, safely.
//
// This is vireo's one spawner: nothing else in the library calls fork().
//
// Everything the child needs (argv, envp, which descriptor goes where) is
// prepared in the parent as plain memory. Between fork() and execve() the
// child makes system calls only (dup3, fcntl, setsid, sigprocmask,
// sigaction, close_range, prctl, execve): no allocation, no locks, no C++. If
// a step fails, the child writes the step and errno to a pipe and exits; the
// parent turns that into a vireo::Error naming the step and the program.
//
// Signals: the parent blocks every signal in the forking thread around
// fork() and restores its mask right after. The child's first act is to set
// every disposition to SIG_DFL (SIG_IGN included) and only then to unblock
// all signals, so no handler of the host application ever runs in a child,
// and the program starts with an empty mask and default dispositions.
//
// A caller may add its own system-call-only work to the child (a pre-exec
// hook: the private /dev of lib/ns is built that way), and may run such work
// in a child that does not exec at all (runInChild: entering another
// process's mount namespace).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace vireo {

// What a child reports when a step before execve() fails. It has a fixed
// size and crosses the pipe in one write. The meaning of `step` and `index`
// belongs to whoever fills it in (spawnProcess itself, or a hook).
struct SpawnChildError {
  int step = 0;          // which step failed
  int err = 0;           // its errno
  int index = -1;        // the item the step worked on (a node, a path), or -1
  int link = 0;          // which work of a SpawnChildChain failed (set by the chain)
  char path[256] = {};   // optional short name of the object, NUL-terminated, possibly cut
};

// Work done in the child with system calls only (no allocation, no locks, no
// C++ library). Returns 0, or -1 after filling in *err. `data` is memory
// prepared by the parent before fork().
using SpawnChildWork = int (*)(const void* data, SpawnChildError* err);

// Runs in the parent after the child's work failed: the complete message
// (the system error text included) for a VIR_ERR_SYSTEM_ERROR.
using SpawnChildDescribe = std::string (*)(const void* data, const SpawnChildError& err);

// Copies `text` into err->path, cut to fit; async-signal-safe.
void setSpawnChildErrorPath(SpawnChildError* err, const char* text) noexcept;

struct SpawnPlan {
  std::string program;                // absolute path, passed to execve
  std::vector<std::string> argv;      // argv[0] included
  std::vector<std::string> env;       // the whole environment, "NAME=value"
  // Descriptors the child gets, as (descriptor in the parent, number in the
  // child). Standard input, output and error are part of it: a child with no
  // mapping for 0, 1 or 2 gets /dev/null there. Every other descriptor is
  // closed in the child. At most 512 entries.
  std::vector<std::pair<int, int>> fds;
  bool newSession = true;             // setsid(): the child outlives our terminal and session
  // Namespaces the child starts in (CLONE_NEWNS, CLONE_NEWPID, ...): the
  // child is made by clone() with these flags instead of fork(). With
  // CLONE_NEWPID it is pid 1 of its namespace (the container's init); the
  // returned pid is its pid here.
  unsigned long cloneFlags = 0;

  // How error messages name the program ("Unable to fork for <name>",
  // "Unable to pass descriptors to <name>: ..."); empty: `program`.
  std::string name;
  // The message for a failed execve(), before ": <strerror>"; empty:
  // "Unable to exec <name>".
  std::string execFailure;

  // A signal the child gets when its parent goes away (PR_SET_PDEATHSIG), or
  // 0. The kernel sends it when the *thread* that called spawnProcess ends,
  // not the process: use it only from a thread that outlives the child (or
  // waits for it), as the QEMU capabilities probe does. A child whose parent
  // is already gone by the time it sets this exits before exec.
  int parentDeathSignal = 0;

  // Optional work run in the child after signals are reset, descriptors are
  // placed and the session is made, right before execve(). The hook sees the
  // child's final descriptor table (the report pipe is above all of them and
  // closes on exec). A failure stops the child before exec; spawnProcess then
  // throws VIR_ERR_SYSTEM_ERROR with the text of describePreExecError, or
  // "Unable to prepare <program>: <strerror> (step N)" when there is none.
  SpawnChildWork preExec = nullptr;
  const void* preExecData = nullptr;
  SpawnChildDescribe describePreExecError = nullptr;

  // Optional work of the parent between the child's creation and its
  // pre-exec hook, given the child's pid: a handshake. The child waits,
  // descriptors placed and session made, until this returns; then it runs
  // preExec. A container's user-namespace maps and network interfaces are
  // set up this way (they need the child's pid and must be in place before
  // it goes on). When it throws, the child is killed and reaped and the
  // error propagates.
  std::function<void(pid_t)> beforeChildContinues;
  // Instead of execve(): a helper process that keeps running system-call-only
  // code (a container's console keeper). Every descriptor the plan does not
  // place is closed, not only marked close-on-exec (there is no exec to close
  // them), except what preExec opens; then the child tells the parent it is
  // ready (spawnProcess returns its pid) and runs serve(serveData, &err)
  // until it returns: the child exits with 0 when it returned 0, else 1.
  // `program` and `argv` are unused.
  SpawnChildWork serve = nullptr;
  const void* serveData = nullptr;
};

// Several pieces of child work run in order as one hook: the private /dev,
// file ownership, then dropping capabilities and changing ids, for
// instance. Each piece keeps its own data and failure description; the
// chain remembers which piece failed (SpawnChildError::link) and asks that
// piece to describe it.
//
//   SpawnChildChain chain;
//   ns::attachPrivateDev(plan, devProgram);  // an existing hook...
//   chain.attachTo(plan);                    // ...becomes the chain's first piece
//   chain.add(DropCaps::run, &caps, DropCaps::describe);
//
// The chain and every piece's data must outlive the spawnProcess (or
// runInChild) call. Pieces added after attachTo() still run: the plan points
// at the chain, not at its storage.
class SpawnChildChain {
 public:
  void add(SpawnChildWork work, const void* data, SpawnChildDescribe describe = nullptr);
  // As add(), but the piece runs before every other (also before a hook
  // that attachTo() takes over, if called after it).
  void addFirst(SpawnChildWork work, const void* data, SpawnChildDescribe describe = nullptr);
  size_t size() const noexcept { return links_.size(); }

  // Makes the chain `plan`'s pre-exec hook. A hook `plan` already has
  // becomes the chain's first piece.
  void attachTo(SpawnPlan& plan);

  // The chain as a SpawnChildWork and SpawnChildDescribe (`chain` is a
  // SpawnChildChain), for runInChild.
  static int run(const void* chain, SpawnChildError* err) noexcept;
  static std::string describe(const void* chain, const SpawnChildError& err);

 private:
  struct Link {
    SpawnChildWork work;
    const void* data;
    SpawnChildDescribe describe;
  };
  std::vector<Link> links_;
};

// Starts the program; returns its pid once execve() has succeeded. Throws
// vireo::Error (VIR_ERR_SYSTEM_ERROR, `errorDomain`) when fork fails or a
// step in the child fails: "Unable to exec /usr/bin/x: No such file or
// directory".
pid_t spawnProcess(const SpawnPlan& plan, int errorDomain);

// Forks a child that runs `work(data, &err)` and exits (no exec), and waits
// for it. The work starts with an empty signal mask and default
// dispositions, as a spawned program does. Returns normally when the work returned 0. Throws vireo::Error
// (VIR_ERR_SYSTEM_ERROR, `errorDomain`): the text of `describe` when the work
// reported a failure, "Unable to fork: ..." when fork fails, "child exited
// abnormally (status N)" when it died without a report.
void runInChild(SpawnChildWork work, const void* data, SpawnChildDescribe describe, int errorDomain);

}  // namespace vireo
