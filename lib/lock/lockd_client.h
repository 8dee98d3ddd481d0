// A client of virtlockd's lock program (vireo-lockd or libvirt's
// virtlockd), over lib/rpc. Each method is one call; errors are the
// daemon's, as vireo::Error.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "lib/lock/lock_program.h"
#include "lib/rpc/client.h"

namespace vireo::lock {

class LockdClient {
 public:
  static LockdClient connect(const std::string& socketPath);
  explicit LockdClient(std::unique_ptr<rpc::Client> rpc) : rpc_(std::move(rpc)) {}

  void registerOwner(const unsigned char uuid[16], const std::string& name, uint32_t id, pid_t pid);
  void restrict();
  // NEW: a lockspace that must not exist yet.
  void newLockspace(const std::string& path);
  // CREATE_LOCKSPACE: creates the directory if needed; an existing one is fine.
  void createLockspace(const std::string& path);
  void createResource(const std::string& lockspace, const std::string& name);
  void deleteResource(const std::string& lockspace, const std::string& name);
  // flags: kAcquireShared | kAcquireAutocreate. lockspace "" = the default
  // lockspace, where `name` is the file's path.
  void acquire(const std::string& lockspace, const std::string& name, uint32_t flags);
  void release(const std::string& lockspace, const std::string& name);

  rpc::Client& rpc() { return *rpc_; }

 private:
  template <class Args>
  void call(Proc proc, const Args& args) {
    rpc_->call<rpc::Void>(kProgram, kVersion, proc, args);
  }
  std::unique_ptr<rpc::Client> rpc_;
};

}  // namespace vireo::lock
