// The state of one test-driver instance: the node it pretends to be and its
// domains. test:///default connections in one process share one instance;
// each custom-file connection has its own.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <libvirt/libvirt.h>

#include "drivers/test/test_moment_list.h"
#include "lib/conf/domain_checkpoint_def.h"
#include "lib/conf/domain_def.h"
#include "lib/conf/interface_def.h"
#include "lib/conf/domain_snapshot_def.h"
#include "lib/conf/network_def.h"
#include "lib/conf/node_device_def.h"
#include "lib/conf/storage_pool.h"
#include "lib/conf/storage_vol.h"
#include "lib/driver/connection.h"
#include "lib/driver/domain_events.h"
#include "lib/driver/domain_identity.h"
#include "lib/driver/domain_object_list.h"
#include "lib/driver/object_identity.h"
#include "lib/util/mutex.h"

namespace vireo::test {

struct TestDomain {
  conf::DomainDef def;                    // the running definition, or the only one
  std::optional<conf::DomainDef> newDef;  // the persistent definition while a persistent domain runs
  int id = -1;
  int state = VIR_DOMAIN_SHUTOFF;
  int reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
  bool persistent = true;
  bool autostart = false;
  bool hasManagedSave = false;
  unsigned int schedulerWeight = 50;  // the "fair" scheduler's one parameter (test_domain_sched.cc)
  // The guest's clock, as virDomainSetTime left it (libvirt's test driver
  // starts every domain at this made-up time), and which of the guest's two
  // file systems, "/" and "/boot", are frozen (test_domain_guest.cc).
  long long guestSeconds = 627319920;
  unsigned int guestNanoseconds = 0;
  std::array<bool, 2> frozen{};
  // test_snapshot.cc, test_checkpoint.cc
  MomentList<conf::DomainSnapshotDef> snapshots{VIR_ERR_NO_DOMAIN_SNAPSHOT, "snapshot"};
  MomentList<conf::DomainCheckpointDef> checkpoints{VIR_ERR_NO_DOMAIN_CHECKPOINT, "checkpoint"};

  bool active() const { return state != VIR_DOMAIN_SHUTOFF; }
  const conf::DomainDef& persistentDef() const { return newDef ? *newDef : def; }
  driver::DomainIdentity identity() const { return {def.name, def.uuid, id}; }
  driver::DomainListFacts listFacts() const {
    driver::DomainListFacts f;
    f.active = active();
    f.persistent = persistent;
    f.state = state;
    f.managedSave = hasManagedSave;
    f.autostart = autostart;
    return f;
  }
};

// A virtual network of the node (test_network.cc serves them).
struct TestNetwork {
  conf::NetworkDef def;
  bool active = false;
  bool persistent = true;
  bool autostart = false;

  driver::NetworkIdentity identity() const { return {def.name, def.uuid}; }
};

// A host interface (test_interface.cc serves them).
struct TestInterface {
  conf::InterfaceDef def;
  bool active = false;

  driver::InterfaceIdentity identity() const { return {def.name, def.mac}; }
};

// A storage pool of the node and its volumes (test_storage.cc serves them).
struct TestPool {
  conf::StoragePoolDef def;  // capacity, allocation and available kept up to date
  bool active = false;
  bool persistent = true;
  bool autostart = false;
  std::vector<conf::StorageVolDef> volumes;  // in creation order

  driver::StoragePoolIdentity identity() const { return {def.name, def.uuid}; }
  driver::StorageVolIdentity volIdentity(const conf::StorageVolDef& vol) const {
    return {def.name, vol.name, vol.key};
  }
};

struct TestUser {
  std::string name;
  std::string password;  // empty: none asked
};

struct TestNode {
  virNodeInfo info{};
  unsigned long long freeMemoryKiB = 0;
  bool numa = true;  // the default node has two NUMA cells; a custom <cpu> block has none
};

class TestDriverState {
 public:
  Mutex mu;  // guards everything below but `events` (which has its own)
  TestNode node GUARDED_BY(mu);
  std::vector<TestUser> users GUARDED_BY(mu);  // <auth> of a custom node file
  std::vector<TestNetwork> networks GUARDED_BY(mu);  // in definition order
  std::vector<TestPool> pools GUARDED_BY(mu);  // in definition order
  std::vector<TestInterface> interfaces GUARDED_BY(mu);  // in definition order
  // The interfaces as virInterfaceChangeBegin found them, while a
  // transaction runs (libvirt's test driver keeps one per driver instance).
  std::optional<std::vector<TestInterface>> interfaceBackup GUARDED_BY(mu);
  std::vector<conf::NodeDeviceDef> nodeDevices GUARDED_BY(mu);  // in creation order (test_nodedev.cc)
  int nextId GUARDED_BY(mu) = 1;

