// drivers/remote: libvirt's auth file (auth.conf) -- which file applies, its
// groups and keys, and libvirt's errors for a malformed one.
#include <stdlib.h>

#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <string>

#include "drivers/remote/remote_authfile.h"
#include "lib/util/directories.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "tests/support/temp_dir.h"

using namespace vireo;
using namespace vireo::remote;

namespace {

// Sets an environment variable for one test and restores it afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string writeFile(const test::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.sub(name);
  writeFileAtomic(path, text, 0600, VIR_FROM_NONE, FileDurability::ProcessCrash);
  return path;
}

Error errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return Error(VIR_ERR_OK, VIR_FROM_NONE, "");
}

}  // namespace

TEST_CASE("auth file: the host's group, else the default one", "[remote]") {
  test::TempDir dir("vireo-authfile");
  std::string path = writeFile(dir, "auth.conf",
                               "# comment\n"
                               "[credentials-a]\nauthname=alice\npassword=pa=ss word\n\n"
                               "[credentials-b]\nusername=bob\n"
                               "[auth-libvirt-host.example]\ncredentials=a\n"
                               "[auth-libvirt-default]\ncredentials=b\n");
  AuthFile f = AuthFile::load(path);
  CHECK(f.lookup("libvirt", "host.example", "authname") == "alice");
  CHECK(f.lookup("libvirt", "host.example", "password") == "pa=ss word");  // the rest of the line
  CHECK(f.lookup("libvirt", "host.example", "realm") == std::nullopt);
  CHECK(f.lookup("libvirt", "elsewhere", "username") == "bob");
  CHECK(f.lookup("libvirt", "elsewhere", "authname") == std::nullopt);
  CHECK(f.lookup("ssh", "host.example", "authname") == std::nullopt);  // no group for the service
}

TEST_CASE("auth file: libvirt's errors", "[remote]") {
  test::TempDir dir("vireo-authfile");
  std::string path = writeFile(dir, "a.conf", "[auth-libvirt-h]\nfoo=bar\n");
  Error e = errorOf([&] { AuthFile::load(path).lookup("libvirt", "h", "authname"); });
  CHECK(e.code() == VIR_ERR_CONF_SYNTAX);
  CHECK(e.message() == "configuration file syntax error: Missing item 'credentials' in group 'auth-libvirt-h' in '" +
                           path + "'");
  path = writeFile(dir, "b.conf", "[auth-libvirt-h]\ncredentials=x\n");
  e = errorOf([&] { AuthFile::load(path).lookup("libvirt", "h", "authname"); });
  CHECK(e.message() ==
        "configuration file syntax error: Missing group 'credentials-x' referenced from group 'auth-libvirt-h' in '" +
            path + "'");

  path = writeFile(dir, "c.conf", "[credentials-x\nauthname=a\n");
  e = errorOf([&] { AuthFile::load(path); });
  CHECK(e.code() == VIR_ERR_CONF_SYNTAX);
  CHECK(e.domain() == VIR_FROM_CONF);
  CHECK(e.message().find(path + ":1: ") != std::string::npos);
  path = writeFile(dir, "d.conf", "authname=a\n");
  e = errorOf([&] { AuthFile::load(path); });
  CHECK(e.message().find(path + ":1: value found before first group") != std::string::npos);
  path = writeFile(dir, "e.conf", "[g]\nno equals sign\n");
  e = errorOf([&] { AuthFile::load(path); });
  CHECK(e.message().find(path + ":2: ") != std::string::npos);

  e = errorOf([&] { AuthFile::load(dir.sub("missing.conf")); });
  CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
  CHECK(e.message().find("missing.conf") != std::string::npos);
}

TEST_CASE("auth file: LIBVIRT_AUTH_FILE, then authfile=, then the user's, then /etc", "[remote]") {
  test::TempDir dir("vireo-authfile");
  ScopedEnv xdg("XDG_CONFIG_HOME", dir.path.c_str());
  ScopedEnv env("LIBVIRT_AUTH_FILE", nullptr);
  Uri plain = Uri::parse("test+tcp://h/default");
  Uri withParam = Uri::parse("test+tcp://h/default?authfile=/given/auth.conf");

  CHECK(AuthFile::pathFor(withParam) == "/given/auth.conf");  // not checked for access
  auto none = AuthFile::pathFor(plain);
  CHECK((!none || *none == "/etc/libvirt/auth.conf"));  // only the host's own file, if it has one

  makeDirectories(dir.sub("libvirt"), 0700, VIR_FROM_NONE);
  std::string user = writeFile(dir, "libvirt/auth.conf", "");
  CHECK(AuthFile::pathFor(plain) == user);
  CHECK(AuthFile::pathFor(withParam) == "/given/auth.conf");

  ScopedEnv env2("LIBVIRT_AUTH_FILE", "/from/env");
  CHECK(AuthFile::pathFor(withParam) == "/from/env");
}
