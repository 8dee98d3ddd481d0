#include "drivers/lxc/lxc_console.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <thread>

#include "drivers/lxc/lxc_driver_state.h"
#include "lib/driver/fd_stream.h"
#include "lib/driver/stream_sessions.h"
#include "lib/util/error.h"
#include "lib/util/log.h"
#include "lib/util/mutex.h"

namespace vireo::lxc {

namespace {

constexpr const char* kLogModule = "lxc.lxc_console";
// How often the log copier looks again while a session holds the console.
constexpr int kSessionPollMs = 100;

// The consoles of the containers this process started, by status file.
struct Registry {
  Mutex mutex;
  std::map<std::string, std::shared_ptr<ContainerConsole>> byKey GUARDED_BY(mutex);
};

// Never destroyed: copier threads may still unregister at exit.
Registry& registry() {
  static auto* r = new Registry;
  return *r;
}

std::string sessionKey(const std::string& key) { return "lxc-console:" + key; }

void unregister(const std::string& key, const ContainerConsole* console) {
  Registry& r = registry();
  MutexLock lock(r.mutex);
  auto it = r.byKey.find(key);
  // A restarted container may already have a new console under the key.
  if (it != r.byKey.end() && it->second.get() == console) r.byKey.erase(it);
}

}  // namespace

ContainerConsole::ContainerConsole(UniqueFd master, UniqueFd slave, std::string slavePath)
    : master_(std::move(master)), slave_(std::move(slave)), slavePath_(std::move(slavePath)) {}

ContainerConsole::~ContainerConsole() = default;

std::shared_ptr<ContainerConsole> ContainerConsole::allocate(const std::string& name) {
  std::string what = "the console of container '" + name + "'";
  UniqueFd master(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!master) failSystem(VIR_FROM_LXC, errno, "Unable to allocate a pty for " + what);
  char path[64];
  if (::grantpt(master.get()) < 0 || ::unlockpt(master.get()) < 0 ||
      ::ptsname_r(master.get(), path, sizeof path) != 0)
    failSystem(VIR_FROM_LXC, errno, "Unable to unlock the pty of " + what);
  UniqueFd slave(::open(path, O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!slave) failSystem(VIR_FROM_LXC, errno, std::string("Unable to open ") + path + " for " + what);
  int flags = ::fcntl(master.get(), F_GETFL);
  if (flags < 0 || ::fcntl(master.get(), F_SETFL, flags | O_NONBLOCK) < 0)
    failSystem(VIR_FROM_LXC, errno, "Unable to set non-blocking mode on the pty of " + what);
  return std::make_shared<ContainerConsole>(std::move(master), std::move(slave), path);
}

conf::ChrDef ContainerConsole::liveDefinition() const {
  conf::ChrDef c;
  c.kind = "console";
  c.type = "pty";
  c.rest.attrs.emplace_back("tty", slavePath_);
  c.sources.push_back(xml::Element::make("source"));
  c.sources.front().setAttr("path", slavePath_);
  c.hasTarget = true;
  c.targetType = "lxc";
  c.targetPort = 0;
  c.info.alias = "console0";
  return c;
}

void ContainerConsole::activate(std::shared_ptr<ContainerConsole> console, const std::string& key,
                                const std::string& logPath) {
  // The init has its copies of the slave; ours would keep the pty alive
  // after the container is gone.
  console->slave_.reset();
  {
    Registry& r = registry();
    MutexLock lock(r.mutex);
    r.byKey[key] = console;
  }
  // Detached: it ends when the container does (EIO), holding the console.
  std::thread([console, key, logPath] { console->copyToLog(logPath, key); }).detach();
}

void ContainerConsole::copyToLog(const std::string& logPath, const std::string& key) {
  UniqueFd log(::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
  if (!log) VIREO_WARN(kLogModule, "console output not logged: cannot open %s", logPath.c_str());
  char buf[4096];
  for (;;) {
    if (driver::hasActiveSession(sessionKey(key))) {
      ::poll(nullptr, 0, kSessionPollMs);
      continue;
    }
    pollfd p{master_.get(), POLLIN, 0};
    if (::poll(&p, 1, kSessionPollMs) <= 0) continue;
    ssize_t n = ::read(master_.get(), buf, sizeof buf);
    if (n > 0) {
      // The log is best effort: a full disk must not stop the container.
      if (log && ::write(log.get(), buf, static_cast<size_t>(n)) < 0) log.reset();
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    break;  // EIO: no process has the slave open any more
  }
  VIREO_DEBUG(kLogModule, "console %s closed", slavePath_.c_str());
  unregister(key, this);
}

std::shared_ptr<driver::Stream> openContainerConsole(const std::string& key, const std::string& name, bool force) {
  std::shared_ptr<ContainerConsole> console;
  {
    Registry& r = registry();
    MutexLock lock(r.mutex);
    auto it = r.byKey.find(key);
    if (it != r.byKey.end()) console = it->second;
  }
  if (!console)
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_LXC,
         "the console of container '" + name +
             "' is held by the process that started it; this process took the container over and has no console");
  return driver::openExclusiveSession(
      sessionKey(key), force, {VIR_FROM_LXC, "Active console session exists for this domain"}, [&] {
        UniqueFd copy(::fcntl(console->master_.get(), F_DUPFD_CLOEXEC, 0));
        if (!copy) failSystem(VIR_FROM_LXC, errno, "Unable to duplicate the console of container '" + name + "'");
        return std::make_shared<driver::FdStream>(std::move(copy));
      });
}

std::shared_ptr<driver::Stream> openConsole(driver::Connection& conn, driver::DomainIdentity& id,
                                            const char* devName, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_CONSOLE_FORCE | VIR_DOMAIN_CONSOLE_SAFE, VIR_FROM_LXC, "lxcDomainOpenConsole");
  std::string key;
  {
    LxcDriver& d = driverOf(conn);
    MutexLock lock(d.mu);
    LxcDomain& dom = d.domains.get(id, VIR_FROM_LXC);
    if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is not running");
    key = d.paths.statusFile(dom.def.name);
  }
  if (devName && std::string(devName) != "console0")
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LXC, std::string("cannot find console device '") + devName + "'");
  return openContainerConsole(key, id.name, flags & VIR_DOMAIN_CONSOLE_FORCE);
}

}  // namespace vireo::lxc