  // The domain a handle names, or VIR_ERR_NO_DOMAIN as libvirt words it.
  TestDomain& get(const driver::DomainIdentity& identity) REQUIRES(mu) {
    return domains.get(identity, VIR_FROM_TEST);
  }

  // The network a handle names, or VIR_ERR_NO_NETWORK as libvirt words it.
  TestNetwork& network(const driver::NetworkIdentity& identity) REQUIRES(mu);
  TestNetwork* networkByName(std::string_view name) REQUIRES(mu);
  TestNetwork* networkByUuid(const Uuid& uuid) REQUIRES(mu);
  // Adds a definition as libvirt's network object list does: a network of
  // the same name must have the same uuid and the uuid must not belong to
  // another name (VIR_ERR_OPERATION_FAILED otherwise). Returns the network,
  // new or existing (whose definition the caller replaces); `created` tells.
  TestNetwork& assignNetwork(const conf::NetworkDef& def, bool& created) REQUIRES(mu);
  void removeNetwork(const TestNetwork& net) REQUIRES(mu);
  void emitNetwork(const TestNetwork& net, int type) { events.queueNetworkLifecycle(net.identity(), type, 0); }

  // Moves a domain to running with a fresh id.
  void start(TestDomain& dom, int reason) REQUIRES(mu);
  // Runs `def` (virDomainCreateXML, a restore) and sends STARTED/`startedDetail`:
  // an inactive persistent domain of the same identity runs it and keeps its
  // own definition as the persistent one, which comes back when it stops (as
  // libvirt's live add); otherwise `def` becomes a new transient domain.
  // VIR_ERR_OPERATION_INVALID when that domain is already active.
  TestDomain& startDefinition(conf::DomainDef def, int runningReason, int startedDetail) REQUIRES(mu);
  // Moves a domain to shut off and sends STOPPED/`eventDetail`; a transient
  // domain then disappears (`dom` is dangling afterwards).
  void stop(TestDomain& dom, int reason, int eventDetail) REQUIRES(mu);

  void emitLifecycle(const TestDomain& dom, int type, int detail);
  void emit(driver::DomainEvent event) { events.queue(std::move(event)); }

  // Domains in definition order (listing order), with libvirt's lookup
  // and collision rules.
  driver::DomainObjectList<TestDomain> domains GUARDED_BY(mu);
  driver::DomainEventState events;
};

// The per-connection state: a reference to the shared instance.
class TestConnection : public driver::ConnectionState {
 public:
  explicit TestConnection(std::shared_ptr<TestDriverState> s) : shared(std::move(s)) {}
  std::shared_ptr<TestDriverState> shared;
};

inline TestDriverState& stateOf(driver::Connection& conn) { return *conn.state<TestConnection>().shared; }

// The default configuration (test_defaults.cc).
void loadDefaultNodeInfo(TestNode& node);
void loadDefaultNode(TestDriverState& state) REQUIRES(state.mu);
// The sizes libvirt's test driver gives every pool it defines or starts
// (test_storage.cc): 100 GiB, none of it allocated.
void setDefaultPoolSizes(conf::StoragePoolDef& def);
// A custom node file (test_node_file.cc). Throws on any error.
void loadNodeFile(TestDriverState& state, const std::string& path) REQUIRES(state.mu);
// Parses a domain definition and completes it as the test driver does
// (test_postparse.cc). Every definition the driver accepts goes through it.
conf::DomainDef parseDefinition(std::string_view xml, unsigned parseFlags);
// Capabilities XML of a node.
std::string capabilitiesXml(const TestNode& node);

}  // namespace vireo::test
