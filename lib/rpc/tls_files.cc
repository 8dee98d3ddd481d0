#include "lib/rpc/tls_files.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace vireo::rpc {
namespace {

constexpr const char* kSystemCaCert = "/etc/pki/CA/cacert.pem";
constexpr const char* kSystemCaCrl = "/etc/pki/CA/cacrl.pem";
constexpr const char* kSystemCert = "/etc/pki/libvirt/clientcert.pem";
constexpr const char* kSystemKey = "/etc/pki/libvirt/private/clientkey.pem";

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

TlsFiles filesIn(const std::string& dir) {
  return {dir + "/cacert.pem", dir + "/cacrl.pem", dir + "/clientcert.pem", dir + "/clientkey.pem"};
}

}  // namespace

TlsFiles locateClientTlsFiles(const std::string& pkipath, const std::string& userDir) {
  // An explicit directory is used as it is: a missing file there is an
  // error later, never a reason to look elsewhere.
  if (!pkipath.empty()) return filesIn(pkipath);
  TlsFiles system{kSystemCaCert, kSystemCaCrl, kSystemCert, kSystemKey};
  if (userDir.empty()) return system;
  TlsFiles user = filesIn(userDir);
  TlsFiles found = system;
  if (exists(user.caCert)) found.caCert = user.caCert;
  if (exists(user.caCrl)) found.caCrl = user.caCrl;
  // A certificate is useless without its key: both from one place.
  if (exists(user.cert) && exists(user.key)) {
    found.cert = user.cert;
    found.key = user.key;
  }
  return found;
}

std::string userTlsDirectory() {
  if (::geteuid() == 0) return "";
  // libvirt asks GLib for the home directory, which prefers $HOME.
  const char* home = std::getenv("HOME");
  std::string dir = home && *home ? home : "";
  if (dir.empty()) {
    passwd pw{};
    passwd* result = nullptr;
    char buf[4096];
    if (::getpwuid_r(::geteuid(), &pw, buf, sizeof buf, &result) == 0 && result) dir = pw.pw_dir;
  }
  return dir + "/.pki/libvirt";
}

}  // namespace vireo::rpc
