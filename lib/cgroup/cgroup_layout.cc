#include "lib/cgroup/cgroup_layout.h"

#include <sstream>
#include <vector>

#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::cgroup {

namespace {

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescapeOctal(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3') {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    parts.emplace_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// The options of a v1 mount that name hierarchies: controllers and name=X.
// "rw", "relatime", "clone_children", "noprefix", "xattr", ... are not.
bool namesHierarchy(const std::string& option) {
  static const char* const generic[] = {"rw", "ro", "relatime", "noatime", "nosuid", "nodev", "noexec",
                                        "clone_children", "noprefix", "xattr", "cpuset_v2_mode", "favordynmods"};
  for (const char* g : generic)
    if (option == g) return false;
  return option.rfind("release_agent=", 0) != 0;
}

}  // namespace

const char* resourceName(Resource r) {
  switch (r) {
    case Resource::Memory: return "memory";
    case Resource::Cpu: return "cpu";
    case Resource::CpuTime: return "cpuacct";
    case Resource::Freezer: return "freezer";
  }
  return "?";
}

std::optional<Resource> resourceByName(std::string_view name) {
  for (Resource r : kAllResources)
    if (name == resourceName(r)) return r;
  return std::nullopt;
}

CgroupMounts parseCgroupMounts(std::string_view mountinfo) {
  CgroupMounts m;
  for (const std::string& line : split(mountinfo, '\n')) {
    std::vector<std::string> f = split(line, ' ');
    size_t dash = 6;
    while (dash < f.size() && f[dash] != "-") ++dash;
    if (dash + 3 >= f.size()) continue;  // not a complete line
    const std::string& fstype = f[dash + 1];
    std::string mountPoint = unescapeOctal(f[4]);
    if (fstype == "cgroup2") {
      if (m.unified.empty()) m.unified = mountPoint;
    } else if (fstype == "cgroup") {
      for (const std::string& opt : split(f[dash + 3], ','))
        if (namesHierarchy(opt) && !m.v1.count(opt)) m.v1[opt] = mountPoint;
    }
  }
  return m;
}

std::map<std::string, std::string> parseProcCgroup(std::string_view text) {
  std::map<std::string, std::string> placement;
  for (const std::string& line : split(text, '\n')) {
    size_t c1 = line.find(':');
    size_t c2 = c1 == std::string::npos ? c1 : line.find(':', c1 + 1);
    if (c2 == std::string::npos) continue;
    std::string controllers = line.substr(c1 + 1, c2 - c1 - 1);
    std::string path = line.substr(c2 + 1);
    if (controllers.empty()) {
      placement[""] = path;
      continue;
    }
    for (const std::string& c : split(controllers, ',')) placement[c] = path;
  }
  return placement;
}

std::map<Resource, Hierarchy> chooseHierarchies(const CgroupMounts& mounts, const std::set<std::string>& v2Controllers) {
  std::map<Resource, Hierarchy> out;
  bool v2 = !mounts.unified.empty();
  auto useV2 = [&](Resource r) { out[r] = Hierarchy{2, mounts.unified, ""}; };
  auto useV1 = [&](Resource r, const std::string& controller) {
    auto it = mounts.v1.find(controller);
    if (it != mounts.v1.end()) out[r] = Hierarchy{1, it->second, controller};
  };
  // Controllers: v2 when enabled at its root, else v1.
  if (v2 && v2Controllers.count("memory")) useV2(Resource::Memory);
  else useV1(Resource::Memory, "memory");
  if (v2 && v2Controllers.count("cpu")) useV2(Resource::Cpu);
  else useV1(Resource::Cpu, "cpu");
  // Core files of every v2 cgroup: no controller needed.
  if (v2) {
    useV2(Resource::CpuTime);
    useV2(Resource::Freezer);
  } else {
    useV1(Resource::CpuTime, "cpuacct");
    useV1(Resource::Freezer, "freezer");
  }
  return out;
}

std::map<Resource, Hierarchy> hostHierarchies(virErrorDomain errorDomain) {
  CgroupMounts mounts = parseCgroupMounts(readWholeFile("/proc/self/mountinfo", errorDomain, 1 << 22));
  std::set<std::string> controllers;
  if (!mounts.unified.empty()) {
    try {
      std::istringstream in(readWholeFile(mounts.unified + "/cgroup.controllers", errorDomain, 4096));
      for (std::string c; in >> c;) controllers.insert(c);
    } catch (const Error&) {
      // An unreadable list: no controller in v2, the core files still are.
    }
  }
  return chooseHierarchies(mounts, controllers);
}

}  // namespace vireo::cgroup
