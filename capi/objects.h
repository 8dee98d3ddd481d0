// The public handle types. Their layout never leaves capi/: applications only
// see the opaque pointers of <libvirt/libvirt.h>.
//
// Handles are reference counted like libvirt's objects: virConnectRef /
// virDomainRef add a reference, virConnectClose / virDomainFree drop one, and
// the last drop frees. A domain handle holds a reference to its connection.
// A freed handle has its magic cleared, so that a stale pointer is reported
// as an invalid handle where libvirt would too (best effort: it is still a
// use after free by the application).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "capi/object_handle.h"
#include "lib/driver/connection.h"
#include "lib/driver/domain_identity.h"
#include "lib/driver/object_identity.h"
#include "lib/util/mutex.h"

namespace vireo::capi {

constexpr uint32_t kConnectMagic = 0x56434f4e;  // "VCON"
constexpr uint32_t kDomainMagic = 0x56444f4d;   // "VDOM"
constexpr uint32_t kNetworkMagic = 0x564e4554;  // "VNET"
constexpr uint32_t kInterfaceMagic = 0x56494643;  // "VIFC"
constexpr uint32_t kStoragePoolMagic = 0x56504f4c;  // "VPOL"
constexpr uint32_t kStorageVolMagic = 0x56564f4c;   // "VVOL"
constexpr uint32_t kNodeDeviceMagic = 0x564e4456;  // "VNDV"
constexpr uint32_t kDomainSnapshotMagic = 0x56534e50;    // "VSNP"
constexpr uint32_t kDomainCheckpointMagic = 0x5643504b;  // "VCPK"
constexpr uint32_t kSecretMagic = 0x56534543;  // "VSEC"
constexpr uint32_t kNWFilterMagic = 0x564e5746;         // "VNWF"
constexpr uint32_t kNWFilterBindingMagic = 0x564e5742;  // "VNWB"
constexpr uint32_t kDeadMagic = 0xdeadbeef;

}  // namespace vireo::capi

struct _virConnect {
  std::atomic<uint32_t> magic{vireo::capi::kConnectMagic};
  std::atomic<int> refs{1};
  std::unique_ptr<vireo::driver::Connection> impl;

  // The per-connection copy of the last error (virConnGetLastError) and the
  // per-connection error handler (virConnSetErrorFunc).
  std::mutex errorMutex;
  virError error{};
  virErrorFunc errorHandler = nullptr;
  void* errorHandlerData = nullptr;

};

struct _virDomain {
  std::atomic<uint32_t> magic{vireo::capi::kDomainMagic};
  std::atomic<int> refs{1};
  virConnectPtr conn = nullptr;  // holds one reference
  std::string name;
  vireo::Uuid uuid;
  std::atomic<int> id{-1};

  vireo::driver::DomainIdentity identity() const { return {name, uuid, id.load()}; }
};

// The handles of object_handle.h, one line each.
struct _virNetwork
    : vireo::capi::ObjectHandle<vireo::driver::NetworkIdentity, vireo::capi::HandleKind::Network,
                                vireo::capi::kNetworkMagic> {};
struct _virStoragePool
    : vireo::capi::ObjectHandle<vireo::driver::StoragePoolIdentity, vireo::capi::HandleKind::StoragePool,
                                vireo::capi::kStoragePoolMagic> {};
struct _virStorageVol
    : vireo::capi::ObjectHandle<vireo::driver::StorageVolIdentity, vireo::capi::HandleKind::StorageVol,
                                vireo::capi::kStorageVolMagic> {};
struct _virInterface
    : vireo::capi::ObjectHandle<vireo::driver::InterfaceIdentity, vireo::capi::HandleKind::Interface,
                                vireo::capi::kInterfaceMagic> {};
// The parent name virNodeDeviceGetParent got from the driver when the
// handle was made without one; set once, then kept, as libvirt keeps it.
struct _virNodeDevice
    : vireo::capi::ObjectHandle<vireo::driver::NodeDeviceIdentity, vireo::capi::HandleKind::NodeDevice,
                                vireo::capi::kNodeDeviceMagic> {
  vireo::Mutex parentMu;
  std::optional<std::string> askedParent GUARDED_BY(parentMu);
};

struct _virSecret
    : vireo::capi::ObjectHandle<vireo::driver::SecretIdentity, vireo::capi::HandleKind::Secret,
                                vireo::capi::kSecretMagic> {};

