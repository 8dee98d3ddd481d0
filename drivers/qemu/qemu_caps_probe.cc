// probeQemuCaps: start the binary with an empty machine, ask it over QMP
// what it can do, stop it.
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "drivers/qemu/qemu_caps.h"
#include "drivers/qemu/qemu_caps_cache.h"
#include "drivers/qemu/qmp_monitor.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/spawn.h"
#include "lib/util/unix_socket.h"

namespace vireo::qemu {
namespace {

using Clock = std::chrono::steady_clock;

// How long QEMU gets to greet on its monitor, and to exit after "quit".
constexpr std::chrono::seconds kStartTimeout{30};
constexpr std::chrono::milliseconds kQuitGrace{3000};
// The descriptor number the listening monitor socket has in QEMU.
constexpr int kMonitorFdInChild = 3;

std::string trim(std::string s) {
  size_t end = s.find_last_not_of(" \t\r\n");
  s.erase(end == std::string::npos ? 0 : end + 1);
  size_t start = s.find_first_not_of(" \t\r\n");
  s.erase(0, start == std::string::npos ? s.size() : start);
  return s;
}

// A private directory for the probe's socket; removed with what is in it.
class ProbeDir {
 public:
  explicit ProbeDir(const std::string& scratchDir) {
    std::string tmpl = scratchDir + "/qemu-probe-XXXXXX";
    if (!::mkdtemp(tmpl.data())) failSystem(VIR_FROM_QEMU, errno, "Unable to create directory in " + scratchDir);
    dir_ = tmpl;
  }
  ~ProbeDir() {
    ::unlink(socketPath().c_str());
    ::rmdir(dir_.c_str());
  }
  ProbeDir(const ProbeDir&) = delete;
  ProbeDir& operator=(const ProbeDir&) = delete;

  std::string socketPath() const { return dir_ + "/monitor.sock"; }

 private:
  std::string dir_;
};

// The two ends of the probe's monitor: a listening socket that QEMU takes
// over (-chardev socket,fd=N,server=on) and our connection to it.
struct MonitorSockets {
  UniqueFd listener;
  UniqueFd client;
};

// The client connects before QEMU even runs: the kernel queues the
// connection on the listening socket until QEMU accepts it. The socket's
// name is needed only for that connect(), so nothing stays on disk.
MonitorSockets makeMonitorSockets(const std::string& scratchDir) {
  ProbeDir dir(scratchDir);
  sockaddr_un addr = unixSocketAddress(dir.socketPath(), VIR_FROM_QEMU, "Monitor path");
  MonitorSockets s;
  s.listener.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s.listener) failSystem(VIR_FROM_QEMU, errno, "Unable to create UNIX socket");
  if (::bind(s.listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0)
    failSystem(VIR_FROM_QEMU, errno, "Unable to bind to UNIX socket path " + dir.socketPath());
  if (::listen(s.listener.get(), 1) < 0)
    failSystem(VIR_FROM_QEMU, errno, "Unable to listen on UNIX socket " + dir.socketPath());
  s.client.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s.client) failSystem(VIR_FROM_QEMU, errno, "Unable to create UNIX socket");
  if (::connect(s.client.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0)
    failSystem(VIR_FROM_QEMU, errno, "Unable to connect to UNIX socket " + dir.socketPath());
  return s;
}

// A child process id that is killed and reaped when it goes out of scope,
// unless it was reaped already.
class ChildPid {
 public:
  ChildPid() = default;
  ~ChildPid() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      reap();
    }
  }
  ChildPid(const ChildPid&) = delete;
  ChildPid& operator=(const ChildPid&) = delete;

  void set(pid_t pid) { pid_ = pid; }

