// libvirt's capabilities document (virConnectGetCapabilities) for drivers
// that describe the machine they run on: the <host> element from the
// host's topology, and one <guest> per kind of guest the driver runs.
#pragma once

#include <string>
#include <vector>

#include "lib/util/host_topology.h"

namespace vireo::conf {

struct CapsSecModel {
  std::string model;  // "none", "selinux", "dac"
  std::string doi;
};

struct CapsGuest {
  std::string osType;  // "exe", "hvm"
  std::string arch;
  unsigned wordSize = 64;
  std::string emulator;  // left out when empty
  std::vector<std::string> domainTypes;  // "lxc", "qemu", "kvm"
};

struct HostCaps {
  std::string uuid;
  std::string arch;
  HostTopology topology;
  bool iommu = false;
  std::vector<CapsSecModel> secModels;
};

// The whole document, laid out as libvirt lays it out (a blank line after
// the root's start tag and after the host and each guest).
std::string formatCapabilities(const HostCaps& host, const std::vector<CapsGuest>& guests);

}  // namespace vireo::conf
