// The event queue and callback list of one driver instance: domain events
// and, from the drivers that serve networks, network events. As libvirt's
// virObjectEventState, one instance serves every object kind, so callback
// ids are unique across kinds and one timer delivers them all.
//
// libvirt semantics (libvirt-api.md §3.2): every connection that shares a
// driver instance sees the events of all of them. Events are queued and
// delivered from the application's event loop: the first registered callback
// adds one disabled timer (virEventAddTimeout(-1, ...)), a queued event arms
// it, the flush disarms it, and removing the last callback removes the timer.
// Opening a connection therefore adds no timer or handle of its own.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lib/driver/domain_identity.h"
#include "lib/driver/object_identity.h"
#include "lib/driver/typed_params.h"

namespace vireo::driver {

// The eventId of a QEMU monitor event (libvirt-qemu.h), which is not one of
// libvirt's VIR_DOMAIN_EVENT_ID_* but shares their callback list and ids.
constexpr int kQemuMonitorEventId = -1;

// What an event or a callback is about.
enum class EventObject {
  Domain,
  Network,
  NodeDevice,
  // Storage pools and secrets (their registrations: capi/storage_events.cc, capi/secret_events.cc).
  StoragePool,
  Secret,
};

// The payloads of the domain events whose callbacks take more than the
// fields of DomainEvent itself, one struct per callback signature of
// libvirt-domain.h (the names of the fields are the callbacks' parameters).
namespace domain_event {

struct RtcChange {  // RTC_CHANGE
  long long utcOffset = 0;
};
struct Watchdog {  // WATCHDOG
  int action = 0;
};
// IO_ERROR, and IO_ERROR_REASON with its reason.
struct IoError {
  std::string srcPath;
  std::string devAlias;
  int action = 0;
  std::string reason;
};
struct GraphicsAddress {
  int family = 0;  // virDomainEventGraphicsAddressType
  std::string node;
  std::string service;
};
struct GraphicsIdentity {
  std::string type;
  std::string name;
};
struct Graphics {  // GRAPHICS
  int phase = 0;
  GraphicsAddress local;
  GraphicsAddress remote;
  std::string authScheme;
  std::vector<GraphicsIdentity> subject;
};
// BLOCK_JOB (disk is the image's path) and BLOCK_JOB_2 (the disk's target).
struct BlockJob {
  std::string disk;
  int type = 0;
  int status = 0;
};
struct DiskChange {  // DISK_CHANGE
  std::optional<std::string> oldSrcPath;
  std::optional<std::string> newSrcPath;
  std::string devAlias;
  int reason = 0;
};
struct TrayChange {  // TRAY_CHANGE
  std::string devAlias;
  int reason = 0;
};
// PMWAKEUP, PMSUSPEND and PMSUSPEND_DISK.
struct PmReason {
  int reason = 0;
};
struct BalloonChange {  // BALLOON_CHANGE, in KiB
  unsigned long long actual = 0;
};
// TUNABLE (the changed tunables) and JOB_COMPLETED (the job's statistics).
struct Params {
  TypedParamList params;
};
struct AgentLifecycle {  // AGENT_LIFECYCLE
  int state = 0;
  int reason = 0;
};
struct MigrationIteration {  // MIGRATION_ITERATION
  int iteration = 0;
};
struct BlockThreshold {  // BLOCK_THRESHOLD
  std::string dev;
  std::optional<std::string> path;
  unsigned long long threshold = 0;
  unsigned long long excess = 0;
};
struct MemoryFailure {  // MEMORY_FAILURE
  int recipient = 0;
  int action = 0;
  unsigned int flags = 0;
};
struct MemoryDeviceSizeChange {  // MEMORY_DEVICE_SIZE_CHANGE, in KiB
  std::string alias;
  unsigned long long size = 0;
};

// std::monostate: the event carries nothing beyond DomainEvent's own fields.
using Payload = std::variant<std::monostate, RtcChange, Watchdog, IoError, Graphics, BlockJob, DiskChange,
                             TrayChange, PmReason, BalloonChange, Params, AgentLifecycle, MigrationIteration,
                             BlockThreshold, MemoryFailure, MemoryDeviceSizeChange>;

}  // namespace domain_event

struct DomainEvent {
  EventObject object = EventObject::Domain;
  DomainIdentity domain;    // a domain's, as it was when the event happened (id included)
  NetworkIdentity network;  // a network's
  NodeDeviceIdentity nodeDevice;  // a node device's (name only)
  // Storage pool and secret events: the object (eventId is a
  // VIR_STORAGE_POOL_EVENT_ID_* / VIR_SECRET_EVENT_ID_*; lifecycle events use
  // type and detail).
  StoragePoolIdentity storagePool;
  SecretIdentity secret;
  int eventId = 0;          // VIR_DOMAIN_EVENT_ID_* (or kQemuMonitorEventId) / VIR_NETWORK_EVENT_ID_*
  int type = 0;             // lifecycle: virDomainEventType / virNetworkEventLifecycleType
  int detail = 0;         // lifecycle: the matching *DetailType
  std::string devAlias;   // DEVICE_ADDED / DEVICE_REMOVED / DEVICE_REMOVAL_FAILED
  std::string nsUri;      // METADATA_CHANGE of an element (type holds the metadata type)
  // kQemuMonitorEventId: QEMU's event name, its timestamp and its "data"
  // member as JSON text (empty when the event had none).
  std::string monitorEvent;
  long long seconds = 0;
  unsigned int micros = 0;
  std::string details;
  // The other domain events: the payload of their kind (see domain_event).
  domain_event::Payload payload;
};

class DomainEventState {
 public:
  struct Callback {
    const void* connection = nullptr;  // who registered it (deregistration is per connection)
    EventObject object = EventObject::Domain;
    int eventId = 0;
    std::optional<Uuid> only;          // only events of the object with this uuid, when set
    std::optional<std::string> onlyName;  // likewise by name, for node devices (they have no uuid)
    const void* key = nullptr;         // the application's function pointer
    bool legacy = false;               // registered through virConnectDomainEventRegister
    // The callback filters what it is given itself (a QEMU monitor event
    // callback's event name): as in libvirt, registering it twice is allowed.
    bool filtered = false;
    std::function<void(const DomainEvent&)> deliver;
    std::function<void()> release;     // frees the application's opaque data
  };

