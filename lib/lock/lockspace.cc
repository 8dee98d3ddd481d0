#include "lib/lock/lockspace.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "lib/lock/lock_program.h"
#include "lib/util/error.h"

namespace vireo::lock {

namespace {

[[noreturn]] void busy(const std::string& name, const char* what) {
  fail(VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE, "Lockspace resource '" + name + "' is " + what);
}

// F_SETLK on byte 0, length 1; returns errno or 0.
int lockByte0(int fd, short type) {
  struct flock fl {};
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = 0;
  fl.l_len = 1;
  return ::fcntl(fd, F_SETLK, &fl) < 0 ? errno : 0;
}

}  // namespace

Lockspace Lockspace::create(const std::string& dir) {
  Lockspace ls;
  ls.dir_ = dir;
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode))
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKSPACE,
           "Lockspace location " + dir + " exists, but is not a directory");
  } else if (errno != ENOENT) {
    failSystem(VIR_FROM_LOCKSPACE, errno, "Unable to check lockspace location " + dir);
  } else if (::mkdir(dir.c_str(), 0700) < 0 && errno != EEXIST) {
    failSystem(VIR_FROM_LOCKSPACE, errno, "Unable to create lockspace " + dir);
  }
  return ls;
}

std::string Lockspace::path(const std::string& name) const {
  return dir_.empty() ? name : dir_ + "/" + name;
}

