// drivers/remote: every domain event MESSAGE of libvirt's remote program (the
// "callback" forms of libvirt 9.0's remote_protocol.x), built with lib/rpc's
// XDR encoder as the daemon would send it, decoded into the DomainEvent that
// the connection's event state delivers.
#include <catch2/catch.hpp>

#include <functional>
#include <vector>

#include "drivers/remote/remote_event_decode.h"
#include "drivers/remote/remote_wire.h"
#include "lib/util/error.h"

using namespace vireo;
using namespace vireo::remote;
using driver::DomainEvent;
namespace ev = driver::domain_event;

namespace {

constexpr int kServerCallbackId = 7;

driver::DomainIdentity testDomain() {
  driver::DomainIdentity d;
  d.name = "guest";
  for (int i = 0; i < 16; i++) d.uuid.bytes[i] = static_cast<unsigned char>(i + 1);
  d.id = 3;
  return d;
}

// Encodes callback id, domain and `fields` (PM messages: `before` goes
// between the callback id and the domain), then decodes the message of
// procedure `proc` as the client does, requiring every byte consumed.
DomainEvent roundTrip(int proc, const std::function<void(rpc::Xdr&)>& fields,
                      const std::function<void(rpc::Xdr&)>& before = nullptr) {
  std::vector<char> buf;
  {
    rpc::Xdr out(buf);
    wire::Int::put(out, kServerCallbackId);
    if (before) before(out);
    wire::Dom::put(out, testDomain());
    if (fields) fields(out);
    out.finish();
  }
  rpc::Xdr in(std::string_view(buf.data(), buf.size()));
  REQUIRE(wire::Int::get(in) == kServerCallbackId);
  std::optional<DomainEvent> e = decodeDomainEvent(proc, in);
  REQUIRE(e.has_value());
  in.expectEnd();
  CHECK(e->object == driver::EventObject::Domain);
  CHECK(e->domain.name == "guest");
  CHECK(e->domain.uuid.bytes[15] == 16);
  CHECK(e->domain.id == 3);
  return *e;
}

template <typename T>
const T& payload(const DomainEvent& e) {
  const T* p = std::get_if<T>(&e.payload);
  REQUIRE(p != nullptr);
  return *p;
}

}  // namespace

TEST_CASE("remote events: one callback procedure per domain event id", "[remote]") {
  CHECK(domainEventProcedure(VIR_DOMAIN_EVENT_ID_LIFECYCLE) == 318);
  CHECK(domainEventProcedure(VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2) == 339);
  CHECK(domainEventProcedure(VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE) == 438);
  CHECK(domainEventProcedure(-1) == -1);
  CHECK(domainEventProcedure(VIR_DOMAIN_EVENT_ID_LAST) == -1);
  std::vector<int> seen;
  for (int id = 0; id < VIR_DOMAIN_EVENT_ID_LAST; id++) {
    int proc = domainEventProcedure(id);
    CHECK(proc > 0);
    CHECK(std::find(seen.begin(), seen.end(), proc) == seen.end());
    seen.push_back(proc);
  }
  std::vector<char> none;
  rpc::Xdr in(std::string_view(none.data(), 0));
  CHECK_FALSE(decodeDomainEvent(315, in).has_value());  // network lifecycle
  CHECK_FALSE(decodeDomainEvent(107, in).has_value());  // the legacy lifecycle message
}

TEST_CASE("remote events: lifecycle, reboot, control error", "[remote]") {
  DomainEvent e = roundTrip(318, [](rpc::Xdr& x) {
    wire::Int::put(x, VIR_DOMAIN_EVENT_SUSPENDED);
    wire::Int::put(x, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_LIFECYCLE);
  CHECK(e.type == VIR_DOMAIN_EVENT_SUSPENDED);
  CHECK(e.detail == VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);

  e = roundTrip(319, nullptr);
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_REBOOT);
  CHECK(std::holds_alternative<std::monostate>(e.payload));
  e = roundTrip(325, nullptr);
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_CONTROL_ERROR);
}

