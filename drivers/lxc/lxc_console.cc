#include "drivers/lxc/lxc_console.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>

#include "drivers/lxc/lxc_console_keeper.h"
#include "drivers/lxc/lxc_driver_state.h"
#include "lib/driver/fd_stream.h"
#include "lib/driver/stream_sessions.h"
#include "lib/util/error.h"
#include "lib/util/mutex.h"

namespace vireo::lxc {

namespace {

std::string sessionKey(const std::string& socketPath) { return "lxc-console:" + socketPath; }

// The master relayed as a stream, with the connection to the keeper that
// keeps it from reading the pty: closed when the session ends.
class KeeperSession : public driver::FdStream {
 public:
  KeeperSession(UniqueFd master, UniqueFd keeper) : FdStream(std::move(master)), keeper_(std::move(keeper)) {}
  void finish() override {
    FdStream::finish();
    release();
  }
  void abort() override {
    FdStream::abort();
    release();
  }

 private:
  void release() {
    MutexLock lock(mutex_);
    keeper_.reset();
  }
  Mutex mutex_;
  UniqueFd keeper_ GUARDED_BY(mutex_);
};

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

std::shared_ptr<driver::Stream> openContainerConsole(const std::string& socketPath, const std::string& name,
                                                     bool force) {
  return driver::openExclusiveSession(
      sessionKey(socketPath), force, {VIR_FROM_LXC, "Active console session exists for this domain"}, [&] {
        UniqueFd keeper;
        UniqueFd master = receiveConsoleMaster(socketPath, name, keeper);
        return std::make_shared<KeeperSession>(std::move(master), std::move(keeper));
      });
}

std::shared_ptr<driver::Stream> openConsole(driver::Connection& conn, driver::DomainIdentity& id,
                                            const char* devName, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_CONSOLE_FORCE | VIR_DOMAIN_CONSOLE_SAFE, VIR_FROM_LXC, "lxcDomainOpenConsole");
  std::string socketPath;
  {
    LxcDriver& d = driverOf(conn);
    MutexLock lock(d.mu);
    LxcDomain& dom = d.domains.get(id, VIR_FROM_LXC);
    if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is not running");
    socketPath = d.paths.consoleSocket(dom.def.name);
  }
  if (devName && std::string(devName) != "console0")
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LXC, std::string("cannot find console device '") + devName + "'");
  return openContainerConsole(socketPath, id.name, flags & VIR_DOMAIN_CONSOLE_FORCE);
}

}  // namespace vireo::lxc
