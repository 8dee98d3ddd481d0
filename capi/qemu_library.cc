// libvireo-qemu.so.0 (and libvirt-qemu.so.0): libvirt-qemu.h's functions,
// each forwarded to its implementation in libvireo (capi/companion.h).
#include "capi/companion_link.h"

using vireo::companion::api;

extern "C" {

int virDomainQemuMonitorCommand(virDomainPtr domain, const char* cmd, char** result, unsigned int flags) {
  return api().qemuMonitorCommand(domain, cmd, result, flags);
}

int virDomainQemuMonitorCommandWithFiles(virDomainPtr domain, const char* cmd, unsigned int ninfiles, int* infiles,
                                         unsigned int* noutfiles, int** outfiles, char** result,
                                         unsigned int flags) {
  return api().qemuMonitorCommandWithFiles(domain, cmd, ninfiles, infiles, noutfiles, outfiles, result, flags);
}

virDomainPtr virDomainQemuAttach(virConnectPtr conn, unsigned int pid_value, unsigned int flags) {
  return api().qemuAttach(conn, pid_value, flags);
}

char* virDomainQemuAgentCommand(virDomainPtr domain, const char* cmd, int timeout, unsigned int flags) {
  return api().qemuAgentCommand(domain, cmd, timeout, flags);
}

int virConnectDomainQemuMonitorEventRegister(virConnectPtr conn, virDomainPtr dom, const char* event,
                                             virConnectDomainQemuMonitorEventCallback cb, void* opaque,
                                             virFreeCallback freecb, unsigned int flags) {
  return api().qemuMonitorEventRegister(conn, dom, event, cb, opaque, freecb, flags);
}

int virConnectDomainQemuMonitorEventDeregister(virConnectPtr conn, int callbackID) {
  return api().qemuMonitorEventDeregister(conn, callbackID);
}

}  // extern "C"
