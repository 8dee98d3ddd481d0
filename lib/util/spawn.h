// Starting a program from a multi-threaded process, safely.
//
// Everything the child needs (argv, envp, which descriptor goes where) is
// prepared in the parent as plain memory. Between fork() and execve() the
// child makes system calls only (dup3, fcntl, setsid, sigprocmask,
// sigaction, close_range, execve): no allocation, no locks, no C++. If a
// step fails, the child writes the step and errno to a pipe and exits; the
// parent turns that into a vireo::Error naming the step and the program.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace vireo {

struct SpawnPlan {
  std::string program;                // absolute path, passed to execve
  std::vector<std::string> argv;      // argv[0] included
  std::vector<std::string> env;       // the whole environment, "NAME=value"
  // Descriptors the child gets, as (descriptor in the parent, number in the
  // child). Standard input, output and error are part of it: a child with no
  // mapping for 0, 1 or 2 gets /dev/null there. Every other descriptor is
  // closed in the child.
  std::vector<std::pair<int, int>> fds;
  bool newSession = true;             // setsid(): the child outlives our terminal and session
};

// Starts the program; returns its pid once execve() has succeeded. Throws
// vireo::Error (VIR_ERR_SYSTEM_ERROR, `errorDomain`) when fork fails or a
// step in the child fails: "Unable to exec /usr/bin/x: No such file or
// directory".
pid_t spawnProcess(const SpawnPlan& plan, int errorDomain);

}  // namespace vireo
