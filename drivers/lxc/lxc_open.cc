// Opening lxc:/// URIs: which directories, and the one driver instance per
// root that connections in this process share. Opening a root makes this
// process its owner (lib/util/root_lock.h), read-only connections included
// (the QEMU driver's passive view has no counterpart here yet).
#include <unistd.h>

#include <map>

#include "drivers/lxc/lxc_config.h"
#include "drivers/lxc/lxc_driver.h"
#include "drivers/lxc/lxc_driver_state.h"
#include "drivers/lxc/lxc_lock.h"
#include "drivers/lxc/lxc_process.h"
#include "drivers/lxc/lxc_status.h"
#include "drivers/lxc/lxc_container_def.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/log.h"
#include "lib/util/mutex.h"

namespace vireo::lxc {

namespace {

LxcPaths pathsFor(const Uri& uri) {
  if (uri.path == "/embed") {
    std::optional<std::string> root = uri.param("root");
    if (!root || root->empty())
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_LXC, "URI '" + uri.toString() + "' must name a root: lxc:///embed?root=DIR");
    if ((*root)[0] != '/') fail(VIR_ERR_INVALID_ARG, VIR_FROM_LXC, "root path must be absolute: '" + *root + "'");
    std::string r = *root;
    while (r.size() > 1 && r.back() == '/') r.pop_back();
    return LxcPaths::forEmbed(r);
  }
  if (uri.path == "/system" || uri.path == "/" || uri.path.empty()) {
    if (geteuid() != 0) fail(VIR_ERR_OPERATION_DENIED, VIR_FROM_LXC, "lxc:///system needs root; use lxc:///embed?root=DIR");
    return LxcPaths::forSystem();
  }
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LXC,
       "unexpected LXC URI path '" + uri.path + "', try lxc:///system or lxc:///embed?root=DIR");
}

void loadDefinitions(LxcDriver& d) REQUIRES(d.mu) {
  for (const std::string& file : listDirectory(d.paths.domainConfigDir, ".xml")) {
    std::string path = d.paths.domainConfigDir + "/" + file;
    try {
      auto dom = std::make_shared<LxcDomain>();
      dom->persistentDef = conf::parseDomainXml(readWholeFile(path, VIR_FROM_LXC, kMaxXmlFileBytes), conf::ParseInactive);
      dom->def = dom->persistentDef;
      dom->persistent = true;
      d.domains.add(std::move(dom));
    } catch (const Error& e) {
      VIREO_WARN("lxc.lxc_open", "definition %s ignored: %s", path.c_str(), e.message().c_str());
    }
  }
}

struct Instances {
  Mutex mu;
  std::map<std::string, std::weak_ptr<LxcDriver>> byRoot GUARDED_BY(mu);
};

Instances& instances() {
  static Instances* i = new Instances;  // never destroyed: connections may close during exit
  return *i;
}

std::shared_ptr<LxcDriver> instanceFor(const LxcPaths& paths) {
  Instances& all = instances();
  MutexLock lock(all.mu);
  std::weak_ptr<LxcDriver>& slot = all.byRoot[paths.uri];
  if (auto existing = slot.lock()) return existing;
  // A malformed lxc.conf or lxc-lockd.conf fails the open, naming file and line.
  std::unique_ptr<lock::LockManager> locks = makeLockManager(paths, loadLxcConfig(paths.configFile).lockManager);
  paths.create();
  std::shared_ptr<RootLock> ownership = RootLock::acquire(paths.pidFile(), VIR_FROM_LXC);
  auto driver = std::make_shared<LxcDriver>(paths);
  driver->ownership = std::move(ownership);
  driver->locks = std::move(locks);
  {
    MutexLock dlock(driver->mu);
    loadDefinitions(*driver);
    reconnectContainers(*driver);
  }
  slot = driver;
  return driver;
}

bool accepts(const Uri& uri) { return uri.driverScheme() == "lxc" && uri.transport.empty() && uri.server.empty(); }

void open(driver::Connection& conn, virConnectAuthPtr, unsigned int) {
  LxcPaths paths = pathsFor(conn.uri());
  conn.setHypervisor(&kHypervisorDriver);
  conn.setState(std::make_unique<LxcConnection>(instanceFor(paths)));
  conn.setCanonicalUri(paths.uri);
}

}  // namespace

const driver::ConnectionDriver kConnectionDriver = {"LXC", accepts, open, nullptr};

}  // namespace vireo::lxc
