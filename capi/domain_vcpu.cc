// libvirt-domain.h: where a domain's vCPUs and emulator threads run
// (virDomainGetVcpus, the Pin* functions and their *PinInfo reads).
//
// The drivers take and return CPU sets (lib/conf/cpu_set.h); the caller's
// bitmaps of `maplen` bytes are converted here, with libvirt's checks.
#include <algorithm>
#include <climits>
#include <cstring>

#include "capi/domain_call.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

void copyMap(const conf::CpuSet& cpus, unsigned char* out, int maplen) {
  std::vector<unsigned char> bits = conf::cpuSetToMap(cpus, maplen);
  std::memcpy(out, bits.data(), bits.size());
}

// libvirt refuses a bitmap array whose size overflows an int.
void checkArraySize(const Call& call, long long count, int maplen, const char* function) {
  if (count > 0 && maplen > 0 && count > INT_MAX / maplen)
    call.invalidArg(std::string("arguments of ") + function + " overflow");
}

int pinVcpu(const char* function, virDomainPtr domain, unsigned int vcpu, unsigned char* cpumap, int maplen,
            unsigned int flags) {
  return onDomain(function, domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(cpumap, "cpumap");
    call.positive(maplen, "maplen");
    if (static_cast<unsigned short>(vcpu) != vcpu) call.invalidArg("vcpu in " + std::string(function) + " is too large");
    call.op(&HV::domainPinVcpuFlags)(call.impl(), id, vcpu, conf::cpuSetFromMap(cpumap, maplen), flags);
    return 0;
  }, entryArgs("vcpu, cpumap, maplen, flags", vcpu, cpumap, maplen, flags));
}

}  // namespace

extern "C" {

int virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo, unsigned char* cpumaps, int maplen) {
  return onDomain("virDomainGetVcpus", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(info, "info");
    call.positive(maxinfo, "maxinfo");
    if (cpumaps) call.positive(maplen, "maplen");
    // (libvirt's own message says "must not be zero" here)
    else if (maplen != 0) call.invalidArg("maplen in virDomainGetVcpus must not be zero");
    checkArraySize(call, maxinfo, maplen, "virDomainGetVcpus");
    std::vector<driver::VcpuState> vcpus = call.op(&HV::domainGetVcpus)(call.impl(), id, maxinfo, maplen);
    int n = std::min<int>(maxinfo, vcpus.size());
    std::memset(info, 0, sizeof(*info) * n);
    if (cpumaps) std::memset(cpumaps, 0, static_cast<size_t>(n) * maplen);
    for (int i = 0; i < n; i++) {
      info[i] = vcpus[i].info;
      if (cpumaps) copyMap(vcpus[i].affinity, VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    }
    return n;
  }, entryArgs("info, maxinfo, cpumaps, maplen", info, maxinfo, cpumaps, maplen));
}

int virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char* cpumap, int maplen) {
  return pinVcpu("virDomainPinVcpu", domain, vcpu, cpumap, maplen, 0);
}

int virDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu, unsigned char* cpumap, int maplen,
                          unsigned int flags) {
  return pinVcpu("virDomainPinVcpuFlags", domain, vcpu, cpumap, maplen, flags);
}

int virDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char* cpumaps, int maplen,
                            unsigned int flags) {
  return onDomain("virDomainGetVcpuPinInfo", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(cpumaps, "cpumaps");
    call.positive(ncpumaps, "ncpumaps");
    call.positive(maplen, "maplen");
    checkArraySize(call, ncpumaps, maplen, "virDomainGetVcpuPinInfo");
    call.exclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE", VIR_DOMAIN_AFFECT_CONFIG,
                        "VIR_DOMAIN_AFFECT_CONFIG");
    std::vector<conf::CpuSet> pins = call.op(&HV::domainGetVcpuPinInfo)(call.impl(), id, ncpumaps, maplen, flags);
    int n = std::min<int>(ncpumaps, pins.size());
    std::memset(cpumaps, 0, static_cast<size_t>(ncpumaps) * maplen);
    for (int i = 0; i < n; i++) copyMap(pins[i], VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    return n;
  }, entryArgs("ncpumaps, cpumaps, maplen, flags", ncpumaps, cpumaps, maplen, flags));
}

int virDomainPinEmulator(virDomainPtr domain, unsigned char* cpumap, int maplen, unsigned int flags) {
  return onDomain("virDomainPinEmulator", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(cpumap, "cpumap");
    call.positive(maplen, "maplen");
    call.op(&HV::domainPinEmulator)(call.impl(), id, conf::cpuSetFromMap(cpumap, maplen), flags);
    return 0;
  }, entryArgs("cpumap, maplen, flags", cpumap, maplen, flags));
}

int virDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char* cpumap, int maplen, unsigned int flags) {
  return onDomain("virDomainGetEmulatorPinInfo", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(cpumap, "cpumap");
    call.positive(maplen, "maplen");
    call.exclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE", VIR_DOMAIN_AFFECT_CONFIG,
                        "VIR_DOMAIN_AFFECT_CONFIG");
    conf::CpuSet cpus = call.op(&HV::domainGetEmulatorPinInfo)(call.impl(), id, maplen, flags);
    std::memset(cpumap, 0, maplen);
    copyMap(cpus, cpumap, maplen);
    return 1;
  }, entryArgs("cpumap, maplen, flags", cpumap, maplen, flags));
}

int virDomainSetVcpu(virDomainPtr domain, const char* vcpumap, int state, unsigned int flags) {
  return onDomain("virDomainSetVcpu", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(vcpumap, "vcpumap");
    call.op(&HV::domainSetVcpu)(call.impl(), id, vcpumap, state, flags);
    return 0;
  }, entryArgs("vcpumap, state, flags", vcpumap, state, flags));
}

}  // extern "C"
