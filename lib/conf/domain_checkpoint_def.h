// The domain checkpoint model: libvirt's <domaincheckpoint> XML
// (formatcheckpoint), parsed and checked as virDomainCheckpointCreateXML
// does, completed against the domain (alignCheckpointDisks), and formatted
// as virDomainCheckpointGetXMLDesc writes it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/conf/domain_def.h"

namespace vireo::conf {

// One <disk> of a checkpoint: `checkpoint` is "bitmap" or "no" (empty while
// not given); `bitmap` names the disk's dirty bitmap.
struct CheckpointDiskDef {
  std::string name;  // the domain disk's target, or its source path as the user gave it
  std::string checkpoint;
  std::string bitmap;
  bool operator==(const CheckpointDiskDef&) const = default;
};

struct DomainCheckpointDef {
  std::string name;
  std::string description;
  std::string parent;          // the parent checkpoint's name, empty for a root
  long long creationTime = 0;  // seconds since the epoch
  std::vector<CheckpointDiskDef> disks;
  std::optional<DomainDef> domain;  // the domain's definition when the checkpoint was made
};

enum CheckpointParseFlags : unsigned {
  CheckpointParseRedefine = 1,  // VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE: parent, time and domain are read
};

// Parses a <domaincheckpoint> document; without a name the checkpoint is
// named after `now`, its creation time. libvirt checks every checkpoint
// against its schema: what the schema refuses (a disk without a name, an
// unknown checkpoint type, a bitmap on a disk without one, an empty
// <disks>, a name with '/') is VIR_ERR_XML_INVALID_SCHEMA (VIR_FROM_XML)
// here too. Other errors (domain VIR_FROM_DOMAIN_CHECKPOINT unless noted):
// VIR_ERR_XML_DETAIL, VIR_ERR_XML_ERROR (VIR_FROM_XML) for another root,
// VIR_ERR_INTERNAL_ERROR for a redefinition without creationTime.
DomainCheckpointDef parseDomainCheckpointXml(std::string_view xml, unsigned flags, long long now);

// Completes a new checkpoint of `domain` as libvirt does: every disk of
// the domain gets an entry, in the domain's order; a given disk without a
// type gets a bitmap, the others none when some disks were given, else a
// bitmap unless empty or read-only; a bitmap is named after the
// checkpoint. Throws VIR_ERR_CONFIG_UNSUPPORTED for an unknown or repeated
// disk, or a bitmap on an empty or read-only one.
void alignCheckpointDisks(DomainCheckpointDef& def, const DomainDef& domain);

// Formats `def` as libvirt does; `noDomain` leaves the definition out
// (VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN), `secure` keeps its passwords.
std::string formatDomainCheckpointXml(const DomainCheckpointDef& def, bool noDomain, bool secure);

}  // namespace vireo::conf
