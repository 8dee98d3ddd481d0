#include "capi/object_events.h"

#include <string>
#include <utility>

#include "capi/objects.h"

namespace vireo::capi {

int addObjectEventCallback(Call& call, virConnectPtr conn,
                           const std::function<driver::DomainEventState&()>& events,
                           ObjectEventRegistration r) {
  call.nonNull(r.callback, "cb");
  call.nonNegative(r.eventId, "eventID");
  if (r.eventId >= r.eventIdLast)
    call.invalidArg("eventID in " + std::string(call.function()) + " must be less than " +
                    std::to_string(r.eventIdLast));
  driver::DomainEventState::Callback c;
  c.object = r.object;
  c.connection = conn;
  c.eventId = r.eventId;
  c.key = r.callback;
  c.only = std::move(r.onlyUuid);
  c.onlyName = std::move(r.onlyName);
  c.deliver = std::move(r.deliver);
  c.release = [conn, opaque = r.opaque, freecb = r.freecb] {
    if (freecb) freecb(opaque);
    unrefConnection(conn);
  };
  int id = events().add(std::move(c));
  refConnection(conn);
  return id;
}

}  // namespace vireo::capi
