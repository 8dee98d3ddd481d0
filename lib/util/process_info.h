// What /proc says about a process, for telling a recorded process from one
// that got the same pid later: a recycled pid must never be signalled or
// taken for a running domain (QEMU's, a container's init).
#pragma once

#include <sys/types.h>

namespace vireo {

// The start time of process `pid` (field 22 of /proc/PID/stat, in clock
// ticks since boot), or 0 when there is no such process.
unsigned long long processStartTime(pid_t pid);

}  // namespace vireo
