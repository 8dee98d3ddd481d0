#include "lib/util/file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <memory>

#include <libvirt/virterror.h>

#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo {

namespace {

virErrorDomain asDomain(int d) { return static_cast<virErrorDomain>(d); }

void writeAll(int fd, const std::string& content, const std::string& path, int errorDomain) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failSystem(asDomain(errorDomain), errno, "Failed to write file '" + path + "'");
    done += static_cast<size_t>(n);
  }
}

std::string parentDir(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::string readWholeFile(const std::string& path, int errorDomain, std::size_t maxBytes) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) failSystem(asDomain(errorDomain), errno, "Failed to open file '" + path + "'");
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failSystem(asDomain(errorDomain), errno, "Failed to read file '" + path + "'");
    if (n == 0) return out;
    if (static_cast<std::size_t>(n) > maxBytes - out.size()) {
      Error e(VIR_ERR_SYSTEM_ERROR, asDomain(errorDomain),
              "Failed to read file '" + path + "': " + std::strerror(EFBIG) + " (over " +
                  std::to_string(maxBytes) + " bytes)");
      e.int1 = EFBIG;
      throw e;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}

void writeFileAtomic(const std::string& path, const std::string& content, unsigned mode, int errorDomain,
                     FileDurability durability) {
  bool sync = durability == FileDurability::PowerLoss;
  std::string tmp = path + ".new-XXXXXX";
  UniqueFd fd(mkostemp(tmp.data(), O_CLOEXEC));
  if (!fd) failSystem(asDomain(errorDomain), errno, "Failed to create file '" + path + "'");
  struct Unlink {
    std::string* p;
    ~Unlink() {
      if (p) unlink(p->c_str());
    }
  } guard{&tmp};
  if (fchmod(fd.get(), mode) != 0) failSystem(asDomain(errorDomain), errno, "Failed to set mode of '" + path + "'");
  writeAll(fd.get(), content, path, errorDomain);
  if (sync && fsync(fd.get()) != 0) failSystem(asDomain(errorDomain), errno, "Failed to sync file '" + path + "'");
  fd.reset();
  if (rename(tmp.c_str(), path.c_str()) != 0)
    failSystem(asDomain(errorDomain), errno, "Failed to rename '" + tmp + "' to '" + path + "'");
  guard.p = nullptr;
  if (!sync) return;
  UniqueFd dir(open(parentDir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir) fsync(dir.get());
}

void removeFileIfExists(const std::string& path, int errorDomain) {
  if (unlink(path.c_str()) != 0 && errno != ENOENT)
    failSystem(asDomain(errorDomain), errno, "Failed to remove file '" + path + "'");
}

namespace {

void removeTreeAt(int parent, const char* name) {
  UniqueFd fd(openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (fd) {
    int dupFd = dup(fd.get());
    std::unique_ptr<DIR, int (*)(DIR*)> dir(dupFd >= 0 ? fdopendir(dupFd) : nullptr, closedir);
    if (!dir && dupFd >= 0) close(dupFd);
    while (dir) {
      struct dirent* e = readdir(dir.get());
      if (!e) break;
      std::string n = e->d_name;
      if (n == "." || n == "..") continue;
      if (unlinkat(fd.get(), e->d_name, 0) != 0 && errno == EISDIR) removeTreeAt(fd.get(), e->d_name);
    }
  }
  unlinkat(parent, name, AT_REMOVEDIR);
}

}  // namespace

void removeTree(const std::string& path) {
  if (unlink(path.c_str()) == 0) return;
  removeTreeAt(AT_FDCWD, path.c_str());
}

std::vector<std::string> listDirectory(const std::string& dirPath, const std::string& suffix) {
  std::vector<std::string> out;
  std::unique_ptr<DIR, int (*)(DIR*)> dir(opendir(dirPath.c_str()), closedir);
  if (!dir) return out;
  while (struct dirent* e = readdir(dir.get())) {
    std::string n = e->d_name;
    if (n == "." || n == ".." || n.size() < suffix.size()) continue;
    if (n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string findProgramOnPath(const std::string& name) {
  const char* env = getenv("PATH");
  std::string dirs = env && *env ? env : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  for (;;) {
    size_t colon = dirs.find(':', start);
    std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!dir.empty() && dir[0] == '/') {
      std::string candidate = dir + "/" + name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    if (colon == std::string::npos) return "";
    start = colon + 1;
  }
}

}  // namespace vireo
