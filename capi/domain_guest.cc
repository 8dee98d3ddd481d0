// libvirt-domain.h: what reaches inside the guest (file systems, interface
// addresses, user passwords, keys, the clock, NMIs and signals, its vCPUs
// and facts through the agent, authorized SSH keys, power management).
//
// The drivers take and return C++ values; the returned structures are
// malloc'ed here as libvirt's *Free functions expect, and the arguments are
// checked as libvirt's public layer checks them.
#include <cstring>

#include "capi/c_alloc.h"
#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

// libvirt's limit on the keys of one virDomainSendKey (VIR_DOMAIN_SEND_KEY_MAX_KEYS).
constexpr int kMaxKeys = 16;

std::vector<std::string> mountPoints(const Call& call, const char** mountpoints, unsigned int count) {
  call.nonNullArray(mountpoints, count, "mountpoints");
  std::vector<std::string> list;
  for (unsigned int i = 0; i < count; i++) {
    call.nonNull(mountpoints[i], "mountpoints[i]");
    list.emplace_back(mountpoints[i]);
  }
  return list;
}

virDomainFSInfoPtr fsInfo(const driver::GuestFilesystem& fs) {
  virDomainFSInfoPtr info = allocZeroed<virDomainFSInfo>(1);
  try {
    info->mountpoint = dupString(fs.mountpoint);
    info->name = dupString(fs.name);
    info->fstype = dupString(fs.fstype);
    info->devAlias = allocZeroed<char*>(fs.devAliases.size());
    for (const std::string& alias : fs.devAliases) info->devAlias[info->ndevAlias++] = dupString(alias);
  } catch (...) {
    virDomainFSInfoFree(info);
    throw;
  }
  return info;
}

virDomainInterfacePtr interfaceInfo(const driver::GuestInterface& g) {
  virDomainInterfacePtr iface = allocZeroed<virDomainInterface>(1);
  try {
    iface->name = dupString(g.name);
    iface->hwaddr = g.hwaddr.empty() ? nullptr : dupString(g.hwaddr);
    iface->addrs = allocZeroed<virDomainIPAddress>(g.addrs.size());
    for (const driver::GuestInterface::Address& a : g.addrs) {
      virDomainIPAddress& out = iface->addrs[iface->naddrs++];
      out.type = a.type;
      out.prefix = a.prefix;
      out.addr = dupString(a.addr);
    }
  } catch (...) {
    virDomainInterfaceFree(iface);
    throw;
  }
  return iface;
}

}  // namespace

extern "C" {

int virDomainFSFreeze(virDomainPtr dom, const char** mountpoints, unsigned int nmountpoints, unsigned int flags) {
  return onDomain("virDomainFSFreeze", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    std::vector<std::string> list = mountPoints(call, mountpoints, nmountpoints);
    return call.op(&HV::domainFSFreeze)(call.impl(), id, list, flags);
  }, entryArgs("mountpoints, nmountpoints, flags", mountpoints, nmountpoints, flags));
}

int virDomainFSThaw(virDomainPtr dom, const char** mountpoints, unsigned int nmountpoints, unsigned int flags) {
  return onDomain("virDomainFSThaw", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    std::vector<std::string> list = mountPoints(call, mountpoints, nmountpoints);
    return call.op(&HV::domainFSThaw)(call.impl(), id, list, flags);
  }, entryArgs("mountpoints, nmountpoints, flags", mountpoints, nmountpoints, flags));
}

int virDomainFSTrim(virDomainPtr dom, const char* mountPoint, unsigned long long minimum, unsigned int flags) {
  return onDomain("virDomainFSTrim", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    std::optional<std::string> point;
    if (mountPoint) point = mountPoint;
    call.op(&HV::domainFSTrim)(call.impl(), id, point, minimum, flags);
    return 0;
  }, entryArgs("mountPoint, minimum, flags", mountPoint, minimum, flags));
}

int virDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr** info, unsigned int flags) {
  return onDomain("virDomainGetFSInfo", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(info, "info");
    *info = nullptr;
    std::vector<driver::GuestFilesystem> list = call.op(&HV::domainGetFSInfo)(call.impl(), id, flags);
    if (list.empty()) return 0;
    return intoList(list, info, fsInfo, virDomainFSInfoFree);
  }, entryArgs("info, flags", info, flags));
}

int virDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr** ifaces, unsigned int source,
                                unsigned int flags) {
  return onDomain("virDomainInterfaceAddresses", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(ifaces, "ifaces");
    *ifaces = nullptr;
    std::vector<driver::GuestInterface> list =
        call.op(&HV::domainInterfaceAddresses)(call.impl(), id, source, flags);
    if (list.empty()) return 0;
    return intoList(list, ifaces, interfaceInfo, virDomainInterfaceFree);
  }, entryArgs("ifaces, source, flags", ifaces, source, flags));
}

int virDomainSetUserPassword(virDomainPtr dom, const char* user, const char* password, unsigned int flags) {
  return onDomain("virDomainSetUserPassword", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(user, "user");
    call.nonNull(password, "password");
    call.op(&HV::domainSetUserPassword)(call.impl(), id, user, password, flags);
    return 0;
  }, entryArgs("user, password, flags", user, "<hidden>", flags));
}

int virDomainSendKey(virDomainPtr domain, unsigned int codeset, unsigned int holdtime, unsigned int* keycodes,
                     int nkeycodes, unsigned int flags) {
  return onDomain("virDomainSendKey", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(keycodes, "keycodes");
    call.positive(nkeycodes, "nkeycodes");
    if (codeset >= VIR_KEYCODE_SET_LAST)
      throw Error::verbatim(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Unsupported codeset '" + std::to_string(codeset) + "'");
    if (nkeycodes > kMaxKeys)
      throw Error::verbatim(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "nkeycodes must be <= " + std::to_string(kMaxKeys));
    std::vector<unsigned int> keys(keycodes, keycodes + nkeycodes);
    call.op(&HV::domainSendKey)(call.impl(), id, codeset, holdtime, keys, flags);
    return 0;
  }, entryArgs("codeset, holdtime, keycodes, nkeycodes, flags", codeset, holdtime, keycodes, nkeycodes, flags));
}

