// Reading the mount table (/proc/<pid>/mountinfo) to find the mounts below
// /dev that a private /dev keeps or must not touch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vireo::ns {

struct MountTableEntry {
  std::string mountPoint;  // unescaped ("\040" is a space)
  std::string fsType;
};

// The entries of a mountinfo text, in order. Malformed lines are skipped.
std::vector<MountTableEntry> parseMountInfo(std::string_view text);

// The host mounts below /dev that a new private /dev keeps shared: /dev/pts,
// /dev/shm, /dev/mqueue and every hugetlbfs mounted below /dev. Nested ones
// are left out (moving a mount moves what is mounted below it), a mount point
// stacked several times appears once. Sorted.
std::vector<std::string> preservedDevMounts(const std::vector<MountTableEntry>& table);

// Every mount point strictly below /dev, without nested ones: in a running
// private namespace these are the preserved mounts, and nothing inside them
// belongs to the /dev that vireo manages. Sorted.
std::vector<std::string> devSubmounts(const std::vector<MountTableEntry>& table);

// Reads and parses a mountinfo file; throws VIR_ERR_SYSTEM_ERROR in
// `errorDomain` ("Failed to open file '/proc/12/mountinfo': ...") when it
// cannot be read.
std::vector<MountTableEntry> readMountInfo(const std::string& path, int errorDomain);

}  // namespace vireo::ns
