// Interface hotplug: user networking (a netdev of its own), and types
// ethernet and bridge, for which vireo creates the tap device
// (qemu_interface.h) and hands QEMU its descriptors (getfd), as libvirt does.
#include <optional>
#include <string>
#include <vector>

#include "drivers/qemu/qemu_audit.h"
#include "drivers/qemu/qemu_hotplug_internal.h"
#include "drivers/qemu/qemu_interface.h"
#include "lib/audit/domain_resources.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo::qemu::hotplug {

namespace {

// QEMU's names for the descriptors of one interface, as libvirt picks them:
// tapfd-net10, tapfd-net11, ... vhostfd-net10, ...
std::vector<std::string> fdNames(const char* kind, const std::string& alias, size_t count) {
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) {
    std::string name = kind;
    name += "-";
    name += alias;
    name += std::to_string(i);
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace

void checkNetAttach(const conf::NetDef& net, const conf::DomainDef& live) {
  checkInterfaceConnectable(live.type, net);
  if (net.type != "user" && !usesTap(net))
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
         "hotplug of interface type of " + net.type + " is not implemented yet");
  cmd::checkNetSupported(net);
}

void plugNet(AttachTarget& t, conf::NetDef& net) {
  const std::string& alias = net.info.alias;
  cmd::NetFdNames names;
  TapInterface conn;
  std::optional<DevNodes> nodes;
  if (usesTap(net)) {
    nodes.emplace(t.driver, t.dom, hostDevicePaths(net));
    NetAuditTarget audit;
    audit.log = t.driver.auditLog();
    audit.dom = audit::auditedDomain(t.st.def, t.dom.run.pid);
    conn = connectTapInterface(t.st.def.type, net, audit);
    names.tap = fdNames("tapfd", alias, conn.tapFds.size());
    names.vhost = fdNames("vhostfd", alias, conn.vhostFds.size());
  }
  std::vector<std::string> passed;  // fd names QEMU holds until netdev_add takes them
  bool netdevAdded = false;
  try {
    auto give = [&](const std::vector<UniqueFd>& fds, const std::vector<std::string>& qemuNames) {
      for (size_t i = 0; i < fds.size(); ++i) {
        t.mon.executeWithFd("getfd", json::Value::object({{"fdname", qemuNames[i]}}), fds[i].get());
        passed.push_back(qemuNames[i]);
      }
    };
    give(conn.tapFds, names.tap);
    give(conn.vhostFds, names.vhost);
    t.mon.execute("netdev_add", toJson(cmd::netdevArgs(net, alias, names)));
    netdevAdded = true;
    t.mon.execute("device_add", toJson(cmd::nicArgs(t.st, net, alias, net.info.bootOrder.value_or(0))));
  } catch (...) {
    if (netdevAdded) runQuietly(t.mon, "netdev_del", json::Value::object({{"id", "host" + alias}}));
    else
      for (const auto& name : passed) runQuietly(t.mon, "closefd", json::Value::object({{"fdname", name}}));
    throw;
  }
  // QEMU holds its own copies now; ours close when this returns, and the
  // tap device goes away when QEMU closes its copy (netdev_del, exit).
  if (!conn.ifname.empty()) net.targetDev = conn.ifname;
  if (nodes) nodes->keep();
}

void unplugNetBackend(QmpMonitor& mon, const conf::NetDef& net) {
  runQuietly(mon, "netdev_del", json::Value::object({{"id", "host" + net.info.alias}}));
}

}  // namespace vireo::qemu::hotplug
