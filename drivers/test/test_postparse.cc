// Parsing a domain definition for the test driver: lib/conf's parser, then
// what libvirt 9.0's test driver adds to every definition it accepts, a
// host-side name for each network interface that has none.
#include <set>
#include <string>

#include "drivers/test/test_state.h"
#include "lib/conf/domain.h"

namespace vireo::test {
namespace {

void nameInterfaces(conf::DomainDef& def) {
  std::set<std::string> used;
  for (const conf::NetDef& net : def.nets)
    if (!net.targetDev.empty()) used.insert(net.targetDev);
  int next = 0;
  for (conf::NetDef& net : def.nets) {
    if (!net.targetDev.empty()) continue;
    std::string name;
    do name = "testnet" + std::to_string(next++);
    while (used.count(name));
    net.targetDev = name;
    used.insert(name);
  }
}

}  // namespace

conf::DomainDef parseDefinition(std::string_view xml, unsigned parseFlags) {
  conf::DomainDef def = conf::parseDomainXml(xml, parseFlags);
  nameInterfaces(def);
  return def;
}

}  // namespace vireo::test
