// virConnectListAllDomains filtering, shared by every driver: the flag
// groups of virConnectListAllDomainsFlags, each group a filter only when one
// of its bits (but not all) is given.
#pragma once

#include <libvirt/libvirt.h>

namespace vireo::driver {

struct DomainListFacts {
  bool active = false;
  bool persistent = false;
  int state = VIR_DOMAIN_NOSTATE;
  bool managedSave = false;
  bool autostart = false;
  bool hasSnapshot = false;
  bool hasCheckpoint = false;
};

inline bool matchesListFlags(const DomainListFacts& d, unsigned int flags) {
  auto group = [flags](unsigned int yes, unsigned int no, bool fact) {
    bool y = flags & yes, n = flags & no;
    return (y == n) || (y && fact) || (n && !fact);
  };
  if (!group(VIR_CONNECT_LIST_DOMAINS_ACTIVE, VIR_CONNECT_LIST_DOMAINS_INACTIVE, d.active)) return false;
  if (!group(VIR_CONNECT_LIST_DOMAINS_PERSISTENT, VIR_CONNECT_LIST_DOMAINS_TRANSIENT, d.persistent)) return false;
  if (!group(VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, d.managedSave))
    return false;
  if (!group(VIR_CONNECT_LIST_DOMAINS_AUTOSTART, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, d.autostart)) return false;
  if (!group(VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, d.hasSnapshot))
    return false;
  if (!group(VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, d.hasCheckpoint))
    return false;
  constexpr unsigned int kStates = VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                                   VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER;
  if (flags & kStates) {
    bool running = d.state == VIR_DOMAIN_RUNNING, paused = d.state == VIR_DOMAIN_PAUSED,
         shutoff = d.state == VIR_DOMAIN_SHUTOFF;
    bool other = !running && !paused && !shutoff;
    if (!((flags & VIR_CONNECT_LIST_DOMAINS_RUNNING && running) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_PAUSED && paused) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_SHUTOFF && shutoff) || (flags & VIR_CONNECT_LIST_DOMAINS_OTHER && other)))
      return false;
  }
  return true;
}

// Every flag virConnectListAllDomains knows.
constexpr unsigned int kAllListDomainsFlags = (1u << 16) - 1;

}  // namespace vireo::driver
