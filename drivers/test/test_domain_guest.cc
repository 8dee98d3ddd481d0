// What test domains answer from "inside the guest", as libvirt 9.0's test
// driver makes it up: two file systems ("/" and "/boot" on the first disk)
// that can be frozen and thawed, an address per interface taken from its
// network's DHCP range, a clock that virDomainSetTime sets, and keys,
// passwords, NMIs and signals that are checked and then have nothing to do.
#include <arpa/inet.h>

#include "drivers/test/test_domain_defs.h"
#include "drivers/test/test_ops.h"
#include "lib/conf/network_address.h"
#include "lib/util/error.h"

namespace vireo::test::domainops {

namespace {

// The guest's file systems, in the order of TestDomain::frozen.
const char* const kMountPoints[] = {"/", "/boot"};

TestDomain& activeDomain(TestDriverState& s, DomainIdentity& id) REQUIRES(s.mu) {
  TestDomain& dom = s.get(id);
  requireActive(dom);
  return dom;
}

// The indexes in kMountPoints of the named mount points (all when none are named).
std::vector<size_t> mountIndexes(const std::vector<std::string>& mountpoints) {
  if (mountpoints.empty()) return {0, 1};
  std::vector<size_t> indexes;
  for (const std::string& m : mountpoints) {
    if (m == kMountPoints[0]) indexes.push_back(0);
    else if (m == kMountPoints[1]) indexes.push_back(1);
    else fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "mount point not found: " + m);
  }
  return indexes;
}

// Sets the frozen state of the named file systems; how many changed.
int setFrozen(Connection& conn, DomainIdentity& id, const std::vector<std::string>& mountpoints, bool frozen) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = activeDomain(s, id);
  std::vector<size_t> indexes = mountIndexes(mountpoints);  // all checked before any changes
  int changed = 0;
  for (size_t i : indexes) {
    if (dom.frozen[i] == frozen) continue;
    dom.frozen[i] = frozen;
    changed++;
  }
  return changed;
}

// The address libvirt's test driver makes up for interface number `offset`
// of a domain on `network`: its first DHCP range's start (or its own
// address) plus the offset.
driver::GuestInterface::Address networkAddress(const TestNetwork& network, unsigned int offset) {
  driver::GuestInterface::Address a;
  if (network.def.ips.empty())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "network '" + network.def.name + "' has no IP address");
  const conf::NetworkIp& ip = network.def.ips.front();
  std::string base = ip.ranges.empty() ? ip.address : ip.ranges.front().start;
  if (ip.prefix) {
    a.prefix = *ip.prefix;
  } else if (std::optional<conf::IpAddress> mask = conf::parseIpAddress(ip.netmask)) {
    a.prefix = conf::netmaskPrefix(*mask).value_or(0);
  } else {
    a.prefix = ip.isIpv6() ? 64 : 24;
  }
  if (ip.isIpv6()) {
    in6_addr v6{};
    inet_pton(AF_INET6, base.c_str(), &v6);
    v6.s6_addr[15] = static_cast<unsigned char>(v6.s6_addr[15] + offset);
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, &v6, text, sizeof text);
    a.type = VIR_IP_ADDR_TYPE_IPV6;
    a.addr = text;
  } else {
    in_addr v4{};
    inet_pton(AF_INET, base.c_str(), &v4);
    v4.s_addr = htonl(ntohl(v4.s_addr) + offset);
    char text[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &v4, text, sizeof text);
    a.type = VIR_IP_ADDR_TYPE_IPV4;
    a.addr = text;
  }
  return a;
}

// libvirt's upper bounds of the keycodes of each codeset; vireo checks a
// keycode against its codeset's range, not against libvirt's tables of the
// codes in use (doc/test-driver.md).
unsigned int keycodeLimit(unsigned int codeset) {
  switch (codeset) {
    case VIR_KEYCODE_SET_LINUX: return 0x300;
    case VIR_KEYCODE_SET_XT: case VIR_KEYCODE_SET_ATSET1: return 0x100;
    case VIR_KEYCODE_SET_USB: return 0x100;
    default: return 0x10000;
  }
}

