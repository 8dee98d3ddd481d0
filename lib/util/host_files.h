// Small readers of the kernel's text files (/proc, /sys) for the host facts
// of host_info and host_topology. A file that is missing or unreadable
// gives the fallback: these are facts the kernel may not offer.
#pragma once

#include <string>

namespace vireo {

// The first line of `path`, without its newline; "" when unreadable.
std::string readFirstLine(const std::string& path);

// The number at the start of `path`; `fallback` when there is none.
unsigned long long readNumberFile(const std::string& path, unsigned long long fallback = 0);

// The value in KiB of `key` in a meminfo file: /proc/meminfo ("MemTotal:
// 123 kB") or a NUMA node's ("Node 0 MemTotal: 123 kB"); 0 when absent.
unsigned long long readMeminfoKiB(const std::string& path, const std::string& key);

}  // namespace vireo
