#include "lib/ns/mount_table.h"

#include <algorithm>

#include <libvirt/virterror.h>

#include "lib/ns/dev_path.h"
#include "lib/util/file.h"

namespace vireo::ns {

namespace {

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescapeMountField(std::string_view field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '3' && field[i + 2] >= '0' && field[i + 2] <= '7' &&
        field[i + 3] >= '0' && field[i + 3] <= '7') {
      out += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0'));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

std::vector<std::string_view> splitSpaces(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t end = line.find(' ', i);
    if (end == std::string_view::npos) end = line.size();
    if (end > i) out.push_back(line.substr(i, end - i));
    i = end;
  }
  return out;
}

// Sorted, without duplicates and without mounts that lie inside another kept one.
std::vector<std::string> outermostOnly(std::vector<std::string> points) {
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::vector<std::string> kept;
  for (const auto& p : points) {
    bool nested = std::any_of(kept.begin(), kept.end(), [&](const std::string& k) { return pathIsWithin(p, k); });
    if (!nested) kept.push_back(p);
  }
  return kept;
}

}  // namespace

std::vector<MountTableEntry> parseMountInfo(std::string_view text) {
  // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
  std::vector<MountTableEntry> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto fields = splitSpaces(text.substr(pos, end - pos));
    pos = end + 1;
    auto dash = std::find(fields.begin(), fields.end(), std::string_view("-"));
    if (fields.size() < 5 || dash == fields.end() || dash + 1 == fields.end() || dash - fields.begin() < 6) continue;
    out.push_back({unescapeMountField(fields[4]), unescapeMountField(*(dash + 1))});
  }
  return out;
}

std::vector<std::string> preservedDevMounts(const std::vector<MountTableEntry>& table) {
  std::vector<std::string> points;
  for (const auto& e : table) {
    bool wanted = e.mountPoint == "/dev/pts" || e.mountPoint == "/dev/shm" || e.mountPoint == "/dev/mqueue" ||
                  (e.fsType == "hugetlbfs" && pathIsUnderDev(e.mountPoint));
    if (wanted) points.push_back(normalizeAbsolutePath(e.mountPoint));
  }
  return outermostOnly(std::move(points));
}

std::vector<std::string> devSubmounts(const std::vector<MountTableEntry>& table) {
  std::vector<std::string> points;
  for (const auto& e : table)
    if (pathIsUnderDev(e.mountPoint)) points.push_back(normalizeAbsolutePath(e.mountPoint));
  return outermostOnly(std::move(points));
}

std::vector<MountTableEntry> readMountInfo(const std::string& path, int errorDomain) {
  return parseMountInfo(readWholeFile(path, errorDomain));
}

}  // namespace vireo::ns
