// The domain snapshot model: libvirt's <domainsnapshot> XML
// (formatsnapshot), parsed and checked as virDomainSnapshotCreateXML does,
// completed against the domain it is taken of (alignDisks), and formatted
// as virDomainSnapshotGetXMLDesc writes it, the domain's definition
// embedded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/conf/domain_def.h"

namespace vireo::conf {

// One <disk> of a snapshot. `snapshot` is libvirt's location name
// ("internal", "external", "no", "manual"), empty while not given.
struct SnapshotDiskDef {
  std::string name;  // the domain disk's target, or its source path as the user gave it
  std::string snapshot;
  std::string type;        // the external image's storage type ("file", "block"); empty: file
  std::string sourceFile;  // the external image
  std::string driverType;  // its format (<driver type='qcow2'/>)
  bool operator==(const SnapshotDiskDef&) const = default;
};

struct DomainSnapshotDef {
  std::string name;
  std::string description;
  // libvirt's virDomainSnapshotState name ("running", "shutoff",
  // "disk-snapshot", ...); set by alignDisks or given on a redefinition.
  std::string state;
  std::string parent;          // the parent snapshot's name, empty for a root
  long long creationTime = 0;  // seconds since the epoch
  std::string memory;          // location of the memory state, empty while not given
  std::string memoryFile;      // for an external memory state
  std::vector<SnapshotDiskDef> disks;
  std::optional<DomainDef> domain;  // the domain's definition when the snapshot was taken
};

enum SnapshotParseFlags : unsigned {
  SnapshotParseRedefine = 1,  // VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE: state, parent, times and domain are read
};

// The virDomainSnapshotState number of a state name, -1 for an unknown one.
int snapshotStateNumber(std::string_view state);
// The state name of a domain state (VIR_DOMAIN_RUNNING -> "running").
std::string snapshotStateName(int domainState);

// Parses a <domainsnapshot> document. Without a name the snapshot is named
// after `now` (its creation time, also set here). Throws vireo::Error with
// libvirt's codes and words (domain VIR_FROM_DOMAIN_SNAPSHOT unless noted):
// VIR_ERR_XML_DETAIL for XML that does not parse, VIR_ERR_XML_ERROR
// (VIR_FROM_XML) for another root or a bad location name, VIR_ERR_XML_ERROR
// for a bad memory element, a relative path or a redefinition without a
// name or state, VIR_ERR_INTERNAL_ERROR for a disk without a name or a
// redefinition without creationTime.
DomainSnapshotDef parseDomainSnapshotXml(std::string_view xml, unsigned flags, long long now);

// Completes a new snapshot of `domain` as libvirt's drivers do: every disk
// of the domain gets an entry in the domain's order, the given ones are
// checked against it, and a disk without a location gets `location` (or
// "no" for an empty or read-only one). With `requireMatch`, a given
// location other than `location` or "no" is refused. External disks
// without an image get one named after the original and the snapshot.
// Throws VIR_ERR_CONFIG_UNSUPPORTED for an unknown or repeated disk and
// the other refusals libvirt has.
void alignSnapshotDisks(DomainSnapshotDef& def, const DomainDef& domain, const std::string& location,
                        bool requireMatch);

// Whether the snapshot keeps memory or a disk outside the domain's images.
bool isExternalSnapshot(const DomainSnapshotDef& def);

// Completes a redefined snapshot that embeds its domain against that
// definition, as libvirt's virDomainSnapshotRedefinePrep does: external
// (no match required) for a disk-only or external snapshot, internal
// otherwise. A snapshot without a definition is left as it is.
void alignRedefinedSnapshot(DomainSnapshotDef& def);

// Formats `def` as libvirt does; `domainUuid` is the domain's, written
// when the snapshot holds no definition. `secure` keeps passwords in the
// embedded domain (VIR_DOMAIN_SNAPSHOT_XML_SECURE).
std::string formatDomainSnapshotXml(const DomainSnapshotDef& def, const Uuid& domainUuid, bool secure);

// `text` with every line indented by two more spaces: how snapshots and
// checkpoints embed the domain's XML.
std::string indentXml(const std::string& text);

}  // namespace vireo::conf
