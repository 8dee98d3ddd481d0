#include "drivers/remote/remote_events.h"

#include <libvirt/libvirt.h>

#include "drivers/remote/remote_call.h"
#include "drivers/remote/remote_event_decode.h"
#include "drivers/remote/remote_qemu.h"
#include "lib/util/error.h"

namespace vireo::remote {
namespace {

using driver::DomainEvent;
using driver::EventObject;

// Procedures of the remote program for event registration and delivery.
constexpr int kProcNetworkEventRegister = 313;
constexpr int kProcNetworkEventDeregister = 314;
constexpr int kProcNetworkEventLifecycle = 315;
constexpr int kProcDomainEventRegister = 316;
constexpr int kProcDomainEventDeregister = 317;
constexpr int kProcConnectionClosed = 362;
constexpr int kProcNodeDeviceEventRegister = 374;
constexpr int kProcNodeDeviceEventDeregister = 375;
constexpr int kProcNodeDeviceEventLifecycle = 376;
// Storage pool events.
constexpr int kProcStoragePoolEventRegister = 368;
constexpr int kProcStoragePoolEventDeregister = 369;
constexpr int kProcStoragePoolEventLifecycle = 370;
constexpr int kProcStoragePoolEventRefresh = 373;
// Secret events.
constexpr int kProcSecretEventRegister = 380;
constexpr int kProcSecretEventDeregister = 381;
constexpr int kProcSecretEventLifecycle = 382;
constexpr int kProcSecretEventValueChanged = 383;

// An optional object filter of the register calls, always absent: the
// daemon sends every event of the id and the local state filters.
struct NoObject {
  static void put(rpc::Xdr& x, int) {
    bool present = false;
    x.boolean(present);
  }
};

void subscribe(driver::Connection& conn, RemoteState& state, EventObject object, int eventId) {
  if (!state.eventCallbacksSupported)
    failUnsupported(VIR_FROM_REMOTE, "event callbacks of a daemon older than libvirt 1.2.1");
  int serverId;
  if (object == EventObject::StoragePool) {  // both ids (lifecycle, refresh) decode
    serverId = Remote<kProcStoragePoolEventRegister, wire::Int(wire::Int, NoObject)>::call<int>(conn, eventId, 0);
  } else if (object == EventObject::Secret) {  // both ids (lifecycle, value changed) decode
    serverId = Remote<kProcSecretEventRegister, wire::Int(wire::Int, NoObject)>::call<int>(conn, eventId, 0);
  } else if (object == EventObject::NodeDevice) {
    if (eventId != VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE)
      failUnsupported(VIR_FROM_REMOTE, "node device event " + std::to_string(eventId) + " over the remote driver");
    serverId = Remote<kProcNodeDeviceEventRegister, wire::Int(wire::Int, NoObject)>::call<int>(conn, eventId, 0);
  } else if (object == EventObject::Network) {
    serverId = Remote<kProcNetworkEventRegister, wire::Int(wire::Int, NoObject)>::call<int>(conn, eventId, 0);
  } else if (eventId == driver::kQemuMonitorEventId) {
    serverId = ops::qemuMonitorEventSubscribe(conn);  // libvirt-qemu's program
  } else {
    if (domainEventProcedure(eventId) < 0)
      failUnsupported(VIR_FROM_REMOTE, "domain event " + std::to_string(eventId) + " over the remote driver");
    serverId = Remote<kProcDomainEventRegister, wire::Int(wire::Int, NoObject)>::call<int>(conn, eventId, 0);
  }
  MutexLock lock(state.mu);
  state.serverCallbacks[{static_cast<int>(object), eventId}] = serverId;
}

void unsubscribe(driver::Connection& conn, RemoteState& state, EventObject object, int eventId) {
  int serverId;
  {
    MutexLock lock(state.mu);
    auto it = state.serverCallbacks.find({static_cast<int>(object), eventId});
    if (it == state.serverCallbacks.end()) return;
    serverId = it->second;
    state.serverCallbacks.erase(it);
  }
  if (state.client().isClosed()) return;
  if (object == EventObject::StoragePool)
    Remote<kProcStoragePoolEventDeregister, wire::None(wire::Int)>::call<void>(conn, serverId);
  else if (object == EventObject::Secret)
    Remote<kProcSecretEventDeregister, wire::None(wire::Int)>::call<void>(conn, serverId);
  else if (object == EventObject::NodeDevice)
    Remote<kProcNodeDeviceEventDeregister, wire::None(wire::Int)>::call<void>(conn, serverId);
  else if (object == EventObject::Network)
    Remote<kProcNetworkEventDeregister, wire::None(wire::Int)>::call<void>(conn, serverId);
  else if (eventId == driver::kQemuMonitorEventId)
    ops::qemuMonitorEventUnsubscribe(conn, serverId);
  else
    Remote<kProcDomainEventDeregister, wire::None(wire::Int)>::call<void>(conn, serverId);
}

// The local event id the daemon's callback id stands for, or -1.
int eventIdOf(RemoteState& state, EventObject object, int serverId) {
  MutexLock lock(state.mu);
  for (const auto& [key, id] : state.serverCallbacks)
    // The monitor events' ids are the qemu program's own numbering.
    if (key.first == static_cast<int>(object) && key.second != driver::kQemuMonitorEventId && id == serverId)
      return key.second;
  return -1;
}

// Whether `serverId` is the daemon's id of our monitor event registration.
bool isMonitorRegistration(RemoteState& state, int serverId) {
  MutexLock lock(state.mu);
  auto it = state.serverCallbacks.find({static_cast<int>(EventObject::Domain), driver::kQemuMonitorEventId});
  return it != state.serverCallbacks.end() && it->second == serverId;
}

// Decodes the MESSAGEs of storage pool and secret events into `ev`; false
// for any other procedure.
bool decodeObjectEvent(RemoteState& state, int proc, int serverId, rpc::Xdr& x, DomainEvent& ev) {
  switch (proc) {
    case kProcStoragePoolEventLifecycle:
    case kProcStoragePoolEventRefresh:
      ev.object = EventObject::StoragePool;
      ev.storagePool = wire::Pool::get(x);
      ev.eventId = eventIdOf(state, EventObject::StoragePool, serverId);
      if (proc == kProcStoragePoolEventLifecycle) {
        ev.type = wire::Int::get(x);
        ev.detail = wire::Int::get(x);
      }
      return true;
    case kProcSecretEventLifecycle:
    case kProcSecretEventValueChanged:
      ev.object = EventObject::Secret;
      ev.secret = wire::Secret::get(x);
      ev.eventId = eventIdOf(state, EventObject::Secret, serverId);
      if (proc == kProcSecretEventLifecycle) {
        ev.type = wire::Int::get(x);
        ev.detail = wire::Int::get(x);
      }
      return true;
    default:
      return false;
  }
}

void onMessage(RemoteState& state, rpc::Message& m) {
  DomainEvent monitorEvent;
  if (int serverId = ops::decodeQemuMonitorEvent(m, monitorEvent); serverId >= 0) {
    monitorEvent.eventId = driver::kQemuMonitorEventId;
    if (isMonitorRegistration(state, serverId)) state.events().queue(std::move(monitorEvent));
    return;
  }
  if (m.header.prog != kRemoteProgram) return;
  rpc::Xdr x(m.payload);
  if (m.header.proc == kProcConnectionClosed) {  // the daemon's own driver connection went
    state.connectionClosed(wire::Int::get(x));
    return;
  }
  int serverId = wire::Int::get(x);
  if (DomainEvent ev; decodeObjectEvent(state, m.header.proc, serverId, x, ev)) {
    if (ev.eventId >= 0) state.events().queue(std::move(ev));  // else: a registration already given up
    return;
  }
  DomainEvent ev;
  if (m.header.proc == kProcNodeDeviceEventLifecycle) {
    ev.object = EventObject::NodeDevice;
    ev.nodeDevice = wire::NodeDev::get(x);
    ev.eventId = eventIdOf(state, EventObject::NodeDevice, serverId);
    ev.type = wire::Int::get(x);
    ev.detail = wire::Int::get(x);
  } else if (m.header.proc == kProcNetworkEventLifecycle) {
    ev.object = EventObject::Network;
    ev.network = wire::Net::get(x);
    ev.eventId = eventIdOf(state, EventObject::Network, serverId);
    ev.type = wire::Int::get(x);
    ev.detail = wire::Int::get(x);
  } else {
    std::optional<DomainEvent> decoded = decodeDomainEvent(m.header.proc, x);
    if (!decoded) return;  // an event this client does not know
    ev = std::move(*decoded);
    // Only the events of the registration we hold for their id.
    if (eventIdOf(state, EventObject::Domain, serverId) != ev.eventId) return;
  }
  if (ev.eventId < 0) return;  // a registration already given up
  state.events().queue(std::move(ev));
}

}  // namespace

void setUpEvents(driver::Connection& conn, RemoteState& state) {
  driver::Connection* c = &conn;
  RemoteState* s = &state;
  state.events().setSubscriptionHooks({
      [c, s](EventObject object, int eventId) { subscribe(*c, *s, object, eventId); },
      [c, s](EventObject object, int eventId) { unsubscribe(*c, *s, object, eventId); },
  });
  // A broken connection is the close callback's business.
  state.client().setCloseHandler([s](const Error& e) {
    const std::string& why = e.message();
    s->connectionClosed(why.find("keepalive") != std::string::npos     ? VIR_CONNECT_CLOSE_REASON_KEEPALIVE
                        : why.find("End of file") != std::string::npos ? VIR_CONNECT_CLOSE_REASON_EOF
                                                                       : VIR_CONNECT_CLOSE_REASON_ERROR);
  });
  state.client().setMessageHandler([s](rpc::Message& m) {
    try {
      onMessage(*s, m);
    } catch (const Error&) {
      // A message that does not decode is dropped, as libvirt's client does.
    }
  });
}

}  // namespace vireo::remote