TEST_CASE("remote events: RTC change, watchdog, balloon, migration iteration", "[remote]") {
  DomainEvent e = roundTrip(320, [](rpc::Xdr& x) { wire::Hyper::put(x, -3600); });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_RTC_CHANGE);
  CHECK(payload<ev::RtcChange>(e).utcOffset == -3600);

  e = roundTrip(321, [](rpc::Xdr& x) { wire::Int::put(x, VIR_DOMAIN_EVENT_WATCHDOG_RESET); });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_WATCHDOG);
  CHECK(payload<ev::Watchdog>(e).action == VIR_DOMAIN_EVENT_WATCHDOG_RESET);

  e = roundTrip(331, [](rpc::Xdr& x) { wire::UHyper::put(x, 1ULL << 33); });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE);
  CHECK(payload<ev::BalloonChange>(e).actual == 1ULL << 33);

  e = roundTrip(359, [](rpc::Xdr& x) { wire::Int::put(x, 4); });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION);
  CHECK(payload<ev::MigrationIteration>(e).iteration == 4);
}

TEST_CASE("remote events: I/O errors with and without a reason", "[remote]") {
  auto common = [](rpc::Xdr& x) {
    wire::Str::put(x, "/var/img.qcow2");
    wire::Str::put(x, "virtio-disk0");
    wire::Int::put(x, VIR_DOMAIN_EVENT_IO_ERROR_PAUSE);
  };
  DomainEvent e = roundTrip(322, common);
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_IO_ERROR);
  CHECK(payload<ev::IoError>(e).srcPath == "/var/img.qcow2");
  CHECK(payload<ev::IoError>(e).devAlias == "virtio-disk0");
  CHECK(payload<ev::IoError>(e).action == VIR_DOMAIN_EVENT_IO_ERROR_PAUSE);
  CHECK(payload<ev::IoError>(e).reason.empty());

  e = roundTrip(324, [&](rpc::Xdr& x) {
    common(x);
    wire::Str::put(x, "enospc");
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON);
  CHECK(payload<ev::IoError>(e).devAlias == "virtio-disk0");
  CHECK(payload<ev::IoError>(e).reason == "enospc");
}

TEST_CASE("remote events: graphics with its addresses and subject", "[remote]") {
  DomainEvent e = roundTrip(323, [](rpc::Xdr& x) {
    wire::Int::put(x, VIR_DOMAIN_EVENT_GRAPHICS_INITIALIZE);
    wire::Int::put(x, VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4);
    wire::Str::put(x, "127.0.0.1");
    wire::Str::put(x, "5900");
    wire::Int::put(x, VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6);
    wire::Str::put(x, "::1");
    wire::Str::put(x, "41000");
    wire::Str::put(x, "none");
    wire::UInt::put(x, 2);
    wire::Str::put(x, "x509dname");
    wire::Str::put(x, "CN=client");
    wire::Str::put(x, "saslUsername");
    wire::Str::put(x, "fred");
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_GRAPHICS);
  const auto& g = payload<ev::Graphics>(e);
  CHECK(g.phase == VIR_DOMAIN_EVENT_GRAPHICS_INITIALIZE);
  CHECK(g.local.family == VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4);
  CHECK(g.local.node == "127.0.0.1");
  CHECK(g.local.service == "5900");
  CHECK(g.remote.family == VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6);
  CHECK(g.remote.node == "::1");
  CHECK(g.remote.service == "41000");
  CHECK(g.authScheme == "none");
  REQUIRE(g.subject.size() == 2);
  CHECK(g.subject[0].type == "x509dname");
  CHECK(g.subject[0].name == "CN=client");
  CHECK(g.subject[1].name == "fred");
}

TEST_CASE("remote events: a graphics subject beyond the protocol's bound is refused", "[remote]") {
  std::vector<char> buf;
  {
    rpc::Xdr out(buf);
    wire::Dom::put(out, testDomain());
    wire::Int::put(out, 0);
    for (int i = 0; i < 2; i++) {
      wire::Int::put(out, 0);
      wire::Str::put(out, "a");
      wire::Str::put(out, "b");
    }
    wire::Str::put(out, "none");
    wire::UInt::put(out, 21);
    out.finish();
  }
  rpc::Xdr in(std::string_view(buf.data(), buf.size()));
  CHECK_THROWS_AS(decodeDomainEvent(323, in), Error);
}

TEST_CASE("remote events: block jobs, old and new", "[remote]") {
  auto job = [](const char* disk) {
    return [disk](rpc::Xdr& x) {
      wire::Str::put(x, disk);
      wire::Int::put(x, VIR_DOMAIN_BLOCK_JOB_TYPE_PULL);
      wire::Int::put(x, VIR_DOMAIN_BLOCK_JOB_COMPLETED);
    };
  };
  DomainEvent e = roundTrip(326, job("/var/overlay.qcow2"));
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_BLOCK_JOB);
  CHECK(payload<ev::BlockJob>(e).disk == "/var/overlay.qcow2");
  CHECK(payload<ev::BlockJob>(e).type == VIR_DOMAIN_BLOCK_JOB_TYPE_PULL);
  CHECK(payload<ev::BlockJob>(e).status == VIR_DOMAIN_BLOCK_JOB_COMPLETED);

  e = roundTrip(339, job("vda"));
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2);
  CHECK(payload<ev::BlockJob>(e).disk == "vda");
}

