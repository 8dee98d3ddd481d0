#include "lib/audit/audit_records.h"

#include <libaudit.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "lib/util/error.h"

namespace vireo::audit {
namespace {

// The fields every domain record starts with after its own leading ones:
// vm= (encoded) and uuid= (canonical, never encoded).
std::string vmAndUuid(const AuditedDomain& dom) {
  std::string s = encodeField("vm", dom.name);
  s.append(" uuid=").append(dom.uuid.toString());
  return s;
}

std::string_view virtOf(const AuditedDomain& dom) {
  return dom.virtType.empty() ? std::string_view("?") : std::string_view(dom.virtType);
}

// "virt=V resrc=R reason=X vm=N uuid=U": the head of every resource record.
std::string resourceHead(const AuditedDomain& dom, std::string_view resrc, std::string_view reason) {
  std::string s("virt=");
  s.append(virtOf(dom)).append(" resrc=").append(resrc).append(" reason=").append(reason);
  s.append(" ").append(vmAndUuid(dom));
  return s;
}

Record resource(std::string message) { return Record{RecordType::Resource, std::move(message)}; }

std::string bareOrUnknown(const std::optional<std::string>& v) { return v ? *v : std::string("?"); }

// Record text for one cgroup rule; `detail` is what follows class=.
Record cgroupRecord(const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                    std::string_view reason, std::string_view detail) {
  std::string s = resourceHead(dom, "cgroup", reason);
  s.append(" ").append(encodeFieldOrUnknown("cgroup", cgroupPath)).append(" class=").append(detail);
  return resource(std::move(s));
}

}  // namespace

std::string encodeField(std::string_view key, std::string_view value) {
  struct FreeC {
    void operator()(char* p) const { std::free(p); }
  };
  std::string k(key), v(value);
  // vlen 0 makes libaudit take strlen(), which is also right for "".
  std::unique_ptr<char, FreeC> encoded(
      ::audit_encode_nv_string(k.c_str(), v.c_str(), static_cast<unsigned>(v.size())));
  if (!encoded) fail(VIR_ERR_NO_MEMORY, VIR_FROM_AUDIT, "encoding an audit field");
  return std::string(encoded.get());
}

std::string encodeFieldOrUnknown(std::string_view key, const std::optional<std::string>& value) {
  return encodeField(key, value ? std::string_view(*value) : std::string_view("?"));
}

std::string formatDeviceNumber(DeviceNumber rdev) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02X:%02X", rdev.major, rdev.minor);
  return buf;
}

std::optional<DeviceNumber> deviceNumberOf(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)) return std::nullopt;
  return DeviceNumber{::major(st.st_rdev), ::minor(st.st_rdev)};
}

// ---- VIRT_CONTROL / VIRT_MACHINE_ID -------------------------------------------

Record lifecycleRecord(const AuditedDomain& dom, std::string_view op, std::string_view reason) {
  std::string s("virt=");
  s.append(virtOf(dom)).append(" op=").append(op).append(" reason=").append(reason);
  s.append(" ").append(vmAndUuid(dom)).append(" vm-pid=").append(std::to_string(dom.pid));
  return Record{RecordType::Control, std::move(s)};
}

Record containerInitRecord(const AuditedDomain& dom, long long initPid, unsigned long long pidNamespace) {
  // The only control record without a reason= field.
  std::string s("virt=");
  s.append(virtOf(dom)).append(" op=init ").append(vmAndUuid(dom));
  s.append(" vm-pid=").append(std::to_string(dom.pid));
  s.append(" init-pid=").append(std::to_string(initPid));
  s.append(" pid-ns=").append(std::to_string(pidNamespace));
  return Record{RecordType::Control, std::move(s)};
}

