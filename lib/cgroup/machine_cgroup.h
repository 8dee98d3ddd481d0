// The cgroup(s) of one machine (a container, later a QEMU domain): made at
// start, joined by its first process before exec, limited, read for
// statistics, frozen and thawed, removed when it stops.
//
// Naming follows libvirt without systemd: PARTITION/NAME.libvirt-DRIVER
// ("machine/ct1.libvirt-lxc"), under the calling process's own place in
// each hierarchy (/proc/self/cgroup), so that a machine stays inside the
// limits of the program that embeds vireo. With that program at the root,
// this is libvirt's /sys/fs/cgroup/<controller>/machine/NAME.libvirt-lxc.
// On a hybrid host one machine has a directory in each hierarchy it uses
// (cgroup_layout.h says which); the paths are recorded by the driver so that
// a later process finds them (fromRecorded).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <libvirt/virterror.h>

#include "lib/cgroup/cgroup_layout.h"
#include "lib/util/fd.h"
#include "lib/util/spawn.h"

namespace vireo::cgroup {

// What the definition asks for; each absent value leaves the kernel's
// default. Memory in KiB, CPU times in microseconds.
struct CgroupLimits {
  std::optional<unsigned long long> memoryKiB;         // <memory>: the hard limit (libvirt's LXC)
  std::optional<unsigned long long> hardLimitKiB;      // <memtune><hard_limit>, replaces it
  std::optional<unsigned long long> softLimitKiB;      // <memtune><soft_limit>
  std::optional<unsigned long long> swapHardLimitKiB;  // <memtune><swap_hard_limit>
  std::optional<unsigned long long> cpuShares;         // <cputune><shares>
  std::optional<unsigned long long> cpuPeriodUs;       // <cputune><period>
  std::optional<long long> cpuQuotaUs;                 // <cputune><quota>, negative: none
};

// One resource's directory.
struct CgroupDir {
  int version = 0;    // 1 or 2
  std::string path;   // e.g. /sys/fs/cgroup/memory/machine/ct1.libvirt-lxc
  bool operator==(const CgroupDir&) const = default;
};

class MachineCgroup {
 public:
  MachineCgroup() = default;

  // Makes PARTITION/NAME in every hierarchy that serves a resource, under
  // this process's place in it. A directory left over from a machine that
  // died with its owner is removed first if empty; one that still has
  // processes is an error (VIR_ERR_OPERATION_FAILED "cgroup ... is in use").
  // On v2, enables the v2 controllers it uses in cgroup.subtree_control on
  // the way down. Throws VIR_ERR_SYSTEM_ERROR (`errorDomain`) naming the
  // path; nothing is left behind then.
  static MachineCgroup create(const std::string& partition, const std::string& name, virErrorDomain errorDomain);
  static MachineCgroup create(const std::map<Resource, Hierarchy>& layout, const std::string& partition,
                              const std::string& name, virErrorDomain errorDomain);
  // The cgroup a previous process made (its recorded directories).
  static MachineCgroup fromRecorded(std::map<Resource, CgroupDir> dirs, virErrorDomain errorDomain);

  bool empty() const { return dirs_.empty(); }
  const std::map<Resource, CgroupDir>& dirs() const { return dirs_; }
  // The directory serving `r`, or nullptr when this host has none for it.
  const CgroupDir* dirFor(Resource r) const;

  // Writes the limits, in an order the kernel accepts (v1 wants memsw >=
  // limit). Throws VIR_ERR_SYSTEM_ERROR naming the file; VIR_ERR_OPERATION_UNSUPPORTED
  // when a limit is asked for a resource this host has no cgroup for.
  void applyLimits(const CgroupLimits& limits) const;

  // CPU time used by every process of the machine, in nanoseconds.
  unsigned long long cpuTimeNs() const;
  // Memory in use (v1 memory.usage_in_bytes, v2 memory.current), KiB.
  unsigned long long memoryUsageKiB() const;
  // v1 memory.memsw.usage_in_bytes (memory plus swap) or v2
  // memory.swap.current, KiB; std::nullopt when the kernel has no swap accounting.
  std::optional<unsigned long long> swapUsageKiB() const;

  // Stops every process of the machine and returns once the kernel says
  // they are all frozen (v2 cgroup.events "frozen 1", v1 freezer.state
  // FROZEN); on a timeout it thaws again and throws VIR_ERR_OPERATION_FAILED.
  void freeze() const;
  void thaw() const;
  bool frozen() const;

  // Removes the machine's directories (not the partition); waits a little
  // for the kernel to let go of exited tasks. Failures are logged.
  void remove() const noexcept;

 private:
  std::map<Resource, CgroupDir> dirs_;
  virErrorDomain errorDomain_ = VIR_FROM_NONE;
  std::vector<std::string> distinctPaths() const;
  std::string read(Resource r, const char* file) const;
  void write(Resource r, const char* file, const std::string& value) const;
};

// The child's part: before exec, the machine's first process moves itself
// into each directory (writes "0" to cgroup.procs through descriptors
// opened here), so that everything it ever runs is accounted and limited.
class CgroupJoinStep {
 public:
  // Opens every directory's cgroup.procs. Throws VIR_ERR_SYSTEM_ERROR.
  explicit CgroupJoinStep(const MachineCgroup& cgroup, virErrorDomain errorDomain);
  static int run(const void* self, SpawnChildError* err) noexcept;
  static std::string describe(const void* self, const SpawnChildError& err);
  // Adds this step first in `chain`, before any namespace or mount work.
  void addTo(SpawnChildChain& chain) const;

 private:
  std::vector<std::string> paths_;
  std::vector<UniqueFd> fds_;
};

}  // namespace vireo::cgroup
