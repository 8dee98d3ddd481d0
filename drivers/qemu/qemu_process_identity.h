// Telling whether a pid recorded in a status file is still the QEMU that
// was recorded, and not a process that got the same pid later: a recycled
// pid must never be signalled or taken for a running domain.
#pragma once

#include <sys/types.h>

#include <string>

namespace vireo::qemu {

// The start time of process `pid` (field 22 of /proc/PID/stat, in clock
// ticks since boot), or 0 when there is no such process.
unsigned long long processStartTime(pid_t pid);

// True when `pid` is alive (not a zombie), runs QEMU for domain `name`
// ("guest=NAME" on its command line) and, when `startTime` is not 0,
// started at that time.
bool isDomainQemu(pid_t pid, const std::string& name, unsigned long long startTime);

}  // namespace vireo::qemu
