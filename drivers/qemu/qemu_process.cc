// Starting, stopping and reaping QEMU processes.
#include "drivers/qemu/qemu_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <ctime>

#include "drivers/qemu/qemu_audit.h"
#include "drivers/qemu/qemu_channel_paths.h"
#include "drivers/qemu/qemu_command.h"
#include "drivers/qemu/qemu_interface.h"
#include "drivers/qemu/qemu_lifecycle_actions.h"
#include "drivers/qemu/qemu_live.h"
#include "drivers/qemu/qemu_monitor_events.h"
#include "drivers/qemu/qemu_namespace.h"
#include "drivers/qemu/qemu_paths.h"
#include "drivers/qemu/qemu_security.h"
#include "drivers/qemu/qemu_start_checks.h"
#include "drivers/qemu/qemu_status.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/ns/dev_plan.h"
#include "lib/ns/dev_program.h"
#include "lib/util/spawn.h"

namespace vireo::qemu {

namespace {

// How long QEMU gets to act on SIGTERM before SIGKILL, and to die after it.
constexpr int kTermGraceMs = 10000;
constexpr int kKillGraceMs = 5000;
// How long a fresh QEMU gets to bring its monitor up.
constexpr QmpMonitor::Timeout kMonitorStartTimeout{30000};
// The monitor's descriptor number inside QEMU.
constexpr int kMonitorFdInChild = 3;

UniqueFd openPidfd(pid_t pid) {
  return UniqueFd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
}

}  // namespace

bool processGone(pid_t pid) {
  if (kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::string stat;
  try {
    stat = readWholeFile("/proc/" + std::to_string(pid) + "/stat", VIR_FROM_QEMU);
  } catch (const Error&) {
    return true;
  }
  size_t paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && (stat[paren + 2] == 'Z' || stat[paren + 2] == 'X');
}

namespace {

// Waits up to `ms` for the process to exit. With a pidfd, poll() wakes the
// moment it does; without one (a kernel that lacks pidfd_open), checks
// every few milliseconds.
bool waitGone(int pidfd, pid_t pid, int ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    if (processGone(pid)) return true;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (pidfd >= 0) {
      struct pollfd p {pidfd, POLLIN, 0};
      int rc = poll(&p, 1, static_cast<int>(left.count()));
      if (rc > 0) return true;
      if (rc < 0 && errno != EINTR) return processGone(pid);
    } else {
      usleep(2000);
    }
  }
}

// Reaps our own child without blocking (a child of another process is
// reaped by its parent or by init).
void reapIfChild(const QemuRuntime& run) {
  if (!run.isChild || run.pid <= 0) return;
  int status;
  while (waitpid(run.pid, &status, WNOHANG) < 0 && errno == EINTR) {
  }
}

// Ends the process: SIGTERM, wait, SIGKILL, wait.
void terminate(const QemuRuntime& run) {
  if (run.pid <= 0) return;
  if (!processGone(run.pid)) {
    kill(run.pid, SIGTERM);
    if (!waitGone(run.pidfd.get(), run.pid, kTermGraceMs)) {
      kill(run.pid, SIGKILL);
      waitGone(run.pidfd.get(), run.pid, kKillGraceMs);
    }
  }
  reapIfChild(run);
}

std::string shortName(const std::string& name) {
  // libvirt shortens the name in directory names to 20 bytes.
  return name.size() > 20 ? name.substr(0, 20) : name;
}

UniqueFd listenUnix(const std::string& path) {
  struct sockaddr_un addr {};
  if (path.size() >= sizeof addr.sun_path)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
         "Monitor path " + path + " too big for destination (" + std::to_string(path.size()) + " > 107 bytes)");
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) failSystem(VIR_FROM_QEMU, errno, "Failed to create socket");
  addr.sun_family = AF_UNIX;
  path.copy(addr.sun_path, path.size());
  unlink(path.c_str());
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    failSystem(VIR_FROM_QEMU, errno, "Failed to bind socket to '" + path + "'");
  if (listen(fd.get(), 1) != 0) failSystem(VIR_FROM_QEMU, errno, "Failed to listen on '" + path + "'");
  return fd;
}

