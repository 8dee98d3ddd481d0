// A plan flattened into a child program: one contiguous buffer, allocated
// and filled in the parent before fork(), that the child executes with
// system calls only (dev_child.h). The program also knows how to turn the
// child's failure report back into a message naming the path.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "lib/ns/dev_child_layout.h"
#include "lib/ns/dev_plan.h"
#include "lib/util/fd.h"
#include "lib/util/spawn.h"

namespace vireo::ns {

class DevChildProgram {
 public:
  // Builds a new /dev for a process about to exec. Creates the staging
  // directory (an empty directory under opts.runDir, made there with mkdtemp)
  // that the child uses only when it cannot mount beneath /dev; the program
  // removes it when destroyed. Throws VIR_ERR_SYSTEM_ERROR (in `errorDomain`,
  // the caller's, as every error of these factories) when the directory
  // cannot be made.
  static DevChildProgram forBuild(const DevPlan& plan, const DevPlanOptions& opts, int errorDomain);

  // Creates `nodes` below /dev in the mount namespace `mountNs` (an open
  // /proc/PID/ns/mnt), undoing its own work on failure.
  static DevChildProgram forAdd(const std::vector<DevNode>& nodes, UniqueFd mountNs, int errorDomain);

  // Creates `nodes` below `dir`, a directory of the child's own mount
  // namespace (a container's freshly mounted /dev), with nothing to undo.
  static DevChildProgram forPopulate(const std::vector<DevNode>& nodes, const std::string& dir, int errorDomain);

  // Unlinks `relPaths` (relative to /dev, checked by the caller) in `mountNs`.
  static DevChildProgram forRemove(const std::vector<std::string>& relPaths, UniqueFd mountNs, int errorDomain);

  // Moving hands over the buffer (its address does not change, so a layout()
  // pointer stays valid) and the duty to remove the staging directory.
  DevChildProgram(DevChildProgram&& other) noexcept;
  DevChildProgram& operator=(DevChildProgram&& other) noexcept;
  DevChildProgram(const DevChildProgram&) = delete;
  DevChildProgram& operator=(const DevChildProgram&) = delete;
  ~DevChildProgram();

  // The program, as the child reads it; valid as long as this object lives.
  const DevChildLayout* layout() const noexcept { return layout_; }
  const std::string& stagingDir() const noexcept { return stagingDir_; }

  // The message for a failure the child reported: what failed, on which
  // path, the system error and the step, e.g. "Failed to create device
  // /dev/kvm: Operation not permitted (step: mknod)".
  std::string describeFailure(const SpawnChildError& err) const;

 private:
  DevChildProgram() = default;
  // An add program (purpose DevChildAdd); `dir` becomes the layout's stagingDir.
  static DevChildProgram forNodes(const std::vector<DevNode>& nodes, UniqueFd mountNs, const std::string& dir,
                                  int errorDomain);
  void removeStagingDir() noexcept;
  struct Builder;

  std::unique_ptr<std::byte[]> buffer_;
  DevChildLayout* layout_ = nullptr;
  UniqueFd mountNs_;
  std::string stagingDir_;
};

// The name of a step as it appears in messages ("mknod", "setns", ...).
const char* devChildStepName(int step);

// The message for a failure reported by the child running the program at
// `layout` (a SpawnChildDescribe for spawnProcess and runInChild).
std::string describeDevChildFailure(const void* layout, const SpawnChildError& err);

// Makes `plan` build the private /dev in its child before execve(): sets the
// pre-exec hook and its failure description. `program` (made by forBuild)
// must outlive the spawnProcess call.
void attachPrivateDev(SpawnPlan& plan, const DevChildProgram& program);

}  // namespace vireo::ns
