// What the audit records need, read from a domain definition.
//
// The record builders (audit_records.h) take plain values; these functions
// take them out of lib/conf's model the way libvirt reads its own structures
// for auditing: which path of a disk, chardev or RNG is the host resource,
// how a host device is addressed, which devices are not audited at all.
// Call them on the live definition (after the driver has filled in runtime
// values such as pty paths, resolved USB addresses and generated labels).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lib/audit/audit_records.h"
#include "lib/audit/domain_audit.h"
#include "lib/conf/domain_def.h"

namespace vireo::audit {

// virt type, name and UUID of `def`, with `pid` as vm-pid (0 when `pid` is
// not a process: a domain that is not running).
AuditedDomain auditedDomain(const conf::DomainDef& def, long long pid);

// ---- one device (also what hotplug audits) ------------------------------------

// The host path of local storage (type file, block or dir); std::nullopt for
// network, volume, NVMe and vhost-user disks and for an empty drive.
std::optional<std::string> diskPath(const conf::DiskDef& disk);
// The host path of a chardev of type pty, dev, file, pipe or unix (a pty has
// one once the emulator has allocated it); std::nullopt for the others.
std::optional<std::string> chardevPath(const conf::ChrDef& chr);
// How a host device is audited; std::nullopt for those libvirt does not
// audit (iSCSI SCSI devices, mode='capabilities' type='net', unknown types).
std::optional<HostdevSource> hostdevSource(const conf::HostdevDef& hostdev);
// The host event device of a passthrough or evdev input; std::nullopt for
// emulated mice, tablets and keyboards.
std::optional<std::string> evdevPath(const conf::InputDef& input);

// Generic devices (lib/conf keeps these as preserved XML). Each returns
// std::nullopt when `dev` is another kind or has nothing to audit.
std::optional<std::string> filesystemSource(const conf::GenericDeviceDef& dev);  // <filesystem>
std::optional<std::string> rngSource(const conf::GenericDeviceDef& dev);         // <rng>
std::optional<SmartcardSource> smartcardSource(const conf::GenericDeviceDef& dev);  // <smartcard>
// <tpm>. The emulator's socket is not in the XML (the driver chooses it when
// it starts swtpm): for the emulator backend the path is std::nullopt and the
// driver fills it in before sending.
std::optional<DomainResources::Tpm> tpmSource(const conf::GenericDeviceDef& dev);
// <shmem>. With <server> but no path, serverPath is std::nullopt (the driver
// knows the socket it gave QEMU).
std::optional<ShmemSource> shmemSource(const conf::GenericDeviceDef& dev);
bool isUsbRedirdev(const conf::GenericDeviceDef& dev);  // <redirdev bus='usb'>

// ---- the whole domain -----------------------------------------------------------

// Everything auditStart() needs, in the definition's order. TPM emulator
// sockets and shmem server sockets without a path are left to the driver
// (see above).
DomainResources domainResources(const conf::DomainDef& def);

// One entry per <seclabel>, in order: model, <label>, <imagelabel>.
std::vector<SecurityLabel> securityLabels(const conf::DomainDef& def);

}  // namespace vireo::audit