void writeMasterKey(const std::string& path) {
  unsigned char key[32];
  size_t got = 0;
  while (got < sizeof key) {
    ssize_t n = getrandom(key + got, sizeof key - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failSystem(VIR_FROM_QEMU, errno, "Unable to generate the domain master key");
    got += static_cast<size_t>(n);
  }
  // QEMU reads the key once at start; it dies with the process, so a power
  // loss cannot make it matter.
  writeFileAtomic(path, std::string(reinterpret_cast<char*>(key), sizeof key), 0600, VIR_FROM_QEMU,
                  FileDurability::ProcessCrash);
}

std::string logTimestamp() {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  gmtime_r(&ts.tv_sec, &tm);
  char buf[64];
  snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%03ld+0000", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
           tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
  return buf;
}

// What QEMU wrote to its log since `offset`, trimmed, for error messages.
std::string logSince(const std::string& logPath, off_t offset) {
  std::string all;
  try {
    all = readWholeFile(logPath, VIR_FROM_QEMU);
  } catch (const Error&) {
    return "";
  }
  std::string tail = static_cast<size_t>(offset) < all.size() ? all.substr(static_cast<size_t>(offset)) : "";
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
  return tail;
}

// Undoes a half-finished start unless dismissed.
class StartRollback {
 public:
  ~StartRollback() {
    if (!armed_) return;
    if (run_ && run_->pid > 0) terminate(*run_);
    if (run_) run_->monitor.reset();
    if (!dir_.empty()) removeTree(dir_);
    if (!extraDir_.empty()) removeTree(extraDir_);
  }
  void track(QemuRuntime* run, std::string dir) {
    run_ = run;
    dir_ = std::move(dir);
  }
  void alsoRemove(std::string dir) { extraDir_ = std::move(dir); }
  void dismiss() { armed_ = false; }

 private:
  bool armed_ = true;
  QemuRuntime* run_ = nullptr;
  std::string dir_;
  std::string extraDir_;
};

void cleanupRuntime(QemuDriver& driver, QemuDomain& dom) {
  dom.run.monitor.reset();
  reapIfChild(dom.run);
  restoreDomainLabels(driver, dom.def, dom.run.privateDev);
  if (!dom.run.domainDir.empty()) {
    removeTree(dom.run.domainDir);
    removeTree(channelTargetDir(driver.paths.libDir, dom.run.domainDir));
  }
  try {
    removeFileIfExists(driver.paths.stateDir + "/" + dom.def.name + ".xml", VIR_FROM_QEMU);
  } catch (const Error&) {
  }
  dom.run = QemuRuntime{};
}

// Marks a domain shut off after its process is gone: the persistent
// definition comes back, a transient domain disappears.
void markStopped(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, int reason, int eventDetail) {
  std::lock_guard lock(driver.mu);
  dom->state = VIR_DOMAIN_SHUTOFF;
  dom->reason = reason;
  driver.emitLifecycle(*dom, VIR_DOMAIN_EVENT_STOPPED, eventDetail);
  dom->id = -1;
  if (!dom->persistent) {
    driver.domains.remove(dom.get());
    return;
  }
  if (dom->newDef) {
    dom->def = std::move(*dom->newDef);
    dom->newDef.reset();
  }
}

}  // namespace

void recordRunState(QemuDriver& driver, QemuDomain& dom, int state, int reason, int eventType, int eventDetail) {
  {
    std::lock_guard lock(driver.mu);
    dom.state = state;
    dom.reason = reason;
    driver.emitLifecycle(dom, eventType, eventDetail);
  }
  saveDomainStatus(driver, dom);
}

void writeStatusRecord(QemuDriver& driver, const StatusRecord& record) {
  // A running domain's status needs to survive our crash, not a power loss
  // (which ends QEMU too): rename without fsync.
  writeFileAtomic(driver.paths.stateDir + "/" + record.def.name + ".xml", formatStatus(record), 0600, VIR_FROM_QEMU,
                  FileDurability::ProcessCrash);
}

void saveDomainStatus(QemuDriver& driver, const QemuDomain& dom) {
  StatusRecord r;
  {
    std::lock_guard lock(driver.mu);
    r.state = dom.state;
    r.reason = dom.reason;
    r.pid = dom.run.pid;
    r.id = dom.id;
    r.monitorPath = dom.run.monitorPath;
    r.domainDir = dom.run.domainDir;
    r.mountNamespace = dom.run.privateDev;
    r.devNodes = dom.run.devNodes;
    r.def = dom.def;
  }
  writeStatusRecord(driver, r);
}

