// Whole-file reads and atomic writes, for definitions and status records.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace vireo {

// The largest XML document (a definition, a test driver's node file) read
// from a file: libvirt's own tools refuse XML files over 10 MiB, and libxml2
// refuses a text node over 10,000,000 bytes without XML_PARSE_HUGE, which
// libvirt never sets.
constexpr std::size_t kMaxXmlFileBytes = 10 * 1024 * 1024;

// The file's contents. Throws VIR_ERR_SYSTEM_ERROR in `errorDomain` naming
// the path ("Failed to open file '/x': No such file or directory"). Reads at
// most `maxBytes` bytes: a longer file (or /dev/zero, or a FIFO that never
// ends) fails with "Failed to read file '/x': File too large (over N bytes)"
// as soon as the limit is passed, without reading the rest.
std::string readWholeFile(const std::string& path, int errorDomain,
                          std::size_t maxBytes = std::numeric_limits<std::size_t>::max());

// How far writeFileAtomic goes to make the new content survive.
enum class FileDurability {
  // fsync the file and its directory: the content survives a power loss
  // (persistent definitions, caches worth keeping).
  PowerLoss,
  // Rename only: a reader, or a process that crashed and came back, sees
  // the old file or the new one, but a power loss may lose either. For
  // files that describe processes which a power loss ends anyway (a
  // running domain's status, its master key): an fsync there costs
  // milliseconds on every start and protects nothing.
  ProcessCrash,
};

// Replaces `path` with `content` so that a reader sees the old file or the
// new one, never a part: write a temporary file beside it, (fsync), rename,
// (fsync the directory). Nothing is left behind on failure.
void writeFileAtomic(const std::string& path, const std::string& content, unsigned mode, int errorDomain,
                     FileDurability durability = FileDurability::PowerLoss);

// Removes a file; a missing file is not an error.
void removeFileIfExists(const std::string& path, int errorDomain);

// Removes a directory and everything below it (no symlink is followed); a
// missing directory is not an error.
void removeTree(const std::string& path);

// The names in a directory (not . and ..) that end in `suffix`, sorted; an
// absent directory gives none.
std::vector<std::string> listDirectory(const std::string& dir, const std::string& suffix);

// The first executable `name` in the directories of $PATH (absolute ones
// only); "" when there is none.
std::string findProgramOnPath(const std::string& name);

}  // namespace vireo
