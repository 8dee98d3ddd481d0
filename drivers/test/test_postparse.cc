// What the test driver adds to every definition it accepts, as libvirt 9.0's
// does: a host-side name for each network interface that has none.
#include <set>
#include <string>

#include "drivers/test/test_state.h"

namespace vireo::test {

void completeDefinition(conf::DomainDef& def) {
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

}  // namespace vireo::test
