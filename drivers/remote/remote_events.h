// Events over the wire. The daemon is asked once per (object, event id)
// when the first local callback of that id is registered, and released
// when the last goes (DomainEventState's subscription hooks); its MESSAGEs
// are decoded and queued into the connection's own event state, which
// delivers them to every matching callback from the application's event
// loop, filters by object included.
#pragma once

#include "drivers/remote/remote_state.h"
#include "lib/driver/connection.h"

namespace vireo::remote {

// Installs the subscription hooks and the client's message handler.
void setUpEvents(driver::Connection& conn, RemoteState& state);

}  // namespace vireo::remote
