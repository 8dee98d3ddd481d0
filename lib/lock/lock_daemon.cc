#include "lib/lock/lock_daemon.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <thread>

#include "lib/lock/lock_program.h"
#include "lib/rpc/xdr.h"
#include "lib/util/error.h"
#include "lib/util/log.h"
#include "lib/util/uuid.h"

namespace vireo::lock {

namespace {

ClientState& state(rpc::ServerClient& c) {
  if (!c.data().has_value()) c.data() = ClientState{};
  return std::any_cast<ClientState&>(c.data());
}

// The checks every dispatcher makes, in virtlockd's order.
void checkRestricted(const ClientState& s) {
  if (s.restricted)
    fail(VIR_ERR_OPERATION_DENIED, VIR_FROM_RPC, "lock manager connection has been restricted");
}
void checkRegistered(const ClientState& s) {
  if (!s.ownerId)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC, "lock owner details have not been registered");
}
ClientState& usable(rpc::ServerClient& c) {
  ClientState& s = state(c);
  checkRestricted(s);
  checkRegistered(s);
  return s;
}

template <class Args>
Args args(rpc::Message& m) {
  return rpc::decode<Args>(m.payload);
}

std::string hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char ch : bytes) {
    out += digits[ch >> 4];
    out += digits[ch & 15];
  }
  return out;
}

std::string unhex(const std::string& text) {
  auto nibble = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKING, "Malformed buffered data in JSON document");
  };
  if (text.size() % 2) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKING, "Malformed buffered data in JSON document");
  std::string out;
  for (size_t i = 0; i < text.size(); i += 2) out += static_cast<char>(nibble(text[i]) * 16 + nibble(text[i + 1]));
  return out;
}

std::string uuidString(const unsigned char* bytes) {
  Uuid u;
  std::memcpy(u.bytes.data(), bytes, 16);
  return u.toString();
}

void keepAcrossExec(int fd) {
  int flags = ::fcntl(fd, F_GETFD);
  if (flags < 0 || ::fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) < 0)
    failSystem(VIR_FROM_LOCKING, errno, "Unable to keep descriptor " + std::to_string(fd) + " across exec");
}

const json::Value& member(const json::Value& v, const char* key, const char* what) {
  const json::Value* m = v.find(key);
  if (!m) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKING, std::string("Missing ") + what + " data from JSON file");
  return *m;
}

}  // namespace

void killOwner(pid_t pid) {
  for (int round = 0; round < 15; round++) {
    int sig = round == 0 ? SIGTERM : round == 8 ? SIGKILL : 0;
    if (::kill(pid, sig) < 0 && errno == ESRCH) return;
    ::usleep(200 * 1000);
  }
  VIREO_WARN("lock.lock_daemon", "Failed to kill off pid %lld", static_cast<long long>(pid));
}

