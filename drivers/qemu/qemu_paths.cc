#include "drivers/qemu/qemu_paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "lib/util/directories.h"
#include "lib/util/error.h"

namespace vireo::qemu {

namespace {

QemuPaths layout(const std::string& etc, const std::string& run, const std::string& log,
                 const std::string& cache, const std::string& lib) {
  QemuPaths p;
  p.configFile = etc + "/qemu.conf";
  p.domainConfigDir = etc + "/qemu";
  p.autostartDir = etc + "/qemu/autostart";
  p.stateDir = run + "/qemu";
  p.logDir = log + "/qemu";
  p.cacheDir = cache + "/qemu";
  p.libDir = lib + "/qemu";
  p.saveDir = lib + "/qemu/save";
  p.lockdSocket = run + "/lockd.sock";
  p.lockdPidFile = run + "/lockd.pid";
  p.lockdLog = log + "/lockd.log";
  p.lockdConfigFile = etc + "/qemu-lockd.conf";
  return p;
}

std::string envOr(const char* name, const std::string& fallback) {
  const char* v = getenv(name);
  return v && *v ? std::string(v) : fallback;
}

}  // namespace

QemuPaths QemuPaths::forEmbed(const std::string& root) {
  QemuPaths p = layout(root + "/etc", root + "/run", root + "/log", root + "/cache", root + "/lib");
  p.root = root;
  p.uri = "qemu:///embed?root=" + root;
  return p;
}

QemuPaths QemuPaths::forSystem() {
  QemuPaths p = layout("/etc/vireo", "/run/vireo", "/var/log/vireo", "/var/cache/vireo", "/var/lib/vireo");
  p.uri = "qemu:///system";
  return p;
}

QemuPaths QemuPaths::forSession() {
  std::string home = envOr("HOME", "/");
  std::string config = envOr("XDG_CONFIG_HOME", home + "/.config") + "/vireo";
  std::string cache = envOr("XDG_CACHE_HOME", home + "/.cache") + "/vireo";
  std::string state = envOr("XDG_STATE_HOME", home + "/.local/state") + "/vireo";
  std::string run = envOr("XDG_RUNTIME_DIR", cache) + "/vireo";
  QemuPaths p = layout(config, run, state + "/log", cache, state);
  p.uri = "qemu:///session";
  return p;
}

void makeDirectories(const std::string& path, unsigned mode) { vireo::makeDirectories(path, mode, VIR_FROM_QEMU); }

std::string QemuPaths::domainDir(int id, const std::string& name) const {
  return libDir + "/domain-" + std::to_string(id) + "-" + name;
}

void QemuPaths::create() const {
  for (const std::string* dir : {&domainConfigDir, &autostartDir, &stateDir, &logDir, &cacheDir, &libDir, &saveDir})
    makeDirectories(*dir, 0700);
}

}  // namespace vireo::qemu