namespace {

// The part of a start that can fail, up to the status file: checks, the
// private directory, the spawn of QEMU in its private /dev, the monitor.
// Returns the runtime of a QEMU that runs. On failure nothing is left
// (StartRollback) and `pid` is the pid QEMU had, if it was spawned, for the
// audit record.
QemuRuntime launch(QemuDriver& driver, const std::shared_ptr<QemuDomain>& domPtr, conf::DomainDef& live, bool paused,
                   int& id, pid_t& pid) {
  std::string emulator = driver.emulatorFor(live);
  std::shared_ptr<const QemuCaps> caps = driver.capsFor(emulator);
  bool kvm = access("/dev/kvm", R_OK | W_OK) == 0;
  if (live.type == "kvm" && !kvm)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
         "domain type 'kvm' needs /dev/kvm, which this host lacks; use type 'qemu' to run under TCG");

  {
    std::lock_guard lock(driver.mu);
    id = driver.nextId++;
  }
  QemuRuntime run;
  run.generation = static_cast<unsigned>(id);
  run.domainDir = driver.paths.domainDir(id, shortName(live.name));
  run.monitorPath = run.domainDir + "/monitor.sock";
  StartLabels labels(driver, live);  // (declared before the rollback: undone after QEMU is gone)
  // After the labels, as libvirt checks storage after generating them (the
  // audit shows the label of a start refused here).
  checkBlockDiskSources(live);
  StartRollback rollback;
  if (mkdir(run.domainDir.c_str(), 0750) != 0 && errno != EEXIST)
    failSystem(VIR_FROM_QEMU, errno, "Failed to create directory '" + run.domainDir + "'");
  rollback.track(&run, run.domainDir);

  assignLiveAliases(live);
  std::string channelDir = channelTargetDir(driver.paths.libDir, run.domainDir);
  if (assignChannelPaths(live, channelDir)) {
    makeDirectories(channelDir, 0750);
    rollback.alsoRemove(channelDir);
  }
  std::string masterKey = run.domainDir + "/master-key.aes";
  writeMasterKey(masterKey);
  UniqueFd listener = listenUnix(run.monitorPath);

  std::string logPath = driver.paths.logDir + "/" + live.name + ".log";
  UniqueFd log(open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
  if (!log) failSystem(VIR_FROM_QEMU, errno, "Failed to open log file '" + logPath + "'");

  // Taps for ethernet/bridge interfaces; they vanish if the start fails.
  StartInterfaces nets = StartInterfaces::connect(driver, live, kMonitorFdInChild + 1);
  CommandContext ctx;
  ctx.netFds = nets.childFds();
  ctx.caps = caps.get();
  ctx.emulator = emulator;
  ctx.domainId = id;
  ctx.domainLibDir = run.domainDir;
  ctx.masterKeyPath = masterKey;
  ctx.inheritedEnv = inheritedEnvironment();
  ctx.monitorFd = kMonitorFdInChild;
  ctx.kvmAvailable = kvm;
  QemuCommand cmd = buildQemuCommand(live, ctx);

  std::string header = logTimestamp() + ": starting up vireo, qemu " + std::to_string(caps->versionMajor) + "." +
                       std::to_string(caps->versionMinor) + "." + std::to_string(caps->versionMicro) + "\n" +
                       cmd.toLogString() + "\n";
  if (write(log.get(), header.data(), header.size()) < 0) {
    // A log that cannot be written is not a reason to refuse the start.
  }
  off_t logStart = lseek(log.get(), 0, SEEK_END);

  SpawnPlan plan;
  plan.program = emulator;
  plan.argv = cmd.argv;
  plan.env = cmd.env;
  plan.fds = {{log.get(), 1}, {log.get(), 2}, {listener.get(), kMonitorFdInChild}};
  nets.passTo(plan);
  // The private /dev: planned here, built by the child before it execs.
  std::optional<ns::DevChildProgram> devProgram;
  if (namespaceWanted(driver)) {
    ns::DevPlanOptions opts;
    opts.optionalPaths = driver.config.cgroupDeviceAcl;
    opts.runDir = driver.paths.stateDir;
    opts.mountLabel = devMountLabel(driver, live);
    ns::DevPlan devPlan = ns::planPrivateDev(domainDevicePaths(live), opts);
    devProgram.emplace(ns::DevChildProgram::forBuild(devPlan, opts));
    ns::attachPrivateDev(plan, *devProgram);
    run.privateDev = true;
    for (const ns::DevNode& n : devPlan.nodes)
      if (n.type != ns::DevNodeType::Directory) run.devNodes.push_back(n.path);
  }
  labels.prepareSpawn(plan, run.privateDev, {run.domainDir, masterKey, channelDir});
  run.pid = spawnProcess(plan, VIR_FROM_QEMU);
  pid = run.pid;
  run.isChild = true;
  run.pidfd = openPidfd(run.pid);
  listener.reset();
  log.reset();
  nets.closeOurCopies();

  try {
    run.monitor = QmpMonitor::connect(run.monitorPath, monitorCallbacks(driver, domPtr, run.generation),
                                      kMonitorStartTimeout);
  } catch (const Error& e) {
    terminate(run);
    std::string qemuSays = logSince(logPath, logStart);
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
         "process exited while connecting to monitor: " + (qemuSays.empty() ? e.message() : qemuSays));
  }
  applyLifecycleActions(*run.monitor, live);
  fillLiveDetails(*run.monitor, live);
  if (!paused) run.monitor->execute("cont");

