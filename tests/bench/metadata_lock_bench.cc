// The cost of the DAC metadata lock, measured side by side in one run.
//
// For 1, 10 and 100 files (under /tmp, owned by 1234:1234), one "label then
// give back" round of a plan that remembers every file (chown to 107:108,
// the remembered owner and its count in trusted.* attributes):
//  (a) vireo: applyDacPlan, in the calling thread, byte 1 of each file locked
//      with an open-file-description lock;
//  (b) the fork way (libvirt's, and vireo's before): the same program run in
//      a forked child that holds classic fcntl locks (runInChild);
//  (c) the same changes without any lock (and so without remembering: the
//      bare chowns, the work that is left when locking is off);
//  (d) the floor of the lock itself: open, F_OFD_SETLK byte 1, unlock,
//      close, per file, written out bare.
// Prints medians per round and per file, and the ratios a/b and (a-c)/d.
// Needs root (trusted.* attributes, chown). Run it by hand:
// `sudo build/tests/bench/metadata-lock-bench [rounds]`.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <libvirt/virterror.h>

#include "lib/security/dac.h"
#include "lib/security/dac_apply.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/spawn.h"

using namespace vireo;
using namespace vireo::security;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

DacPlan planFor(const std::vector<std::string>& files, OwnershipOp::Kind kind, bool lock) {
  DacPlan plan;
  plan.lock = lock;
  for (const auto& f : files) {
    OwnershipOp op;
    op.path = f;
    op.kind = kind;
    op.uid = 107;
    op.gid = 108;
    op.remember = lock;
    plan.ops.push_back(op);
  }
  return plan;
}

double timeMs(const std::function<void()>& work) {
  auto t0 = Clock::now();
  work();
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void runForked(const DacPlan& plan) {
  DacProgram program(plan);
  runInChild(DacProgram::run, &program, DacProgram::describe, VIR_FROM_SECURITY);
}

void bareLocks(const std::vector<std::string>& files) {
  for (const auto& f : files) {
    int fd = open(f.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 1;
    fl.l_len = 1;
    if (fd < 0 || fcntl(fd, F_OFD_SETLK, &fl) != 0) std::abort();
    fl.l_type = F_UNLCK;
    fcntl(fd, F_OFD_SETLK, &fl);
    close(fd);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (geteuid() != 0) {
    std::fprintf(stderr, "metadata-lock-bench needs root (trusted.* attributes, chown)\n");
    return 77;
  }
  int rounds = argc > 1 ? std::atoi(argv[1]) : 30;
  char tmpl[] = "/tmp/vireo-lock-bench-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  std::string dir = tmpl;
  std::printf("%6s %12s %12s %12s %12s %8s %14s\n", "files", "vireo ms", "fork ms", "nolock ms", "bare lock ms",
              "a/b", "(a-c)/d /file");
  try {
    for (int n : {1, 10, 100}) {
      std::vector<std::string> files;
      for (int i = 0; i < n; ++i) {
        std::string p = dir + "/f" + std::to_string(n) + "-" + std::to_string(i);
        int fd = open(p.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
        if (fd < 0 || fchown(fd, 1234, 1234) != 0) return 1;
        close(fd);
        files.push_back(p);
      }
      DacPlan set = planFor(files, OwnershipOp::Kind::Set, true), restore = planFor(files, OwnershipOp::Kind::Restore, true);
      DacPlan setBare = planFor(files, OwnershipOp::Kind::Set, false),
              restoreBare = planFor(files, OwnershipOp::Kind::Restore, false);
      std::vector<double> a, b, c, d;
      for (int r = 0; r < rounds; ++r) {  // interleaved, so drift hits every column alike
        a.push_back(timeMs([&] {
          applyDacPlan(set);
          applyDacPlan(restore);
        }));
        b.push_back(timeMs([&] {
          runForked(set);
          runForked(restore);
        }));
        c.push_back(timeMs([&] {
          applyDacPlan(setBare);
          applyDacPlan(restoreBare);
          for (const auto& f : files)
            if (chown(f.c_str(), 1234, 1234) != 0) std::abort();  // restore without memory gives root
        }));
        d.push_back(timeMs([&] {
          bareLocks(files);
          bareLocks(files);
        }));
      }
      double ma = median(a), mb = median(b), mc = median(c), md = median(d);
      std::printf("%6d %12.3f %12.3f %12.3f %12.3f %8.2f %14.2f\n", n, ma, mb, mc, md, ma / mb,
                  md > 0 ? (ma - mc) / md : 0.0);
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "metadata-lock-bench: %s\n", e.what());
    removeTree(dir);
    return 1;
  }
  removeTree(dir);
  return 0;
}