TEST_CASE("remote events: disk and tray changes", "[remote]") {
  DomainEvent e = roundTrip(327, [](rpc::Xdr& x) {
    wire::OptStr::put(x, "/old.iso");
    wire::OptStr::put(x, static_cast<const char*>(nullptr));
    wire::Str::put(x, "sata0-0-0");
    wire::Int::put(x, VIR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START);
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_DISK_CHANGE);
  const auto& d = payload<ev::DiskChange>(e);
  CHECK(d.oldSrcPath == std::optional<std::string>("/old.iso"));
  CHECK_FALSE(d.newSrcPath.has_value());
  CHECK(d.devAlias == "sata0-0-0");
  CHECK(d.reason == VIR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START);

  e = roundTrip(328, [](rpc::Xdr& x) {
    wire::Str::put(x, "sata0-0-0");
    wire::Int::put(x, VIR_DOMAIN_EVENT_TRAY_CHANGE_OPEN);
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_TRAY_CHANGE);
  CHECK(payload<ev::TrayChange>(e).devAlias == "sata0-0-0");
  CHECK(payload<ev::TrayChange>(e).reason == VIR_DOMAIN_EVENT_TRAY_CHANGE_OPEN);
}

TEST_CASE("remote events: power management, the reason before the domain", "[remote]") {
  const int ids[] = {VIR_DOMAIN_EVENT_ID_PMWAKEUP, VIR_DOMAIN_EVENT_ID_PMSUSPEND, VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK};
  const int procs[] = {329, 330, 332};
  for (int i = 0; i < 3; i++) {
    DomainEvent e = roundTrip(procs[i], nullptr, [i](rpc::Xdr& x) { wire::Int::put(x, 10 + i); });
    CHECK(e.eventId == ids[i]);
    CHECK(payload<ev::PmReason>(e).reason == 10 + i);
  }
}

TEST_CASE("remote events: device added, removed, removal failed", "[remote]") {
  const int ids[] = {VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                     VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED};
  const int procs[] = {354, 333, 367};
  for (int i = 0; i < 3; i++) {
    DomainEvent e = roundTrip(procs[i], [](rpc::Xdr& x) { wire::Str::put(x, "usb-disk1"); });
    CHECK(e.eventId == ids[i]);
    CHECK(e.devAlias == "usb-disk1");
  }
}

TEST_CASE("remote events: tunables and completed jobs carry typed parameters", "[remote]") {
  driver::TypedParamList params = {
      {"cputune.vcpupin0", std::string("0-1")},
      {"cputune.cpu_shares", 1024ULL},
      {"flag", true},
  };
  DomainEvent e = roundTrip(346, [&](rpc::Xdr& x) { wire::putTypedParams(x, params, 2048); });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_TUNABLE);
  const auto& got = payload<ev::Params>(e).params;
  REQUIRE(got.size() == 3);
  CHECK(got[0].field == "cputune.vcpupin0");
  CHECK(std::get<std::string>(got[0].value) == "0-1");
  CHECK(std::get<unsigned long long>(got[1].value) == 1024);
  CHECK(std::get<bool>(got[2].value));

  driver::TypedParamList stats = {{"time_elapsed", 1500ULL}, {"operation", 3}};
  e = roundTrip(363, [&](rpc::Xdr& x) { wire::putTypedParams(x, stats, 64); });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_JOB_COMPLETED);
  REQUIRE(payload<ev::Params>(e).params.size() == 2);
  CHECK(std::get<int>(payload<ev::Params>(e).params[1].value) == 3);
}

