// libvirt-domain.h: domain event callbacks, old (virConnectDomainEventRegister)
// and new (virConnectDomainEventRegisterAny) style.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "capi/domain_call.h"
#include "capi/typed_param_values.h"
#include "lib/driver/domain_events.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainEvent;
using vireo::driver::DomainEventState;

namespace {

// The application registers every callback as the generic type and libvirt's
// contract is that it really has the signature of its event id. Casting
// through void(*)(void) says so to the compiler.
template <typename To, typename From>
To callbackAs(From f) {
  return reinterpret_cast<To>(reinterpret_cast<void (*)(void)>(f));
}

namespace ev = vireo::driver::domain_event;

// The payload of kind T the event carries. A driver that queued another kind
// for this id gives the callback zeroes rather than undefined reads.
template <typename T>
const T& payloadOf(const DomainEvent& e) {
  static const T none{};
  const T* p = std::get_if<T>(&e.payload);
  return p ? *p : none;
}

const char* orNull(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

// A typed-parameter array lent to a callback for the duration of the call:
// libvirt's events keep ownership of theirs and free them afterwards.
class LentParams {
 public:
  explicit LentParams(const driver::TypedParamList& values) : array_(values.size()) {
    count_ = typedParamsIntoArray(values, array_.data(), static_cast<int>(array_.size()));
  }
  LentParams(const LentParams&) = delete;
  LentParams& operator=(const LentParams&) = delete;
  ~LentParams() { virTypedParamsClear(array_.data(), count_); }
  virTypedParameterPtr data() { return array_.empty() ? nullptr : array_.data(); }
  int count() const { return count_; }

 private:
  std::vector<virTypedParameter> array_;
  int count_ = 0;
};

// GRAPHICS: the C structures point into the event, which outlives the call.
void deliverGraphics(virConnectPtr conn, virDomainPtr dom, virConnectDomainEventGenericCallback cb, void* opaque,
                     const ev::Graphics& g) {
  auto address = [](const ev::GraphicsAddress& a) {
    return virDomainEventGraphicsAddress{a.family, const_cast<char*>(a.node.c_str()),
                                         const_cast<char*>(a.service.c_str())};
  };
  virDomainEventGraphicsAddress local = address(g.local);
  virDomainEventGraphicsAddress remote = address(g.remote);
  std::vector<virDomainEventGraphicsSubjectIdentity> identities;
  for (const ev::GraphicsIdentity& i : g.subject)
    identities.push_back({const_cast<char*>(i.type.c_str()), const_cast<char*>(i.name.c_str())});
  virDomainEventGraphicsSubject subject{static_cast<int>(identities.size()),
                                        identities.empty() ? nullptr : identities.data()};
  callbackAs<virConnectDomainEventGraphicsCallback>(cb)(conn, dom, g.phase, &local, &remote, g.authScheme.c_str(),
                                                        &subject, opaque);
}

// Calls the application's callback with the signature its event id has.
void deliver(virConnectPtr conn, int eventId, virConnectDomainEventGenericCallback cb, void* opaque,
             const DomainEvent& e) {
  virDomainPtr dom = newDomainHandle(conn, e.domain);
  switch (eventId) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
      callbackAs<virConnectDomainEventCallback>(cb)(conn, dom, e.type, e.detail, opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
      callbackAs<virConnectDomainEventRTCChangeCallback>(cb)(conn, dom, payloadOf<ev::RtcChange>(e).utcOffset,
                                                             opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
      callbackAs<virConnectDomainEventWatchdogCallback>(cb)(conn, dom, payloadOf<ev::Watchdog>(e).action, opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR: {
      const auto& io = payloadOf<ev::IoError>(e);
      callbackAs<virConnectDomainEventIOErrorCallback>(cb)(conn, dom, io.srcPath.c_str(), io.devAlias.c_str(),
                                                           io.action, opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON: {
      const auto& io = payloadOf<ev::IoError>(e);
      callbackAs<virConnectDomainEventIOErrorReasonCallback>(cb)(conn, dom, io.srcPath.c_str(), io.devAlias.c_str(),
                                                                 io.action, io.reason.c_str(), opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_GRAPHICS:
      deliverGraphics(conn, dom, cb, opaque, payloadOf<ev::Graphics>(e));
      break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: {
      const auto& job = payloadOf<ev::BlockJob>(e);
      callbackAs<virConnectDomainEventBlockJobCallback>(cb)(conn, dom, job.disk.c_str(), job.type, job.status,
                                                            opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE: {
      const auto& disk = payloadOf<ev::DiskChange>(e);
      callbackAs<virConnectDomainEventDiskChangeCallback>(cb)(conn, dom, orNull(disk.oldSrcPath),
                                                              orNull(disk.newSrcPath), disk.devAlias.c_str(),
                                                              disk.reason, opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE: {
      const auto& tray = payloadOf<ev::TrayChange>(e);
      callbackAs<virConnectDomainEventTrayChangeCallback>(cb)(conn, dom, tray.devAlias.c_str(), tray.reason, opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
      // The three callback types have the same signature.
      callbackAs<virConnectDomainEventPMWakeupCallback>(cb)(conn, dom, payloadOf<ev::PmReason>(e).reason, opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
      callbackAs<virConnectDomainEventBalloonChangeCallback>(cb)(conn, dom, payloadOf<ev::BalloonChange>(e).actual,
                                                                 opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED: {
      // The two callback types have the same signature.
      LentParams params(payloadOf<ev::Params>(e).params);
      callbackAs<virConnectDomainEventTunableCallback>(cb)(conn, dom, params.data(), params.count(), opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE: {
      const auto& agent = payloadOf<ev::AgentLifecycle>(e);
      callbackAs<virConnectDomainEventAgentLifecycleCallback>(cb)(conn, dom, agent.state, agent.reason, opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
      // The three callback types have the same signature.
      callbackAs<virConnectDomainEventDeviceAddedCallback>(cb)(conn, dom, e.devAlias.c_str(), opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
      callbackAs<virConnectDomainEventMigrationIterationCallback>(cb)(
          conn, dom, payloadOf<ev::MigrationIteration>(e).iteration, opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
      callbackAs<virConnectDomainEventMetadataChangeCallback>(cb)(
          conn, dom, e.type, e.nsUri.empty() ? nullptr : e.nsUri.c_str(), opaque);
      break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD: {
      const auto& t = payloadOf<ev::BlockThreshold>(e);
      callbackAs<virConnectDomainEventBlockThresholdCallback>(cb)(conn, dom, t.dev.c_str(), orNull(t.path),
                                                                  t.threshold, t.excess, opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE: {
      const auto& m = payloadOf<ev::MemoryFailure>(e);
      callbackAs<virConnectDomainEventMemoryFailureCallback>(cb)(conn, dom, m.recipient, m.action, m.flags, opaque);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE: {
      const auto& m = payloadOf<ev::MemoryDeviceSizeChange>(e);
      callbackAs<virConnectDomainEventMemoryDeviceSizeChangeCallback>(cb)(conn, dom, m.alias.c_str(), m.size, opaque);
      break;
    }
    default:  // REBOOT and CONTROL_ERROR carry nothing
      cb(conn, dom, opaque);
      break;
  }
  unrefDomain(dom);
}

// A registration holds a reference to its connection until it is removed,
// as in libvirt, so virConnectClose reports the callbacks still registered.
// The caller takes that reference once the registration succeeded; the
// release function drops it.
DomainEventState::Callback makeCallback(virConnectPtr conn, int eventId, virConnectDomainEventGenericCallback cb,
                                        void* opaque, virFreeCallback freecb) {
  DomainEventState::Callback c;
  c.connection = conn;
  c.eventId = eventId;
  c.key = reinterpret_cast<const void*>(cb);
  c.deliver = [conn, eventId, cb, opaque](const DomainEvent& e) { deliver(conn, eventId, cb, opaque, e); };
  c.release = [conn, opaque, freecb] {
    if (freecb) freecb(opaque);
    unrefConnection(conn);
  };
  return c;
}

}  // namespace

extern "C" {

int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                     virConnectDomainEventGenericCallback cb, void* opaque, virFreeCallback freecb) {
  return onConnection("virConnectDomainEventRegisterAny", conn, Access::Read, -1, [&](Call& call) {
    if (dom) {
      Call check(call.function(), VIR_FROM_DOMAIN);
      check.domain(dom);
      if (dom->conn != conn) call.invalidArg("domain '" + dom->name + "' must match connection");
    }
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    call.nonNegative(eventID, "eventID");
    if (eventID >= VIR_DOMAIN_EVENT_ID_LAST)
      call.invalidArg("eventID must be less than " + std::to_string(VIR_DOMAIN_EVENT_ID_LAST));
    DomainEventState& events = call.op(&HV::domainEventState)(call.impl());
    DomainEventState::Callback c = makeCallback(conn, eventID, cb, opaque, freecb);
    if (dom) c.only = dom->uuid;
    int id = events.add(std::move(c));
    refConnection(conn);
    return id;
  }, entryArgs("dom, eventID, cb, opaque, freecb", dom, eventID, cb, opaque, freecb));
}

int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID) {
  return onConnection("virConnectDomainEventDeregisterAny", conn, Access::Read, -1, [&](Call& call) {
    call.nonNegative(callbackID, "callbackID");
    call.op(&HV::domainEventState)(call.impl()).remove(conn, callbackID);
    return 0;
  }, entryArgs("callbackID", callbackID));
}

int virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb, void* opaque,
                                  virFreeCallback freecb) {
  return onConnection("virConnectDomainEventRegister", conn, Access::Read, -1, [&](Call& call) {
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    DomainEventState& events = call.op(&HV::domainEventState)(call.impl());
    DomainEventState::Callback c = makeCallback(conn, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                callbackAs<virConnectDomainEventGenericCallback>(cb), opaque,
                                                freecb);
    c.legacy = true;
    events.add(std::move(c));
    refConnection(conn);
    return 0;
  }, entryArgs("cb, opaque, freecb", cb, opaque, freecb));
}

int virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb) {
  return onConnection("virConnectDomainEventDeregister", conn, Access::Read, -1, [&](Call& call) {
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    call.op(&HV::domainEventState)(call.impl()).removeLegacy(conn, reinterpret_cast<const void*>(cb));
    return 0;
  }, entryArgs("cb", cb));
}

}  // extern "C"