void Lockspace::createResource(const std::string& name) {
  if (resources_.count(name)) busy(name, "locked");
  std::string p = path(name);
  UniqueFd fd(::open(p.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
  if (!fd) failSystem(VIR_FROM_LOCKSPACE, errno, "Unable to create lockspace resource " + p);
}

void Lockspace::deleteResource(const std::string& name) {
  if (resources_.count(name)) busy(name, "locked");
  std::string p = path(name);
  if (::unlink(p.c_str()) < 0 && errno != ENOENT)
    failSystem(VIR_FROM_LOCKSPACE, errno, "Unable to delete lockspace resource " + p);
}

void Lockspace::acquire(const std::string& name, pid_t owner, uint32_t flags) {
  bool shared = flags & kAcquireShared;
  auto it = resources_.find(name);
  if (it != resources_.end()) {
    // Another shared lease on a shared resource joins its owners.
    if (shared && (it->second.flags & kAcquireShared)) {
      it->second.owners.push_back(owner);
      return;
    }
    busy(name, "locked");
  }
  Resource r;
  r.name = name;
  r.path = path(name);
  r.flags = flags;
  short type = shared ? F_RDLCK : F_WRLCK;
  if (flags & kAcquireAutocreate) {
    // The file may be unlinked by a releasing holder (here or on another
    // host) between our open and our lock: lock, then check the path still
    // names the file we locked, and start again if not.
    for (;;) {
      r.fd.reset(::open(r.path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
      if (!r.fd) failSystem(VIR_FROM_LOCKSPACE, errno, "Unable to open/create resource " + r.path);
      struct stat fst, pst;
      if (::fstat(r.fd.get(), &fst) < 0)
        failSystem(VIR_FROM_LOCKSPACE, errno, "Unable to check status of pid file '" + r.path + "'");
      if (int err = lockByte0(r.fd.get(), type)) {
        if (err == EACCES || err == EAGAIN) busy(name, "locked");
        failSystem(VIR_FROM_LOCKSPACE, err, "Unable to acquire lock on '" + r.path + "'");
      }
      if (::stat(r.path.c_str(), &pst) == 0 && pst.st_ino == fst.st_ino && pst.st_dev == fst.st_dev)
        break;
    }
  } else {
    r.fd.reset(::open(r.path.c_str(), O_RDWR | O_CLOEXEC));
    if (!r.fd) failSystem(VIR_FROM_LOCKSPACE, errno, "Unable to open resource " + r.path);
    if (int err = lockByte0(r.fd.get(), type)) {
      if (err == EACCES || err == EAGAIN) busy(name, "locked");
      failSystem(VIR_FROM_LOCKSPACE, err, "Unable to acquire lock on '" + r.path + "'");
    }
  }
  r.lockHeld = true;
  r.owners.push_back(owner);
  resources_.emplace(name, std::move(r));
}

void Lockspace::drop(Resource& r) {
  // An autocreated file goes away with its last lease, unlinked while the
  // lock is still held so that nobody locks a file that is about to vanish.
  // A shared lease may have holders elsewhere: unlink only if we can take
  // the file exclusively.
  if ((r.flags & kAcquireAutocreate) && r.lockHeld) {
    if (!(r.flags & kAcquireShared) || lockByte0(r.fd.get(), F_WRLCK) == 0)
      ::unlink(r.path.c_str());
  }
  r.fd.reset();
}

void Lockspace::release(const std::string& name, pid_t owner) {
  auto it = resources_.find(name);
  if (it == resources_.end()) busy(name, "not locked");
  auto& owners = it->second.owners;
  auto o = std::find(owners.begin(), owners.end(), owner);
  if (o == owners.end())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKSPACE,
         "owner " + std::to_string(owner) + " does not hold the resource lock");
  owners.erase(o);
  if (owners.empty()) {
    drop(it->second);
    resources_.erase(it);
  }
}

size_t Lockspace::releaseOwner(pid_t owner) {
  size_t count = 0;
  for (auto it = resources_.begin(); it != resources_.end();) {
    auto& owners = it->second.owners;
    size_t before = owners.size();
    owners.erase(std::remove(owners.begin(), owners.end(), owner), owners.end());
    if (owners.size() != before) count++;
    if (owners.empty()) {
      drop(it->second);
      it = resources_.erase(it);
    } else {
      ++it;
    }
  }
  return count;
}

std::vector<int> Lockspace::descriptors() const {
  std::vector<int> fds;
  for (const auto& [name, r] : resources_) fds.push_back(r.fd.get());
  return fds;
}

void Lockspace::abandon() {
  for (auto& [name, r] : resources_) (void)r.fd.release();
  resources_.clear();
}

json::Value Lockspace::toJson() const {
  json::Value v = json::Value::object();
  if (!dir_.empty()) v.set("directory", dir_);
  json::Value list = json::Value::array();
  for (const auto& [name, r] : resources_) {
    json::Value owners = json::Value::array();
    for (pid_t p : r.owners) owners.push(static_cast<int64_t>(p));
    list.push(json::Value::object({{"name", r.name},
                                   {"path", r.path},
                                   {"fd", r.fd.get()},
                                   {"lockHeld", r.lockHeld},
                                   {"flags", r.flags},
                                   {"owners", owners}}));
  }
  v.set("resources", list);
  return v;
}

Lockspace Lockspace::fromJson(const json::Value& v) {
  Lockspace ls;
  if (const json::Value* d = v.find("directory")) ls.dir_ = d->asString();
  const json::Value* list = v.find("resources");
  if (!list) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKSPACE, "Missing resources value in JSON document");
  for (const json::Value& rv : list->asArray()) {
    Resource r;
    r.name = rv.at("name").asString();
    r.path = rv.at("path").asString();
    int fd = static_cast<int>(rv.at("fd").asInt());
    if (::fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
      failSystem(VIR_FROM_LOCKSPACE, errno, "Resource " + r.path + " has no descriptor " + std::to_string(fd));
    r.fd.reset(fd);
    r.lockHeld = rv.at("lockHeld").asBool();
    r.flags = static_cast<uint32_t>(rv.at("flags").asInt());
    for (const json::Value& o : rv.at("owners").asArray()) r.owners.push_back(static_cast<pid_t>(o.asInt()));
    if (r.owners.empty())
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKSPACE, "Resource " + r.path + " has no owners");
    std::string key = r.name;
    ls.resources_.emplace(key, std::move(r));
  }
  return ls;
}

}  // namespace vireo::lock
