// What a domain handle knows about its domain: name, UUID and the id it had
// when the handle was made. Drivers find the domain again by UUID; the id is a
// cache that libvirt only refreshes on the handle a start or stop was called
// on (see libvirt-api.md §3.2), so other handles keep a stale id.
#pragma once

#include <string>

#include "lib/util/uuid.h"

namespace vireo::driver {

struct DomainIdentity {
  std::string name;
  Uuid uuid;
  int id = -1;  // -1 while inactive
};

}  // namespace vireo::driver
