// libvirt-lxc.h, implemented inside libvireo and exported by
// libvireo-lxc.so.0 through capi/companion.h. libvirt reports this file's
// errors in VIR_FROM_NONE (its VIR_FROM_THIS). Entering namespaces and
// labels happens here, in the calling process, as libvirt does it on the
// client side.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "capi/companion.h"
#include "capi/facade.h"
#include "lib/util/namespace_fds.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;

namespace {

// Hands `fds` to the caller as a malloc'ed array it frees (libvirt's
// contract); the descriptors become the caller's.
int* releaseToC(std::vector<UniqueFd>& fds) {
  if (fds.empty()) return nullptr;
  int* out = static_cast<int*>(std::malloc(fds.size() * sizeof(int)));
  if (!out) throw std::bad_alloc();
  for (size_t i = 0; i < fds.size(); i++) out[i] = fds[i].release();
  return out;
}

}  // namespace

namespace vireo::capi {

int lxcOpenNamespace(virDomainPtr dom, int** fdlist, unsigned int flags) noexcept {
  return guarded("virDomainLxcOpenNamespace", VIR_FROM_NONE, -1, [&](Call& call) {
    call.domain(dom);
    call.nonNull(fdlist, "fdlist");
    call.requireWritable();
    auto entry = call.op(&HV::domainLxcOpenNamespace);
    driver::DomainIdentity identity = dom->identity();
    std::vector<UniqueFd> fds = entry(call.impl(), identity, flags);
    int count = static_cast<int>(fds.size());
    *fdlist = releaseToC(fds);
    return count;
  }, bothArgs(entryArgs("dom", dom), entryArgs("fdlist, flags", fdlist, flags)));
}

// As libvirt, this neither checks nor uses `dom`: it joins the namespaces
// of the descriptors it is given.
int lxcEnterNamespace(virDomainPtr dom, unsigned int nfdlist, int* fdlist, unsigned int* noldfdlist,
                      int** oldfdlist, unsigned int flags) noexcept {
  return guarded("virDomainLxcEnterNamespace", VIR_FROM_NONE, -1, [&](Call& call) {
    checkFlags(flags, 0, VIR_FROM_NONE, "virDomainLxcEnterNamespace");
    std::vector<UniqueFd> old;
    if (noldfdlist && oldfdlist) old = openNamespaces(::getpid());
    if (nfdlist == 0) call.invalidArg("Expected at least one file descriptor");
    call.nonNull(fdlist, "fdlist");
    joinNamespaces(fdlist, nfdlist, VIR_FROM_NONE);
    if (noldfdlist && oldfdlist) {
      *noldfdlist = static_cast<unsigned int>(old.size());
      *oldfdlist = releaseToC(old);
    }
    return 0;
  }, bothArgs(entryArgs("dom", dom), entryArgs("nfdlist, fdlist, noldfdlist, oldfdlist, flags", nfdlist, fdlist,
                                               noldfdlist, oldfdlist, flags)));
}

// vireo's container driver runs containers under the security model
// "none" (doc/lxc-driver.md): entering its label is nothing to do, as in
// libvirt. SELinux and AppArmor labels are not entered.
int lxcEnterSecurityLabel(virSecurityModelPtr model, virSecurityLabelPtr label, virSecurityLabelPtr oldlabel,
                          unsigned int flags) noexcept {
  return guarded("virDomainLxcEnterSecurityLabel", VIR_FROM_NONE, -1, [&](Call& call) {
    checkFlags(flags, 0, VIR_FROM_NONE, "virDomainLxcEnterSecurityLabel");
    call.nonNull(model, "model");
    call.nonNull(label, "label");
    if (oldlabel) std::memset(oldlabel, 0, sizeof *oldlabel);
    std::string name(model->model);
    if (name == "none") return 0;
    if (name == "selinux" || name == "apparmor")
      fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE, "Entering a " + name + " label is not supported by vireo");
    fail(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE, "Security model " + name + " cannot be entered");
  }, entryArgs("model, label, oldlabel, flags", model, label, oldlabel, flags));
}

int lxcEnterCGroup(virDomainPtr dom, unsigned int flags) noexcept {
  return guarded("virDomainLxcEnterCGroup", VIR_FROM_NONE, -1, [&](Call& call) {
    call.domain(dom);
    call.requireWritable();
    checkFlags(flags, 0, VIR_FROM_NONE, "virDomainLxcEnterCGroup");
    auto entry = call.op(&HV::domainLxcEnterCGroup);
    driver::DomainIdentity identity = dom->identity();
    entry(call.impl(), identity, flags);
    return 0;
  }, bothArgs(entryArgs("dom", dom), entryArgs("flags", flags)));
}

}  // namespace vireo::capi
