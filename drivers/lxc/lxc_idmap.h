// A container's user namespace: <idmap> maps ranges of the container's uids
// and gids onto the host's,
//
//   <idmap><uid start='0' target='100000' count='65536'/>
//          <gid start='0' target='100000' count='65536'/></idmap>
//
// With a map, the init is cloned with CLONE_NEWUSER (and a network namespace
// of its own: the kernel allows a fresh sysfs only there). The parent writes
// /proc/PID/uid_map and gid_map during the start's handshake; the child's
// first step after joining its cgroup makes it root of the new namespace,
// so that what it mounts belongs to the container's root. The root
// filesystem's ownership is the user's business, as with libvirt: it must be
// reachable by the mapped root (chown it to the target of uid 0).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "lib/conf/domain_def.h"
#include "lib/security/capabilities.h"

namespace vireo::lxc {

struct IdRange {
  unsigned long start = 0, target = 0, count = 0;
};

struct IdMap {
  std::vector<IdRange> uids, gids;
  bool empty() const { return uids.empty() && gids.empty(); }
};

// The <idmap> of `def`, or an empty map. Throws VIR_ERR_XML_ERROR
// (VIR_FROM_LXC) for a range without start, target or count, a count of 0,
// more than 340 ranges (the kernel's limit), a map of only uids or only gids,
// and a map whose uids or gids do not cover 0 ("You must map the root user
// of container").
IdMap idMapOf(const conf::DomainDef& def);

// Writes the maps of process `pid` (its setgroups stays allowed: the parent
// is privileged). Throws VIR_ERR_SYSTEM_ERROR naming the file.
void writeIdMaps(pid_t pid, const IdMap& map);

// The child's credentials right after it joined its cgroup: uid and gid 0
// of its new user namespace, no supplementary group (lib/security's step).
security::ProcessCredentials namespaceRootCredentials();

}  // namespace vireo::lxc
