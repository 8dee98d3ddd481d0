// vireo's lock client (lib/lock/lockd_client) against a running lock
// daemon, virtlockd or vireo-lockd: run by lockd_scenario_test.py with the
// daemon's socket, a scratch directory and the daemon's pid. Prints each
// failed expectation and exits 1 if there was any.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "lib/lock/lockd_client.h"

using namespace vireo;
using namespace vireo::lock;

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
  if (!ok) {
    std::printf("FAIL %s\n", what.c_str());
    failures++;
  }
}

void expectError(const std::string& step, const std::function<void()>& f, virErrorNumber code,
                 virErrorDomain domain, const std::string& message) {
  try {
    f();
    expect(false, step + ": no error");
  } catch (const Error& e) {
    expect(e.code() == code && e.domain() == domain && e.message() == message,
           step + ": got " + std::to_string(e.code()) + "/" + std::to_string(e.domain()) + " '" +
               e.message() + "'");
  }
}

pid_t holderOf(const std::string& path) {
  // Our own locks would not show: ask from a child.
  int p[2];
  if (::pipe(p) < 0) return -1;
  pid_t child = ::fork();
  if (child == 0) {
    pid_t h = -1;
    int fd = ::open(path.c_str(), O_RDWR);
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_len = 1;
    if (fd >= 0 && ::fcntl(fd, F_GETLK, &fl) == 0) h = fl.l_type == F_UNLCK ? 0 : fl.l_pid;
    (void)!::write(p[1], &h, sizeof h);
    ::_exit(0);
  }
  ::close(p[1]);
  pid_t h = -2;
  (void)!::read(p[0], &h, sizeof h);
  ::close(p[0]);
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s SOCKET DIR DAEMON_PID\n", argv[0]);
    return 2;
  }
  std::string sock = argv[1], dir = argv[2];
  pid_t daemonPid = std::stoi(argv[3]);
  const unsigned char uuid[16] = {0xde, 0xad, 0xbe, 0xef};
  try {
    LockdClient a = LockdClient::connect(sock);
    LockdClient b = LockdClient::connect(sock);
    std::string ls = dir + "/client-ls";
    a.createLockspace(ls);
    a.createLockspace(ls);
    a.registerOwner(uuid, "client-a", 1, 888001);
    b.registerOwner(uuid, "client-b", 2, 888002);
    a.acquire(ls, "disk", kAcquireAutocreate);
    expect(holderOf(ls + "/disk") == daemonPid, "lease held by the daemon");
    expectError("conflict", [&] { b.acquire(ls, "disk", kAcquireAutocreate); }, VIR_ERR_RESOURCE_BUSY,
                VIR_FROM_LOCKSPACE, "resource busy: Lockspace resource 'disk' is locked");
    expectError("missing lockspace", [&] { a.acquire(ls + "-no", "disk", 0); }, VIR_ERR_INTERNAL_ERROR,
                VIR_FROM_RPC, "internal error: Lockspace for path " + ls + "-no does not exist");
    a.release(ls, "disk");
    struct stat st;
    expect(::stat((ls + "/disk").c_str(), &st) < 0, "autocreated lease file removed");
    // Several threads on one connection: each call gets its own reply.
    std::vector<std::thread> threads;
    int errors = 0;
    for (int t = 0; t < 4; t++)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 25; i++) {
          std::string name = "t" + std::to_string(t) + "-" + std::to_string(i);
          try {
            a.acquire(ls, name, kAcquireAutocreate);
            a.release(ls, name);
          } catch (const Error& e) {
            std::printf("thread error: %s\n", e.message().c_str());
            errors++;
          }
        }
      });
    for (auto& th : threads) th.join();
    expect(errors == 0, "threaded acquire/release");
    b.restrict();
    expectError("restricted", [&] { b.acquire(ls, "x", 0); }, VIR_ERR_OPERATION_DENIED, VIR_FROM_RPC,
                "operation forbidden: lock manager connection has been restricted");
  } catch (const Error& e) {
    std::printf("FAIL unexpected error %d/%d: %s\n", e.code(), e.domain(), e.message().c_str());
    return 1;
  }
  std::printf("%s\n", failures ? "FAILED" : "PASS");
  return failures ? 1 : 0;
}
