// Makes one system call fail, for real, on one thread.
//
// Some failures cannot be produced on demand: a kernel without audit, a
// netlink socket the kernel refuses. Instead of mocking the kernel, the test
// runs the code under test on a fresh thread that has a seccomp filter
// making that one system call return an errno. Seccomp filters (and the
// no_new_privs bit they need) belong to the thread that installs them, so
// the rest of the test process is untouched, and no root is needed.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace vireo::test {

struct SyscallFault {
  long syscallNumber;                    // __NR_socket, __NR_sendto, ...
  std::optional<unsigned> arg0, arg2;    // fail only when these (low 32 bits) match
  int error;                             // the errno the call returns
};

// Whether this architecture's filter can be built (x86-64 and AArch64).
bool syscallFaultsSupported();

// Runs `body` on a new thread on which `fault` is in effect and waits for
// it. Whatever `body` throws is rethrown here. Throws std::runtime_error if
// the filter cannot be installed (the message says why).
void runWithSyscallFault(const SyscallFault& fault, const std::function<void()>& body);

}  // namespace vireo::test
