// How libvireo-qemu.so.0 and libvireo-lxc.so.0 (and their compat names
// libvirt-qemu.so.0 / libvirt-lxc.so.0) reach the library they extend.
//
// The functions of libvirt-qemu.h and libvirt-lxc.h are implemented inside
// libvireo (capi/qemu.cc, capi/lxc.cc), next to everything they need: the
// handles, the driver registry and the thread's last error exist once per
// process, in libvireo. The two small libraries only export libvirt's names
// in libvirt's version nodes and forward each call through this table of
// plain C function pointers, which libvireo hands out through its one
// symbol outside libvirt's API, vireoCompanionApi (version node
// VIREO_PRIVATE, doc/overview.md). No C++ type crosses a library boundary.
#pragma once

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/libvirt-qemu.h>

extern "C" {

struct VireoCompanionApi {
  // sizeof(VireoCompanionApi) of the library that filled it: a companion
  // checks it, so that libraries of different builds fail loudly instead of
  // calling through a table of another layout.
  unsigned int size;

  // libvirt-qemu.h
  int (*qemuMonitorCommand)(virDomainPtr, const char*, char**, unsigned int);
  int (*qemuMonitorCommandWithFiles)(virDomainPtr, const char*, unsigned int, int*, unsigned int*, int**, char**,
                                     unsigned int);
  virDomainPtr (*qemuAttach)(virConnectPtr, unsigned int, unsigned int);
  char* (*qemuAgentCommand)(virDomainPtr, const char*, int, unsigned int);
  int (*qemuMonitorEventRegister)(virConnectPtr, virDomainPtr, const char*, virConnectDomainQemuMonitorEventCallback,
                                  void*, virFreeCallback, unsigned int);
  int (*qemuMonitorEventDeregister)(virConnectPtr, int);

  // libvirt-lxc.h
  int (*lxcOpenNamespace)(virDomainPtr, int**, unsigned int);
  int (*lxcEnterNamespace)(virDomainPtr, unsigned int, int*, unsigned int*, int**, unsigned int);
  int (*lxcEnterSecurityLabel)(virSecurityModelPtr, virSecurityLabelPtr, virSecurityLabelPtr, unsigned int);
  int (*lxcEnterCGroup)(virDomainPtr, unsigned int);
};

// Exported by libvireo.so.0 and libvirt.so.0 (node VIREO_PRIVATE).
VIREO_API const VireoCompanionApi* vireoCompanionApi(void);

}  // extern "C"

namespace vireo::capi {

// The implementations behind the table (capi/qemu.cc, capi/lxc.cc); each
// behaves as the libvirt function of the same name.
int qemuMonitorCommand(virDomainPtr, const char*, char**, unsigned int) noexcept;
int qemuMonitorCommandWithFiles(virDomainPtr, const char*, unsigned int, int*, unsigned int*, int**, char**,
                                unsigned int) noexcept;
virDomainPtr qemuAttach(virConnectPtr, unsigned int, unsigned int) noexcept;
char* qemuAgentCommand(virDomainPtr, const char*, int, unsigned int) noexcept;
int qemuMonitorEventRegister(virConnectPtr, virDomainPtr, const char*, virConnectDomainQemuMonitorEventCallback,
                             void*, virFreeCallback, unsigned int) noexcept;
int qemuMonitorEventDeregister(virConnectPtr, int) noexcept;
int lxcOpenNamespace(virDomainPtr, int**, unsigned int) noexcept;
int lxcEnterNamespace(virDomainPtr, unsigned int, int*, unsigned int*, int**, unsigned int) noexcept;
int lxcEnterSecurityLabel(virSecurityModelPtr, virSecurityLabelPtr, virSecurityLabelPtr, unsigned int) noexcept;
int lxcEnterCGroup(virDomainPtr, unsigned int) noexcept;

}  // namespace vireo::capi
