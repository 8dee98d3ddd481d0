// A container's console: a pty allocated in the host's devpts.
//
// As in libvirt, every container has a console. Before the init starts, the
// driver allocates a pty pair in this process; the slave becomes the init's
// stdin, stdout and stderr and is bind-mounted onto the container's
// /dev/console (lib/ns, ContainerPlan::console). The master goes to the
// container's console keeper (lxc_console_keeper.h), a small process that
// holds it for as long as the init lives, copies the output to the log
// while no session is open, and hands the master to any vireo process that
// opens a session (the starting one or one that took the container over),
// so the console outlives the process that started the container.
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

  // The master, for the keeper.
  int masterFd() const { return master_.get(); }

  ContainerConsole(UniqueFd master, UniqueFd slave, std::string slavePath);
  ~ContainerConsole();
  ContainerConsole(const ContainerConsole&) = delete;
  ContainerConsole& operator=(const ContainerConsole&) = delete;

 private:
  UniqueFd master_;
  UniqueFd slave_;
  std::string slavePath_;
};

// A session on the console whose keeper listens at `socketPath` (`name`
// for messages), exclusive in this process as for QEMU consoles:
// VIR_ERR_OPERATION_FAILED "Active console session exists for this domain"
// unless `force`, which aborts the old session (the keeper itself serves the
// latest connection only).
std::shared_ptr<driver::Stream> openContainerConsole(const std::string& socketPath, const std::string& name,
                                                     bool force);

// virDomainOpenConsole: `devName` NULL or "console0" (the one console).
// Flags FORCE and SAFE as for QEMU (libvirt's LXC driver takes none).
std::shared_ptr<driver::Stream> openConsole(driver::Connection& conn, driver::DomainIdentity& id,
                                            const char* devName, unsigned int flags);

}  // namespace vireo::lxc
