// The part that every object's virConnect*EventRegisterAny shares (networks,
// node devices, and the other object kinds with events): the checks of the
// callback and its event id, and the connection reference a registration
// holds. Each caller checks its own object argument (with its own error
// domain) and says how an event reaches the application's callback.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <libvirt/libvirt.h>

#include "capi/entry_point.h"
#include "lib/driver/domain_events.h"

namespace vireo::capi {

struct ObjectEventRegistration {
  driver::EventObject object = driver::EventObject::Domain;
  int eventId = 0;
  int eventIdLast = 0;      // the kind's *_EVENT_ID_LAST
  const void* callback = nullptr;  // the application's function (its identity for duplicates)
  void* opaque = nullptr;
  virFreeCallback freecb = nullptr;
  // Which object's events only, when the application named one.
  std::optional<Uuid> onlyUuid;
  std::optional<std::string> onlyName;
  std::function<void(const driver::DomainEvent&)> deliver;
};

// Adds the registration to the driver's event state (`events` gives it, asked
// only once the arguments passed their checks) for `conn` and returns its
// callback id.
// As in libvirt, the registration holds a reference to the connection until
// it is removed (virConnectClose then reports callbacks still registered),
// and the application's opaque data is freed with `freecb` at removal.
int addObjectEventCallback(Call& call, virConnectPtr conn,
                           const std::function<driver::DomainEventState&()>& events,
                           ObjectEventRegistration registration);

}  // namespace vireo::capi