TEST_CASE("remote events: agent lifecycle, metadata change", "[remote]") {
  DomainEvent e = roundTrip(348, [](rpc::Xdr& x) {
    wire::Int::put(x, VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED);
    wire::Int::put(x, VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL);
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE);
  CHECK(payload<ev::AgentLifecycle>(e).state == VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED);
  CHECK(payload<ev::AgentLifecycle>(e).reason == VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL);

  e = roundTrip(379, [](rpc::Xdr& x) {
    wire::Int::put(x, VIR_DOMAIN_METADATA_ELEMENT);
    wire::OptStr::put(x, "http://example.org/ns");
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_METADATA_CHANGE);
  CHECK(e.type == VIR_DOMAIN_METADATA_ELEMENT);
  CHECK(e.nsUri == "http://example.org/ns");
}

TEST_CASE("remote events: block threshold, memory failure, memory device size", "[remote]") {
  DomainEvent e = roundTrip(385, [](rpc::Xdr& x) {
    wire::Str::put(x, "vda[1]");
    wire::OptStr::put(x, "/var/base.qcow2");
    wire::UHyper::put(x, 1ULL << 20);
    wire::UHyper::put(x, 4096);
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD);
  const auto& t = payload<ev::BlockThreshold>(e);
  CHECK(t.dev == "vda[1]");
  CHECK(t.path == std::optional<std::string>("/var/base.qcow2"));
  CHECK(t.threshold == 1ULL << 20);
  CHECK(t.excess == 4096);

  e = roundTrip(423, [](rpc::Xdr& x) {
    wire::Int::put(x, VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_GUEST);
    wire::Int::put(x, VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_INJECT);
    wire::UInt::put(x, VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED);
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE);
  CHECK(payload<ev::MemoryFailure>(e).recipient == VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_GUEST);
  CHECK(payload<ev::MemoryFailure>(e).action == VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_INJECT);
  CHECK(payload<ev::MemoryFailure>(e).flags == VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED);

  e = roundTrip(438, [](rpc::Xdr& x) {
    wire::Str::put(x, "virtiomem0");
    wire::UHyper::put(x, 524288);
  });
  CHECK(e.eventId == VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE);
  CHECK(payload<ev::MemoryDeviceSizeChange>(e).alias == "virtiomem0");
  CHECK(payload<ev::MemoryDeviceSizeChange>(e).size == 524288);
}

TEST_CASE("remote events: a truncated message does not decode", "[remote]") {
  std::vector<char> buf;
  {
    rpc::Xdr out(buf);
    wire::Dom::put(out, testDomain());
    wire::Str::put(out, "vda");  // a BLOCK_JOB_2 without its type and status
    out.finish();
  }
  rpc::Xdr in(std::string_view(buf.data(), buf.size()));
  CHECK_THROWS_AS(decodeDomainEvent(339, in), Error);
}
