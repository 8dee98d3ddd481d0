// Telling whether a pid recorded in a status file is still the QEMU that
// was recorded, and not a process that got the same pid later: a recycled
// pid must never be signalled or taken for a running domain.
#pragma once

#include <sys/types.h>

#include <string>

#include "lib/util/process_info.h"

namespace vireo::qemu {

// processStartTime() lives in lib/util (the container driver uses it too).
using vireo::processStartTime;

// True when `pid` is alive (not a zombie), runs QEMU for domain `name`
// ("guest=NAME" on its command line) and, when `startTime` is not 0,
// started at that time.
bool isDomainQemu(pid_t pid, const std::string& name, unsigned long long startTime);

}  // namespace vireo::qemu
