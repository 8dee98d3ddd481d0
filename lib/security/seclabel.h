// <seclabel> elements: the domain's security labels and the per-device
// overrides inside a disk's or character device's <source>.
//
// vireo's domain model keeps <seclabel> as preserved XML (in
// DomainDef::otherTopLevel and in the devices' unparsed children); this file
// reads them into typed values with libvirt 9.0's rules and writes them back
// the way libvirt formats them:
//
//   <seclabel type='dynamic' model='selinux' relabel='yes'>
//     <label>system_u:system_r:svirt_t:s0:c62,c911</label>
//     <imagelabel>system_u:object_r:svirt_image_t:s0:c62,c911</imagelabel>
//   </seclabel>
//   <seclabel type='dynamic' model='dac' relabel='yes'>
//     <label>+107:+107</label>
//     <imagelabel>+107:+107</imagelabel>
//   </seclabel>
//
// Parse errors are vireo::Error in VIR_FROM_DOMAIN with libvirt's numbers
// and messages ("dynamic label type must use resource relabeling").
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "lib/conf/domain_def.h"
#include "lib/util/xml.h"

namespace vireo::security {

// virDomainSeclabelType. Default only exists for labels the driver adds
// before it decides (confined or not); XML never carries it.
enum class SecLabelType { Default, None, Dynamic, Static };

const char* secLabelTypeName(SecLabelType type);

// One domain-level <seclabel>.
struct SecLabelDef {
  std::string model;        // "selinux", "dac", "none"; empty when not given
  SecLabelType type = SecLabelType::Dynamic;
  bool relabel = true;
  std::string label;        // process label (SELinux context, or "+uid:+gid")
  std::string imageLabel;   // label for the domain's files
  std::string baseLabel;    // dynamic only: the context the label is derived from
  bool implicit = false;    // added by the driver, not written by the user

  bool operator==(const SecLabelDef&) const = default;
};

// A <seclabel> inside a device's <source>: turns relabelling off for that
// device (relabel='no') or names the label to use (<label>).
struct DeviceSecLabel {
  std::string model;        // empty: applies to no driver (libvirt matches models exactly)
  bool relabel = true;
  std::string label;

  bool operator==(const DeviceSecLabel&) const = default;
};

// Parses one <seclabel> element. `live` is true for the XML of a running
// domain (status XML), where generated labels are read back; for a
// persistent definition only static labels and baselabels are read, as in
// libvirt (VIR_DOMAIN_DEF_PARSE_INACTIVE).
SecLabelDef parseSecLabel(const xml::Element& e, bool live);

// All <seclabel> elements of `def`, in order, with libvirt's checks: two
// labels with one model ("seclabel for model dac is already provided"), a
// label without a model beside others ("missing security model when using
// multiple labels"). A single label without a model gets `defaultModel`
// (the host's first security model, "none" on a host without SELinux).
std::vector<SecLabelDef> parseDomainSecLabels(const conf::DomainDef& def, bool live,
                                              std::string_view defaultModel);

// The element libvirt writes for `label`. `migratable`: implicit labels of
// the dac and none models are left out (libvirt's MIGRATABLE format);
// returns an element with an empty name when nothing is to be written.
xml::Element formatSecLabel(const SecLabelDef& label, bool migratable = false);

// Replaces every <seclabel> of `def` by `labels` (in that order); they are
// formatted at libvirt's place after <devices>.
void storeDomainSecLabels(conf::DomainDef& def, const std::vector<SecLabelDef>& labels);

// The label of `model`, or nullptr.
const SecLabelDef* findSecLabel(const std::vector<SecLabelDef>& labels, std::string_view model);
SecLabelDef* findSecLabel(std::vector<SecLabelDef>& labels, std::string_view model);

// The <seclabel> children among `children` (a <source> element's children,
// or a DiskSource's unparsed ones). Checks as libvirt: relabel must be yes
// or no, a label with relabel='no' is refused ("Cannot specify a label if
// relabelling is turned off. model=dac").
std::vector<DeviceSecLabel> parseDeviceSecLabels(const std::vector<xml::Element>& children);

// The override for `model`, or nullptr.
const DeviceSecLabel* findDeviceSecLabel(const std::vector<DeviceSecLabel>& labels, std::string_view model);

// A DAC label "+uid:+gid". A part with a leading '+' is a number; a part
// without one is a user or group name, and digits that name no account are
// taken as a number (libvirt's virParseOwnershipIds). Throws
// VIR_ERR_INVALID_ARG (VIR_FROM_SECURITY) when the label cannot be read.
struct OwnerIds {
  uid_t uid = 0;
  gid_t gid = 0;
  bool operator==(const OwnerIds&) const = default;
};
OwnerIds parseOwnershipIds(std::string_view label);

// "+uid:+gid".
std::string formatOwnershipIds(uid_t uid, gid_t gid);

}  // namespace vireo::security
