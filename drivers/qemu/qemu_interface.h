// The host side of the interfaces that QEMU reaches through a tap device
// vireo creates: <interface type='ethernet'> (a bare tap) and type='bridge'
// (a tap made a port of <source bridge='NAME'/>), with vhost-net where
// libvirt would use it. Shared by the start path and interface hotplug; both
// hand QEMU the descriptors (inherited at start, getfd when hotplugging).
//
// Every descriptor opened for an interface is audited as libvirt does it
// (one net-device-open record for the tap, one for vhost-net), before QEMU
// is told about the interface.
#pragma once

#include <string>
#include <vector>

#include "drivers/qemu/qemu_command.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "lib/audit/audit_records.h"
#include "lib/conf/domain_def.h"
#include "lib/util/fd.h"
#include "lib/util/spawn.h"

namespace vireo::qemu {

// Where the net-device-open records go: the driver's audit log (nullptr or
// disabled: nowhere) and the domain they name.
struct NetAuditTarget {
  audit::AuditLog* log = nullptr;
  audit::AuditedDomain dom;
};

// One connected interface. The tap device is not persistent: it disappears
// when the last tap descriptor closes (ours, or QEMU's copies), so dropping
// a TapInterface whose descriptors QEMU never got undoes the connection.
struct TapInterface {
  std::string ifname;              // the tap device's name, for <target dev>
  std::vector<UniqueFd> tapFds;    // one per queue
  std::vector<UniqueFd> vhostFds;  // one per queue, or none (no vhost-net)
};

// Whether vireo connects `net` through a tap it creates (ethernet, bridge).
bool usesTap(const conf::NetDef& net);
// A virtio NIC model (virtio, virtio-transitional, virtio-non-transitional).
bool isVirtioNet(const conf::NetDef& net);
// <driver queues='N'/>: the number of tap (and vhost-net) descriptors, 1
// when absent or 0.
unsigned interfaceQueues(const conf::NetDef& net);

// Whether an interface of a domain of type `virtType` gets vhost-net:
// libvirt uses it only for KVM guests with a virtio NIC, unless
// <driver name='qemu'/> asks for QEMU's own backend; it is required with
// <driver name='vhost'/> (a start fails without it) and optional otherwise.
// Refuses <driver name='vhost'/> on a KVM guest whose model is not virtio.
enum class VhostNetUse { None, Optional, Required };
VhostNetUse vhostNetUse(const std::string& virtType, const conf::NetDef& net);

// Refuses what vireo cannot connect, before anything is created:
// type 'network' (there is no virtual network driver) and 'direct'
// (macvtap), an unmanaged tap (managed='no'), custom tap or vhost paths
// (<backend>), host-side settings vireo does not apply to a tap
// (<filterref>, <virtualport>, <bandwidth>, <vlan>, <script>, and
// <ip>/<route> on the host side), several queues on a model that is not
// virtio, and <driver name='vhost'/> where vhostNetUse() refuses it.
// VIR_ERR_CONFIG_UNSUPPORTED, naming the interface by its MAC.
void checkInterfaceConnectable(const std::string& virtType, const conf::NetDef& net);

// Creates the tap of an ethernet or bridge interface, as libvirt does: named
// by <target dev> or by the kernel ("vnet%d"; a vnet-prefixed <target dev>
// counts as unset, as libvirt treats it), one queue per <driver queues>,
// IFF_VNET_HDR for the models that understand the header, the guest's MAC
// with its first byte set to 0xFE (0xFA if it already was 0xFE), the MTU of
// <mtu size> or else, on a bridge, the bridge's own, then the bridge port,
// then up. Audits the /dev/net/tun open (success or failure), then opens
// vhost-net (openVhostNet). `virtType` is the domain type (kvm, qemu).
// On failure nothing is left: the tap goes with its descriptors.
TapInterface connectTapInterface(const std::string& virtType, const conf::NetDef& net, const NetAuditTarget& audit);

// ---- at start ------------------------------------------------------------------

// The tap interfaces of a starting domain, connected, and the descriptor
// numbers QEMU gets them under (its command line names those numbers).
class StartInterfaces {
 public:
  // Checks every interface of `live` (checkInterfaceConnectable), then
  // connects the tap-based ones in definition order and records each
  // tap's name as its <target dev>. QEMU's numbers start at `firstChildFd`.
  // Throws, leaving no tap behind, if any interface fails.
  static StartInterfaces connect(QemuDriver& driver, conf::DomainDef& live, int firstChildFd);

  // Parallel to live.nets: CommandContext::netFds.
  const std::vector<NetFds>& childFds() const { return childFds_; }
  // Adds (our descriptor, QEMU's number) for every descriptor to the plan.
  void passTo(SpawnPlan& plan) const;
  // Closes our copies once QEMU holds its own (after the spawn): from then
  // on the taps live as long as QEMU keeps them open.
  void closeOurCopies() { conns_.clear(); }

 private:
  std::vector<TapInterface> conns_;  // parallel to live.nets; empty for other types
  std::vector<NetFds> childFds_;
};

}  // namespace vireo::qemu
