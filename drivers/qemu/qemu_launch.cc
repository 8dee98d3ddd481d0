// Launching a domain's QEMU (qemu_launch.h), step by step, each step
// undone by RAII when a later one fails.
#include "drivers/qemu/qemu_launch.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <optional>

#include "drivers/qemu/qemu_channel_paths.h"
#include "drivers/qemu/qemu_command.h"
#include "drivers/qemu/qemu_interface.h"
#include "drivers/qemu/qemu_lifecycle_actions.h"
#include "drivers/qemu/qemu_live.h"
#include "drivers/qemu/qemu_lock.h"
#include "drivers/qemu/qemu_monitor_events.h"
#include "drivers/qemu/qemu_namespace.h"
#include "drivers/qemu/qemu_process.h"
#include "drivers/qemu/qemu_process_identity.h"
#include "drivers/qemu/qemu_security.h"
#include "drivers/qemu/qemu_start_checks.h"
#include "lib/ns/dev_plan.h"
#include "lib/ns/dev_program.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/log.h"
#include "lib/util/spawn.h"
#include "lib/util/unix_socket.h"

namespace vireo::qemu {

namespace {

constexpr char kLogModule[] = "qemu.qemu_launch";

// How long a fresh QEMU gets to bring its monitor up.
constexpr QmpMonitor::Timeout kMonitorStartTimeout{30000};
// The monitor's descriptor number inside QEMU; tap descriptors follow it.
constexpr int kMonitorFdInChild = 3;

UniqueFd openPidfd(pid_t pid) { return UniqueFd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0))); }

std::string shortName(const std::string& name) {
  // libvirt shortens the name in directory names to 20 bytes.
  return name.size() > 20 ? name.substr(0, 20) : name;
}

UniqueFd listenUnix(const std::string& path) {
  sockaddr_un addr = unixSocketAddress(path, VIR_FROM_QEMU, "Monitor path");
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) failSystem(VIR_FROM_QEMU, errno, "Failed to create socket");
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
  } catch (const Error& e) {
    // The start's own error is reported without QEMU's words then.
    VIREO_DEBUG(kLogModule, "cannot read QEMU's output: %s", e.message().c_str());
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
    if (run_ && run_->pid > 0) terminateProcess(*run_);
    if (run_) run_->monitor.reset();
    if (!dir_.empty()) removeTree(dir_);
    if (!extraDir_.empty()) removeTree(extraDir_);
    if (!statusFile_.empty()) unlink(statusFile_.c_str());
  }
  void track(QemuRuntime* run, std::string dir) {
    run_ = run;
    dir_ = std::move(dir);
  }
  void alsoRemove(std::string dir) { extraDir_ = std::move(dir); }
  void alsoRemoveFile(std::string path) { statusFile_ = std::move(path); }
  void dismiss() { armed_ = false; }

 private:
  bool armed_ = true;
  QemuRuntime* run_ = nullptr;
  std::string dir_;
  std::string extraDir_;
  std::string statusFile_;
};


