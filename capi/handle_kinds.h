// The handle kinds of the public API besides connections and domains, and
// libvirt's error for an invalid handle of each.
//
// Networks have handles (capi/object_handle.h): only the pointers vireo
// handed out are valid. The other kinds vireo cannot create yet: no
// virStoragePoolPtr, virStreamPtr, ... is ever handed out, so no pointer of
// these kinds can be valid: a function that takes one as its object reports
// libvirt's VIR_ERR_INVALID_<KIND> in libvirt's error domain for that kind,
// for NULL and for any other pointer alike (vireo never dereferences it).
// This is what libvirt answers for an invalid handle, and it stays true when
// a kind gets a handle type.
#pragma once

#include <libvirt/virterror.h>

namespace vireo::capi {

enum class HandleKind {
  Network,
  NetworkPort,
  StoragePool,
  StorageVol,
  Interface,
  NodeDevice,
  Secret,
  NWFilter,
  NWFilterBinding,
  DomainSnapshot,
  DomainCheckpoint,
  Stream,
};

struct HandleKindError {
  virErrorNumber code;  // VIR_ERR_INVALID_<KIND>
  virErrorDomain area;  // the error domain libvirt reports it in
};

// libvirt 9.0's error for an invalid handle of `kind`.
constexpr HandleKindError invalidHandleError(HandleKind kind) {
  switch (kind) {
    case HandleKind::Network: return {VIR_ERR_INVALID_NETWORK, VIR_FROM_NETWORK};
    case HandleKind::NetworkPort: return {VIR_ERR_INVALID_NETWORK_PORT, VIR_FROM_NETWORK};
    case HandleKind::StoragePool: return {VIR_ERR_INVALID_STORAGE_POOL, VIR_FROM_STORAGE};
    case HandleKind::StorageVol: return {VIR_ERR_INVALID_STORAGE_VOL, VIR_FROM_STORAGE};
    case HandleKind::Interface: return {VIR_ERR_INVALID_INTERFACE, VIR_FROM_INTERFACE};
    case HandleKind::NodeDevice: return {VIR_ERR_INVALID_NODE_DEVICE, VIR_FROM_NODEDEV};
    case HandleKind::Secret: return {VIR_ERR_INVALID_SECRET, VIR_FROM_SECRET};
    case HandleKind::NWFilter: return {VIR_ERR_INVALID_NWFILTER, VIR_FROM_NWFILTER};
    case HandleKind::NWFilterBinding: return {VIR_ERR_INVALID_NWFILTER_BINDING, VIR_FROM_NWFILTER};
    case HandleKind::DomainSnapshot: return {VIR_ERR_INVALID_DOMAIN_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT};
    case HandleKind::DomainCheckpoint: return {VIR_ERR_INVALID_DOMAIN_CHECKPOINT, VIR_FROM_DOMAIN_CHECKPOINT};
    case HandleKind::Stream: return {VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS};
  }
  return {VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE};
}

}  // namespace vireo::capi
