// The handles of the object kinds besides connections and domains
// (virNetworkPtr, and each kind that gets one after it): one template for
// their layout, reference counting and the conversions the generated entry
// points make.
//
// A handle holds a reference to its connection and the object's identity
// (lib/driver/object_identity.h), fixed when the handle is made, as libvirt's
// virNetwork holds name and uuid. Like _virDomain, a freed handle has its
// magic cleared so that a stale pointer is reported as invalid where libvirt
// would too (best effort).
#pragma once

#include <atomic>
#include <cstdint>

#include <libvirt/libvirt.h>

#include "capi/handle_kinds.h"

namespace vireo::capi {

template <typename Identity, HandleKind Kind, uint32_t Magic>
struct ObjectHandle {
  using IdentityType = Identity;
  static constexpr HandleKind kKind = Kind;
  static constexpr uint32_t kMagic = Magic;

  std::atomic<uint32_t> magic{Magic};
  std::atomic<int> refs{1};
  virConnectPtr conn = nullptr;  // holds one reference
  Identity identity;
};

// The public handle type of an identity type: HandleFor<NetworkIdentity>::type
// is _virNetwork. Specialised in objects.h next to each handle.
template <typename Identity>
struct HandleFor;

}  // namespace vireo::capi