Record securityLabelRecord(const AuditedDomain& dom, const SecurityLabel& label) {
  // Labels are written raw, as libvirt does: the security driver has
  // validated them, and ausearch reads vm-ctx/img-ctx as plain labels.
  std::string s("virt=");
  s.append(virtOf(dom)).append(" ").append(vmAndUuid(dom));
  s.append(" vm-ctx=").append(bareOrUnknown(label.label));
  s.append(" img-ctx=").append(bareOrUnknown(label.imageLabel));
  s.append(" model=").append(bareOrUnknown(label.model));
  return Record{RecordType::MachineId, std::move(s)};
}

// ---- devices named by a path or a MAC ---------------------------------------

std::optional<Record> deviceRecord(const AuditedDomain& dom, std::string_view resrc, std::string_view reason,
                                   const std::optional<std::string>& oldValue,
                                   const std::optional<std::string>& newValue) {
  if (!oldValue && !newValue) return std::nullopt;
  std::string s = resourceHead(dom, resrc, reason);
  std::string oldKey("old-"), newKey("new-");
  oldKey.append(resrc);
  newKey.append(resrc);
  s.append(" ").append(encodeFieldOrUnknown(oldKey, oldValue));
  s.append(" ").append(encodeFieldOrUnknown(newKey, newValue));
  return resource(std::move(s));
}

std::vector<Record> smartcardRecords(const AuditedDomain& dom, const SmartcardSource& card,
                                     std::string_view reason) {
  std::vector<Record> out;
  auto add = [&](const std::optional<std::string>& source) {
    if (auto r = deviceRecord(dom, "smartcard", reason, std::nullopt, source)) out.push_back(std::move(*r));
  };
  if (std::holds_alternative<SmartcardHost>(card)) {
    add(std::string("nss-smartcard-device"));
  } else if (auto* certs = std::get_if<SmartcardCertificates>(&card)) {
    for (const std::string& file : certs->certificates) add(file);
    add(certs->database ? *certs->database : std::string("/etc/pki/nssdb"));
  } else {
    add(std::get<SmartcardPassthrough>(card).chardevPath);
  }
  return out;
}

Record netDeviceOpenRecord(const AuditedDomain& dom, std::string_view mac, std::string_view path,
                           std::optional<DeviceNumber> rdev) {
  std::string s = resourceHead(dom, "net", "open");
  s.append(" net=").append(mac);
  s.append(" ").append(encodeField("path", path));
  s.append(" rdev=").append(rdev ? formatDeviceNumber(*rdev) : std::string("?"));
  return resource(std::move(s));
}

// ---- host devices ------------------------------------------------------------

namespace {

// The bus= name and the device= address of a subsystem host device.
struct BusAddress {
  const char* bus;
  std::string address;
};

BusAddress subsystemAddress(const HostdevSource& dev) {
  char buf[64];
  if (auto* pci = std::get_if<PciHostdev>(&dev)) {
    std::snprintf(buf, sizeof buf, "%.4x:%.2x:%.2x.%.1x", pci->domain, pci->bus, pci->slot, pci->function);
    return {"pci", buf};
  }
  if (auto* usb = std::get_if<UsbHostdev>(&dev)) {
    std::snprintf(buf, sizeof buf, "%.3u.%.3u", usb->bus, usb->device);
    return {"usb", buf};
  }
  if (auto* scsi = std::get_if<ScsiHostdev>(&dev)) {
    std::string a = scsi->adapter;
    a.append(":").append(std::to_string(scsi->bus)).append(":").append(std::to_string(scsi->target));
    a.append(":").append(std::to_string(scsi->unit));
    return {"scsi", a};
  }
  if (auto* host = std::get_if<ScsiHostHostdev>(&dev)) return {"scsi_host", host->wwpn};
  return {"mdev", std::get<MdevHostdev>(dev).uuid};
}

}  // namespace

