#include "tests/support/syscall_fault.h"

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <thread>
#include <vector>

namespace vireo::test {
namespace {

#if defined(__x86_64__)
constexpr unsigned kArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr unsigned kArch = AUDIT_ARCH_AARCH64;
#else
constexpr unsigned kArch = 0;
#endif

// The low 32 bits of argument `i` (little-endian layout of seccomp_data).
constexpr unsigned argLow(int i) { return offsetof(struct seccomp_data, args) + 8 * i; }

// ld <offset>; jeq <value> ? next : allow. The false branch is patched once
// the position of the final "allow" is known.
void matchWord(std::vector<sock_filter>& p, unsigned offset, unsigned value) {
  p.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offset));
  p.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, value, 0, 0));
}

std::vector<sock_filter> buildFilter(const SyscallFault& f) {
  std::vector<sock_filter> p;
  matchWord(p, offsetof(struct seccomp_data, arch), kArch);
  matchWord(p, offsetof(struct seccomp_data, nr), static_cast<unsigned>(f.syscallNumber));
  if (f.arg0) matchWord(p, argLow(0), *f.arg0);
  if (f.arg2) matchWord(p, argLow(2), *f.arg2);
  p.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (static_cast<unsigned>(f.error) & SECCOMP_RET_DATA)));
  p.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  size_t allow = p.size() - 1;
  for (size_t i = 0; i < p.size(); i++)
    if (BPF_CLASS(p[i].code) == BPF_JMP) p[i].jf = static_cast<unsigned char>(allow - (i + 1));
  return p;
}

}  // namespace

bool syscallFaultsSupported() { return kArch != 0; }

void runWithSyscallFault(const SyscallFault& fault, const std::function<void()>& body) {
  if (!syscallFaultsSupported()) throw std::runtime_error("seccomp faults: unsupported architecture");
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      std::vector<sock_filter> filter = buildFilter(fault);
      sock_fprog prog{static_cast<unsigned short>(filter.size()), filter.data()};
      // Without no_new_privs an unprivileged thread may not install a filter.
      if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
          ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
        throw std::runtime_error(std::string("installing a seccomp filter: ") + std::strerror(errno));
      body();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  worker.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace vireo::test
