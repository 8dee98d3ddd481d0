// Pieces shared by the domain parse, post-parse, format and edit code; not
// for drivers.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lib/conf/domain_def.h"
#include "lib/util/xml.h"

namespace vireo::conf {

// The vector of character devices of `kind` (serial, parallel, console, channel).
std::vector<ChrDef>& chrList(DomainDef& def, std::string_view kind);

// parseDomainXml() without the defaults and checks.
DomainDef parseDomainTree(const xml::Element& root);

// Inserts a disk where libvirt would while reading a definition: with the
// disks that named the same `bus` ("" for none), in target name order; the
// disks of other buses keep their places. `buses` is aligned with `disks`.
void insertDisk(std::vector<DiskDef>& disks, std::vector<std::string>& buses, DiskDef d, std::string bus);

// Inserts a controller where libvirt would: after the controllers of the
// same type with lower index, before those with a higher one.
void insertController(DomainDef& def, ControllerDef c);

}  // namespace vireo::conf

namespace vireo::conf {

// The per-device part of the post-parse defaults (drive address, MAC,
// video model, hostdev managed, ...) for a device being added to `def`.
void postParseDevice(DeviceDef& dev, const DomainDef& def);

// Adds the controllers that devices in `def` imply (IDE/SCSI/SATA/FDC for
// drive addresses, virtio-serial for virtio channels, ccid for smartcards).
void addImplicitControllers(DomainDef& def);

// Host device checks: the same host device twice, two ramfb vGPUs
// (validateHostdevs); an address that does not suit a mediated device's
// model (checkMdevAddress, a post-parse error in libvirt).
void validateHostdevs(const DomainDef& def);
void checkMdevAddress(const HostdevDef& h);

// Drive addresses: whether a SCSI host device (disk) sits at `a`; the
// address as libvirt's messages write it (some of them without the last
// quote); two disks of a bus, or SCSI host devices, at one address.
bool scsiHostdevAt(const DomainDef& def, const DriveAddress& a);
bool scsiDiskAt(const DomainDef& def, const DriveAddress& a);
std::string driveAddressText(const DriveAddress& a, bool closeQuote);
void validateDriveAddresses(const DomainDef& def);

// Guest memory and NUMA cells (domain_numa.cc): the number of cells; a
// cell's memAccess/discard values; the post-parse of <hugepages> pages and
// <numatune> memnodes; the checks of both against the cells.
unsigned numaCellCount(const DomainDef& def);
void checkNumaCellSwitches(const xml::Element& cell);
void normalizeGuestNumaMemory(DomainDef& def);
void validateGuestNumaMemory(const DomainDef& def);

// The guest firmware (domain_firmware.cc): reading <os firmware>, its
// features, <loader> and <nvram> (parse), and libvirt's checks of them.
void readFirmware(OsDef& os);
void validateFirmware(const OsDef& os);

// Security labels (domain_seclabel.cc): the domain's, one per model; a
// resource's (the <seclabel>s among a disk or character device <source>'s
// `children`). Both keep what a persistent (`inactive`) or live definition
// keeps.
void normalizeDomainSeclabels(DomainDef& def, bool inactive);
void normalizeResourceSeclabels(std::vector<xml::Element>& children, bool inactive);

// A libvirt bitmap such as "0-3,^2,5": the ids it names, ascending. Throws
// VIR_ERR_INVALID_ARG for text that is not one.
std::set<unsigned> parseIdSet(const std::string& text);

}  // namespace vireo::conf