Record hostdevRecord(const AuditedDomain& dom, const HostdevSource& dev, std::string_view reason) {
  if (auto* storage = std::get_if<StorageHostdev>(&dev)) {
    std::string s = resourceHead(dom, "hostdev", reason);
    return resource(s.append(" ").append(encodeFieldOrUnknown("disk", storage->block)));
  }
  if (auto* misc = std::get_if<MiscHostdev>(&dev)) {
    std::string s = resourceHead(dom, "hostdev", reason);
    return resource(s.append(" ").append(encodeFieldOrUnknown("chardev", misc->chardev)));
  }
  BusAddress where = subsystemAddress(dev);
  std::string s = resourceHead(dom, "dev", reason);
  s.append(" bus=").append(where.bus).append(" ").append(encodeField("device", where.address));
  return resource(std::move(s));
}

Record usbRedirdevRecord(const AuditedDomain& dom, std::string_view reason) {
  std::string s = resourceHead(dom, "dev", reason);
  s.append(" bus=usb ").append(encodeField("device", "USB redirdev"));
  return resource(std::move(s));
}

Record tpmRecord(const AuditedDomain& dom, TpmBackend backend, const std::optional<std::string>& path,
                 std::string_view reason) {
  const char* resrc = backend == TpmBackend::Passthrough ? "tpm"
                      : backend == TpmBackend::Emulator  ? "tpm-emulator"
                                                         : "tpm-external";
  std::string s = resourceHead(dom, resrc, reason);
  s.append(" ").append(encodeFieldOrUnknown("device", path));
  return resource(std::move(s));
}

// ---- cgroup device access -----------------------------------------------------

std::string formatDeviceAccess(unsigned access) {
  std::string s;
  if (access & AccessRead) s.push_back('r');
  if (access & AccessWrite) s.push_back('w');
  if (access & AccessMknod) s.push_back('m');
  return s;
}

Record cgroupAllRecord(const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                       std::string_view reason) {
  return cgroupRecord(dom, cgroupPath, reason, "all");
}

Record cgroupMajorRecord(const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                         std::string_view reason, unsigned major, std::string_view category, unsigned access) {
  char maj[16];
  std::snprintf(maj, sizeof maj, "%02X", major);
  std::string detail("major category=");
  detail.append(category).append(" maj=").append(maj).append(" acl=").append(formatDeviceAccess(access));
  return cgroupRecord(dom, cgroupPath, reason, detail);
}

Record cgroupPathRecord(const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                        std::string_view reason, std::string_view path, std::optional<DeviceNumber> rdev,
                        unsigned access) {
  std::string detail("path ");
  detail.append(encodeField("path", path));
  detail.append(" rdev=").append(rdev ? formatDeviceNumber(*rdev) : std::string("?"));
  detail.append(" acl=").append(formatDeviceAccess(access));
  return cgroupRecord(dom, cgroupPath, reason, detail);
}

// ---- counted resources, shared memory, input -------------------------------------

Record countRecord(const AuditedDomain& dom, std::string_view resrc, std::string_view reason,
                   unsigned long long oldValue, unsigned long long newValue) {
  std::string s = resourceHead(dom, resrc, reason);
  s.append(" old-").append(resrc).append("=").append(std::to_string(oldValue));
  s.append(" new-").append(resrc).append("=").append(std::to_string(newValue));
  return resource(std::move(s));
}

Record shmemRecord(const AuditedDomain& dom, const ShmemSource& shmem, std::string_view reason) {
  if (shmem.server) {
    std::string s = resourceHead(dom, "ivshmem-socket", reason);
    return resource(s.append(" ").append(encodeFieldOrUnknown("path", shmem.serverPath)));
  }
  std::string s = resourceHead(dom, "shmem", reason);
  s.append(" size=").append(std::to_string(shmem.sizeBytes));
  s.append(" ").append(encodeField("path", "/dev/shm/" + shmem.name));
  return resource(std::move(s));
}

Record evdevInputRecord(const AuditedDomain& dom, const std::optional<std::string>& path,
                        std::string_view reason) {
  std::string s = resourceHead(dom, "evdev", reason);
  return resource(s.append(" ").append(encodeFieldOrUnknown("path", path)));
}

}  // namespace vireo::audit