const char* codesetName(unsigned int codeset) {
  static const char* const kNames[] = {"linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd",
                                       "usb", "win32", "qnum"};
  return codeset < sizeof kNames / sizeof kNames[0] ? kNames[codeset] : "unknown";
}

}  // namespace

int fsFreeze(Connection& conn, DomainIdentity& id, const std::vector<std::string>& mountpoints, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainFSFreeze");
  return setFrozen(conn, id, mountpoints, true);
}

int fsThaw(Connection& conn, DomainIdentity& id, const std::vector<std::string>& mountpoints, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainFSThaw");
  return setFrozen(conn, id, mountpoints, false);
}

void fsTrim(Connection& conn, DomainIdentity& id, const std::optional<std::string>& mountPoint, unsigned long long,
            unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainFSTrim");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  activeDomain(s, id);
  if (mountPoint) mountIndexes({*mountPoint});
}

std::vector<driver::GuestFilesystem> getFSInfo(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainGetFSInfo");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = activeDomain(s, id);
  for (const conf::DiskDef& disk : dom.def.disks) {
    if (disk.device != "disk") continue;
    const std::string& dev = disk.targetDev;
    return {{"/", dev + "1", "ext4", {dev}}, {"/boot", dev + "2", "ext4", {dev}}};
  }
  return {};
}

std::vector<driver::GuestInterface> interfaceAddresses(Connection& conn, DomainIdentity& id, unsigned int source,
                                                       unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainInterfaceAddresses");
  if (source >= VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST)
    fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST, "Unknown IP address data source " + std::to_string(source));
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  const TestDomain& dom = activeDomain(s, id);
  std::vector<driver::GuestInterface> list;
  for (size_t i = 0; i < dom.def.nets.size(); i++) {
    const conf::NetDef& net = dom.def.nets[i];
    driver::GuestInterface g;
    g.name = net.targetDev;
    g.hwaddr = net.mac;
    if (net.type == "network") {
      TestNetwork* network = s.networkByName(net.sourceNetwork);
      if (!network)
        fail(VIR_ERR_NO_NETWORK, VIR_FROM_TEST, "no network with matching name '" + net.sourceNetwork + "'");
      // Different addresses per interface and per domain id, as libvirt's test driver picks them.
      g.addrs.push_back(networkAddress(*network, static_cast<unsigned int>(20 * (dom.id - 1) + i + 1)));
    } else {
      g.addrs.push_back({VIR_IP_ADDR_TYPE_IPV4, "192.168.0." + std::to_string(i + 1), 24});
    }
    list.push_back(std::move(g));
  }
  return list;
}

void setUserPassword(Connection& conn, DomainIdentity& id, const std::string&, const std::string&,
                     unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_PASSWORD_ENCRYPTED, VIR_FROM_TEST, "testDomainSetUserPassword");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  activeDomain(s, id);
}

void sendKey(Connection& conn, DomainIdentity& id, unsigned int codeset, unsigned int,
             const std::vector<unsigned int>& keycodes, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainSendKey");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  activeDomain(s, id);
  for (unsigned int key : keycodes)
    if (key >= keycodeLimit(codeset))
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
           "invalid keycode " + std::to_string(key) + " of " + codesetName(codeset) + " codeset");
}

void setTime(Connection& conn, DomainIdentity& id, long long seconds, unsigned int nseconds, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_TIME_SYNC, VIR_FROM_TEST, "testDomainSetTime");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestDomain& dom = activeDomain(s, id);
  dom.guestSeconds = seconds;
  dom.guestNanoseconds = nseconds;
}

void injectNMI(Connection& conn, DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainInjectNMI");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  activeDomain(s, id);
}

void sendProcessSignal(Connection& conn, DomainIdentity& id, long long pid, unsigned int signum,
                       unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testDomainSendProcessSignal");
  if (pid != 1) fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "only sending a signal to pid 1 is supported");
  if (signum >= VIR_DOMAIN_PROCESS_SIGNAL_LAST)
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "signum value " + std::to_string(signum) + " is out of range");
  // Like libvirt's test driver, an inactive domain takes the signal too.
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  s.get(id);
}

}  // namespace vireo::test::domainops
