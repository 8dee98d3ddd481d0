// Lease acquire+release round trips per second through vireo-lockd and
// through Debian's virtlockd, with the same client (lib/lock's
// LockdClient), interleaved in one run. Prints
//   figure  vireo-lockd  virtlockd  ratio(vireo/virtlockd)
// in round trips per second (higher is better). virtlockd needs root (it
// runs in a private mount namespace whose /run is a scratch directory);
// without it only vireo-lockd is measured.
//
// Usage: lockd-bench VIREO_LOCKD [ROUND_TRIPS_PER_RUN] [RUNS]
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "lib/lock/lockd_client.h"

using namespace vireo;
using namespace vireo::lock;

namespace {

struct Daemon {
  std::string name;
  std::string socket;
  pid_t pid = -1;
};

pid_t spawn(const std::vector<std::string>& argv) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

bool waitForSocket(const std::string& path) {
  for (int i = 0; i < 200; i++) {
    try {
      LockdClient::connect(path);
      return true;
    } catch (const Error&) {
      ::usleep(25000);
    }
  }
  return false;
}

// Round trips per second for `n` acquire+release pairs.
double measure(LockdClient& c, const std::string& lockspace, const std::string& name, uint32_t flags, int n) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; i++) {
    c.acquire(lockspace, name, flags);
    c.release(lockspace, name);
  }
  std::chrono::duration<double> secs = std::chrono::steady_clock::now() - start;
  return n / secs.count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s VIREO_LOCKD [ROUND_TRIPS] [RUNS]\n", argv[0]);
    return 2;
  }
  int n = argc > 2 ? std::atoi(argv[2]) : 2000;
  int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  char tmpl[] = "/tmp/lockd-bench-XXXXXX";
  if (!::mkdtemp(tmpl)) return 1;
  std::string dir = tmpl;

  std::vector<Daemon> daemons;
  Daemon v{"vireo-lockd", dir + "/vireo.sock"};
  v.pid = spawn({argv[1], "--socket", v.socket});
  daemons.push_back(v);
  bool haveVirtlockd = ::access("/usr/sbin/virtlockd", X_OK) == 0 && ::geteuid() == 0;
  if (haveVirtlockd) {
    std::string run = dir + "/run";
    ::mkdir(run.c_str(), 0755);
    Daemon l{"virtlockd", run + "/libvirt/virtlockd-sock"};
    l.pid = spawn({"unshare", "-m", "--propagation", "private", "sh", "-c",
                   "mount --bind '" + run + "' /run && exec /usr/sbin/virtlockd"});
    daemons.push_back(l);
  } else {
    std::fprintf(stderr, "virtlockd not measured (needs root and /usr/sbin/virtlockd)\n");
  }

  int status = 0;
  try {
    std::vector<LockdClient> clients;
    const unsigned char uuid[16] = {7};
    std::string image = dir + "/image";
    ::close(::open(image.c_str(), O_CREAT | O_WRONLY, 0600));
    for (auto& d : daemons) {
      if (!waitForSocket(d.socket)) {
        std::fprintf(stderr, "%s did not start\n", d.name.c_str());
        throw Error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "daemon did not start");
      }
      LockdClient c = LockdClient::connect(d.socket);
      c.createLockspace(dir + "/ls-" + d.name);
      c.registerOwner(uuid, "bench", 1, 777001);
      measure(c, dir + "/ls-" + d.name, "warmup", kAcquireAutocreate, 200);
      clients.push_back(std::move(c));
    }
    struct Figure {
      const char* name;
      bool direct;
    };
    std::printf("%-36s %12s %12s %8s\n", "figure (round trips/s)", "vireo-lockd", "virtlockd", "ratio");
    for (Figure f : {Figure{"acquire+release, autocreate lease", false},
                     Figure{"acquire+release, direct lease", true}}) {
      std::vector<std::vector<double>> rates(daemons.size());
      for (int r = 0; r < runs; r++)
        for (size_t i = 0; i < daemons.size(); i++) {
          std::string ls = f.direct ? "" : dir + "/ls-" + daemons[i].name;
          std::string name = f.direct ? image : "lease";
          rates[i].push_back(measure(clients[i], ls, name, f.direct ? 0 : kAcquireAutocreate, n));
        }
      double vr = median(rates[0]);
      if (daemons.size() > 1) {
        double lr = median(rates[1]);
        std::printf("%-36s %12.0f %12.0f %8.2f\n", f.name, vr, lr, vr / lr);
      } else {
        std::printf("%-36s %12.0f %12s %8s\n", f.name, vr, "-", "-");
      }
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "lockd-bench: %s\n", e.message().c_str());
    status = 1;
  }
  for (auto& d : daemons) {
    ::kill(d.pid, SIGTERM);
    ::waitpid(d.pid, nullptr, 0);
  }
  std::system(("rm -rf '" + dir + "'").c_str());
  return status;
}
