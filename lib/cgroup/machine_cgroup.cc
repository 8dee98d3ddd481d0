#include "lib/cgroup/machine_cgroup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <set>
#include <sstream>
#include <thread>

#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/log.h"

namespace vireo::cgroup {

namespace {

constexpr const char* kLogModule = "cgroup.machine_cgroup";
constexpr auto kSettleTime = std::chrono::seconds(2);  // for freezing and for letting go of exited tasks
constexpr auto kPollStep = std::chrono::milliseconds(5);

std::string joinPath(std::string a, const std::string& b) {
  while (!a.empty() && a.back() == '/') a.pop_back();
  return b.empty() || b == "/" ? a : a + (b[0] == '/' ? "" : "/") + b;
}

unsigned long long toNumber(const std::string& text, const std::string& file, virErrorDomain domain) {
  unsigned long long v = 0;
  const char* begin = text.data();
  while (begin < text.data() + text.size() && *begin == ' ') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), v);
  if (ec != std::errc() || end == begin)
    fail(VIR_ERR_INTERNAL_ERROR, domain, "Unable to parse '" + text.substr(0, 40) + "' in " + file);
  return v;
}

// The value of `key` in a "key value" file (cpu.stat, cgroup.events).
std::optional<std::string> keyedValue(const std::string& text, const std::string& key) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    if (line.rfind(key + " ", 0) == 0) return line.substr(key.size() + 1);
    pos = eol + 1;
  }
  return std::nullopt;
}

std::string bytes(unsigned long long kib) { return std::to_string(kib * 1024); }

// Removes a machine directory: the kernel refuses (EBUSY) while tasks are
// still being torn down, which takes a moment after the last one exited.
bool removeDir(const std::string& path) noexcept {
  auto deadline = std::chrono::steady_clock::now() + kSettleTime;
  for (;;) {
    if (rmdir(path.c_str()) == 0 || errno == ENOENT) return true;
    if (errno != EBUSY || std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(kPollStep);
  }
}

// Makes the created directories, remembering them so a failure removes them.
class DirMaker {
 public:
  explicit DirMaker(virErrorDomain domain) : domain_(domain) {}
  ~DirMaker() {
    for (auto it = made_.rbegin(); it != made_.rend(); ++it) rmdir(it->c_str());
  }
  // A shared directory (the partition): may exist, and stays.
  void shared(const std::string& path) {
    if (mkdir(path.c_str(), 0755) == 0 || errno == EEXIST) return;
    failSystem(domain_, errno, "Unable to create cgroup " + path);
  }
  // The machine's own directory: a stale empty one is replaced.
  void own(const std::string& path) {
    if (mkdir(path.c_str(), 0755) != 0) {
      if (errno != EEXIST) failSystem(domain_, errno, "Unable to create cgroup " + path);
      if (rmdir(path.c_str()) != 0)
        fail(VIR_ERR_OPERATION_FAILED, domain_,
             "cgroup " + path + " is in use: " + std::string(strerror(errno)));
      VIREO_INFO(kLogModule, "removed stale cgroup %s", path.c_str());
      if (mkdir(path.c_str(), 0755) != 0) failSystem(domain_, errno, "Unable to create cgroup " + path);
    }
    made_.push_back(path);
  }
  void keep() { made_.clear(); }

 private:
  virErrorDomain domain_;
  std::vector<std::string> made_;
};

// v2 hands a controller to children only when each ancestor lists it in
// cgroup.subtree_control.
void enableV2Controller(const std::string& dir, const std::string& controller, virErrorDomain domain) {
  std::string file = dir + "/cgroup.subtree_control";
  std::istringstream current(readWholeFile(file, domain, 4096));
  for (std::string enabled; current >> enabled;)
    if (enabled == controller) return;  // whole words: "cpu" is not "cpuset"
  UniqueFd fd(open(file.c_str(), O_WRONLY | O_CLOEXEC));
  std::string request = "+" + controller;
  if (!fd || ::write(fd.get(), request.data(), request.size()) < 0)
    failSystem(domain, errno, "Unable to enable the " + controller + " controller in " + file);
}

}  // namespace

MachineCgroup MachineCgroup::create(const std::string& partition, const std::string& name, virErrorDomain domain) {
  return create(hostHierarchies(domain), partition, name, domain);
}

