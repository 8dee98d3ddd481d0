#include "drivers/remote/remote_event_decode.h"

#include <iterator>

#include <libvirt/libvirt.h>

#include "drivers/remote/remote_wire.h"
#include "lib/util/error.h"

namespace vireo::remote {
namespace {

using driver::DomainEvent;
namespace ev = driver::domain_event;

// Bound of the typed parameters of a TUNABLE / JOB_COMPLETED message
// (REMOTE_DOMAIN_EVENT_TUNABLE_MAX, REMOTE_DOMAIN_JOB_STATS_MAX).
constexpr uint32_t kTunableMax = 2048;
constexpr uint32_t kJobStatsMax = 64;
// Bound of a graphics client's identities (REMOTE_DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX).
constexpr uint32_t kGraphicsIdentityMax = 20;

// Procedure numbers of the callback messages, indexed by event id.
constexpr int kProcedures[] = {
    318,  // LIFECYCLE
    319,  // REBOOT
    320,  // RTC_CHANGE
    321,  // WATCHDOG
    322,  // IO_ERROR
    323,  // GRAPHICS
    324,  // IO_ERROR_REASON
    325,  // CONTROL_ERROR
    326,  // BLOCK_JOB
    327,  // DISK_CHANGE
    328,  // TRAY_CHANGE
    329,  // PMWAKEUP
    330,  // PMSUSPEND
    331,  // BALLOON_CHANGE
    332,  // PMSUSPEND_DISK
    333,  // DEVICE_REMOVED
    339,  // BLOCK_JOB_2
    346,  // TUNABLE
    348,  // AGENT_LIFECYCLE
    354,  // DEVICE_ADDED
    359,  // MIGRATION_ITERATION
    363,  // JOB_COMPLETED
    367,  // DEVICE_REMOVAL_FAILED
    379,  // METADATA_CHANGE
    385,  // BLOCK_THRESHOLD
    423,  // MEMORY_FAILURE
    438,  // MEMORY_DEVICE_SIZE_CHANGE
};
static_assert(std::size(kProcedures) == static_cast<size_t>(VIR_DOMAIN_EVENT_ID_LAST), "one procedure per domain event id");

int eventIdOfProcedure(int proc) {
  for (int id = 0; id < VIR_DOMAIN_EVENT_ID_LAST; id++)
    if (kProcedures[id] == proc) return id;
  return -1;
}

ev::GraphicsAddress graphicsAddress(rpc::Xdr& x) {
  ev::GraphicsAddress a;
  a.family = wire::Int::get(x);
  a.node = wire::Str::get(x);
  a.service = wire::Str::get(x);
  return a;
}

ev::Graphics graphics(rpc::Xdr& x) {
  ev::Graphics g;
  g.phase = wire::Int::get(x);
  g.local = graphicsAddress(x);
  g.remote = graphicsAddress(x);
  g.authScheme = wire::Str::get(x);
  uint32_t n = wire::UInt::get(x);
  if (n > kGraphicsIdentityMax) fail(VIR_ERR_RPC, VIR_FROM_REMOTE, "too many graphics identities in an event");
  for (uint32_t i = 0; i < n; i++) {
    ev::GraphicsIdentity id;
    id.type = wire::Str::get(x);
    id.name = wire::Str::get(x);
    g.subject.push_back(std::move(id));
  }
  return g;
}

ev::IoError ioError(rpc::Xdr& x, bool withReason) {
  ev::IoError io;
  io.srcPath = wire::Str::get(x);
  io.devAlias = wire::Str::get(x);
  io.action = wire::Int::get(x);
  if (withReason) io.reason = wire::Str::get(x);
  return io;
}

// Reads what follows the domain in the message of `eventId` into `e`.
void decodeFields(int eventId, rpc::Xdr& x, DomainEvent& e) {
  switch (eventId) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
      e.type = wire::Int::get(x);
      e.detail = wire::Int::get(x);
      break;
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
      e.payload = ev::RtcChange{wire::Hyper::get(x)};
      break;
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
      e.payload = ev::Watchdog{wire::Int::get(x)};
      break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR:
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
      e.payload = ioError(x, eventId == VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON);
      break;
    case VIR_DOMAIN_EVENT_ID_GRAPHICS:
      e.payload = graphics(x);
      break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: {
      ev::BlockJob job;
      job.disk = wire::Str::get(x);
      job.type = wire::Int::get(x);
      job.status = wire::Int::get(x);
      e.payload = std::move(job);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE: {
      ev::DiskChange disk;
      disk.oldSrcPath = wire::OptStr::get(x);
      disk.newSrcPath = wire::OptStr::get(x);
      disk.devAlias = wire::Str::get(x);
      disk.reason = wire::Int::get(x);
      e.payload = std::move(disk);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE: {
      ev::TrayChange tray;
      tray.devAlias = wire::Str::get(x);
      tray.reason = wire::Int::get(x);
      e.payload = std::move(tray);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
      e.payload = ev::BalloonChange{wire::UHyper::get(x)};
      break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
      e.devAlias = wire::Str::get(x);
      break;
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
      e.payload = ev::Params{wire::getTypedParams(x, kTunableMax)};
      break;
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
      e.payload = ev::Params{wire::getTypedParams(x, kJobStatsMax)};
      break;
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE: {
      ev::AgentLifecycle agent;
      agent.state = wire::Int::get(x);
      agent.reason = wire::Int::get(x);
      e.payload = agent;
      break;
    }
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
      e.payload = ev::MigrationIteration{wire::Int::get(x)};
      break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
      e.type = wire::Int::get(x);
      e.nsUri = wire::OptStr::get(x).value_or("");
      break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD: {
      ev::BlockThreshold t;
      t.dev = wire::Str::get(x);
      t.path = wire::OptStr::get(x);
      t.threshold = wire::UHyper::get(x);
      t.excess = wire::UHyper::get(x);
      e.payload = std::move(t);
      break;
    }
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE: {
      ev::MemoryFailure m;
      m.recipient = wire::Int::get(x);
      m.action = wire::Int::get(x);
      m.flags = wire::UInt::get(x);
      e.payload = m;
      break;
    }
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE: {
      ev::MemoryDeviceSizeChange m;
      m.alias = wire::Str::get(x);
      m.size = wire::UHyper::get(x);
      e.payload = std::move(m);
      break;
    }
    default:  // REBOOT, CONTROL_ERROR: the domain only
      break;
  }
}

}  // namespace

int domainEventProcedure(int eventId) {
  if (eventId < 0 || eventId >= VIR_DOMAIN_EVENT_ID_LAST) return -1;
  return kProcedures[eventId];
}

std::optional<DomainEvent> decodeDomainEvent(int proc, rpc::Xdr& x) {
  int eventId = eventIdOfProcedure(proc);
  if (eventId < 0) return std::nullopt;
  DomainEvent e;
  e.eventId = eventId;
  // The power management messages put their reason before the domain.
  bool pm = eventId == VIR_DOMAIN_EVENT_ID_PMWAKEUP || eventId == VIR_DOMAIN_EVENT_ID_PMSUSPEND ||
            eventId == VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK;
  if (pm) e.payload = ev::PmReason{wire::Int::get(x)};
  e.domain = wire::Dom::get(x);
  decodeFields(eventId, x, e);
  return e;
}

}  // namespace vireo::remote
