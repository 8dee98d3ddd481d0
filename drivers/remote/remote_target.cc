#include "drivers/remote/remote_target.h"

#include <strings.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "lib/util/error.h"

namespace vireo::remote {
namespace {

[[noreturn]] void invalid(std::string_view detail) { fail(VIR_ERR_INVALID_ARG, VIR_FROM_REMOTE, detail); }

bool equalsIgnoringCase(std::string_view a, const char* b) {
  return a.size() == std::strlen(b) && ::strncasecmp(a.data(), b, a.size()) == 0;
}

Transport transportNamed(const std::string& name, bool hasHost) {
  if (name.empty()) return hasHost ? Transport::Tls : Transport::Unix;
  static const struct {
    const char* name;
    Transport transport;
  } kTransports[] = {
      {"tls", Transport::Tls},         {"unix", Transport::Unix}, {"ssh", Transport::Ssh},
      {"libssh2", Transport::Libssh2}, {"ext", Transport::Ext},   {"tcp", Transport::Tcp},
      {"libssh", Transport::Libssh},
  };
  for (const auto& t : kTransports)
    if (equalsIgnoringCase(name, t.name)) return t.transport;
  invalid("remote_open: transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)");
}

// GLib's URI escaping, which libvirt uses for the forwarded parameters:
// everything but letters, digits and "-._~" becomes %XX.
std::string uriEscape(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// libvirt reads its integer options with virStrToLong_i: any nonzero
// number sets them; anything that is not a number is an error.
bool flagValue(const std::string& name, const std::string& value) {
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || errno != 0)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_REMOTE, "Failed to parse value of URI component " + name);
  return v != 0;
}

SshProxy proxyNamed(const std::string& value) {
  if (value == "auto") return SshProxy::Auto;
  if (value == "netcat") return SshProxy::Netcat;
  if (value == "native") return SshProxy::Native;
  // libvirt 9.0 spells it so.
  invalid("Unnkown proxy type '" + value + "'");
}

}  // namespace

bool isRemoteUri(const Uri& uri) {
  if (!uri.transport.empty() || !uri.server.empty()) return true;
  return equalsIgnoringCase(uri.driverScheme(), "remote");
}

std::string defaultDaemonSocket(bool readOnly) {
  std::string dir;
  if (::geteuid() == 0) {
    dir = "/var/run/libvirt";
  } else {
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    dir = runtime && *runtime ? std::string(runtime) + "/libvirt"
                              : std::string(std::getenv("HOME") ? std::getenv("HOME") : "") + "/.cache/libvirt";
  }
  return dir + (readOnly ? "/libvirt-sock-ro" : "/libvirt-sock");
}

RemoteTarget RemoteTarget::parse(const Uri& uri) {
  RemoteTarget t;
  t.transport = transportNamed(uri.transport, !uri.server.empty());
  t.host = uri.server.empty() ? "localhost" : uri.server;
  t.user = uri.user;
  if (uri.port != 0)
    t.port = std::to_string(uri.port);
  else if (t.transport == Transport::Tls)
    t.port = "16514";
  else if (t.transport == Transport::Tcp)
    t.port = "16509";

  std::optional<std::string> name;
  std::vector<std::string> forwarded;
  for (const auto& [key, value] : uri.params) {
    struct StringOption {
      const char* name;
      std::string* into;
    } strings[] = {
        {"command", &t.command},      {"socket", &t.socketPath},         {"auth", &t.auth},
        {"sshauth", &t.sshauth},      {"netcat", &t.netcat},             {"keyfile", &t.keyfile},
        {"pkipath", &t.pkipath},      {"known_hosts", &t.knownHosts},    {"known_hosts_verify", &t.knownHostsVerify},
        {"tls_priority", &t.tlsPriority}, {"mode", &t.mode},
    };
    bool consumed = false;
    for (auto& s : strings) {
      if (equalsIgnoringCase(key, s.name)) {
        *s.into = value;
        consumed = true;
      }
    }
    if (consumed) continue;
    if (equalsIgnoringCase(key, "name")) {
      name = value;
    } else if (equalsIgnoringCase(key, "proxy")) {
      t.proxy = proxyNamed(value);
      t.proxyGiven = true;
    } else if (equalsIgnoringCase(key, "no_verify")) {
      t.noVerify = flagValue(key, value);
    } else if (equalsIgnoringCase(key, "no_tty")) {
      t.noTty = flagValue(key, value);
    } else if (equalsIgnoringCase(key, "no_sanity")) {
      t.noSanity = flagValue(key, value);
    } else if (equalsIgnoringCase(key, "authfile")) {
      // read by the auth callback's caller, never forwarded
    } else {
      forwarded.push_back(uriEscape(key) + "=" + uriEscape(value));
    }
  }

  if (name) {
    t.openName = *name;
  } else {
    std::string scheme = uri.driverScheme();
    if (equalsIgnoringCase(scheme, "remote")) {
      t.openName = "";  // the daemon probes
    } else {
      Uri sent;
      sent.scheme = scheme;
      sent.path = uri.path;
      for (size_t i = 0; i < forwarded.size(); i++) sent.query += (i ? "&" : "") + forwarded[i];
      sent.fragment = uri.fragment;
      t.openName = sent.toString();
    }
  }

  if (t.transport == Transport::Unix && !uri.server.empty())
    invalid("using unix socket and remote server '" + uri.server + "' is not supported.");
  if (t.transport == Transport::Ext && t.command.empty())
    invalid("remote_open: for 'ext' transport, command is required");
  return t;
}

}  // namespace vireo::remote