MachineCgroup MachineCgroup::create(const std::map<Resource, Hierarchy>& layout, const std::string& partition,
                                    const std::string& name, virErrorDomain domain) {
  std::map<std::string, std::string> self =
      parseProcCgroup(readWholeFile("/proc/self/cgroup", domain, 1 << 16));
  MachineCgroup cg;
  cg.errorDomain_ = domain;
  DirMaker maker(domain);
  std::set<std::string> made;
  for (const auto& [resource, h] : layout) {
    auto placed = self.find(h.placementKey);
    std::string own = joinPath(h.mount, placed == self.end() ? "/" : placed->second);
    std::string part = joinPath(own, partition);
    std::string leaf = joinPath(part, name);
    cg.dirs_[resource] = CgroupDir{h.version, leaf};
    if (h.version == 2 && (resource == Resource::Memory || resource == Resource::Cpu)) {
      enableV2Controller(own, resourceName(resource), domain);
      maker.shared(part);
      enableV2Controller(part, resourceName(resource), domain);
    }
    if (!made.insert(leaf).second) continue;
    maker.shared(part);
    maker.own(leaf);
  }
  maker.keep();
  return cg;
}

MachineCgroup MachineCgroup::fromRecorded(std::map<Resource, CgroupDir> dirs, virErrorDomain domain) {
  MachineCgroup cg;
  cg.dirs_ = std::move(dirs);
  cg.errorDomain_ = domain;
  return cg;
}

const CgroupDir* MachineCgroup::dirFor(Resource r) const {
  auto it = dirs_.find(r);
  return it == dirs_.end() ? nullptr : &it->second;
}

std::vector<std::string> MachineCgroup::distinctPaths() const {
  std::vector<std::string> out;
  for (const auto& [r, d] : dirs_)
    if (std::find(out.begin(), out.end(), d.path) == out.end()) out.push_back(d.path);
  return out;
}

std::string MachineCgroup::read(Resource r, const char* file) const {
  const CgroupDir* d = dirFor(r);
  if (!d)
    fail(VIR_ERR_OPERATION_UNSUPPORTED, errorDomain_,
         std::string("this host has no cgroup hierarchy for ") + resourceName(r));
  return readWholeFile(d->path + "/" + file, errorDomain_, 1 << 16);
}

void MachineCgroup::write(Resource r, const char* file, const std::string& value) const {
  const CgroupDir* d = dirFor(r);
  if (!d)
    fail(VIR_ERR_OPERATION_UNSUPPORTED, errorDomain_,
         std::string("this host has no cgroup hierarchy for ") + resourceName(r));
  std::string path = d->path + "/" + file;
  UniqueFd fd(open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd) failSystem(errorDomain_, errno, "Unable to open " + path);
  if (::write(fd.get(), value.data(), value.size()) < 0)
    failSystem(errorDomain_, errno, "Unable to write '" + value + "' to " + path);
}