  DomainEventState();
  DomainEventState(const DomainEventState&) = delete;
  DomainEventState& operator=(const DomainEventState&) = delete;
  ~DomainEventState();

  // Returns the callback id (> 0). Fails when the same function is already
  // registered for the same event, domain and connection, or when no event
  // loop implementation is registered.
  int add(Callback callback);
  // Remove by the id add() returned; VIR_ERR_INVALID_ARG when unknown.
  void remove(const void* connection, int callbackId);
  // Remove a legacy callback by its function pointer.
  void removeLegacy(const void* connection, const void* key);

  // For a driver whose events come from elsewhere (the remote driver asks its
  // daemon for them): `first` runs when the first callback of an (object,
  // event id) pair is added, and may throw to refuse that add; `last` runs
  // after the last one is removed. Both run without the state's lock, on the
  // registering thread. Set once, before the first add().
  struct SubscriptionHooks {
    std::function<void(EventObject, int eventId)> first;
    std::function<void(EventObject, int eventId)> last;
  };
  void setSubscriptionHooks(SubscriptionHooks hooks) { hooks_ = std::move(hooks); }

  // Queue an event for delivery from the event loop. Thread-safe.
  void queue(DomainEvent event);
  // Queues a VIR_DOMAIN_EVENT_ID_LIFECYCLE event (type, detail) of `domain`.
  void queueLifecycle(const DomainIdentity& domain, int type, int detail);
  // Queues a VIR_NETWORK_EVENT_ID_LIFECYCLE event of `network`.
  void queueNetworkLifecycle(const NetworkIdentity& network, int type, int detail);
  // Queues a VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE event of the device `name`.
  void queueNodeDeviceLifecycle(const std::string& name, int type, int detail);
  // Queues a VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE event (type, detail) or a
  // VIR_STORAGE_POOL_EVENT_ID_REFRESH event of `pool`.
  void queueStoragePoolLifecycle(const StoragePoolIdentity& pool, int type, int detail);
  void queueStoragePoolRefresh(const StoragePoolIdentity& pool);

  // Implementation detail, public only so the timer trampoline can name it.
  struct Shared;

 private:
  struct Entry;
  // Runs hooks_.last when no callback of (object, eventId) is left; called
  // with `lock` (of the shared block) held, returns with it released.
  void afterRemoval(EventObject object, int eventId, std::unique_lock<std::mutex>& lock);
  // Everything lives in a shared block: the event loop's timer holds a
  // reference to it (released by the timer's free callback), so a timer
  // that fires or is freed after this object is gone finds valid memory.
  std::shared_ptr<Shared> shared_;
  SubscriptionHooks hooks_;
};

}  // namespace vireo::driver
