#include "drivers/remote/remote_authfile.h"

#include <string.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <string_view>

#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::remote {
namespace {

// An auth file is small; refuse a runaway one rather than read it whole.
constexpr size_t kMaxAuthFileBytes = 1024 * 1024;

[[noreturn]] void syntaxError(const std::string& path, size_t line, const std::string& cause) {
  fail(VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF, path + ":" + std::to_string(line) + ": " + cause);
}

bool isKeyChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'; }

std::optional<std::string> readable(const std::string& path) {
  if (::access(path.c_str(), R_OK) == 0) return path;
  return std::nullopt;
}

std::string userConfigDir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/libvirt";
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + "/.config/libvirt";
}

}  // namespace

AuthFile::~AuthFile() {
  for (auto& [name, group] : groups_)
    for (auto& [key, value] : group) explicit_bzero(value.data(), value.size());
}

std::optional<std::string> AuthFile::pathFor(const Uri& uri) {
  // The variable wins over the URI, and neither is checked for access:
  // a file named explicitly that cannot be read is an error when loaded.
  if (const char* env = std::getenv("LIBVIRT_AUTH_FILE")) return std::string(env);
  for (const auto& [key, value] : uri.params)
    if (key == "authfile" && !value.empty()) return value;
  if (auto user = readable(userConfigDir() + "/auth.conf")) return user;
  return readable("/etc/libvirt/auth.conf");
}

AuthFile AuthFile::load(const std::string& path) {
  AuthFile file;
  file.path_ = path;
  std::string text = readWholeFile(path, VIR_FROM_NONE, kMaxAuthFileBytes);
  Group* current = nullptr;
  size_t lineNo = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    lineNo++;
    if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (line[0] == '[') {
      size_t close = line.find(']');
      if (close == std::string_view::npos) syntaxError(path, lineNo, "cannot find end of group name, expected ']'");
      if (line.find_first_not_of(" \t", close + 1) != std::string_view::npos)
        syntaxError(path, lineNo, "unexpected characters after group name");
      current = &file.groups_[std::string(line.substr(1, close - 1))];
      continue;
    }
    size_t eq = 0;
    while (eq < line.size() && isKeyChar(line[eq])) eq++;
    if (eq == 0 || eq == line.size() || line[eq] != '=')
      syntaxError(path, lineNo, "malformed key, expected 'NAME=VALUE'");
    if (!current) syntaxError(path, lineNo, "value found before first group");
    (*current)[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }
  explicit_bzero(text.data(), text.size());
  return file;
}

const AuthFile::Group* AuthFile::group(const std::string& name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : &it->second;
}

std::optional<std::string> AuthFile::lookup(const std::string& service, const std::string& host,
                                            const std::string& name) const {
  std::string authName = "auth-" + service + "-" + (host.empty() ? "localhost" : host);
  const Group* auth = group(authName);
  if (!auth) {
    authName = "auth-" + service + "-default";
    auth = group(authName);
  }
  if (!auth) return std::nullopt;
  auto credentials = auth->find("credentials");
  if (credentials == auth->end())
    fail(VIR_ERR_CONF_SYNTAX, VIR_FROM_NONE,
         "Missing item 'credentials' in group '" + authName + "' in '" + path_ + "'");
  const Group* values = group("credentials-" + credentials->second);
  if (!values)
    fail(VIR_ERR_CONF_SYNTAX, VIR_FROM_NONE,
         "Missing group 'credentials-" + credentials->second + "' referenced from group '" + authName + "' in '" +
             path_ + "'");
  auto value = values->find(name);
  if (value == values->end()) return std::nullopt;
  return value->second;
}

}  // namespace vireo::remote
