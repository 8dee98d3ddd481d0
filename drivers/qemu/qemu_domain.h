// One domain of the QEMU driver: its definitions and, while it runs, its
// QEMU process and monitor.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <libvirt/libvirt.h>

#include "drivers/qemu/qemu_removal_signal.h"
#include "drivers/qemu/qmp_monitor.h"
#include "lib/conf/domain_def.h"
#include "lib/driver/domain_identity.h"
#include "lib/driver/domain_list_filter.h"
#include "lib/util/fd.h"

namespace vireo::qemu {

// What exists only while the domain's QEMU runs.
struct QemuRuntime {
  pid_t pid = -1;
  unsigned long long startTime = 0;  // the pid's start time (qemu_process_identity.h), 0 if unknown
  UniqueFd pidfd;                  // pidfd_open(pid): readable once QEMU has exited
  bool isChild = false;            // started by this process (so we reap it)
  std::string domainDir;           // libDir/domain-ID-NAME
  std::string monitorPath;         // domainDir/monitor.sock
  std::unique_ptr<QmpMonitor> monitor;
  unsigned generation = 0;         // tells events of this run from those of an earlier one
  bool stopping = false;           // a stop by vireo is under way: EOF is expected
  bool fakeReboot = false;         // the ACPI reboot being done as shutdown + reset
  bool customMonitorTaint = false; // a monitor command came from the application (warned once)
  bool privateDev = false;         // QEMU runs in its own mount namespace with a private /dev
  std::vector<std::string> devNodes;  // nodes vireo made there (relative to /dev)
};

struct QemuDomain {
  conf::DomainDef def;                    // the running definition, or the only one
  std::optional<conf::DomainDef> newDef;  // the persistent definition while running, if changed
  int id = -1;
  int state = VIR_DOMAIN_SHUTOFF;
  int reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
  bool persistent = false;
  bool autostart = false;
  QemuRuntime run;

  // Serialises operations (jobs) on this domain. Held for the whole of a
  // start, stop or state change, while the driver lock is held only for
  // short reads and updates; so a QMP call never waits with the driver
  // lock held. Lock order: job, then the driver's mutex.
  std::mutex job;

  // Bumped each time vireo itself has run or paused the CPUs and recorded
  // the state that follows (start, suspend, resume). QEMU's STOP and RESUME
  // events are stamped with it when they arrive; one whose stamp is older
  // was caused by vireo's own command and is already accounted for. (The
  // events are handled later, on a worker: a RESUME from a start's "cont"
  // handled after a suspend would otherwise mark the paused domain running.)
  std::atomic<unsigned> stateEpoch{0};

  // Hands DEVICE_DELETED from the monitor's reader thread to a detach that
  // waits for it with the job held (qemu_removal_signal.h).
  RemovalSignal removals;

  bool active() const { return id >= 0; }
  const conf::DomainDef& persistentDef() const { return newDef ? *newDef : def; }
  driver::DomainIdentity identity() const { return {def.name, def.uuid, id}; }
  // No managed save, snapshots or checkpoints yet.
  driver::DomainListFacts listFacts() const {
    driver::DomainListFacts f;
    f.active = active();
    f.persistent = persistent;
    f.state = state;
    f.autostart = autostart;
    return f;
  }
};

}  // namespace vireo::qemu
