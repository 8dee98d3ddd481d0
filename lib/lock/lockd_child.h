// The lock daemon connection a hypervisor process inherits: REGISTER and
// RESTRICT made from inside the spawned child, between fork() and exec(),
// so that the daemon sees the emulator's own pid as the peer of the
// connection (SO_PEERCRED is taken at connect()). The socket is not
// close-on-exec: the emulator holds it, unknowingly, for its whole life;
// when it dies the daemon sees the connection close and frees every lease of
// that owner (libvirt's lockd plugin does the same).
//
// Everything is prepared in the parent: the socket address and the two
// calls, encoded; the child only patches its pid into the REGISTER message
// on the way out (writev), and reads the two replies into a stack buffer.
#pragma once

#include <sys/un.h>

#include <string>

#include "lib/lock/lock_program.h"
#include "lib/util/spawn.h"

namespace vireo::lock {

class LockdChildProgram {
 public:
  // `owner.pid` is ignored: the child sends its own.
  LockdChildProgram(const std::string& socketPath, const Owner& owner);

  // Adds the registration to `chain` (run it before any step that changes
  // the child's credentials: the daemon serves its own user only).
  void addTo(SpawnChildChain& chain) const { chain.add(run, this, describe); }

  static int run(const void* program, SpawnChildError* err) noexcept;
  static std::string describe(const void* program, const SpawnChildError& err);

 private:
  std::string socketPath_;
  sockaddr_un addr_{};
  std::string registerMsg_;  // the owner's pid sits at pidOffset_, as 4 bytes to replace
  size_t pidOffset_ = 0;
  std::string restrictMsg_;
};

}  // namespace vireo::lock