// The domain's log file: QEMU's stdout and stderr, after a header with the
// command line; what QEMU writes after the header explains a failed start.
class DomainLog {
 public:
  DomainLog(const QemuDriver& driver, const conf::DomainDef& live)
      : path_(driver.paths.logDir + "/" + live.name + ".log") {
    fd_ = UniqueFd(open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
    if (!fd_) failSystem(VIR_FROM_QEMU, errno, "Failed to open log file '" + path_ + "'");
  }

  void writeHeader(const QemuCaps& caps, const QemuCommand& cmd) {
    std::string header = logTimestamp() + ": starting up vireo, qemu " + std::to_string(caps.versionMajor) + "." +
                         std::to_string(caps.versionMinor) + "." + std::to_string(caps.versionMicro) + "\n" +
                         cmd.toLogString() + "\n";
    if (write(fd_.get(), header.data(), header.size()) < 0) {
      // A log that cannot be written is not a reason to refuse the start.
    }
    start_ = lseek(fd_.get(), 0, SEEK_END);
  }

  int fd() const { return fd_.get(); }
  void closeOurCopy() { fd_.reset(); }
  // What QEMU wrote since the header, trimmed.
  std::string qemuOutput() const { return logSince(path_, start_); }

 private:
  std::string path_;
  UniqueFd fd_;
  off_t start_ = 0;
};

// The private /dev of the domain, planned here and built by the spawned
// child before it execs; records the nodes it makes in `run`.
std::optional<ns::DevChildProgram> attachPrivateDev(QemuDriver& driver, const conf::DomainDef& live, SpawnPlan& plan,
                                                    QemuRuntime& run) {
  if (!namespaceWanted(driver)) return std::nullopt;
  ns::DevPlanOptions opts;
  opts.optionalPaths = driver.config.cgroupDeviceAcl;
  opts.runDir = driver.paths.stateDir;
  opts.mountLabel = devMountLabel(driver, live);
  ns::DevPlan devPlan = ns::planPrivateDev(domainDevicePaths(live), opts, VIR_FROM_QEMU);
  std::optional<ns::DevChildProgram> program;
  program.emplace(ns::DevChildProgram::forBuild(devPlan, opts, VIR_FROM_QEMU));
  ns::attachPrivateDev(plan, *program);
  run.privateDev = true;
  for (const ns::DevNode& n : devPlan.nodes)
    if (n.type != ns::DevNodeType::Directory) run.devNodes.push_back(n.path);
  return program;
}

}  // namespace

