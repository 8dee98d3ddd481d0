// When a driver audits what: libvirt's rules for the composite moments (a
// domain starts or stops, a device node is opened for an interface, a cgroup
// rule is set), on top of the record builders of audit_records.h.
//
// Single-device changes need nothing more than a builder and a send:
//   log.send(audit::diskRecord(dom, "attach", std::nullopt, path), ok);
// with the reasons libvirt uses: "attach", "detach", "update" (and "start"
// for what auditStart() sends).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/audit/audit_log.h"
#include "lib/audit/audit_records.h"

namespace vireo::audit {

// What a domain holds of the host when it starts, as plain values in the
// order of the domain definition. Each list holds what the record builders
// take; an absent path (std::nullopt) gives no record where libvirt gives
// none (network disks, chardevs without a host path, the builtin RNG).
struct DomainResources {
  std::vector<std::optional<std::string>> disks;      // local host path per disk
  std::vector<std::optional<std::string>> filesystems;
  std::vector<std::string> netMacs;                    // one MAC per interface
  std::vector<HostdevSource> hostdevs;                 // iSCSI hostdevs left out
  unsigned usbRedirdevs = 0;                           // <redirdev bus='usb'> count
  std::vector<std::optional<std::string>> serials, parallels, channels, consoles;
  // libvirt skips console 0 when it only mirrors the first serial port:
  // target type serial (or none) on an HVM guest.
  bool firstConsoleIsSerial = false;
  std::vector<SmartcardSource> smartcards;
  std::vector<std::optional<std::string>> rngs;
  struct Tpm {
    TpmBackend backend;
    std::optional<std::string> path;
  };
  std::vector<Tpm> tpms;
  std::vector<ShmemSource> shmems;
  std::vector<std::optional<std::string>> evdevInputs;  // passthrough/evdev inputs only
  unsigned long long memoryKiB = 0;                     // total memory
  unsigned vcpus = 0;                                   // vCPUs online at start
  unsigned iothreads = 0;                               // audited only when > 0
};

// A domain has started (or failed to): one record per resource with reason
// "start" and success=yes whatever `success` is, then mem, vcpu and (when
// there are any) iothread counts, then op=start with `reason` ("booted",
// "restored", "migrated", "from-snapshot") and the real `success`. Records
// are sent in libvirt's order: disks, filesystems, interfaces, host devices,
// redirected devices, serials, parallels, channels, consoles, smartcards,
// RNGs, TPMs, shared memory, inputs, counts.
void auditStart(AuditLog& log, const AuditedDomain& dom, const DomainResources& res, std::string_view reason,
                bool success) noexcept;

// The records auditStart() sends, each with the success flag it gets; for
// tests and for callers that want to look before they send.
struct PendingRecord {
  Record record;
  bool success;
};
std::vector<PendingRecord> startRecords(const AuditedDomain& dom, const DomainResources& res,
                                        std::string_view reason, bool success);

// A domain has stopped: op=stop with the shutoff reason ("shutdown",
// "destroyed", "crashed", "migrated", "saved", "failed", "from-snapshot",
// "daemon", "unknown"); always success, as in libvirt.
void auditStop(AuditLog& log, const AuditedDomain& dom, std::string_view reason) noexcept;

// libvirt's word for a shutoff reason (virDomainShutoffReason) in op=stop
// records: "shutdown", "destroyed", "crashed", "migrated", "saved",
// "failed", "from-snapshot", "daemon", otherwise "unknown".
const char* shutoffReasonWord(int shutoffReason) noexcept;

// A container's init is running: op=init, always success.
void auditContainerInit(AuditLog& log, const AuditedDomain& dom, long long initPid,
                        unsigned long long pidNamespace) noexcept;

// Labels were generated for a starting domain: one VIRT_MACHINE_ID record per
// security label, in order.
void auditSecurityLabels(AuditLog& log, const AuditedDomain& dom, const std::vector<SecurityLabel>& labels,
                         bool success) noexcept;

// A device node was opened (or not) for the interface with `mac`
// (/dev/net/tun, /dev/vhost-net, /dev/tapN): reason=open with the node's
// device number, looked up with stat() as libvirt does ("?" when the path is
// no device node).
void auditNetDeviceOpen(AuditLog& log, const AuditedDomain& dom, std::string_view mac, const std::string& path,
                        bool success) noexcept;

// A cgroup device rule for `path` was set; `result` is the outcome of
// setting it as libvirt's cgroup layer reports it: > 0 the path is not a
// device (nothing is audited), 0 success, < 0 failure.
void auditCgroupPath(AuditLog& log, const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                     std::string_view reason, const std::string& path, unsigned access, int result) noexcept;

}  // namespace vireo::audit
