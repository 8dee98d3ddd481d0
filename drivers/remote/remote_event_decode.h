// The domain events of libvirt's remote program as they arrive from the
// daemon: one MESSAGE procedure per event id, in the "callback" form a
// daemon sends to a client that registered with
// CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY (each message starts with the
// daemon's callback id). Layouts: libvirt's remote_protocol.x.
#pragma once

#include <optional>

#include "lib/driver/domain_events.h"
#include "lib/rpc/xdr.h"

namespace vireo::remote {

// The procedure of the callback MESSAGE that carries events of the domain
// event id `eventId` (VIR_DOMAIN_EVENT_ID_*), or -1 for an id this client
// does not know.
int domainEventProcedure(int eventId);

// Decodes a MESSAGE of procedure `proc` of the remote program from what
// follows its callback id (which the caller has read): the event's eventId
// (from the procedure), domain and fields. nullopt when `proc` is not a
// domain event procedure. Throws vireo::Error (VIR_ERR_RPC) on a payload
// that does not decode.
std::optional<driver::DomainEvent> decodeDomainEvent(int proc, rpc::Xdr& x);

}  // namespace vireo::remote
