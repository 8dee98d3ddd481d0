// Taking the host's tree away from a container: which mounts lie under the
// old root after pivot_root, and in which order to unmount them.
//
// These run in the container's child, between clone() and execve(), on a
// mountinfo text that the child read into memory the parent prepared: they
// allocate nothing, take no lock and call no library function that might.
// They are pure, so the unit tests call them directly.
#pragma once

#include <cstddef>

namespace vireo::ns {

struct OldRootMount {
  const char* path;  // the mount point, unescaped, inside the mountinfo buffer
  unsigned depth;    // number of path components
  unsigned order;    // position in the mount table (later = mounted later or on top)
};

// True when `path` is `dir` or lies below it, comparing whole components:
// "/.oldrootX" is not under "/.oldroot"; "/a//b/" is under "/a". Both are
// absolute.
bool pathWithinComponents(const char* path, const char* dir) noexcept;

// Parses a /proc/self/mountinfo text of `len` bytes in place (the mount
// point field is unescaped, "\040" becomes a space, and NUL-terminated) and
// stores in `out` the mounts at or below `prefix`. Returns how many; -1 when
// there are more than `max` (the caller then detaches the whole subtree).
long collectMountsUnder(char* text, size_t len, const char* prefix, OldRootMount* out, size_t max) noexcept;

// Orders mounts for unmounting: deepest first, and of two at the same depth
// (stacked on one mount point, or siblings) the later in the table first.
// The prefix itself (the least deep) comes last.
void orderDeepestFirst(OldRootMount* mounts, size_t n) noexcept;

}  // namespace vireo::ns
