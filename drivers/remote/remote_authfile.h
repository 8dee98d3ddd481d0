// libvirt's authentication file (auth.conf): credentials that the remote
// driver uses before it asks the application's virConnectAuth callback.
//
//   [credentials-admin]
//   authname=alice
//   password=secret
//
//   [auth-libvirt-server.example.org]
//   credentials=admin
//
// A connection to `host` reads group auth-libvirt-HOST, else
// auth-libvirt-default; its `credentials` key names the group
// credentials-NAME that holds the values. Found as libvirt's
// virAuthGetConfigFilePath finds it: $LIBVIRT_AUTH_FILE, else the URI's
// authfile= parameter, else $XDG_CONFIG_HOME/libvirt/auth.conf (default
// ~/.config/libvirt/auth.conf) or /etc/libvirt/auth.conf, whichever is
// readable first.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "lib/util/uri.h"

namespace vireo::remote {

class AuthFile {
 public:
  AuthFile() = default;
  AuthFile(AuthFile&&) = default;
  AuthFile& operator=(AuthFile&&) = default;
  // Wipes the values (passwords among them) before their memory is freed.
  ~AuthFile();

  // The file that applies to a connection to `uri`; nullopt when there is none.
  static std::optional<std::string> pathFor(const Uri& uri);
  // Reads and parses `path`. Throws VIR_ERR_SYSTEM_ERROR when it cannot be
  // read, VIR_ERR_CONF_SYNTAX "PATH:LINE: cause" when it is malformed.
  static AuthFile load(const std::string& path);

  // The credential `name` ("authname", "password", ...) for `service` on
  // `host`; nullopt when the file has none. Throws VIR_ERR_CONF_SYNTAX
  // (libvirt's messages) when the auth group lacks `credentials` or names a
  // missing group.
  std::optional<std::string> lookup(const std::string& service, const std::string& host,
                                    const std::string& name) const;

 private:
  using Group = std::map<std::string, std::string>;
  const Group* group(const std::string& name) const;

  std::string path_;
  std::map<std::string, Group> groups_;
};

}  // namespace vireo::remote
