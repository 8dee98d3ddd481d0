// libvireo-lxc.so.0 (and libvirt-lxc.so.0): libvirt-lxc.h's functions, each
// forwarded to its implementation in libvireo (capi/companion.h).
#include "capi/companion_link.h"

using vireo::companion::api;

extern "C" {

int virDomainLxcOpenNamespace(virDomainPtr domain, int** fdlist, unsigned int flags) {
  return api().lxcOpenNamespace(domain, fdlist, flags);
}

int virDomainLxcEnterNamespace(virDomainPtr domain, unsigned int nfdlist, int* fdlist, unsigned int* noldfdlist,
                               int** oldfdlist, unsigned int flags) {
  return api().lxcEnterNamespace(domain, nfdlist, fdlist, noldfdlist, oldfdlist, flags);
}

int virDomainLxcEnterSecurityLabel(virSecurityModelPtr model, virSecurityLabelPtr label,
                                   virSecurityLabelPtr oldlabel, unsigned int flags) {
  return api().lxcEnterSecurityLabel(model, label, oldlabel, flags);
}

int virDomainLxcEnterCGroup(virDomainPtr domain, unsigned int flags) {
  return api().lxcEnterCGroup(domain, flags);
}

}  // extern "C"
