#include "lib/lock/lockd_client.h"

#include <cstring>

namespace vireo::lock {

LockdClient LockdClient::connect(const std::string& socketPath) {
  return LockdClient(rpc::Client::connectUnix(socketPath));
}

void LockdClient::registerOwner(const unsigned char uuid[16], const std::string& name, uint32_t id,
                                pid_t pid) {
  RegisterArgs a;
  std::memcpy(a.owner.uuid, uuid, 16);
  a.owner.name = name;
  a.owner.id = id;
  a.owner.pid = static_cast<uint32_t>(pid);
  call(kRegister, a);
}

void LockdClient::restrict() { call(kRestrict, RestrictArgs{}); }

void LockdClient::newLockspace(const std::string& path) { call(kNew, NewArgs{path, 0}); }

void LockdClient::createLockspace(const std::string& path) { call(kCreateLockspace, CreateLockspaceArgs{path}); }

void LockdClient::createResource(const std::string& lockspace, const std::string& name) {
  call(kCreateResource, ResourceArgs{lockspace, name, 0});
}

void LockdClient::deleteResource(const std::string& lockspace, const std::string& name) {
  call(kDeleteResource, ResourceArgs{lockspace, name, 0});
}

void LockdClient::acquire(const std::string& lockspace, const std::string& name, uint32_t flags) {
  call(kAcquireResource, ResourceArgs{lockspace, name, flags});
}

void LockdClient::release(const std::string& lockspace, const std::string& name) {
  // The daemon refuses flags on release; callers' SHARED/AUTOCREATE stay here.
  call(kReleaseResource, ResourceArgs{lockspace, name, 0});
}

}  // namespace vireo::lock
