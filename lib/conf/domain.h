// The domain XML interface that drivers use: parse and format whole
// definitions and single devices, edit devices, and read or write metadata.
//
// All functions throw vireo::Error with libvirt's error numbers (domain
// VIR_FROM_DOMAIN): VIR_ERR_XML_DETAIL for XML that is not well formed,
// VIR_ERR_XML_ERROR / VIR_ERR_CONFIG_UNSUPPORTED / VIR_ERR_INTERNAL_ERROR /
// VIR_ERR_NO_NAME for definitions libvirt refuses.
#pragma once

#include <string>
#include <string_view>

#include "lib/conf/domain_def.h"

namespace vireo::conf {

// Parses a <domain> document and applies libvirt's defaults (the post-parse
// step: default arch, boot device, lifecycle actions, implicit controllers,
// console/serial pairing, drive addresses, generated UUID and MACs, ...) and
// its checks. `parseFlags` is a set of ParseFlags.
DomainDef parseDomainXml(std::string_view xml, unsigned parseFlags);

// The first step of parseDomainXml(), for drivers that apply their own
// defaults between reading and checking a definition (the QEMU driver): the
// document's element tree, once the text is well formed and, with
// ParseValidate, valid for libvirt's domain schema (domain_schema.h).
xml::Element readDomainDocument(std::string_view xml, unsigned parseFlags);

// Formats `def` as libvirt does. `virDomainXMLFlags` takes
// VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_SECURE (include passwords) and
// VIR_DOMAIN_XML_MIGRATABLE. `liveId` >= 0 adds id='N' to <domain> (a running
// domain, and only without VIR_DOMAIN_XML_INACTIVE); -1 omits it.
std::string formatDomainXml(const DomainDef& def, unsigned virDomainXMLFlags, int liveId);

// Applies the post-parse defaults and checks to a definition built or edited
// in code. parseDomainXml() already does this.
void postParseDomain(DomainDef& def, unsigned parseFlags);
void validateDomain(const DomainDef& def, unsigned parseFlags);

// ---- single devices (virDomainAttachDevice / DetachDevice / UpdateDevice) --

// Parses one device element (<disk>, <interface>, ...) in the context of
// `context` (used for defaults such as drive addresses). `flags` are
// ParseFlags.
DeviceDef parseDeviceXml(std::string_view xml, const DomainDef& context, unsigned flags);
std::string formatDeviceXml(const DeviceDef& dev, unsigned virDomainXMLFlags);

// Adds `dev` to `def` (with libvirt's defaults for the new device). Throws
// VIR_ERR_OPERATION_FAILED if an equivalent device exists (same disk
// target, same interface MAC, ...).
void addDevice(DomainDef& def, DeviceDef dev);

// The index of the device in `def` that `dev` identifies, by libvirt's
// rules: disks by target dev, interfaces by MAC (then by alias/address),
// controllers by type and index, hostdevs/others by their element; -1 if
// none. `kindIndex` is an index into the vector of that device kind.
int findDevice(const DomainDef& def, const DeviceDef& dev);

// Removes the device that `dev` identifies and returns it. Throws
// VIR_ERR_DEVICE_MISSING ("matching device not found") / VIR_ERR_OPERATION_INVALID.
DeviceDef removeDevice(DomainDef& def, const DeviceDef& dev);

// Replaces the device that `dev` identifies with `dev`. Throws like removeDevice().
void replaceDevice(DomainDef& def, DeviceDef dev);

// The disk index encoded in a target name, as libvirt's virDiskNameToIndex
// reads it: "hda" 0, "sdb" 1, "vdaa" 26, "vda1" 0 (prefixes fd, hd, vd, sd, xvd,
// ubd); -1 if the name has no such suffix or its index is past INT_MAX ("vdfxshrxy").
int diskNameIndex(const std::string& name);

// ---- metadata (virDomainSetMetadata / virDomainGetMetadata) ---------------

// `type` is a virDomainMetadataType: 0 description, 1 title, 2 element.
// For an element, `uri` selects the <metadata> child by namespace.
// Throws VIR_ERR_NO_DOMAIN_METADATA ("metadata not found: ...") if absent.
std::string getMetadata(const DomainDef& def, int type, std::string_view uri);

// Sets (or with an empty/null `value`, removes) the description, the title
// or the <metadata> child for `uri`. For an element, `value` is one XML
// element, `key` the namespace prefix to give it. Throws VIR_ERR_INVALID_ARG
// for a title with newlines, a missing key/uri, or XML that does not parse.
void setMetadata(DomainDef& def, int type, const char* value, const char* key, const char* uri);

}  // namespace vireo::conf
