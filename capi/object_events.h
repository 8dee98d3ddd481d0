// What the event registrations of the object kinds besides domains have in
// common (storage pools, secrets): libvirt's argument checks and the
// callback's bookkeeping. The kind's own file writes the delivery, which
// casts the application's generic callback to the signature of the event id.
#pragma once

#include <string>
#include <utility>

#include "capi/entry_point.h"
#include "lib/driver/domain_events.h"

namespace vireo::capi {

// libvirt's checks, in its order: the optional object filter must be valid
// and belong to `conn` (`what` names it: "storage pool 'p'"), the callback
// must be set, and the event id must be one of the kind's.
template <typename Handle, typename Describe>
void checkEventRegistration(Call& call, virConnectPtr conn, Handle* filter, Describe what, const void* cb,
                            int eventID, int lastEventId) {
  if (filter) {
    Call check(call.function(), call.area());
    check.object(filter);
    if (filter->conn != conn) call.invalidArg(what(filter) + " in " + call.function() + " must match connection");
  }
  call.nonNull(cb, "cb");
  call.nonNegative(eventID, "eventID");
  if (eventID >= lastEventId)
    call.invalidArg("eventID in " + std::string(call.function()) + " must be less than " +
                    std::to_string(lastEventId));
}

// Adds `c` (object, event id, key, filter and delivery set) for `conn`. As
// for domain events (capi/domain_events.cc), a registration holds a
// reference to its connection until it is removed, when the application's
// free callback runs. Returns the callback id.
inline int addEventRegistration(driver::DomainEventState& events, virConnectPtr conn,
                                driver::DomainEventState::Callback c, void* opaque, virFreeCallback freecb) {
  c.connection = conn;
  c.release = [conn, opaque, freecb] {
    if (freecb) freecb(opaque);
    unrefConnection(conn);
  };
  int id = events.add(std::move(c));
  refConnection(conn);
  return id;
}

}  // namespace vireo::capi
