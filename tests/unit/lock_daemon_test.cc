// vireo-lockd's dispatch and leases in-process (lib/lock over lib/rpc on
// socketpairs): the rules, the owner-death release, and the state handed
// over across exec() rebuilt in a second daemon object.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "lib/lock/lock_daemon.h"
#include "lib/lock/lockd_client.h"
#include "tests/support/temp_dir.h"

using vireo::test::TempDir;

using namespace vireo;
using namespace vireo::lock;

namespace {

struct Daemon {
  rpc::Server server;
  LockDaemon daemon{server};
  std::thread thread;
  std::atomic<pid_t> killed{0};
  Daemon() {
    daemon.setOwnerKiller([this](pid_t p) { killed = p; });
  }
  LockdClient connect() {
    int sv[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    server.addClient(UniqueFd(sv[1]));
    return LockdClient(std::make_unique<rpc::Client>(UniqueFd(sv[0])));
  }
  void start() { thread = std::thread([this] { server.run(); }); }
  void stop() {
    server.requestQuit();
    if (thread.joinable()) thread.join();
  }
  ~Daemon() { stop(); }
};

const unsigned char kUuid[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

// F_GETLK on byte 0 from another process: the holder's pid, 0 if free.
pid_t holderOf(const std::string& path) {
  int pipefd[2];
  REQUIRE(::pipe(pipefd) == 0);
  pid_t child = ::fork();
  if (child == 0) {
    pid_t holder = -1;
    int fd = ::open(path.c_str(), O_RDWR);
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_len = 1;
    if (fd >= 0 && ::fcntl(fd, F_GETLK, &fl) == 0) holder = fl.l_type == F_UNLCK ? 0 : fl.l_pid;
    (void)!::write(pipefd[1], &holder, sizeof holder);
    ::_exit(0);
  }
  ::close(pipefd[1]);
  pid_t holder = -2;
  (void)!::read(pipefd[0], &holder, sizeof holder);
  ::close(pipefd[0]);
  ::waitpid(child, nullptr, 0);
  return holder;
}

template <class F>
void requireError(F&& f, virErrorNumber code, virErrorDomain domain, const std::string& message) {
  try {
    f();
    FAIL("no error thrown");
  } catch (const Error& e) {
    CHECK(e.code() == code);
    CHECK(e.domain() == domain);
    CHECK(e.message() == message);
  }
}

}  // namespace

TEST_CASE("lockd: registration and restriction rules", "[lock]") {
  TempDir tmp("vireo-lock");
  Daemon d;
  LockdClient c = d.connect();
  d.start();
  const std::string notRegistered =
      "Requested operation is not valid: lock owner details have not been registered";
  requireError([&] { c.acquire("", tmp.path + "/x", 0); }, VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC,
               notRegistered);
  requireError([&] { c.restrict(); }, VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC, notRegistered);
  requireError([&] { c.registerOwner(kUuid, "vm", 0, ::getpid()); }, VIR_ERR_OPERATION_INVALID,
               VIR_FROM_RPC, notRegistered);
  c.createLockspace(tmp.path + "/ls");  // needs no registration
  c.createLockspace(tmp.path + "/ls");  // idempotent
  c.registerOwner(kUuid, "vm", 1, ::getpid());
  requireError([&] { c.newLockspace(""); }, VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC,
               "Requested operation is not valid: the default lockspace already exists");
  requireError([&] { c.newLockspace(tmp.path + "/ls"); }, VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC,
               "internal error: Lockspace for path " + tmp.path + "/ls already exists");
  requireError([&] { c.acquire(tmp.path + "/nope", "a", 0); }, VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC,
               "internal error: Lockspace for path " + tmp.path + "/nope does not exist");
  requireError([&] { c.acquire(tmp.path + "/ls", "a", 4); }, VIR_ERR_INVALID_ARG, VIR_FROM_RPC,
               "unsupported flags (0x4) in function virLockSpaceProtocolDispatchAcquireResource");
  c.restrict();
  const std::string denied = "operation forbidden: lock manager connection has been restricted";
  requireError([&] { c.restrict(); }, VIR_ERR_OPERATION_DENIED, VIR_FROM_RPC, denied);
  requireError([&] { c.registerOwner(kUuid, "vm", 1, 1); }, VIR_ERR_OPERATION_DENIED, VIR_FROM_RPC, denied);
  requireError([&] { c.createLockspace(tmp.path + "/l2"); }, VIR_ERR_OPERATION_DENIED, VIR_FROM_RPC, denied);
}

TEST_CASE("lockd: exclusive, shared and autocreated leases", "[lock]") {
  TempDir tmp("vireo-lock");
  Daemon d;
  LockdClient a = d.connect(), b = d.connect();
  d.start();
  std::string ls = tmp.path + "/ls";
  a.createLockspace(ls);
  a.registerOwner(kUuid, "a", 1, 1001);
  b.registerOwner(kUuid, "b", 2, 1002);

  a.acquire(ls, "disk", kAcquireAutocreate);
  struct stat st;
  REQUIRE(::stat((ls + "/disk").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  CHECK(holderOf(ls + "/disk") == ::getpid());
  requireError([&] { b.acquire(ls, "disk", kAcquireAutocreate); }, VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE,
               "resource busy: Lockspace resource 'disk' is locked");
  requireError([&] { b.release(ls, "disk"); }, VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKSPACE,
               "internal error: owner 1002 does not hold the resource lock");
  a.release(ls, "disk");
  CHECK(::stat((ls + "/disk").c_str(), &st) < 0);  // unlinked with its lease
  requireError([&] { a.release(ls, "disk"); }, VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE,
               "resource busy: Lockspace resource 'disk' is not locked");

  // Default lockspace: the name is the file, which is not created.
  std::string image = tmp.path + "/image";
  requireError([&] { a.acquire("", image, 0); }, VIR_ERR_SYSTEM_ERROR, VIR_FROM_LOCKSPACE,
               "Unable to open resource " + image + ": No such file or directory");
  a.createResource("", image);
  a.acquire("", image, kAcquireShared);
  b.acquire("", image, kAcquireShared);
  requireError([&] { b.acquire("", image, 0); }, VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE,
               "resource busy: Lockspace resource '" + image + "' is locked");
  requireError([&] { b.deleteResource("", image); }, VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE,
               "resource busy: Lockspace resource '" + image + "' is locked");
  a.release("", image);
  CHECK(holderOf(image) == ::getpid());  // b still holds it
  b.release("", image);
  CHECK(holderOf(image) == 0);
  CHECK(::stat(image.c_str(), &st) == 0);  // not autocreated: kept
}

TEST_CASE("lockd: the owner's own connection closing releases its leases and kills it", "[lock]") {
  TempDir tmp("vireo-lock");
  Daemon d;
  LockdClient helper = d.connect();
  std::optional<LockdClient> owner = d.connect();
  d.start();
  std::string ls = tmp.path + "/ls";
  helper.createLockspace(ls);
  // The helper connection registers the same owner (libvirtd's way on
  // resume) but is not the owner's own socket: closing it releases nothing.
  owner->registerOwner(kUuid, "vm", 1, ::getpid());
  owner->acquire(ls, "one", kAcquireAutocreate);
  helper.registerOwner(kUuid, "vm", 1, 4242);
  helper.acquire(ls, "other", kAcquireAutocreate);
  owner.reset();
  for (int i = 0; i < 200 && d.killed == 0; i++) ::usleep(10000);
  CHECK(d.killed == ::getpid());
  CHECK(holderOf(ls + "/other") == ::getpid());
  struct stat st;
  CHECK(::stat((ls + "/one").c_str(), &st) < 0);
  CHECK(d.daemon.leaseCount() == 1);
}

TEST_CASE("lockd: state saved for exec is rebuilt with the leases and clients", "[lock]") {
  TempDir tmp("vireo-lock");
  std::string ls = tmp.path + "/ls";
  std::optional<Daemon> first;
  first.emplace();
  LockdClient c = first->connect();
  // A connection that never registered must not stop the hand-over
  // (virtlockd 9.0 fails its re-exec on one: a null ownerName).
  LockdClient unregistered = first->connect();
  first->start();
  c.createLockspace(ls);
  c.registerOwner(kUuid, "vm", 7, 4343);
  c.acquire(ls, "a", kAcquireAutocreate);
  c.acquire(ls, "s", kAcquireAutocreate | kAcquireShared);
  first->stop();
  json::Value st = first->daemon.saveState();
  CHECK(st.at("magic").asString() == std::to_string(::getpid()));
  // Hand the descriptors over without closing them, as exec() would.
  first->server.releaseAll();
  first->daemon.abandon();
  json::Value parsed = json::parse(json::serialize(st));
  // The lease fds are not owned by anyone now; the second daemon adopts them.
  Daemon second;
  second.daemon.restore(parsed);
  second.start();
  CHECK(second.daemon.leaseCount() == 2);
  CHECK(holderOf(ls + "/a") == ::getpid());
  // The restored client keeps its registration: it may release, and its
  // owner pid is the one it registered.
  c.release(ls, "a");
  struct stat sb;
  CHECK(::stat((ls + "/a").c_str(), &sb) < 0);  // released and unlinked by the new daemon
  requireError([&] { c.acquire(ls + "x", "a", 0); }, VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC,
               "internal error: Lockspace for path " + ls + "x does not exist");
  unregistered.createLockspace(ls);  // still served, still unregistered
  requireError([&] { unregistered.acquire(ls, "b", 0); }, VIR_ERR_OPERATION_INVALID, VIR_FROM_RPC,
               "Requested operation is not valid: lock owner details have not been registered");
  first.reset();  // abandoned: its destruction closes none of the adopted fds
  CHECK(holderOf(ls + "/s") == ::getpid());
}

TEST_CASE("lockd: restore refuses incomplete state", "[lock]") {
  Daemon d;
  requireError([&] { d.daemon.restore(json::parse(R"({"server":{"listeners":[],"clients":[]},"lockspaces":[]})")); },
               VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKING, "internal error: Missing defaultLockspace data from JSON file");
  requireError([&] { d.daemon.restore(json::parse(R"({"server":{},"defaultLockspace":{"resources":[]}})")); },
               VIR_ERR_INTERNAL_ERROR, VIR_FROM_LOCKING, "internal error: Missing lockspaces data from JSON file");
}
