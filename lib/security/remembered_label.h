// The original owner (or SELinux context) of a file, remembered in extended
// attributes with a reference count, in libvirt's format, so that a libvirt
// host and a vireo host sharing files agree on who restores what.
//
// For a security driver DRV ("dac" or "selinux") a labelled file carries:
//   trusted.libvirt.security.DRV            the label before the first user
//                                           ("+0:+0" for DAC)
//   trusted.libvirt.security.ref_DRV        how many users, in decimal
//   trusted.libvirt.security.timestamp_DRV  the host's boot time, in decimal
//                                           seconds since the epoch
// The first user writes the label and the timestamp; every user adds one to
// the count; the last one to leave reads the label back and removes all
// three. A timestamp that is not this boot's (a crash or power loss left the
// attributes behind) makes the three attributes stale: they are removed and
// the file is treated as if nothing were remembered.
//
// 'trusted.' attributes need CAP_SYS_ADMIN. A file system without extended
// attributes (ENOTSUP) makes remembering a no-op, as in libvirt.
//
// Everything below except hostBootTime() and RememberedLabelNames' builder is
// async-signal-safe: system calls on prepared memory only, so that it can run
// in a forked child (see dac_apply.h).
#pragma once

#include <cstddef>
#include <string_view>

#include "lib/util/spawn.h"

namespace vireo::security {

// The three attribute names of one driver, built in the parent.
struct RememberedLabelNames {
  char label[64] = {};
  char refcount[64] = {};
  char timestamp[64] = {};

  // For driver "dac" or "selinux".
  static RememberedLabelNames forDriver(std::string_view driver);
};

// The host's boot time as libvirt computes it (the BOOT_TIME record of utmp,
// else the current time less /proc/uptime, rounded), computed once per
// process. Throws VIR_ERR_SYSTEM_ERROR ("Unable to get host boot time: ...")
// when neither source can be read.
unsigned long long hostBootTime();

// A timestamp attribute is taken as this boot's when it is within one
// second of `bootTime`: libvirt's /proc/uptime fallback rounds differently
// from one process to the next, and a real reboot moves the boot time by far
// more than a second.
bool timestampMatchesBoot(unsigned long long stored, unsigned long long bootTime) noexcept;

// What rememberLabel and recallLabel report besides a count.
inline constexpr int kLabelNotRemembered = -2;  // no attributes here, unsupported, or stale

// The steps that can fail, as reported in SpawnChildError::step. For the
// xattr steps SpawnChildError::path holds the attribute's name; for
// kStepMalformedRefcount the value that could not be read.
enum LabelStep : int {
  kStepStat = 1,
  kStepGetXattr,
  kStepSetXattr,
  kStepRemoveXattr,
  kStepChown,
  kStepMalformedRefcount,
  kStepMalformedLabel,  // a remembered owner that is not "+uid:+gid"
  kStepInUse,        // the file is used by another domain with another owner
  kStepOpenForLock,
  kStepLock,
  kStepLockTimeout,  // another holder kept the metadata lock past the plan's wait
};

// Counts one more user of `path`; the first one also records `label` and the
// timestamp. Returns the new count (1 for the first user),
// kLabelNotRemembered when the file system has no extended attributes, or -1
// after filling *err (step, errno, attribute name).
int rememberLabel(const RememberedLabelNames& names, const char* path, const char* label,
                  unsigned long long bootTime, SpawnChildError* err) noexcept;

// Counts one user less. Returns 0 and the remembered label in `label` (at
// most `size` bytes, NUL-terminated) when this was the last user and the
// attributes are gone; 1 when other users remain (nothing to restore);
// kLabelNotRemembered when nothing valid is remembered; -1 after filling
// *err.
int recallLabel(const RememberedLabelNames& names, const char* path, unsigned long long bootTime, char* label,
                size_t size, SpawnChildError* err) noexcept;

// Removes the three attributes if present (a stale set, or a failed
// remember). Returns 0, or -1 after filling *err.
int forgetLabel(const RememberedLabelNames& names, const char* path, SpawnChildError* err) noexcept;

}  // namespace vireo::security
