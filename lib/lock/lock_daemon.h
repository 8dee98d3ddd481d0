// The state and dispatch of vireo-lockd: virtlockd's lock program served
// over lib/rpc's Server, with virtlockd's rules and error messages.
//
// - REGISTER records the owner (uuid, name, id, pid) on the connection;
//   every procedure but CREATE_LOCKSPACE needs it. RESTRICT refuses
//   everything afterwards.
// - Leases are owned by the registered owner pid. When a connection whose
//   SO_PEERCRED pid is its registered owner pid closes (the descriptor
//   libvirt leaks into QEMU), every lease of that pid is released and, if
//   there was any, the pid is killed: SIGTERM, SIGKILL at the 8th try,
//   200 ms apart.
// - saveState()/restore() carry everything across exec(): lockspaces with
//   their lease descriptors, the listening socket, each client's socket,
//   buffered bytes and owner details.
#pragma once

#include <sys/types.h>

#include <functional>
#include <map>
#include <string>

#include "lib/lock/lockspace.h"
#include "lib/rpc/server.h"
#include "lib/util/json.h"

namespace vireo::lock {

struct ClientState {
  bool restricted = false;
  pid_t ownerPid = 0;
  uint32_t ownerId = 0;
  std::string ownerName;
  unsigned char ownerUuid[16] = {};
};

class LockDaemon {
 public:
  // Registers the lock program and the close callback on `server`.
  explicit LockDaemon(rpc::Server& server);

  // What to do with an owner that died holding leases (default: the
  // SIGTERM/SIGKILL loop in a detached thread).
  void setOwnerKiller(std::function<void(pid_t)> killer) { killer_ = std::move(killer); }

  // The whole daemon state as JSON, with `magic` (the pid that must read it
  // back). Clears close-on-exec on every descriptor it names.
  json::Value saveState();
  // Rebuilds lockspaces, listeners and clients from saveState()'s JSON.
  // Throws vireo::Error for a missing or malformed part.
  void restore(const json::Value& state);

  size_t leaseCount() const;
  // Forgets all lease descriptors without closing them (after handing them
  // to a restored copy in the same process).
  void abandon();

 private:
  Lockspace& findLockspace(const std::string& path);
  void clientClosed(rpc::ServerClient& c);

  rpc::Server& server_;
  Lockspace default_;
  std::map<std::string, Lockspace> lockspaces_;
  std::function<void(pid_t)> killer_;
};

// virtlockd's kill loop: signal 0 probes, SIGTERM first, SIGKILL at the 8th
// round, 200 ms apart, 15 rounds; stops once the pid is gone.
void killOwner(pid_t pid);

}  // namespace vireo::lock
