// A container's console: a pty allocated in the host's devpts.
//
// As in libvirt, every container has a console. Before the init starts, the
// driver allocates a pty pair in this process; the slave becomes the init's
// stdin, stdout and stderr and is bind-mounted onto the container's
// /dev/console (lib/ns, ContainerPlan::console). The master stays in this
// process: while no console session is open, a thread copies what the
// container writes to its log file (log/lxc/NAME.log), so that the init
// never blocks on a full pty; virDomainOpenConsole relays through it.
//
// The master lives in the process that started the container and only
// there, for as long as the container runs (not tied to a connection). A
// process that took the container over (a later vireo process on the same
// root) has no master: its virDomainOpenConsole fails with
// VIR_ERR_OPERATION_UNSUPPORTED naming the process that holds it
// (doc/lxc-driver.md).
#pragma once

#include <memory>
#include <string>

#include "lib/conf/domain_def.h"
#include "lib/driver/hypervisor_driver.h"
#include "lib/driver/stream.h"
#include "lib/util/fd.h"

namespace vireo::lxc {

class ContainerConsole {
 public:
  // Opens a new pty pair (posix_openpt on the host's /dev/ptmx). Throws
  // VIR_ERR_SYSTEM_ERROR in VIR_FROM_LXC naming `name`'s console.
  static std::shared_ptr<ContainerConsole> allocate(const std::string& name);

  // The slave as the host sees it ("/dev/pts/7") and its descriptor, for
  // the container's start.
  const std::string& slavePath() const { return slavePath_; }
  int slaveFd() const { return slave_.get(); }

  // The console as libvirt shows it in a running container's XML:
  // <console type='pty' tty='/dev/pts/N'><source path='/dev/pts/N'/>
  // <target type='lxc' port='0'/><alias name='console0'/></console>.
  conf::ChrDef liveDefinition() const;

  // Once the init runs: drops this process's copy of the slave, starts the
  // copy to `logPath`, and registers the console under `key` (the
  // container's status file) for virDomainOpenConsole in this process. The
  // registration ends by itself when the container is gone (the master
  // reads EIO once no slave is open).
  static void activate(std::shared_ptr<ContainerConsole> console, const std::string& key, const std::string& logPath);

  ContainerConsole(UniqueFd master, UniqueFd slave, std::string slavePath);
  ~ContainerConsole();
  ContainerConsole(const ContainerConsole&) = delete;
  ContainerConsole& operator=(const ContainerConsole&) = delete;

 private:
  friend std::shared_ptr<driver::Stream> openContainerConsole(const std::string&, const std::string&, bool);
  // Copies the output to the log while no session holds the console.
  void copyToLog(const std::string& logPath, const std::string& key);

  UniqueFd master_;
  UniqueFd slave_;
  std::string slavePath_;
};

// A session on the console of the container registered under `key`
// (`name` for messages), exclusive as for QEMU consoles:
// VIR_ERR_OPERATION_FAILED "Active console session exists for this domain"
// unless `force`, which aborts the old session.
std::shared_ptr<driver::Stream> openContainerConsole(const std::string& key, const std::string& name, bool force);

// virDomainOpenConsole: `devName` NULL or "console0" (the one console).
// Flags FORCE and SAFE as for QEMU (libvirt's LXC driver takes none).
std::shared_ptr<driver::Stream> openConsole(driver::Connection& conn, driver::DomainIdentity& id,
                                            const char* devName, unsigned int flags);

}  // namespace vireo::lxc
