#include "drivers/lxc/lxc_host.h"

#include "lib/conf/capabilities_xml.h"
#include "lib/util/host_info.h"
#include "lib/util/host_topology.h"

namespace vireo::lxc::hostops {

std::string getCapabilities(driver::Connection&) {
  virNodeInfo node = readHostNodeInfo();
  conf::HostCaps host;
  host.uuid = readHostUuid();
  host.arch = node.model;
  host.topology = readHostTopology();
  host.iommu = hostHasIommu();
  host.secModels.push_back({"none", "0"});
  std::vector<conf::CapsGuest> guests;
  guests.push_back({"exe", host.arch, host.arch == "i686" ? 32u : 64u, "", {"lxc"}});
  if (host.arch == "x86_64") guests.push_back({"exe", "i686", 32, "", {"lxc"}});
  return conf::formatCapabilities(host, guests);
}

std::string getHostname(driver::Connection&) { return readHostName(); }
virNodeInfo nodeGetInfo(driver::Connection&) { return readHostNodeInfo(); }
unsigned long long nodeGetFreeMemory(driver::Connection&) { return readHostFreeMemory(); }

// As libvirt's LXC driver: a local, in-process connection.
int isSecure(driver::Connection&) { return 1; }
int isEncrypted(driver::Connection&) { return 0; }
int isAlive(driver::Connection&) { return 1; }

}  // namespace vireo::lxc::hostops
