// The test driver's host interfaces: the functions of libvirt-interface.h as
// libvirt 9.0's test driver implements them, with its checks and messages
// (compared with Debian's libvirt, tests/capi/test_interface.c). Nothing
// touches the host: the interfaces are definitions in the driver state.
#include <algorithm>
#include <strings.h>

#include "drivers/test/test_interface.h"
#include "drivers/test/test_state.h"
#include "lib/util/error.h"

namespace vireo::test {
namespace {

using driver::Connection;
using driver::InterfaceIdentity;

[[noreturn]] void noInterface(const std::string& what, std::string_view value) {
  Error e(VIR_ERR_NO_INTERFACE, VIR_FROM_TEST, "no interface with matching " + what + " '" + std::string(value) + "'");
  e.str1 = std::string(value);
  throw e;
}

TestInterface* byName(TestDriverState& s, std::string_view name) REQUIRES(s.mu) {
  for (TestInterface& i : s.interfaces)
    if (i.def.name == name) return &i;
  return nullptr;
}

// The interface a handle names (by name, as libvirt's test driver finds it).
TestInterface& find(TestDriverState& s, const InterfaceIdentity& id) REQUIRES(s.mu) {
  if (TestInterface* i = byName(s, id.name)) return *i;
  noInterface("name", id.name);
}

std::vector<std::string> names(Connection& conn, bool active) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<std::string> out;
  for (const TestInterface& i : s.interfaces)
    if (i.active == active) out.push_back(i.def.name);
  return out;
}

int count(Connection& conn, bool active) { return static_cast<int>(names(conn, active).size()); }

std::vector<InterfaceIdentity> listAll(Connection& conn, unsigned int flags) {
  constexpr unsigned kBoth = VIR_CONNECT_LIST_INTERFACES_ACTIVE | VIR_CONNECT_LIST_INTERFACES_INACTIVE;
  checkFlags(flags, kBoth, VIR_FROM_TEST, "testConnectListAllInterfaces");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::vector<InterfaceIdentity> out;
  for (const TestInterface& i : s.interfaces) {
    bool wanted = (flags & kBoth) == 0 || (flags & kBoth) == kBoth ||
                  (i.active ? (flags & VIR_CONNECT_LIST_INTERFACES_ACTIVE) : (flags & VIR_CONNECT_LIST_INTERFACES_INACTIVE));
    if (wanted) out.push_back(i.identity());
  }
  return out;
}

InterfaceIdentity lookupByName(Connection& conn, std::string_view name) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  if (TestInterface* i = byName(s, name)) return i->identity();
  noInterface("name", name);
}

// MAC addresses compare without regard to case; two interfaces with the
// address make the lookup ambiguous, as in libvirt.
InterfaceIdentity lookupByMac(Connection& conn, std::string_view mac) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  std::string wanted(mac);
  std::vector<const TestInterface*> found;
  for (const TestInterface& i : s.interfaces)
    if (!i.def.mac.empty() && strcasecmp(i.def.mac.c_str(), wanted.c_str()) == 0) found.push_back(&i);
  if (found.empty()) noInterface("mac", mac);
  if (found.size() > 1) fail(VIR_ERR_MULTIPLE_INTERFACES, VIR_FROM_TEST, "multiple matching interfaces found");
  return found.front()->identity();
}

// A definition of a known name replaces it (running or not); a new one is
// defined inactive.
InterfaceIdentity defineXML(Connection& conn, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_INTERFACE_DEFINE_VALIDATE, VIR_FROM_TEST, "testInterfaceDefineXML");
  conf::InterfaceDef def = conf::parseInterfaceXml(xml);
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestInterface* iface = byName(s, def.name);
  if (!iface) iface = &s.interfaces.emplace_back();
  iface->def = std::move(def);
  return iface->identity();
}

// Removes the definition even while the interface runs, as libvirt's test
// driver does.
int undefine(Connection& conn, const InterfaceIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestInterface& iface = find(s, id);
  s.interfaces.erase(s.interfaces.begin() + (&iface - s.interfaces.data()));
  return 0;
}

// libvirt's test driver reports these two without a detail message.
int create(Connection& conn, const InterfaceIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testInterfaceCreate");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestInterface& iface = find(s, id);
  if (iface.active) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "");
  iface.active = true;
  return 0;
}

int destroy(Connection& conn, const InterfaceIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testInterfaceDestroy");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  TestInterface& iface = find(s, id);
  if (!iface.active) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "");
  iface.active = false;
  return 0;
}

int isActive(Connection& conn, const InterfaceIdentity& id) {
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return find(s, id).active ? 1 : 0;
}

// libvirt's test driver knows no flag here, VIR_INTERFACE_XML_INACTIVE included.
std::string getXMLDesc(Connection& conn, const InterfaceIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testInterfaceGetXMLDesc");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  return conf::formatInterfaceXml(find(s, id).def);
}

// The transaction: ChangeBegin copies the definitions, Commit drops the
// copy, Rollback puts it back. As in libvirt's test driver the copy holds
// definitions only, so every interface is inactive after a rollback.
int changeBegin(Connection& conn, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testInterfaceChangeBegin");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  if (s.interfaceBackup)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "there is another transaction running.");
  std::vector<TestInterface> copy;
  for (const TestInterface& i : s.interfaces) copy.push_back({i.def, false});
  s.interfaceBackup = std::move(copy);
  return 0;
}

int changeCommit(Connection& conn, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testInterfaceChangeCommit");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  if (!s.interfaceBackup)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "no transaction running, nothing to be committed.");
  s.interfaceBackup.reset();
  return 0;
}

int changeRollback(Connection& conn, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_TEST, "testInterfaceChangeRollback");
  TestDriverState& s = stateOf(conn);
  MutexLock lock(s.mu);
  if (!s.interfaceBackup)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "no transaction running, nothing to rollback.");
  s.interfaces = std::move(*s.interfaceBackup);
  s.interfaceBackup.reset();
  return 0;
}

}  // namespace

void loadInterface(TestDriverState& s, const xml::Element& e) {
  conf::InterfaceDef def = conf::parseInterfaceTree(e);
  TestInterface* iface = byName(s, def.name);
  if (!iface) iface = &s.interfaces.emplace_back();
  iface->def = std::move(def);
  iface->active = true;
}

const driver::InterfaceDriver kInterfaceDriver = {
    .connectListAllInterfaces = listAll,
    .connectListDefinedInterfaces = [](Connection& c) { return names(c, false); },
    .connectListInterfaces = [](Connection& c) { return names(c, true); },
    .connectNumOfDefinedInterfaces = [](Connection& c) { return count(c, false); },
    .connectNumOfInterfaces = [](Connection& c) { return count(c, true); },
    .interfaceChangeBegin = changeBegin,
    .interfaceChangeCommit = changeCommit,
    .interfaceChangeRollback = changeRollback,
    .interfaceCreate = create,
    .interfaceDefineXML = defineXML,
    .interfaceDestroy = destroy,
    .interfaceGetXMLDesc = getXMLDesc,
    .interfaceIsActive = isActive,
    .interfaceLookupByMACString = lookupByMac,
    .interfaceLookupByName = lookupByName,
    .interfaceUndefine = undefine,
};

}  // namespace vireo::test
