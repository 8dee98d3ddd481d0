// Lockspaces and leases, as virtlockd keeps them (virlockspace.c's rules).
//
// A lease is an fcntl() record lock on byte 0 (length 1) of the resource
// file, F_WRLCK, or F_RDLCK when shared, held on the daemon's own
// descriptor. The default lockspace (directory "") names files by their
// own path; any other lockspace is a directory and a resource is
// DIR/NAME. Because the lock is a plain POSIX lock on the same byte of
// the same file, a vireo host and a libvirt host exclude each other.
//
// A resource remembers the pids of its owners: one for an exclusive lease,
// any number for a shared one. Errors follow virtlockd's: VIR_FROM_LOCKSPACE,
// VIR_ERR_RESOURCE_BUSY "Lockspace resource '<name>' is locked".
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lib/util/fd.h"
#include "lib/util/json.h"

namespace vireo::lock {

class Lockspace {
 public:
  // The default lockspace.
  Lockspace() = default;
  // A lockspace directory, created with mode 0700 when missing.
  static Lockspace create(const std::string& dir);

  const std::string& directory() const { return dir_; }

  void createResource(const std::string& name);
  void deleteResource(const std::string& name);
  // flags: kAcquireShared, kAcquireAutocreate (lock_program.h).
  void acquire(const std::string& name, pid_t owner, uint32_t flags);
  void release(const std::string& name, pid_t owner);
  // Drops `owner` from every resource; returns how many it held.
  size_t releaseOwner(pid_t owner);
  size_t size() const { return resources_.size(); }

  // Re-exec support: the state as JSON (descriptors as numbers), the
  // descriptors to keep across exec(), and the way back. fromJson takes
  // ownership of the descriptors it names and checks each one is open.
  json::Value toJson() const;
  static Lockspace fromJson(const json::Value& v);
  std::vector<int> descriptors() const;
  // Forgets every descriptor without closing it (they belong to a restored
  // copy now; closing one would drop the process's lock on that file).
  void abandon();

 private:
  struct Resource {
    std::string name;
    std::string path;
    UniqueFd fd;
    bool lockHeld = false;
    uint32_t flags = 0;
    std::vector<pid_t> owners;
  };
  std::string path(const std::string& name) const;
  static void drop(Resource& r);

  std::string dir_;
  std::map<std::string, Resource> resources_;
};

}  // namespace vireo::lock
