// The stack of security drivers a QEMU driver uses, as libvirt 9.0 builds it
// (qemuSecurityInit): the configured drivers (qemu.conf security_driver), or
// the first one the host supports, then DAC, which is always there.
//
//   security_driver unset, SELinux enabled    -> selinux, dac
//   security_driver unset, SELinux disabled   -> none, dac
//   security_driver = "selinux", disabled     -> error "Security driver selinux not enabled"
//   security_driver = "none"                  -> none, dac
//   security_driver = "apparmor"              -> error "Security driver apparmor not found"
//                                                (vireo has no AppArmor driver)
//
// The stack generates the domain's <seclabel> elements when it starts (one
// per driver, implicit ones for drivers the XML does not mention), holds the
// SELinux categories of running domains, and describes itself for the
// capabilities XML:
//   <secmodel><model>none</model><doi>0</doi></secmodel>
//   <secmodel><model>dac</model><doi>0</doi>
//     <baselabel type='kvm'>+0:+0</baselabel><baselabel type='qemu'>+0:+0</baselabel>
//   </secmodel>
// Errors are vireo::Error in VIR_FROM_SECURITY with libvirt's numbers.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lib/conf/domain_def.h"
#include "lib/security/seclabel.h"
#include "lib/security/selinux.h"

namespace vireo::security {

// The qemu.conf settings the stack needs (the QEMU driver maps its
// QemuConfig onto this).
struct SecurityConfig {
  std::vector<std::string> drivers;   // security_driver; empty: probe
  bool defaultConfined = true;        // security_default_confined
  bool requireConfined = false;       // security_require_confined
  uid_t uid = 0;                      // user, resolved
  gid_t gid = 0;                      // group, resolved
};

// One <secmodel> of the capabilities XML.
struct SecModel {
  std::string model;
  std::string doi;
  std::vector<std::pair<std::string, std::string>> baseLabels;  // (virt type, label)
};

class SecurityStack {
 public:
  // Builds the stack. `selinuxEnabled` is the host's state (selinux::enabled());
  // `contexts` the SELinux base contexts (selinux::hostContexts()). Throws
  // VIR_ERR_CONFIG_UNSUPPORTED "Security driver selinux not enabled",
  // "Security driver \"none\" cannot create confined guests" (none with
  // security_require_confined), VIR_ERR_INTERNAL_ERROR "Security driver X
  // not found".
  static SecurityStack create(const SecurityConfig& config, bool selinuxEnabled,
                              const selinux::Contexts& contexts = selinux::defaultContexts());

  SecurityStack(SecurityStack&&) noexcept = default;
  SecurityStack& operator=(SecurityStack&&) noexcept = default;

  // The models in order, the primary first and "dac" last.
  std::vector<std::string> models() const;
  // The primary model: the model a lone <seclabel> without one gets.
  const std::string& primaryModel() const { return drivers_.front().model; }
  bool selinuxActive() const;

  // The <secmodel> elements of the capabilities XML, in order.
  std::vector<SecModel> capabilityModels() const;

  // Every <seclabel> model of `def` (domain, disks, character devices) must
  // be "none" or one of the stack's: VIR_ERR_CONFIG_UNSUPPORTED "Security
  // driver model 'X' is not available". libvirt checks this on define and
  // create.
  void checkModels(const conf::DomainDef& def) const;

  // At start: the labels of `def` (a copy of the persistent definition
  // that becomes the live one), generated and written back into it as
  // <seclabel> elements. Implicit labels for drivers the XML leaves out
  // (when confinement is the default); "Unconfined guests are not allowed on
  // this host" (VIR_ERR_CONFIG_UNSUPPORTED) when security_require_confined
  // meets a label of type none. A failure leaves no category held.
  // `processContext` overrides our own SELinux context (tests).
  void prepareDomain(conf::DomainDef& def, std::string_view processContext = {});

  // On reconnect to a running domain: holds the categories of its live
  // labels (parsed from its status XML).
  void reserveDomain(const conf::DomainDef& liveDef);

  // At stop: gives the categories back and clears the generated labels.
  void releaseDomain(conf::DomainDef& liveDef);

  // The SELinux mount options for file systems made for the domain.
  std::string mountOptions(const conf::DomainDef& liveDef) const;

  selinux::McsRegistry& mcs() { return *mcs_; }

 private:
  struct Driver {
    std::string model;        // "selinux", "none" or "dac"
    bool defaultConfined;
    bool requireConfined;
  };
  SecurityStack() = default;
  void generate(SecLabelDef& label, const Driver& driver, const conf::DomainDef& def,
                std::string_view processContext);

  std::vector<Driver> drivers_;
  SecurityConfig config_;
  selinux::Contexts contexts_;
  selinux::McsRange range_;
  std::unique_ptr<selinux::McsRegistry> mcs_;
};

}  // namespace vireo::security