int virDomainSetTime(virDomainPtr dom, long long seconds, unsigned int nseconds, unsigned int flags) {
  return onDomain("virDomainSetTime", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(&HV::domainSetTime)(call.impl(), id, seconds, nseconds, flags);
    return 0;
  }, entryArgs("seconds, nseconds, flags", seconds, nseconds, flags));
}

int virDomainInjectNMI(virDomainPtr domain, unsigned int flags) {
  return onDomain("virDomainInjectNMI", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(&HV::domainInjectNMI)(call.impl(), id, flags);
    return 0;
  }, entryArgs("flags", flags));
}

int virDomainSendProcessSignal(virDomainPtr domain, long long pid_value, unsigned int signum, unsigned int flags) {
  return onDomain("virDomainSendProcessSignal", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (pid_value == 0) call.invalidArg("pid_value in virDomainSendProcessSignal must not be zero");
    call.op(&HV::domainSendProcessSignal)(call.impl(), id, pid_value, signum, flags);
    return 0;
  }, entryArgs("pid_value, signum, flags", pid_value, signum, flags));
}

// The guest's vCPUs as the agent sees them ("vcpus", "online",
// "offlinable"), in a new array.
int virDomainGetGuestVcpus(virDomainPtr domain, virTypedParameterPtr* params, unsigned int* nparams,
                           unsigned int flags) {
  return onDomain("virDomainGetGuestVcpus", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(params, "params");
    call.nonNull(nparams, "nparams");
    int count = 0;
    typedParamsAllocated(call.op(&HV::domainGetGuestVcpus)(call.impl(), id, flags), params, &count);
    *nparams = static_cast<unsigned int>(count);
    return 0;
  }, entryArgs("params, nparams, flags", params, nparams, flags));
}

int virDomainSetGuestVcpus(virDomainPtr domain, const char* cpumap, int state, unsigned int flags) {
  return onDomain("virDomainSetGuestVcpus", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(cpumap, "cpumap");
    call.op(&HV::domainSetGuestVcpus)(call.impl(), id, cpumap, state, flags);
    return 0;
  }, entryArgs("cpumap, state, flags", cpumap, state, flags));
}

int virDomainGetGuestInfo(virDomainPtr domain, unsigned int types, virTypedParameterPtr* params, int* nparams,
                          unsigned int flags) {
  return onDomain("virDomainGetGuestInfo", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(params, "params");
    call.nonNull(nparams, "nparams");
    typedParamsAllocated(call.op(&HV::domainGetGuestInfo)(call.impl(), id, types, flags), params, nparams);
    return 0;
  }, entryArgs("types, params, nparams, flags", types, params, nparams, flags));
}

int virDomainAgentSetResponseTimeout(virDomainPtr domain, int timeout, unsigned int flags) {
  return onDomain("virDomainAgentSetResponseTimeout", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    return call.op(&HV::domainAgentSetResponseTimeout)(call.impl(), id, timeout, flags);
  }, entryArgs("timeout, flags", timeout, flags));
}

// The keys in a new array of new strings (NULL when there are none); libvirt
// checks both pointers before it refuses a read-only connection.
int virDomainAuthorizedSSHKeysGet(virDomainPtr domain, const char* user, char*** keys, unsigned int flags) {
  return onDomain("virDomainAuthorizedSSHKeysGet", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(user, "user");
    call.nonNull(keys, "keys");
    call.requireWritable();
    std::vector<std::string> list = call.op(&HV::domainAuthorizedSSHKeysGet)(call.impl(), id, user, flags);
    *keys = list.empty() ? nullptr : dupStringList(list);
    return static_cast<int>(list.size());
  }, entryArgs("user, keys, flags", user, keys, flags));
}

int virDomainAuthorizedSSHKeysSet(virDomainPtr domain, const char* user, const char** keys, unsigned int nkeys,
                                  unsigned int flags) {
  return onDomain("virDomainAuthorizedSSHKeysSet", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(user, "user");
    // Only an append or a removal needs keys; without either the list replaces the old one.
    if (flags & (VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND | VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE))
      call.nonNull(keys, "keys");
    call.exclusiveFlags(flags, VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND, "VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND",
                        VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE, "VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE");
    call.requireWritable();
    std::vector<std::string> list;
    for (unsigned int i = 0; keys && i < nkeys; i++) list.emplace_back(keys[i] ? keys[i] : "");
    call.op(&HV::domainAuthorizedSSHKeysSet)(call.impl(), id, user, list, flags);
    return 0;
  }, entryArgs("user, keys, nkeys, flags", user, keys, nkeys, flags));
}

int virDomainPMSuspendForDuration(virDomainPtr dom, unsigned int target, unsigned long long duration,
                                  unsigned int flags) {
  return onDomain("virDomainPMSuspendForDuration", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(&HV::domainPMSuspendForDuration)(call.impl(), id, target, duration, flags);
    return 0;
  }, entryArgs("target, duration, flags", target, duration, flags));
}

int virDomainPMWakeup(virDomainPtr dom, unsigned int flags) {
  return onDomain("virDomainPMWakeup", dom, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(&HV::domainPMWakeup)(call.impl(), id, flags);
    return 0;
  }, entryArgs("flags", flags));
}

}  // extern "C"
