// Opening qemu:/// URIs: which directories, which configuration, and the
// one driver instance per root that connections in this process share.
//
// A read-write open makes this process the root's owner (lib/util/root_lock.h)
// or fails when another process is. A read-only open shares the owning
// instance of this process if there is one, and otherwise gets a passive
// view (qemu_passive_view.h), whoever owns the root.
#include <unistd.h>

#include <map>
#include <mutex>

#include "drivers/qemu/qemu_driver.h"
#include "drivers/qemu/qemu_ops.h"
#include "drivers/qemu/qemu_reconnect.h"
#include "drivers/qemu/qemu_security.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/mutex.h"
#include "lib/util/root_lock.h"

namespace vireo::qemu {

namespace {

// The longest socket path a domain of this root may need:
// ROOT/lib/qemu/domain-<id>-<20-byte name>/monitor.sock, with room for a
// 7-digit id.
constexpr size_t kRootOverhead = std::char_traits<char>::length("/lib/qemu/domain-1234567-") + 20 +
                                 std::char_traits<char>::length("/monitor.sock");

std::string normaliseRoot(std::string root) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

QemuPaths pathsFor(const Uri& uri, bool& privileged) {
  privileged = geteuid() == 0;
  if (uri.path == "/embed") {
    std::optional<std::string> root = uri.param("root");
    if (!root || root->empty())
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "URI '" + uri.toString() + "' must name a root: qemu:///embed?root=DIR");
    if ((*root)[0] != '/')
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "root path must be absolute: '" + *root + "'");
    std::string r = normaliseRoot(*root);
    if (r.size() + kRootOverhead > kMaxSocketPath)
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
           "root path '" + r + "' is too long: the monitor socket paths under it would exceed " +
               std::to_string(kMaxSocketPath) + " bytes (keep the root under " +
               std::to_string(kMaxSocketPath - kRootOverhead + 1) + " bytes)");
    return QemuPaths::forEmbed(r);
  }
  if (uri.path == "/system") {
    if (!privileged)
      fail(VIR_ERR_OPERATION_DENIED, VIR_FROM_QEMU, "qemu:///system needs root; use qemu:///session");
    return QemuPaths::forSystem();
  }
  if (uri.path == "/session") {
    privileged = false;
    return QemuPaths::forSession();
  }
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
       "unexpected QEMU URI path '" + uri.path + "', try qemu:///system, qemu:///session or qemu:///embed?root=DIR");
}

struct Instances {
  Mutex mu;
  std::map<std::string, std::weak_ptr<QemuDriver>> byRoot GUARDED_BY(mu);
};

Instances& instances() {
  static Instances* i = new Instances;  // never destroyed: connections may close during exit
  return *i;
}

std::shared_ptr<QemuDriver> instanceFor(const QemuPaths& paths, bool privileged, bool readOnly) {
  Instances& all = instances();
  MutexLock lock(all.mu);
  std::weak_ptr<QemuDriver>& slot = all.byRoot[paths.uri];
  std::shared_ptr<QemuDriver> existing = slot.lock();
  if (existing && (readOnly || !existing->passive)) return existing;
  QemuConfig config = loadQemuConfig(paths.configFile, privileged);
  if (readOnly) {
    // Creates nothing and locks nothing: the first call reads the root.
    auto view = std::make_shared<QemuDriver>(paths, std::move(config), privileged, true);
    slot = view;
    return view;
  }
  paths.create();
  // Before anything is read or changed: a second owner would take over
  // the domains this one runs.
  std::shared_ptr<RootLock> ownership = RootLock::acquire(paths.pidFile(), VIR_FROM_QEMU);
  auto driver = std::make_shared<QemuDriver>(paths, std::move(config), privileged);
  driver->ownership = std::move(ownership);
  shareDirectoriesWithEmulator(driver->paths, driver->config, privileged);
  loadDriverState(driver);
  autostartDomains(driver);
  slot = driver;  // (a passive view of this root, if any, serves its connections on)
  return driver;
}

bool accepts(const Uri& uri) {
  return uri.driverScheme() == "qemu" && uri.transport.empty() && uri.server.empty();
}

void open(driver::Connection& conn, virConnectAuthPtr, unsigned int) {
  bool privileged = false;
  QemuPaths paths = pathsFor(conn.uri(), privileged);
  conn.setHypervisor(&kHypervisorDriver);
  conn.setState(std::make_unique<QemuConnection>(instanceFor(paths, privileged, conn.readOnly())));
  conn.setCanonicalUri(paths.uri);
}

// With QEMU installed, an application that names no URI gets an embedded
// driver under a per-user root.
std::string defaultUri() {
  if (findProgramOnPath("qemu-system-x86_64").empty()) return "";
  const char* data = getenv("XDG_DATA_HOME");
  const char* home = getenv("HOME");
  std::string base = data && *data ? data : std::string(home && *home ? home : "/root") + "/.local/share";
  return "qemu:///embed?root=" + base + "/vireo/embed";
}

}  // namespace

const driver::ConnectionDriver kConnectionDriver = {"QEMU", accepts, open, defaultUri};

}  // namespace vireo::qemu
