// The SELinux security driver's label computation (sVirt), as libvirt 9.0.
//
// A confined domain runs as the policy's virtual domain type with two MCS
// categories of its own, and its files get the image type with the same two
// categories, so that two domains cannot touch each other's files:
//   process  system_u:system_r:svirt_t:s0:c62,c911
//   images   system_u:object_r:svirt_image_t:s0:c62,c911
// The base contexts come from the policy
// (/etc/selinux/POLICY/contexts/virtual_domain_context: the KVM domain, then
// the TCG one; virtual_image_context: images, then read-only content). The
// categories are drawn at random from the range of our own process context
// (c0.c1023 when it has none), never equal to each other, and never a pair
// another running domain holds (McsRegistry).
//
// Everything here is computation on strings and works without an SELinux
// kernel. On a host where SELinux is disabled (is_selinux_enabled() == 0)
// libvirt's SELinux driver is inactive and the host's security model is
// "none" (see security_stack.h); vireo then uses documented default
// contexts only when asked to compute labels anyway (tests):
//   domain  system_u:system_r:svirt_t:s0       TCG  system_u:system_r:svirt_tcg_t:s0
//   image   system_u:object_r:svirt_image_t:s0 content system_u:object_r:virt_content_t:s0
// Setting file contexts (setfilecon) is not done by vireo yet.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "lib/security/seclabel.h"

namespace vireo::security::selinux {

// is_selinux_enabled() > 0.
bool enabled();

struct Contexts {
  std::string domain;      // KVM guests
  std::string altDomain;   // TCG guests (svirt_tcg_t); empty when the policy has none
  std::string file;        // images
  std::string content;     // read-only content

  bool operator==(const Contexts&) const = default;
};

// vireo's defaults for a host without SELinux (listed above).
Contexts defaultContexts();

// Reads the two policy files (first line, second line of each); throws
// VIR_ERR_SYSTEM_ERROR (VIR_FROM_SECURITY) naming a file that cannot be read:
// "cannot read SELinux virtual domain context file '/path': ...".
Contexts readContexts(const std::string& domainContextFile, const std::string& imageContextFile);

// The policy's files when SELinux is enabled, else defaultContexts().
Contexts hostContexts();

// The sensitivity and category range labels are drawn from.
struct McsRange {
  std::string sensitivity = "s0";
  int catMin = 0;
  int catMax = 1023;
  bool operator==(const McsRange&) const = default;
};

// The range of a process context, as libvirt reads it:
//   system_u:system_r:virtd_t                  -> s0, c0..c1023
//   system_u:system_r:virtd_t:s0-s0            -> s0, c0..c1023
//   system_u:system_r:virtd_t:s0-s0:c0.c1023   -> s0, c0..c1023
// Throws VIR_ERR_INTERNAL_ERROR "Cannot parse category in c0x" for a
// category part it cannot read, "No category range available" for a single
// category.
McsRange parseProcessRange(std::string_view context);

// Our own process's range (getcon_raw) when SELinux is enabled, else the
// default (s0, c0..c1023).
McsRange processRange();

// The part after user:role:type ("s0:c1,c2"), "" if none.
std::string contextRange(std::string_view context);

// `base` with its range replaced by `range`; with a non-empty
// `processContext`, its user (and its role unless `isObject`) replace the
// base's, as libvirt does with the context of the process that labels.
std::string makeContext(std::string_view base, std::string_view range, std::string_view processContext,
                        bool isObject);

// The MCS pairs held by running domains of one driver. Thread-safe.
class McsRegistry {
 public:
  // Returns a uniformly random number in [0, bound). The default draws
  // from getrandom(); tests pass a predictable one.
  using Random = std::function<uint32_t(uint32_t bound)>;
  explicit McsRegistry(Random random = {});

  // A free pair "s0:cA,cB" with A < B drawn from `range`, now held.
  // Throws VIR_ERR_INTERNAL_ERROR "Category range c0-c5 too small" for a
  // range of fewer than 8 categories.
  std::string allocate(const McsRange& range);
  // Holds `mcs` for a domain found running (reconnect). Throws
  // VIR_ERR_INTERNAL_ERROR "MCS level for existing domain label LABEL
  // already reserved" when it is held already.
  void reserve(const std::string& mcs, const std::string& label);
  void release(const std::string& mcs);
  bool held(const std::string& mcs) const;
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::set<std::string> held_;
  Random random_;
};

// libvirt's virSecuritySELinuxGenLabel for one domain's SELinux label:
//   dynamic: a new pair, label = the domain context (the TCG one when
//            `virtType` is "qemu" and the policy has it, or <baselabel>)
//            with that pair;
//   static:  the pair of the given label;
//   none:    the bare sensitivity;
// and in every case imagelabel = the image context with the same pair.
// Throws VIR_ERR_INTERNAL_ERROR for a label that is already generated or
// whose model is not selinux.
void generateLabel(SecLabelDef& label, const Contexts& contexts, const McsRange& range, McsRegistry& registry,
                   std::string_view virtType, std::string_view processContext = {});

// A running domain's dynamic label found on reconnect: holds its pair.
void reserveLabel(const SecLabelDef& label, McsRegistry& registry);

// Gives a stopped domain's pair back; the dynamic label's generated parts
// are cleared (libvirt's ReleaseLabel).
void releaseLabel(SecLabelDef& label, McsRegistry& registry);

// The mount option libvirt adds for file systems made for the domain (its
// /dev tmpfs): ",context=\"IMAGELABEL\"", or "" without an image label.
std::string mountOptions(const SecLabelDef* label);

}  // namespace vireo::security::selinux
