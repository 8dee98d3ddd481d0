// Connection-level calls of the QEMU driver: versions, host facts,
// capabilities, listing and lookups.
#include "drivers/qemu/qemu_capabilities_xml.h"
#include "drivers/qemu/qemu_ops.h"
#include "lib/conf/cpu_map.h"
#include "lib/driver/domain_list_filter.h"
#include "lib/util/error.h"
#include "lib/util/host_info.h"
#include "lib/util/host_memory.h"

namespace vireo::qemu::hostops {

unsigned long getVersion(Connection& conn) {
  QemuDriver& d = driverOf(conn);
  return d.capsFor(d.defaultEmulator(""))->version();
}

std::string getHostname(Connection&) { return readHostName(); }

std::string getCapabilities(Connection& conn) { return capabilitiesXml(driverOf(conn)); }

int getMaxVcpus(Connection& conn, const char* type) {
  std::string t = type ? type : "qemu";
  for (char& c : t) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  if (t != "qemu" && t != "kvm" && t != "tcg")
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "unknown type '" + std::string(type) + "'");
  // libvirt answers with the largest maxCpus of the default emulator's machines.
  QemuDriver& d = driverOf(conn);
  auto caps = d.capsFor(d.defaultEmulator(""));
  unsigned most = 1;
  for (const auto& m : caps->machines) most = std::max(most, m.maxCpus);
  return static_cast<int>(most);
}

std::vector<std::string> getCPUModelNames(Connection&, const std::string& arch, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_QEMU, "qemuConnectGetCPUModelNames");
  return conf::cpuModelNames(arch, VIR_FROM_QEMU);
}

// A local connection without a network: nothing can be eavesdropped.
int isSecure(Connection&) { return 1; }
int isEncrypted(Connection&) { return 0; }
int isAlive(Connection&) { return 1; }

virNodeInfo nodeGetInfo(Connection&) { return readHostNodeInfo(); }
unsigned long long nodeGetFreeMemory(Connection&) { return readHostFreeMemory(); }

driver::NodeMemoryStats nodeGetMemoryStats(Connection&, int cellNum, int, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_QEMU, "qemuNodeGetMemoryStats");
  driver::NodeMemoryStats result;
  result.stats = readHostMemoryStats(cellNum);
  result.count = static_cast<int>(result.stats.size());
  return result;
}

driver::DomainEventState& eventState(Connection& conn) { return driverOf(conn).events; }

std::vector<DomainIdentity> listAllDomains(Connection& conn, unsigned int flags) {
  checkFlags(flags, driver::kAllListDomainsFlags, VIR_FROM_QEMU, "qemuConnectListAllDomains");
  QemuDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  return d.domains.listMatching(flags);
}

namespace {

[[noreturn]] void noDomain(const std::string& what) { fail(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU, what); }

}  // namespace

DomainIdentity lookupByName(Connection& conn, std::string_view name) {
  QemuDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  QemuDomain* dom = d.domains.findByName(name);
  if (!dom) noDomain("no domain with matching name '" + std::string(name) + "'");
  return dom->identity();
}

DomainIdentity lookupByID(Connection& conn, int id) {
  QemuDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  QemuDomain* dom = d.domains.findById(id);
  if (!dom) noDomain("no domain with matching id " + std::to_string(id));
  return dom->identity();
}

DomainIdentity lookupByUUID(Connection& conn, const Uuid& uuid) {
  QemuDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  QemuDomain* dom = d.domains.findByUuid(uuid);
  if (!dom) noDomain("no domain with matching uuid '" + uuid.toString() + "'");
  return dom->identity();
}

}  // namespace vireo::qemu::hostops
