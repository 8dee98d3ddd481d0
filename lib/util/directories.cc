#include "lib/util/directories.h"

#include <sys/stat.h>

#include <cerrno>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo {

void makeDirectories(const std::string& path, unsigned mode, int errorDomain) {
  auto domain = static_cast<virErrorDomain>(errorDomain);
  for (size_t pos = 1; pos <= path.size(); ++pos) {
    if (pos != path.size() && path[pos] != '/') continue;
    std::string part = path.substr(0, pos);
    if (mkdir(part.c_str(), static_cast<mode_t>(mode)) == 0 || errno == EEXIST) continue;
    failSystem(domain, errno, "Failed to create directory '" + part + "'");
  }
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    fail(VIR_ERR_OPERATION_FAILED, domain, "'" + path + "' is not a directory");
}

}  // namespace vireo
