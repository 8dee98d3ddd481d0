#include "lib/ns/block_fstypes.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <sstream>

#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::ns {

namespace {

// Appends the device-backed types of one list; true when it has a "*" line.
bool addTypes(const std::string& text, std::vector<std::string>& types) {
  bool star = false;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("nodev") != std::string::npos) continue;
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    size_t end = line.find_last_not_of(" \t\r");
    std::string type = line.substr(start, end - start + 1);
    if (type == "*") {
      star = true;
      continue;
    }
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
  }
  return star;
}

}  // namespace

std::vector<std::string> blockFilesystemTypes(const std::optional<std::string>& etcFilesystems,
                                              const std::string& procFilesystems) {
  std::vector<std::string> types;
  bool withProc = !etcFilesystems || addTypes(*etcFilesystems, types);
  if (withProc) addTypes(procFilesystems, types);
  return types;
}

std::vector<std::string> hostBlockFilesystemTypes(int errorDomain) {
  std::optional<std::string> etc;
  struct stat st;
  // As mount(8) and libvirt: a missing /etc/filesystems means "ask the kernel".
  if (stat("/etc/filesystems", &st) == 0) etc = readWholeFile("/etc/filesystems", errorDomain);
  else if (errno != ENOENT)
    failSystem(static_cast<virErrorDomain>(errorDomain), errno, "Unable to read /etc/filesystems");
  return blockFilesystemTypes(etc, readWholeFile("/proc/filesystems", errorDomain));
}

}  // namespace vireo::ns
