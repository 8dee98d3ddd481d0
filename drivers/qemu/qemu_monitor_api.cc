#include "drivers/qemu/qemu_monitor_api.h"

#include <libvirt/libvirt-qemu.h>

#include "drivers/qemu/qemu_ops.h"
#include "lib/util/error.h"
#include "lib/util/log.h"

namespace vireo::qemu {

namespace {

constexpr const char* kLogModule = "qemu.qemu_monitor_api";

// libvirt marks a domain that got an arbitrary monitor command as tainted
// ("custom-monitor") and warns once per run: vireo's state no longer
// reflects what QEMU does.
void taintCustomMonitor(QemuDomain& dom) {
  if (dom.run.customMonitorTaint) return;
  dom.run.customMonitorTaint = true;
  VIREO_WARN(kLogModule, "Domain id=%d name='%s' uuid=%s is tainted: custom-monitor", dom.id,
             dom.def.name.c_str(), dom.def.uuid.toString().c_str());
}

// HMP through QMP's human-monitor-command; QEMU's text answer is the result.
std::string humanCommand(QmpMonitor& monitor, const char* cmd, int fd) {
  json::Value args = json::Value::object({{"command-line", std::string(cmd)}});
  json::Value reply;
  try {
    reply = fd >= 0 ? monitor.executeWithFd("human-monitor-command", std::move(args), fd)
                    : monitor.execute("human-monitor-command", std::move(args));
  } catch (const Error& e) {
    if (e.str1 == "CommandNotFound")
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
           std::string("Human monitor command is not available to run ") + cmd);
    throw;
  }
  if (!reply.isString()) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "human monitor command was missing return data");
  return reply.asString();
}

// QMP as the caller wrote it. As in libvirt, QEMU's reply is returned whole,
// an error reply too: the caller reads it.
std::string qmpCommand(QmpMonitor& monitor, const char* cmd, int fd) {
  json::Value message = json::parse(cmd);
  const json::Value* execute = message.isObject() ? message.find("execute") : nullptr;
  if (!execute || !execute->isString())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
         std::string("cannot execute QEMU monitor command ") + cmd + ": it is not an object with an 'execute' member");
  return json::serialize(monitor.executeMessage(std::move(message), fd));
}

}  // namespace

namespace qemuops {

std::string monitorCommand(driver::Connection& conn, driver::DomainIdentity& id, const char* cmd, int fd,
                           unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP, VIR_FROM_QEMU, "qemuDomainQemuMonitorCommandWithFiles");
  if (!cmd) fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "no monitor command given");
  QemuDriver& d = driverOf(conn);
  DomainJob job(d, id);
  requireActive(*job);
  QmpMonitor& monitor = monitorOf(*job);
  {
    MutexLock lock(d.mu);
    taintCustomMonitor(*job);
  }
  if (flags & VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) return humanCommand(monitor, cmd, fd);
  return qmpCommand(monitor, cmd, fd);
}

std::string agentCommand(driver::Connection& conn, driver::DomainIdentity& id, const char* /*cmd*/,
                         int /*timeout*/, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_QEMU, "qemuDomainQemuAgentCommand");
  QemuDriver& d = driverOf(conn);
  DomainJob job(d, id);
  requireActive(*job);
  for (const conf::ChrDef& channel : job->def.channels) {
    if (channel.targetName == "org.qemu.guest_agent.0")
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
           "domain '" + job->def.name + "' has a guest agent channel, but vireo does not talk to the guest agent");
  }
  fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU, "QEMU guest agent is not configured");
}

}  // namespace qemuops

void emitQemuMonitorEvent(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom, const QmpEvent& ev) {
  driver::DomainEvent event;
  event.eventId = driver::kQemuMonitorEventId;
  event.monitorEvent = ev.name;
  event.seconds = ev.seconds;
  event.micros = static_cast<unsigned int>(ev.microseconds);
  if (!ev.data.isNull()) event.details = json::serialize(ev.data);
  {
    MutexLock lock(d.mu);
    event.domain = dom->identity();
  }
  d.emit(std::move(event));
}

}  // namespace vireo::qemu
