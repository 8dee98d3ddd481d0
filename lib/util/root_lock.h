// The lock that makes one process the owner of a driver root (QEMU,
// containers).
//
// Two processes that both manage the domains of one root would start the
// same domain twice, write the same status files and write the same disk
// images. So the instance that opens a root for writing takes an exclusive
// lock on the root's pid file (ROOT/run/qemu/driver.pid, libvirt's place;
// ROOT/run/lxc/driver.pid for containers),
// writes its pid there, and keeps the lock for its whole life. The lock is
// an open-file-description lock (F_OFD_SETLK): the kernel drops it when the
// process dies, however it dies, so the next process takes over at once.
//
// While the lock is held but the file names no live process (a new owner
// has not written its pid yet; a dead owner's child has not exec'd yet),
// acquire() waits, up to 2 s, before it gives up.
//
// Within one process the lock is shared: a driver instance that replaces
// one still being destroyed reuses its lock rather than competing with it
// (OFD locks of two descriptions conflict even within one process).
#pragma once

#include <memory>
#include <string>

#include "lib/util/fd.h"

namespace vireo {

class RootLock {
 public:
  // Locks `pidFile` (creating it), or throws VIR_ERR_SYSTEM_ERROR (in
  // `errorDomain`, the caller's) "Failed to acquire pid file 'PATH':
  // Resource temporarily unavailable (held by pid N)" when another process
  // holds it.
  static std::shared_ptr<RootLock> acquire(const std::string& pidFile, int errorDomain);

  // The pid written in `pidFile` (the owner's, while it is locked), or -1.
  static long ownerPid(const std::string& pidFile);

  const std::string& path() const { return path_; }

  RootLock(std::string path, UniqueFd fd) : path_(std::move(path)), fd_(std::move(fd)) {}
  RootLock(const RootLock&) = delete;
  RootLock& operator=(const RootLock&) = delete;

 private:
  std::string path_;
  UniqueFd fd_;  // closing it releases the lock
};

}  // namespace vireo