  // The status file first: once it exists, a later process can take the
  // domain over, so the domain counts as started only after it is written.
  StatusRecord record;
  record.state = paused ? VIR_DOMAIN_PAUSED : VIR_DOMAIN_RUNNING;
  record.reason = paused ? int{VIR_DOMAIN_PAUSED_USER} : int{VIR_DOMAIN_RUNNING_BOOTED};
  record.pid = run.pid;
  record.id = id;
  record.monitorPath = run.monitorPath;
  record.domainDir = run.domainDir;
  record.mountNamespace = run.privateDev;
  record.devNodes = run.devNodes;
  record.def = live;
  writeStatusRecord(driver, record);
  rollback.dismiss();
  labels.dismiss();
  return run;
}

}  // namespace

void startDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& domPtr, bool paused,
                        int startedDetail) {
  QemuDomain& dom = *domPtr;
  conf::DomainDef live;
  {
    std::lock_guard lock(driver.mu);
    if (dom.active())
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "domain is already running");
    live = dom.def;
  }
  driver.requireAudit();
  int id = -1;
  pid_t pid = 0;
  QemuRuntime run;
  try {
    run = launch(driver, domPtr, live, paused, id, pid);
  } catch (...) {
    // As libvirt: every start that fails once auditing is possible is
    // audited (its resources, then op=start res=failed), whatever step failed.
    auditDomainStart(driver, live, pid, "booted", false);
    throw;
  }
  auditDomainStart(driver, live, run.pid, "booted", true);

  std::lock_guard lock(driver.mu);
  if (dom.persistent) dom.newDef = dom.def;
  dom.def = std::move(live);
  dom.id = id;
  dom.state = paused ? VIR_DOMAIN_PAUSED : VIR_DOMAIN_RUNNING;
  dom.reason = paused ? int{VIR_DOMAIN_PAUSED_USER} : int{VIR_DOMAIN_RUNNING_BOOTED};
  dom.run = std::move(run);
  driver.emitLifecycle(dom, VIR_DOMAIN_EVENT_STARTED, startedDetail);
  if (paused) driver.emitLifecycle(dom, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

void stopDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, int reason, int eventDetail) {
  dom->run.stopping = true;
  terminate(dom->run);
  auditDomainStop(driver, dom->def, dom->run.pid, reason);
  cleanupRuntime(driver, *dom);
  markStopped(driver, dom, reason, eventDetail);
}

void reapDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, int reason, int eventDetail) {
  // The monitor is gone; the process may linger a moment as it exits.
  waitGone(dom->run.pidfd.get(), dom->run.pid, kKillGraceMs);
  auditDomainStop(driver, dom->def, dom->run.pid, reason);
  cleanupRuntime(driver, *dom);
  markStopped(driver, dom, reason, eventDetail);
}

}  // namespace vireo::qemu