LockDaemon::LockDaemon(rpc::Server& server) : server_(server) {
  killer_ = [](pid_t pid) { std::thread([pid] { killOwner(pid); }).detach(); };
  using rpc::Message;
  using rpc::ServerClient;
  server.addProgram(kProgram, kVersion, {
    {kRegister, [](ServerClient& c, Message& m) {
       auto a = args<RegisterArgs>(m);
       checkFlags(a.flags, 0, VIR_FROM_RPC, "virLockSpaceProtocolDispatchRegister");
       ClientState& s = state(c);
       checkRestricted(s);
       // virtlockd 9.0 accepts a second REGISTER (the new owner replaces the
       // old) and treats an owner id of 0 as no registration at all.
       if (!a.owner.id)
         fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC, "lock owner details have not been registered");
       s.ownerPid = static_cast<pid_t>(a.owner.pid);
       s.ownerId = a.owner.id;
       s.ownerName = a.owner.name;
       std::memcpy(s.ownerUuid, a.owner.uuid, 16);
       return std::string();
     }},
    {kRestrict, [](ServerClient& c, Message& m) {
       auto a = args<RestrictArgs>(m);
       checkFlags(a.flags, 0, VIR_FROM_RPC, "virLockSpaceProtocolDispatchRestrict");
       usable(c).restricted = true;
       return std::string();
     }},
    {kNew, [this](ServerClient& c, Message& m) {
       auto a = args<NewArgs>(m);
       checkFlags(a.flags, 0, VIR_FROM_RPC, "virLockSpaceProtocolDispatchNew");
       usable(c);
       if (a.path.empty())
         fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC, "the default lockspace already exists");
       if (lockspaces_.count(a.path))
         fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "Lockspace for path " + a.path + " already exists");
       lockspaces_.emplace(a.path, Lockspace::create(a.path));
       return std::string();
     }},
    {kCreateResource, [this](ServerClient& c, Message& m) {
       auto a = args<ResourceArgs>(m);
       checkFlags(a.flags, 0, VIR_FROM_RPC, "virLockSpaceProtocolDispatchCreateResource");
       usable(c);
       findLockspace(a.path).createResource(a.name);
       return std::string();
     }},
    {kDeleteResource, [this](ServerClient& c, Message& m) {
       auto a = args<ResourceArgs>(m);
       checkFlags(a.flags, 0, VIR_FROM_RPC, "virLockSpaceProtocolDispatchDeleteResource");
       usable(c);
       findLockspace(a.path).deleteResource(a.name);
       return std::string();
     }},
    {kAcquireResource, [this](ServerClient& c, Message& m) {
       auto a = args<ResourceArgs>(m);
       checkFlags(a.flags, kAcquireShared | kAcquireAutocreate, VIR_FROM_RPC,
                  "virLockSpaceProtocolDispatchAcquireResource");
       ClientState& s = usable(c);
       findLockspace(a.path).acquire(a.name, s.ownerPid, a.flags);
       VIREO_DEBUG("lock.lock_daemon", "pid %lld acquired '%s' in '%s' (flags %u) for client pid %lld",
                   static_cast<long long>(s.ownerPid), a.name.c_str(), a.path.c_str(), a.flags,
                   static_cast<long long>(c.peer().pid));
       return std::string();
     }},
    {kReleaseResource, [this](ServerClient& c, Message& m) {
       auto a = args<ResourceArgs>(m);
       checkFlags(a.flags, 0, VIR_FROM_RPC, "virLockSpaceProtocolDispatchReleaseResource");
       ClientState& s = usable(c);
       findLockspace(a.path).release(a.name, s.ownerPid);
       VIREO_DEBUG("lock.lock_daemon", "pid %lld released '%s' in '%s' for client pid %lld",
                   static_cast<long long>(s.ownerPid), a.name.c_str(), a.path.c_str(),
                   static_cast<long long>(c.peer().pid));
       return std::string();
     }},
    {kCreateLockspace, [this](ServerClient& c, Message& m) {
       auto a = args<CreateLockspaceArgs>(m);
       checkRestricted(state(c));
       // Idempotent: an existing lockspace is success, as in virtlockd 9.0.
       if (!a.path.empty() && !lockspaces_.count(a.path))
         lockspaces_.emplace(a.path, Lockspace::create(a.path));
       return std::string();
     }},
  });
  server.setCloseCallback([this](ServerClient& c) { clientClosed(c); });
}

Lockspace& LockDaemon::findLockspace(const std::string& path) {
  if (path.empty()) return default_;
  auto it = lockspaces_.find(path);
  if (it == lockspaces_.end())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "Lockspace for path " + path + " does not exist");
  return it->second;
}

void LockDaemon::abandon() {
  default_.abandon();
  for (auto& [path, ls] : lockspaces_) ls.abandon();
}

size_t LockDaemon::leaseCount() const {
  size_t n = default_.size();
  for (const auto& [path, ls] : lockspaces_) n += ls.size();
  return n;
}

