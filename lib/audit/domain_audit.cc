#include "lib/audit/domain_audit.h"

#include <libvirt/libvirt.h>

#include <utility>

namespace vireo::audit {
namespace {

// Auditing never fails the operation it describes: building a record can
// only fail for lack of memory, and then the record is dropped.
template <typename F>
void guarded(AuditLog& log, F&& build_and_send) noexcept {
  if (!log.enabled()) return;  // libvirt's fast path: build nothing
  try {
    build_and_send();
  } catch (...) {
    // Out of memory while building: the record is dropped (see above).
  }
}

}  // namespace

std::vector<PendingRecord> startRecords(const AuditedDomain& dom, const DomainResources& res,
                                        std::string_view reason, bool success) {
  std::vector<PendingRecord> out;
  // Resource records say "this resource was handed to the guest" and are
  // sent with success even when the start fails: only op=start carries the
  // outcome (libvirt's behaviour, which log readers rely on).
  auto add = [&](std::optional<Record> r) {
    if (r) out.push_back({std::move(*r), true});
  };
  const std::string_view start = "start";

  for (const auto& path : res.disks) add(diskRecord(dom, start, std::nullopt, path));
  for (const auto& src : res.filesystems) add(fsRecord(dom, start, std::nullopt, src));
  for (const auto& mac : res.netMacs) add(netRecord(dom, start, std::nullopt, mac));
  for (const auto& dev : res.hostdevs) add(hostdevRecord(dom, dev, start));
  for (unsigned i = 0; i < res.usbRedirdevs; i++) add(usbRedirdevRecord(dom, start));
  for (const auto& path : res.serials) add(chardevRecord(dom, start, std::nullopt, path));
  for (const auto& path : res.parallels) add(chardevRecord(dom, start, std::nullopt, path));
  for (const auto& path : res.channels) add(chardevRecord(dom, start, std::nullopt, path));
  for (size_t i = 0; i < res.consoles.size(); i++) {
    if (i == 0 && res.firstConsoleIsSerial) continue;  // already audited as serial 0
    add(chardevRecord(dom, start, std::nullopt, res.consoles[i]));
  }
  for (const auto& card : res.smartcards)
    for (Record& r : smartcardRecords(dom, card, start)) add(std::move(r));
  for (const auto& src : res.rngs) add(rngRecord(dom, start, std::nullopt, src));
  for (const auto& tpm : res.tpms) add(tpmRecord(dom, tpm.backend, tpm.path, start));
  for (const auto& shmem : res.shmems) add(shmemRecord(dom, shmem, start));
  for (const auto& path : res.evdevInputs) add(evdevInputRecord(dom, path, start));

  add(memoryRecord(dom, start, 0, res.memoryKiB));
  add(vcpuRecord(dom, start, 0, res.vcpus));
  if (res.iothreads > 0) add(iothreadRecord(dom, start, 0, res.iothreads));

  out.push_back({startRecord(dom, reason), success});
  return out;
}

void auditStart(AuditLog& log, const AuditedDomain& dom, const DomainResources& res, std::string_view reason,
                bool success) noexcept {
  guarded(log, [&] {
    for (const PendingRecord& p : startRecords(dom, res, reason, success)) log.send(p.record, p.success);
  });
}

void auditStop(AuditLog& log, const AuditedDomain& dom, std::string_view reason) noexcept {
  guarded(log, [&] { log.send(stopRecord(dom, reason), true); });
}

const char* shutoffReasonWord(int reason) noexcept {
  switch (reason) {
    case VIR_DOMAIN_SHUTOFF_SHUTDOWN: return "shutdown";
    case VIR_DOMAIN_SHUTOFF_DESTROYED: return "destroyed";
    case VIR_DOMAIN_SHUTOFF_CRASHED: return "crashed";
    case VIR_DOMAIN_SHUTOFF_MIGRATED: return "migrated";
    case VIR_DOMAIN_SHUTOFF_SAVED: return "saved";
    case VIR_DOMAIN_SHUTOFF_FAILED: return "failed";
    case VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT: return "from-snapshot";
    case VIR_DOMAIN_SHUTOFF_DAEMON: return "daemon";
    default: return "unknown";
  }
}

void auditContainerInit(AuditLog& log, const AuditedDomain& dom, long long initPid,
                        unsigned long long pidNamespace) noexcept {
  guarded(log, [&] { log.send(containerInitRecord(dom, initPid, pidNamespace), true); });
}

void auditSecurityLabels(AuditLog& log, const AuditedDomain& dom, const std::vector<SecurityLabel>& labels,
                         bool success) noexcept {
  guarded(log, [&] {
    for (const SecurityLabel& label : labels) log.send(securityLabelRecord(dom, label), success);
  });
}

void auditNetDeviceOpen(AuditLog& log, const AuditedDomain& dom, std::string_view mac, const std::string& path,
                        bool success) noexcept {
  guarded(log, [&] { log.send(netDeviceOpenRecord(dom, mac, path, deviceNumberOf(path)), success); });
}

void auditCgroupPath(AuditLog& log, const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                     std::string_view reason, const std::string& path, unsigned access, int result) noexcept {
  if (result > 0) return;  // a regular file: there is no device rule to audit
  guarded(log, [&] {
    log.send(cgroupPathRecord(dom, cgroupPath, reason, path, deviceNumberOf(path), access), result == 0);
  });
}

}  // namespace vireo::audit