struct _virNWFilter
    : vireo::capi::ObjectHandle<vireo::driver::NWFilterIdentity, vireo::capi::HandleKind::NWFilter,
                                vireo::capi::kNWFilterMagic> {};
struct _virNWFilterBinding
    : vireo::capi::ObjectHandle<vireo::driver::NWFilterBindingIdentity, vireo::capi::HandleKind::NWFilterBinding,
                                vireo::capi::kNWFilterBindingMagic> {};

namespace vireo::capi {
void refDomain(virDomainPtr dom);
void unrefDomain(virDomainPtr dom);

// Snapshots and checkpoints belong to their domain, as libvirt's
// virDomainSnapshot and virDomainCheckpoint do: besides the template's
// connection reference and identity (the name, and the domain as it was
// when the handle was made), a handle holds a reference to the domain
// handle it was reached through, which virDomainSnapshotGetDomain returns.
// The driver is handed current(): the domain handle's identity now (its id
// may have changed since), so the domain has one source of truth. The
// destructor drops the domain reference (unrefObject deletes the handle,
// then drops the connection's).
template <HandleKind Kind, uint32_t Magic>
struct MomentHandle : ObjectHandle<driver::DomainMomentIdentity, Kind, Magic> {
  virDomainPtr domain = nullptr;  // holds one reference
  driver::DomainMomentIdentity current() const { return {domain->identity(), this->identity.name}; }
  ~MomentHandle() { unrefDomain(domain); }
};
}  // namespace vireo::capi

struct _virDomainSnapshot
    : vireo::capi::MomentHandle<vireo::capi::HandleKind::DomainSnapshot, vireo::capi::kDomainSnapshotMagic> {};
struct _virDomainCheckpoint
    : vireo::capi::MomentHandle<vireo::capi::HandleKind::DomainCheckpoint, vireo::capi::kDomainCheckpointMagic> {};

namespace vireo::capi {

template <>
struct HandleFor<driver::NetworkIdentity> {
  using type = _virNetwork;
};
template <>
struct HandleFor<driver::StoragePoolIdentity> {
  using type = _virStoragePool;
};
template <>
struct HandleFor<driver::StorageVolIdentity> {
  using type = _virStorageVol;
};
template <>
struct HandleFor<driver::InterfaceIdentity> {
  using type = _virInterface;
};
template <>
struct HandleFor<driver::NodeDeviceIdentity> {
  using type = _virNodeDevice;
};
template <>
struct HandleFor<driver::SecretIdentity> {
  using type = _virSecret;
};
template <>
struct HandleFor<driver::NWFilterIdentity> {
  using type = _virNWFilter;
};
template <>
struct HandleFor<driver::NWFilterBindingIdentity> {
  using type = _virNWFilterBinding;
};

// Adds a reference to `conn`.
void refConnection(virConnectPtr conn);
// Drops a reference; frees the connection and its driver state on the last.
// Returns the references left.
int unrefConnection(virConnectPtr conn);

// A new domain handle (one reference) for `identity` on `conn`.
virDomainPtr newDomainHandle(virConnectPtr conn, const driver::DomainIdentity& identity);
void refDomain(virDomainPtr dom);
void unrefDomain(virDomainPtr dom);

// A new snapshot or checkpoint handle (one reference) for `name` of the
// domain `dom` (which gains a reference).
template <typename Handle>
Handle* newMomentHandle(virDomainPtr dom, const std::string& name) {
  auto* handle = new Handle;
  refConnection(dom->conn);
  handle->conn = dom->conn;
  refDomain(dom);
  handle->domain = dom;
  handle->identity = {dom->identity(), name};
  return handle;
}

// A new handle (one reference) of the kind whose identity is `identity`.
template <typename Identity>
typename HandleFor<Identity>::type* newObjectHandle(virConnectPtr conn, const Identity& identity) {
  auto* handle = new typename HandleFor<Identity>::type;
  refConnection(conn);
  handle->conn = conn;
  handle->identity = identity;
  return handle;
}

template <typename Handle>
void refObject(Handle* handle) {
  handle->refs.fetch_add(1);
}

// Drops a reference; the last one frees the handle and drops its
// connection's reference.
template <typename Handle>
void unrefObject(Handle* handle) {
  if (handle->refs.fetch_sub(1) - 1 > 0) return;
  handle->magic = kDeadMagic;
  virConnectPtr conn = handle->conn;
  delete handle;
  unrefConnection(conn);
}

}  // namespace vireo::capi