void LockDaemon::clientClosed(rpc::ServerClient& c) {
  const ClientState& s = state(c);
  // Only the connection held by the owner itself (the descriptor inside
  // QEMU) ends its leases; libvirtd's short-lived connections do not.
  if (!s.ownerPid || s.ownerPid != c.peer().pid) return;
  size_t held = default_.releaseOwner(s.ownerPid);
  for (auto& [path, ls] : lockspaces_) held += ls.releaseOwner(s.ownerPid);
  VIREO_DEBUG("lock.lock_daemon", "owner pid %lld closed its connection: %zu lease(s) released",
              static_cast<long long>(s.ownerPid), held);
  if (held && killer_) killer_(s.ownerPid);
}

json::Value LockDaemon::saveState() {
  json::Value listeners = json::Value::array();
  for (const auto& l : server_.listeners()) {
    keepAcrossExec(l.get());
    listeners.push(l.get());
  }
  json::Value clients = json::Value::array();
  for (rpc::ServerClient* c : server_.clients()) {
    keepAcrossExec(c->fd());
    const ClientState& s = state(*c);
    clients.push(json::Value::object({
        {"fd", c->fd()},
        {"input", hex(c->pendingInput())},
        {"output", hex(c->pendingOutput())},
        {"restricted", s.restricted},
        {"ownerPid", static_cast<int64_t>(s.ownerPid)},
        {"ownerId", s.ownerId},
        {"ownerName", s.ownerName},
        {"ownerUUID", uuidString(s.ownerUuid)},
    }));
  }
  json::Value lockspaces = json::Value::array();
  auto keepAll = [](const Lockspace& ls) {
    for (int fd : ls.descriptors()) keepAcrossExec(fd);
  };
  keepAll(default_);
  for (const auto& [path, ls] : lockspaces_) {
    keepAll(ls);
    lockspaces.push(ls.toJson());
  }
  return json::Value::object({
      {"server", json::Value::object({{"listeners", listeners}, {"clients", clients}})},
      {"defaultLockspace", default_.toJson()},
      {"lockspaces", lockspaces},
      {"magic", std::to_string(::getpid())},
  });
}

void LockDaemon::restore(const json::Value& st) {
  const json::Value& srv = member(st, "server", "server");
  const json::Value& def = member(st, "defaultLockspace", "defaultLockspace");
  const json::Value& spaces = member(st, "lockspaces", "lockspaces");
  default_ = Lockspace::fromJson(def);
  for (const json::Value& v : spaces.asArray()) {
    Lockspace ls = Lockspace::fromJson(v);
    std::string dir = ls.directory();
    lockspaces_.emplace(dir, std::move(ls));
  }
  for (const json::Value& l : member(srv, "listeners", "listeners").asArray()) {
    int fd = static_cast<int>(l.asInt());
    if (::fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
      failSystem(VIR_FROM_LOCKING, errno, "Missing listening socket " + std::to_string(fd));
    server_.addListener(UniqueFd(fd));
  }
  for (const json::Value& cv : member(srv, "clients", "clients").asArray()) {
    int fd = static_cast<int>(cv.at("fd").asInt());
    if (::fcntl(fd, F_GETFD) < 0) failSystem(VIR_FROM_LOCKING, errno, "Missing client socket " + std::to_string(fd));
    rpc::ServerClient& c = server_.addClient(UniqueFd(fd), unhex(cv.at("input").asString()),
                                             unhex(cv.at("output").asString()));
    ClientState s;
    s.restricted = member(cv, "restricted", "restricted").asBool();
    s.ownerPid = static_cast<pid_t>(member(cv, "ownerPid", "ownerPid").asInt());
    s.ownerId = static_cast<uint32_t>(member(cv, "ownerId", "ownerId").asInt());
    s.ownerName = member(cv, "ownerName", "ownerName").asString();
    std::string uuid = member(cv, "ownerUUID", "ownerUUID").asString();
    std::optional<Uuid> parsed = Uuid::parse(uuid);
    if (!parsed)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKING, "Malformed owner UUID " + uuid + " in JSON document");
    std::memcpy(s.ownerUuid, parsed->bytes.data(), 16);
    c.data() = s;
  }
}

}  // namespace vireo::lock
