// The text of every audit record libvirt sends about a domain, built from
// plain values so that the QEMU and container drivers (and the unit tests)
// need nothing but this header. Nothing here talks to the kernel; send the
// results with AuditLog::send().
//
// Field names, their order and their encoding are libvirt's (src/conf/
// domain_audit.c). Values a user controls (names, paths, device addresses)
// go through encodeField(): `key="value"` when the value is plain printable
// ASCII without a double quote, otherwise `key=<HEX>` (uppercase, no quotes),
// which is how ausearch and auparse tell the two apart. A value that is
// absent is written as the encoded string "?" (`key="?"`); the fields libvirt
// writes unencoded (rdev, vm-ctx, img-ctx, model) are a bare "?".
//
// One deliberate difference from libvirt (see doc/audit.md): the paths of a
// shared-memory region, of an ivshmem server socket and of an evdev input
// are encoded like every other path. libvirt writes them raw, so a shmem
// name with a space in it could forge fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lib/audit/audit_log.h"
#include "lib/util/uuid.h"

namespace vireo::audit {

// The domain a record is about.
struct AuditedDomain {
  std::string virtType;  // <domain type=...>: "kvm", "qemu", "lxc"; empty writes "?"
  std::string name;
  Uuid uuid;
  long long pid = 0;     // the leading process (vm-pid=); 0 when none
};

// A host device number, as stat() reports it in st_rdev.
struct DeviceNumber {
  unsigned major = 0, minor = 0;
  bool operator==(const DeviceNumber&) const = default;
};

// `key="value"` or `key=HEX` (libaudit's audit_encode_nv_string()).
std::string encodeField(std::string_view key, std::string_view value);
// encodeField() of the value, or of "?" when there is none.
std::string encodeFieldOrUnknown(std::string_view key, const std::optional<std::string>& value);

// "0A:C8" for 10:200: libvirt's "%02X:%02X".
std::string formatDeviceNumber(DeviceNumber rdev);

// The device number of a character or block device node at `path`
// (following symlinks); std::nullopt for anything else or when stat fails.
std::optional<DeviceNumber> deviceNumberOf(const std::string& path);

// ---- VIRT_CONTROL -----------------------------------------------------------

// virt=V op=start|stop reason=R vm=N uuid=U vm-pid=P
// Start reasons libvirt uses: booted, migrated, restored, from-snapshot.
// Stop reasons are the shutoff reason names: unknown, shutdown, destroyed,
// crashed, migrated, saved, failed, from-snapshot, daemon.
Record lifecycleRecord(const AuditedDomain& dom, std::string_view op, std::string_view reason);
inline Record startRecord(const AuditedDomain& dom, std::string_view reason) {
  return lifecycleRecord(dom, "start", reason);
}
inline Record stopRecord(const AuditedDomain& dom, std::string_view reason) {
  return lifecycleRecord(dom, "stop", reason);
}

// virt=V op=init vm=N uuid=U vm-pid=P init-pid=I pid-ns=NS
// A container's init has started; `pidNamespace` is the inode number of its
// pid namespace. libvirt always sends it with success.
Record containerInitRecord(const AuditedDomain& dom, long long initPid, unsigned long long pidNamespace);

// ---- VIRT_MACHINE_ID --------------------------------------------------------

struct SecurityLabel {
  std::optional<std::string> model;       // selinux, apparmor, dac
  std::optional<std::string> label;       // the process label (vm-ctx)
  std::optional<std::string> imageLabel;  // the image label (img-ctx)
};

// virt=V vm=N uuid=U vm-ctx=L img-ctx=I model=M   (one per <seclabel>)
Record securityLabelRecord(const AuditedDomain& dom, const SecurityLabel& label);

// ---- VIRT_RESOURCE: devices named by a path or a MAC --------------------

// virt=V resrc=T reason=R vm=N uuid=U old-T=O new-T=W
// The common shape of disk, fs, net, chardev, rng and smartcard records.
// std::nullopt when both sides are absent: libvirt sends nothing then (a
// network disk, a chardev without a host path).
std::optional<Record> deviceRecord(const AuditedDomain& dom, std::string_view resrc, std::string_view reason,
                                   const std::optional<std::string>& oldValue,
                                   const std::optional<std::string>& newValue);

// A disk's host path: only local storage (file, block, dir) has one; give
// std::nullopt for network, NVMe and vhost-user disks and for empty drives.
inline std::optional<Record> diskRecord(const AuditedDomain& dom, std::string_view reason,
                                        const std::optional<std::string>& oldPath,
                                        const std::optional<std::string>& newPath) {
  return deviceRecord(dom, "disk", reason, oldPath, newPath);
}
// A filesystem's source (dir, file, block device or template name).
inline std::optional<Record> fsRecord(const AuditedDomain& dom, std::string_view reason,
                                      const std::optional<std::string>& oldSource,
                                      const std::optional<std::string>& newSource) {
  return deviceRecord(dom, "fs", reason, oldSource, newSource);
}
// An interface's guest MAC address ("52:54:00:12:34:56").
inline std::optional<Record> netRecord(const AuditedDomain& dom, std::string_view reason,
                                       const std::optional<std::string>& oldMac,
                                       const std::optional<std::string>& newMac) {
  return deviceRecord(dom, "net", reason, oldMac, newMac);
}
// A serial, parallel, channel or console: the host path of its source (file,
// pipe, dev, pty, unix); std::nullopt for the kinds that have none.
inline std::optional<Record> chardevRecord(const AuditedDomain& dom, std::string_view reason,
                                           const std::optional<std::string>& oldPath,
                                           const std::optional<std::string>& newPath) {
  return deviceRecord(dom, "chardev", reason, oldPath, newPath);
}
// An RNG: the random backend's file, or the EGD chardev's path; std::nullopt
// for the builtin backend.
inline std::optional<Record> rngRecord(const AuditedDomain& dom, std::string_view reason,
                                       const std::optional<std::string>& oldSource,
                                       const std::optional<std::string>& newSource) {
  return deviceRecord(dom, "rng", reason, oldSource, newSource);
}

// A smartcard, by mode.
struct SmartcardHost {};                       // mode='host'
struct SmartcardCertificates {                 // mode='host-certificates'
  std::vector<std::string> certificates;       // the three certificate files
  std::optional<std::string> database;         // default /etc/pki/nssdb
};
struct SmartcardPassthrough {                  // mode='passthrough'
  std::optional<std::string> chardevPath;      // the chardev's host path, if it has one
};
using SmartcardSource = std::variant<SmartcardHost, SmartcardCertificates, SmartcardPassthrough>;

// host: one record new-smartcard="nss-smartcard-device"; host-certificates:
// one per certificate, then one for the database; passthrough: one for the
// chardev path (none if it has no path). old-smartcard is always "?".
std::vector<Record> smartcardRecords(const AuditedDomain& dom, const SmartcardSource& card,
                                     std::string_view reason);

// virt=V resrc=net reason=open vm=N uuid=U net=MAC path=P rdev=MM:mm
// A device node opened for an interface with that MAC (/dev/net/tun,
// /dev/vhost-net, /dev/tapN, /dev/vhost-vsock...), whether the open worked
// or not. rdev is "?" when the path is not a device node (give
// deviceNumberOf(path)).
Record netDeviceOpenRecord(const AuditedDomain& dom, std::string_view mac, std::string_view path,
                           std::optional<DeviceNumber> rdev);

// ---- VIRT_RESOURCE: host devices --------------------------------------------

struct PciHostdev { unsigned domain = 0, bus = 0, slot = 0, function = 0; };
struct UsbHostdev { unsigned bus = 0, device = 0; };        // the device's current bus and address
struct ScsiHostdev {                                          // a local SCSI device (iSCSI is not audited)
  std::string adapter;                                        // "scsi_host0"
  unsigned bus = 0, target = 0;
  unsigned long long unit = 0;
};
struct ScsiHostHostdev { std::string wwpn; };                 // vhost-scsi
struct MdevHostdev { std::string uuid; };                     // mediated device
struct StorageHostdev { std::optional<std::string> block; };  // mode='capabilities' type='storage'
struct MiscHostdev { std::optional<std::string> chardev; };   // mode='capabilities' type='misc'
using HostdevSource = std::variant<PciHostdev, UsbHostdev, ScsiHostdev, ScsiHostHostdev, MdevHostdev,
                                   StorageHostdev, MiscHostdev>;

// Subsystem devices:
//   virt=V resrc=dev reason=R vm=N uuid=U bus=pci|usb|scsi|scsi_host|mdev device=ADDR
// with ADDR 0000:06:12.5 (PCI), 001.002 (USB), scsi_host0:0:0:0 (SCSI), the
// WWPN or the mdev UUID, encoded. Capability devices:
//   virt=V resrc=hostdev reason=R vm=N uuid=U disk=PATH     (storage)
//   virt=V resrc=hostdev reason=R vm=N uuid=U chardev=PATH  (misc)
Record hostdevRecord(const AuditedDomain& dom, const HostdevSource& dev, std::string_view reason);

// virt=V resrc=dev reason=R vm=N uuid=U bus=usb device="USB redirdev"
// (libvirt's documentation says resrc=redir and "USB redir"; the code, and
// so every existing log, says the above). Only USB redirection exists.
Record usbRedirdevRecord(const AuditedDomain& dom, std::string_view reason);

enum class TpmBackend { Passthrough, Emulator, External };
// virt=V resrc=tpm|tpm-emulator|tpm-external reason=R vm=N uuid=U device=PATH
// PATH: the host TPM device (passthrough), swtpm's socket (emulator) or the
// external socket (external).
Record tpmRecord(const AuditedDomain& dom, TpmBackend backend, const std::optional<std::string>& path,
                 std::string_view reason);

// ---- VIRT_RESOURCE: cgroup device access ------------------------------------

// Access bits of a cgroup device rule, written in the order r, w, m.
enum DeviceAccess : unsigned { AccessRead = 1, AccessWrite = 2, AccessMknod = 4 };
std::string formatDeviceAccess(unsigned access);

// virt=V resrc=cgroup reason=allow|deny vm=N uuid=U cgroup=CG class=all
// `cgroupPath` is the domain's devices-controller directory; std::nullopt
// writes cgroup="?".
Record cgroupAllRecord(const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                       std::string_view reason);
// ... class=major category=CAT maj=MM acl=ACC   e.g. category=pty maj=88
// (libvirt uses the categories "pty" for major 136 and "sound" for 116).
Record cgroupMajorRecord(const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                         std::string_view reason, unsigned major, std::string_view category, unsigned access);
// ... class=path path=P rdev=MM:mm acl=ACC   (rdev "?" when P is no device node)
Record cgroupPathRecord(const AuditedDomain& dom, const std::optional<std::string>& cgroupPath,
                        std::string_view reason, std::string_view path, std::optional<DeviceNumber> rdev,
                        unsigned access);

// ---- VIRT_RESOURCE: counted resources ---------------------------------------

// virt=V resrc=mem|vcpu|iothread reason=R vm=N uuid=U old-X=O new-X=W
// Memory is in KiB, as the domain definition stores it (libvirt's
// documentation says bytes; the values it sends are KiB). At start the old
// value is 0.
Record countRecord(const AuditedDomain& dom, std::string_view resrc, std::string_view reason,
                   unsigned long long oldValue, unsigned long long newValue);
inline Record memoryRecord(const AuditedDomain& dom, std::string_view reason, unsigned long long oldKiB,
                           unsigned long long newKiB) {
  return countRecord(dom, "mem", reason, oldKiB, newKiB);
}
inline Record vcpuRecord(const AuditedDomain& dom, std::string_view reason, unsigned oldCount, unsigned newCount) {
  return countRecord(dom, "vcpu", reason, oldCount, newCount);
}
inline Record iothreadRecord(const AuditedDomain& dom, std::string_view reason, unsigned oldCount,
                             unsigned newCount) {
  return countRecord(dom, "iothread", reason, oldCount, newCount);
}

// ---- VIRT_RESOURCE: shared memory and input ---------------------------------

struct ShmemSource {
  std::string name;                           // <shmem name=...>: the region is /dev/shm/NAME
  unsigned long long sizeBytes = 0;
  bool server = false;                        // <server> present: an ivshmem-doorbell socket
  std::optional<std::string> serverPath;      // its socket path
};
// virt=V resrc=shmem reason=R vm=N uuid=U size=BYTES path=/dev/shm/NAME
// or, with a server: virt=V resrc=ivshmem-socket reason=R vm=N uuid=U path=SOCKET
Record shmemRecord(const AuditedDomain& dom, const ShmemSource& shmem, std::string_view reason);

// virt=V resrc=evdev reason=R vm=N uuid=U path=DEV
// An input passed through from the host (type passthrough or evdev);
// emulated mice, tablets and keyboards are not audited.
Record evdevInputRecord(const AuditedDomain& dom, const std::optional<std::string>& path,
                        std::string_view reason);

}  // namespace vireo::audit
