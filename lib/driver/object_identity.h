// What a handle of each object kind besides domains (domain_identity.h)
// knows about its object: the identity libvirt keeps in the public handle
// and answers virXxxGetName / GetUUID from without asking the driver.
// Drivers find the object again by it (by UUID where there is one).
//
// A new kind adds its struct here (name + mac for interfaces, uuid + usage
// for secrets, pool + name + key for volumes, domain + name for snapshots),
// its handle in capi/objects.h and its generator entry in
// capi/gen_entry_points.py.
#pragma once

#include <string>

#include "lib/driver/domain_identity.h"
#include "lib/util/uuid.h"

namespace vireo::driver {

struct NetworkIdentity {
  std::string name;
  Uuid uuid;
};

// A host interface: libvirt's virInterface keeps its name and MAC address.
struct InterfaceIdentity {
  std::string name;
  std::string mac;  // empty for interfaces without one (bridges, bonds)
};

// A node device: libvirt's virNodeDevice keeps its name and, when the
// driver gave one, its parent's name (empty: virNodeDeviceGetParent asks).
struct NodeDeviceIdentity {
  std::string name;
  std::string parent;
};

struct StoragePoolIdentity {
  std::string name;
  Uuid uuid;
};

// A secret: libvirt's virSecret keeps its uuid and its usage (the
// virSecretUsageType and the usage id: a volume path, a ceph or iSCSI
// name, a TLS or vTPM name; empty for VIR_SECRET_USAGE_TYPE_NONE).
struct SecretIdentity {
  Uuid uuid;
  int usageType = 0;
  std::string usageId;
};

// A network filter: libvirt's virNWFilter keeps its name and uuid.
struct NWFilterIdentity {
  std::string name;
  Uuid uuid;
};

// A network filter binding: libvirt's virNWFilterBinding keeps the port
// device it filters and the filter's name; the port device names it.
struct NWFilterBindingIdentity {
  std::string portDev;
  std::string filterName;
};

// libvirt's volume handle names its pool by name only.
struct StorageVolIdentity {
  std::string pool;
  std::string name;
  std::string key;
};

// A snapshot or checkpoint ("moment" in libvirt's words) belongs to a
// domain and is named within it, as libvirt's virDomainSnapshot and
// virDomainCheckpoint hold their domain's handle and their name. The
// handle keeps a reference to the domain's handle (capi/objects.h) and
// builds this identity from it at each call, so the driver sees the
// domain's current id; an entry that changes the domain's state (a revert)
// updates `domain.id`.
struct DomainMomentIdentity {
  DomainIdentity domain;
  std::string name;
};
using DomainSnapshotIdentity = DomainMomentIdentity;
using DomainCheckpointIdentity = DomainMomentIdentity;

}  // namespace vireo::driver