QemuRuntime launchDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& domPtr, conf::DomainDef& live,
                                bool paused, int& id, pid_t& pid) {
  std::string emulator = driver.emulatorFor(live);
  std::shared_ptr<const QemuCaps> caps = driver.capsFor(emulator);
  bool kvm = access("/dev/kvm", R_OK | W_OK) == 0;
  if (live.type == "kvm" && !kvm)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
         "domain type 'kvm' needs /dev/kvm, which this host lacks; use type 'qemu' to run under TCG");

  {
    MutexLock lock(driver.mu);
    id = driver.nextId++;
  }
  VIREO_DEBUG(kLogModule, "starting domain '%s' as id %d: emulator %s, %s, %s", live.name.c_str(), id,
              emulator.c_str(), kvm ? "kvm available" : "no kvm", paused ? "paused" : "running");
  QemuRuntime run;
  run.generation = static_cast<unsigned>(id);
  run.domainDir = driver.paths.domainDir(id, shortName(live.name));
  run.monitorPath = run.domainDir + "/monitor.sock";
  VIREO_DEBUG(kLogModule, "generating security labels");
  StartLabels labels(driver, live);  // (declared before the rollback: undone after QEMU is gone)
  // After the labels, as libvirt checks storage after generating them (the
  // audit shows the label of a start refused here).
  checkBlockDiskSources(live);
  // Leases planned and the lock daemon up before anything exists (declared
  // before the rollback: leases go back after QEMU is gone).
  StartLocks locks(driver, live, id);
  StartRollback rollback;
  if (mkdir(run.domainDir.c_str(), 0750) != 0 && errno != EEXIST)
    failSystem(VIR_FROM_QEMU, errno, "Failed to create directory '" + run.domainDir + "'");
  rollback.track(&run, run.domainDir);
  VIREO_DEBUG(kLogModule, "created domain directory %s", run.domainDir.c_str());

  assignLiveAliases(live);
  std::string channelDir = channelTargetDir(driver.paths.libDir, run.domainDir);
  if (assignChannelPaths(live, channelDir)) {
    makeDirectories(channelDir, 0750);
    rollback.alsoRemove(channelDir);
    VIREO_DEBUG(kLogModule, "created channel directory %s", channelDir.c_str());
  }
  std::string masterKey = run.domainDir + "/master-key.aes";
  writeMasterKey(masterKey);
  UniqueFd listener = listenUnix(run.monitorPath);
  DomainLog log(driver, live);
  // Taps for ethernet/bridge interfaces; they vanish if the start fails.
  VIREO_DEBUG(kLogModule, "connecting network interfaces");
  StartInterfaces nets = StartInterfaces::connect(driver, live, kMonitorFdInChild + 1);
  VIREO_DEBUG(kLogModule, "%zu interface descriptor(s) for QEMU", nets.childFds().size());

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
  VIREO_DEBUG(kLogModule, "building emulator command line");
  QemuCommand cmd = buildQemuCommand(live, ctx);
  log.writeHeader(*caps, cmd);

  SpawnPlan plan;
  plan.program = emulator;
  plan.argv = cmd.argv;
  plan.env = cmd.env;
  plan.fds = {{log.fd(), 1}, {log.fd(), 2}, {listener.get(), kMonitorFdInChild}};
  nets.passTo(plan);
  std::optional<ns::DevChildProgram> privateDev = attachPrivateDev(driver, live, plan, run);
  labels.prepareSpawn(plan, run.privateDev, {run.domainDir, masterKey, channelDir});
  locks.addTo(labels.childChain());  // first: in the host's /dev, as root
  VIREO_INFO(kLogModule, "About to run %s", cmd.toNativeString().c_str());  // formatted only when logged
  run.pid = spawnProcess(plan, VIR_FROM_QEMU);
  pid = run.pid;
  VIREO_DEBUG(kLogModule, "QEMU of domain '%s' is pid %d%s", live.name.c_str(), static_cast<int>(run.pid),
              run.privateDev ? ", with a private /dev" : "");
  run.isChild = true;
  run.pidfd = openPidfd(run.pid);
  run.startTime = processStartTime(run.pid);
  // QEMU exists from here on: record it at once, so that if this process
  // dies before the start finishes, the next owner of the root finds the
  // QEMU and ends it (qemu_reconnect.cc) instead of leaving it unknown.
  rollback.alsoRemoveFile(driver.paths.stateDir + "/" + live.name + ".xml");
  writeStatusRecord(driver, statusRecordOf(run, id, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_STARTING_UP, live));
  listener.reset();
  log.closeOurCopy();
  nets.closeOurCopies();

  try {
    run.monitor = QmpMonitor::connect(run.monitorPath, monitorCallbacks(driver, domPtr, run.generation),
                                      kMonitorStartTimeout);
  } catch (const Error& e) {
    VIREO_DEBUG(kLogModule, "monitor of domain '%s' not reached: %s", live.name.c_str(), e.message().c_str());
    terminateProcess(run);
    std::string qemuSays = log.qemuOutput();
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
         "process exited while connecting to monitor: " + (qemuSays.empty() ? e.message() : qemuSays));
  }
  VIREO_DEBUG(kLogModule, "monitor of domain '%s' connected at %s", live.name.c_str(), run.monitorPath.c_str());
  applyLifecycleActions(*run.monitor, live);
  fillLiveDetails(*run.monitor, live);
  if (!paused) {
    locks.acquire(run.pid);
    run.monitor->execute("cont");
    VIREO_DEBUG(kLogModule, "CPUs of domain '%s' started", live.name.c_str());
  }

  // The status file first: once it exists, a later process can take the
  // domain over, so the domain counts as started only after it is written.
  writeStatusRecord(driver, statusRecordOf(run, id, paused ? VIR_DOMAIN_PAUSED : VIR_DOMAIN_RUNNING,
                                           paused ? int{VIR_DOMAIN_PAUSED_USER} : int{VIR_DOMAIN_RUNNING_BOOTED},
                                           live));
  rollback.dismiss();
  labels.dismiss();
  locks.dismiss();
  VIREO_INFO(kLogModule, "domain '%s' started, pid %d", live.name.c_str(), static_cast<int>(run.pid));
  return run;
}

}  // namespace vireo::qemu
