// Connection and node queries of the test driver.
#include <unistd.h>

#include <climits>
#include <cstring>

#include "drivers/test/test_ops.h"
#include "drivers/test/test_state.h"
#include "lib/conf/cpu_map.h"
#include "lib/driver/domain_list_filter.h"
#include "lib/util/error.h"

namespace vireo::test {

using driver::Connection;
using driver::DomainIdentity;

namespace hostops {

unsigned long getVersion(Connection&) { return 2; }

std::string getHostname(Connection&) {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) < 0) failSystem(VIR_FROM_TEST, errno, "failed to determine host name");
  return name;
}

std::string getCapabilities(Connection& conn) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return capabilitiesXml(s.node);
}

int getMaxVcpus(Connection&, const char*) { return 32; }

std::vector<std::string> getCPUModelNames(Connection&, const std::string& arch, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testConnectGetCPUModelNames");
  return conf::cpuModelNames(arch, VIR_FROM_TEST);
}
int isSecure(Connection&) { return 1; }
int isEncrypted(Connection&) { return 0; }
int isAlive(Connection&) { return 1; }

virNodeInfo nodeGetInfo(Connection& conn) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.node.info;
}

unsigned long long nodeGetFreeMemory(Connection& conn) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.node.freeMemoryKiB;
}

std::vector<unsigned long long> nodeGetCellsFreeMemory(Connection& conn, int start, int max) {
  // The default node's two cells; a custom node file has none.
  static const unsigned long long kCells[] = {2097152, 4194304};
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  int count = s.node.numa ? 2 : 0;
  if (start >= count)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "Range exceeds available cells");
  std::vector<unsigned long long> out;
  for (int i = start; i < count && i < start + max; i++) out.push_back(kCells[i]);
  return out;
}

virSecurityModel nodeGetSecurityModel(Connection&) {
  virSecurityModel m{};
  std::strncpy(m.model, "testSecurity", sizeof m.model - 1);
  return m;
}

driver::DomainEventState& eventState(Connection& conn) { return stateOf(conn).events; }

std::vector<DomainIdentity> listAllDomains(Connection& conn, unsigned int flags) {
  checkFlags(flags, driver::kAllListDomainsFlags, VIR_FROM_TEST, "testConnectListAllDomains");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return s.domains.listMatching(flags);
}

DomainIdentity lookupByName(Connection& conn, std::string_view name) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain* d = s.domains.findByName(name);
  if (!d) fail(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "");
  return d->identity();
}

DomainIdentity lookupByID(Connection& conn, int id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain* d = s.domains.findById(id);
  if (!d) fail(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "");
  return d->identity();
}

DomainIdentity lookupByUUID(Connection& conn, const Uuid& uuid) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain* d = s.domains.findByUuid(uuid);
  if (!d) fail(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "");
  return d->identity();
}

}  // namespace hostops
}  // namespace vireo::test
