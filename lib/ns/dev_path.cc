#include "lib/ns/dev_path.h"

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::ns {

namespace {

[[noreturn]] void refuse(int errorDomain, std::string_view what, std::string_view path, std::string_view why) {
  fail(VIR_ERR_CONFIG_UNSUPPORTED, static_cast<virErrorDomain>(errorDomain),
       std::string(what) + " '" + std::string(path) + "' " + std::string(why));
}

// The component rules shared by absolute and relative forms; `body` is the
// path without its leading slash.
void checkComponents(int errorDomain, std::string_view what, std::string_view original, std::string_view body) {
  if (body.empty()) refuse(errorDomain, what, original, "names no file");
  if (body.back() == '/') refuse(errorDomain, what, original, "ends with a slash");
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('/', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view c = body.substr(start, end - start);
    if (c.empty()) refuse(errorDomain, what, original, "has an empty component");
    if (c == ".") refuse(errorDomain, what, original, "has a '.' component");
    if (c == "..") refuse(errorDomain, what, original, "has a '..' component");
    start = end + 1;
  }
}

}  // namespace

std::vector<std::string_view> pathComponents(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    if (end > i) out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool pathIsWithin(std::string_view path, std::string_view dir) {
  auto p = pathComponents(path);
  auto d = pathComponents(dir);
  if (d.size() > p.size()) return false;
  for (size_t i = 0; i < d.size(); ++i)
    if (p[i] != d[i]) return false;
  return true;
}

bool pathIsUnderDev(std::string_view path) {
  auto p = pathComponents(path);
  return !path.empty() && path[0] == '/' && p.size() >= 2 && p[0] == "dev";
}

std::string checkDevPath(std::string_view path, int errorDomain) {
  const char* what = "device path";
  if (path.empty()) refuse(errorDomain, what, path, "is empty");
  if (path[0] != '/') refuse(errorDomain, what, path, "is not absolute");
  checkComponents(errorDomain, what, path, path.substr(1));
  if (!pathIsUnderDev(path)) refuse(errorDomain, what, path, "is not under /dev");
  return std::string(path);
}

std::string checkDevRelativePath(std::string_view rel, int errorDomain) {
  const char* what = "device path below /dev";
  if (rel.empty()) refuse(errorDomain, what, rel, "is empty");
  if (rel[0] == '/') refuse(errorDomain, what, rel, "is absolute");
  checkComponents(errorDomain, what, rel, rel);
  return "/dev/" + std::string(rel);
}

std::string devRelativePath(std::string_view path) {
  std::string out;
  auto parts = pathComponents(path);
  for (size_t i = 1; i < parts.size(); ++i) {
    if (!out.empty()) out += '/';
    out += parts[i];
  }
  return out;
}

std::string normalizeAbsolutePath(std::string_view path) {
  std::vector<std::string_view> kept;
  for (auto c : pathComponents(path)) {
    if (c == ".") continue;
    if (c == "..") {
      if (!kept.empty()) kept.pop_back();  // "/.." is "/"
      continue;
    }
    kept.push_back(c);
  }
  std::string out;
  for (auto c : kept) {
    out += '/';
    out += c;
  }
  return out.empty() ? "/" : out;
}

std::string resolveLinkTarget(std::string_view linkDir, std::string_view target) {
  if (!target.empty() && target[0] == '/') return normalizeAbsolutePath(target);
  return normalizeAbsolutePath(std::string(linkDir) + "/" + std::string(target));
}

}  // namespace vireo::ns