void MachineCgroup::applyLimits(const CgroupLimits& l) const {
  std::optional<unsigned long long> hard = l.hardLimitKiB ? l.hardLimitKiB : l.memoryKiB;
  bool memV2 = dirFor(Resource::Memory) && dirFor(Resource::Memory)->version == 2;
  if (hard) write(Resource::Memory, memV2 ? "memory.max" : "memory.limit_in_bytes", bytes(*hard));
  // libvirt's v2 soft limit is memory.high: throttled above it, not killed.
  if (l.softLimitKiB) write(Resource::Memory, memV2 ? "memory.high" : "memory.soft_limit_in_bytes", bytes(*l.softLimitKiB));
  if (l.swapHardLimitKiB)
    write(Resource::Memory, memV2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes", bytes(*l.swapHardLimitKiB));

  bool cpuV2 = dirFor(Resource::Cpu) && dirFor(Resource::Cpu)->version == 2;
  // libvirt writes the shares value to v2's cpu.weight unchanged.
  if (l.cpuShares) write(Resource::Cpu, cpuV2 ? "cpu.weight" : "cpu.shares", std::to_string(*l.cpuShares));
  if (cpuV2 && (l.cpuPeriodUs || l.cpuQuotaUs)) {
    // cpu.max holds both: "QUOTA PERIOD", "max" for no quota.
    std::string cur = read(Resource::Cpu, "cpu.max");
    std::string quota = cur.substr(0, cur.find(' '));
    std::string period = cur.substr(cur.find(' ') + 1);
    while (!period.empty() && period.back() == '\n') period.pop_back();
    if (l.cpuQuotaUs) quota = *l.cpuQuotaUs < 0 ? "max" : std::to_string(*l.cpuQuotaUs);
    if (l.cpuPeriodUs) period = std::to_string(*l.cpuPeriodUs);
    write(Resource::Cpu, "cpu.max", quota + " " + period);
  } else {
    if (l.cpuPeriodUs) write(Resource::Cpu, "cpu.cfs_period_us", std::to_string(*l.cpuPeriodUs));
    if (l.cpuQuotaUs) write(Resource::Cpu, "cpu.cfs_quota_us", std::to_string(*l.cpuQuotaUs < 0 ? -1 : *l.cpuQuotaUs));
  }
}

unsigned long long MachineCgroup::cpuTimeNs() const {
  const CgroupDir* d = dirFor(Resource::CpuTime);
  if (d && d->version == 2) {
    std::string stat = read(Resource::CpuTime, "cpu.stat");
    std::optional<std::string> usec = keyedValue(stat, "usage_usec");
    if (!usec) fail(VIR_ERR_INTERNAL_ERROR, errorDomain_, "no usage_usec in " + d->path + "/cpu.stat");
    return toNumber(*usec, d->path + "/cpu.stat", errorDomain_) * 1000;
  }
  return toNumber(read(Resource::CpuTime, "cpuacct.usage"), "cpuacct.usage", errorDomain_);
}

unsigned long long MachineCgroup::memoryUsageKiB() const {
  const CgroupDir* d = dirFor(Resource::Memory);
  const char* file = d && d->version == 2 ? "memory.current" : "memory.usage_in_bytes";
  return toNumber(read(Resource::Memory, file), file, errorDomain_) >> 10;
}

std::optional<unsigned long long> MachineCgroup::swapUsageKiB() const {
  const CgroupDir* d = dirFor(Resource::Memory);
  if (!d) return std::nullopt;
  const char* file = d->version == 2 ? "memory.swap.current" : "memory.memsw.usage_in_bytes";
  if (access((d->path + "/" + file).c_str(), F_OK) != 0) return std::nullopt;
  return toNumber(read(Resource::Memory, file), file, errorDomain_) >> 10;
}

bool MachineCgroup::frozen() const {
  const CgroupDir* d = dirFor(Resource::Freezer);
  if (!d) return false;
  if (d->version == 2) return keyedValue(read(Resource::Freezer, "cgroup.events"), "frozen").value_or("0") == "1";
  return read(Resource::Freezer, "freezer.state").rfind("FROZEN", 0) == 0;
}

void MachineCgroup::freeze() const {
  const CgroupDir* d = dirFor(Resource::Freezer);
  bool v2 = d && d->version == 2;
  auto deadline = std::chrono::steady_clock::now() + kSettleTime;
  // v2 freezes once asked; v1 may stay FREEZING while a task is busy in
  // the kernel, and is asked again until it settles (as libvirt does).
  write(Resource::Freezer, v2 ? "cgroup.freeze" : "freezer.state", v2 ? "1" : "FROZEN");
  while (!frozen()) {
    if (std::chrono::steady_clock::now() > deadline) {
      thaw();
      fail(VIR_ERR_OPERATION_FAILED, errorDomain_, "the processes of cgroup " + d->path + " did not freeze");
    }
    std::this_thread::sleep_for(kPollStep);
    if (!v2) write(Resource::Freezer, "freezer.state", "FROZEN");
  }
}

void MachineCgroup::thaw() const {
  const CgroupDir* d = dirFor(Resource::Freezer);
  bool v2 = d && d->version == 2;
  write(Resource::Freezer, v2 ? "cgroup.freeze" : "freezer.state", v2 ? "0" : "THAWED");
}

void MachineCgroup::remove() const noexcept {
  for (const std::string& path : distinctPaths())
    if (!removeDir(path)) VIREO_WARN(kLogModule, "cgroup %s not removed: %s", path.c_str(), strerror(errno));
}

CgroupJoinStep::CgroupJoinStep(const MachineCgroup& cgroup, virErrorDomain domain) {
  for (const auto& [r, d] : cgroup.dirs()) {
    if (std::find(paths_.begin(), paths_.end(), d.path) != paths_.end()) continue;
    std::string file = d.path + "/cgroup.procs";
    UniqueFd fd(open(file.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd) failSystem(domain, errno, "Unable to open " + file);
    paths_.push_back(d.path);
    fds_.push_back(std::move(fd));
  }
}

int CgroupJoinStep::run(const void* self, SpawnChildError* err) noexcept {
  const auto* step = static_cast<const CgroupJoinStep*>(self);
  for (size_t i = 0; i < step->fds_.size(); ++i) {
    // "0" is the writing process itself, whatever its pid namespace.
    if (::write(step->fds_[i].get(), "0", 1) != 1) {
      err->step = 1;
      err->err = errno;
      err->index = static_cast<int>(i);
      return -1;
    }
  }
  return 0;
}

std::string CgroupJoinStep::describe(const void* self, const SpawnChildError& err) {
  const auto* step = static_cast<const CgroupJoinStep*>(self);
  std::string path = err.index >= 0 && static_cast<size_t>(err.index) < step->paths_.size() ? step->paths_[err.index] : "?";
  return "Unable to move the new process into cgroup " + path + ": " + strerror(err.err);
}

void CgroupJoinStep::addTo(SpawnChildChain& chain) const { chain.addFirst(run, this, describe); }

}  // namespace vireo::cgroup