  // Waits for the child to exit; returns its wait status.
  int reap() {
    int status = 0;
    if (pid_ <= 0) return status;  // waitpid(-1) would reap someone else's child
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

  // Waits until `deadline` at most for the child to exit by itself, then
  // kills it. True (and its wait status in *status) when it exited by itself.
  bool reapBefore(Clock::time_point deadline, int* status = nullptr) {
    int st = 0;
    if (pid_ <= 0) return false;
    for (;;) {
      pid_t r = ::waitpid(pid_, &st, WNOHANG);
      if (r == pid_) {
        pid_ = -1;
        if (status) *status = st;
        return true;
      }
      if (r < 0 && errno != EINTR) {
        pid_ = -1;  // not our child any more (someone else reaped it)
        return false;
      }
      if (Clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid_, SIGKILL);
    reap();
    return false;
  }

 private:
  pid_t pid_ = -1;
};

// The probed QEMU process. Killed and reaped on destruction if still there.
class ProbeProcess {
 public:
  ProbeProcess(const std::string& binary, int listenFd, bool tryKvm) : binary_(binary) {
    SpawnPlan plan;
    plan.program = binary;
    plan.name = "QEMU binary " + binary;
    plan.execFailure = "Cannot execute QEMU binary " + binary;
    plan.argv = {binary,
                 "-S",
                 "-no-user-config",
                 "-nodefaults",
                 "-nographic",
                 "-machine",
                 tryKvm ? "none,accel=kvm:tcg" : "none,accel=tcg",
                 "-chardev",
                 "socket,id=mon,fd=" + std::to_string(kMonitorFdInChild) + ",server=on,wait=off",
                 "-mon",
                 "chardev=mon,mode=control"};
    plan.env = {"LC_ALL=C", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
    // Standard input is /dev/null (spawnProcess's default); QEMU's output
    // and errors go to one pipe that is read for error messages.
    Pipe output = Pipe::create();
    plan.fds = {{output.write.get(), 1}, {output.write.get(), 2}, {listenFd, kMonitorFdInChild}};
    // The probe belongs to our session: a terminal's interrupt ends it too.
    plan.newSession = false;
    // QEMU must not outlive a crashed prober. The signal comes when the
    // forking *thread* ends, which is fine: that thread waits for QEMU to
    // exit (ProbeProcess lives on its stack).
    plan.parentDeathSignal = SIGKILL;
    // Throws "Cannot execute QEMU binary X: ..." when execve() fails, after
    // reaping the child.
    child_.set(spawnProcess(plan, VIR_FROM_QEMU));

    // Our copy of the write end must go, or EOF would never come.
    output.write.reset();
    output_ = std::move(output.read);
    if (::fcntl(output_.get(), F_SETFL, O_NONBLOCK) < 0)
      failSystem(VIR_FROM_QEMU, errno, "Unable to set pipe to non-blocking mode");
  }

  ProbeProcess(const ProbeProcess&) = delete;
  ProbeProcess& operator=(const ProbeProcess&) = delete;

  // After the monitor failed before its greeting: if QEMU exits on its own
  // within a moment, the error is how it exited (and what it printed).
  [[noreturn]] void failStartup(const Error& monitorError) {
    int status = 0;
    if (child_.reapBefore(Clock::now() + kQuitGrace, &status))
      failProbe(describeExit(status) + " before its monitor was ready");
    failProbe(monitorError);
  }

  // Gives QEMU a moment to exit after "quit", then kills it.
  void waitExit() { child_.reapBefore(Clock::now() + kQuitGrace); }

  // Reads whatever QEMU has written so far; false at EOF.
  bool drainOutput() {
    if (!output_) return false;
    char buf[4096];
    for (;;) {
      ssize_t n = ::read(output_.get(), buf, sizeof buf);
      if (n > 0) {
        if (text_.size() < 65536) text_.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n == 0) {
        output_.reset();
        return false;
      }
      return true;  // EAGAIN: nothing more for now
    }
  }

  // "internal error: Failed to probe QEMU binary X: <why>: <QEMU's output>".
  [[noreturn]] void failProbe(const std::string& why) {
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "Failed to probe QEMU binary " + binary_ + ": " + why + outputSuffix());
  }

  // The same error `e` (a QMP failure), with the binary and QEMU's output
  // added so the user sees why QEMU misbehaved.
  [[noreturn]] void failProbe(const Error& e) {
    throw Error::verbatim(e.code(), VIR_FROM_QEMU,
                          e.message() + " (probing QEMU binary " + binary_ + ")" + outputSuffix());
  }

 private:
  std::string outputSuffix() {
    drainOutput();
    std::string output = trim(text_);
    return output.empty() ? std::string() : ": " + output;
  }

  static std::string describeExit(int status) {
    if (WIFEXITED(status)) return "it exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("it was killed by signal ") + strsignal(WTERMSIG(status));
    return "it stopped";
  }

  std::string binary_;
  ChildPid child_;
  UniqueFd output_;   // read end of QEMU's stdout and stderr
  std::string text_;  // what QEMU wrote, capped at 64 KiB
};

QemuMachine machineFrom(const json::Value& m) {
  QemuMachine machine;
  machine.name = m.at("name").asString();
  if (const json::Value* v = m.find("alias")) machine.alias = v->asString();
  if (const json::Value* v = m.find("is-default")) machine.isDefault = v->asBool();
  if (const json::Value* v = m.find("cpu-max")) machine.maxCpus = static_cast<unsigned>(v->asInt());
  if (const json::Value* v = m.find("deprecated")) machine.deprecated = v->asBool();
  if (const json::Value* v = m.find("default-cpu-type")) machine.defaultCpuType = v->asString();
  if (const json::Value* v = m.find("default-ram-id")) machine.defaultRamId = v->asString();
  return machine;
}

std::set<std::string> namesOf(const json::Value& list) {
  std::set<std::string> names;
  for (const json::Value& item : list.asArray()) names.insert(item.at("name").asString());
  return names;
}

void queryCaps(QmpMonitor& mon, QemuCaps& caps) {
  json::Value version = mon.execute("query-version");
  const json::Value& qemu = version.at("qemu");
  caps.versionMajor = static_cast<unsigned>(qemu.at("major").asInt());
  caps.versionMinor = static_cast<unsigned>(qemu.at("minor").asInt());
  caps.versionMicro = static_cast<unsigned>(qemu.at("micro").asInt());
  if (const json::Value* package = version.find("package")) caps.package = trim(package->asString());

  caps.arch = archFromQemuTarget(mon.execute("query-target").at("arch").asString());

  json::Value machines = mon.execute("query-machines");  // named: the loop borrows from it
  for (const json::Value& m : machines.asArray()) {
    QemuMachine machine = machineFrom(m);
    if (machine.name != "none") caps.machines.push_back(std::move(machine));  // the probe's own
  }

  caps.commands = namesOf(mon.execute("query-commands"));

  json::Value kvm = mon.execute("query-kvm");
  caps.kvmPresent = kvm.at("present").asBool();
  caps.kvmEnabled = kvm.at("enabled").asBool();

  caps.deviceTypes =
      namesOf(mon.execute("qom-list-types", json::Value::object({{"implements", "device"}, {"abstract", false}})));
  caps.objectTypes = namesOf(mon.execute("qom-list-types", json::Value::object({{"abstract", true}})));
}

QemuCaps probeBinary(const std::string& binary, long long mtime, const std::string& scratchDir) {
  QemuCaps caps;
  caps.binary = binary;
  caps.binaryMtime = mtime;

  MonitorSockets sockets = makeMonitorSockets(scratchDir);
  bool tryKvm = ::access("/dev/kvm", R_OK | W_OK) == 0;
  ProbeProcess process(binary, sockets.listener.get(), tryKvm);
  // QEMU holds the only listening end now: if it exits, our connection
  // ends too instead of waiting for a greeting that cannot come.
  sockets.listener.reset();

  std::unique_ptr<QmpMonitor> monitor;
  try {
    monitor = QmpMonitor::open(std::move(sockets.client), {}, kStartTimeout);
  } catch (const Error& e) {
    process.failStartup(e);
  }
  try {
    queryCaps(*monitor, caps);
    try {
      monitor->execute("quit");
    } catch (const Error&) {
      // QEMU may close the monitor before it answers "quit"; it exits either way.
    }
  } catch (const Error& e) {
    process.failProbe(e);
  }
  monitor.reset();
  process.waitExit();
  return caps;
}

}  // namespace

QemuCaps probeQemuCaps(const std::string& binary, const std::string& cacheDir, const std::string& scratchDir) {
  if (binary.empty() || binary[0] != '/')
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "QEMU binary path '" + binary + "' is not absolute");
  struct stat st;
  if (::stat(binary.c_str(), &st) < 0) failSystem(VIR_FROM_QEMU, errno, "Cannot check QEMU binary " + binary);
  if (!S_ISREG(st.st_mode) || ::access(binary.c_str(), X_OK) < 0)
    failSystem(VIR_FROM_QEMU, S_ISREG(st.st_mode) ? errno : EACCES, "QEMU binary " + binary + " is not executable");
  long long mtime = st.st_mtim.tv_sec;

  if (!cacheDir.empty())
    if (std::optional<QemuCaps> cached = loadCachedQemuCaps(cacheDir, binary, mtime)) return std::move(*cached);

  QemuCaps caps = probeBinary(binary, mtime, scratchDir);
  if (!cacheDir.empty()) saveCachedQemuCaps(cacheDir, caps);
  return caps;
}

}  // namespace vireo::qemu
