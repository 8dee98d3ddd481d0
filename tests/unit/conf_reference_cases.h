// Reference cases of the lib/conf object models (tests/unit/data/storage,
// tests/unit/data/secret): inputs, libvirt's outputs and libvirt's refusals,
// made by the regenerate.py script beside them.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lib/util/error.h"

namespace vireo::test {

inline std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// tests/unit/data/<sub>. Meson compiles with a path relative to the build
// root, so a relative __FILE__ is resolved from there (the executable lives
// in <build>/tests/unit).
inline std::filesystem::path referenceDir(const std::string& sub) {
  namespace fs = std::filesystem;
  fs::path src = fs::path(__FILE__).parent_path() / "data" / sub;
  if (src.is_absolute() || fs::exists(src)) return src;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path fromBuild = exe.parent_path().parent_path().parent_path() / src;
    if (fs::exists(fromBuild)) return fromBuild;
  }
  return src;
}

// The names of the inputs in `dir` that start with `prefix`: "pool-dir" for
// pool-dir.xml (not the .out.xml outputs or the .pool.xml contexts).
inline std::vector<std::string> referenceCases(const std::filesystem::path& dir, const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string file = e.path().filename().string();
    if (!file.starts_with(prefix) || !file.ends_with(".xml")) continue;
    if (file.ends_with(".out.xml") || file.ends_with(".pool.xml")) continue;
    names.push_back(file.substr(0, file.size() - 4));
  }
  std::sort(names.begin(), names.end());
  return names;
}

// libvirt's refusal as the .err file records it: "CODE DOMAIN", then the
// message.
struct Refusal {
  int code = 0, domain = 0;
  std::string message;
};

inline Refusal readRefusal(const std::filesystem::path& p) {
  std::istringstream in(readFile(p));
  Refusal r;
  in >> r.code >> r.domain;
  in.ignore(1);
  std::getline(in, r.message, '\0');
  while (!r.message.empty() && r.message.back() == '\n') r.message.pop_back();
  return r;
}

// What `fn` threw as a Refusal (code 0 if it did not throw). For XML that
// does not parse, only the first line of the message is compared: libvirt's
// context lines print a null pointer as "(null)".
template <typename F>
Refusal refusalOf(F&& fn) {
  Refusal r;
  try {
    fn();
  } catch (const vireo::Error& e) {
    r.code = e.code();
    r.domain = e.domain();
    r.message = e.message();
  }
  return r;
}

inline std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace vireo::test
