// libvirt-domain.h: a domain's I/O threads (list, add, delete, pin, tune).
//
// The drivers take and return C++ values (CPU sets, typed parameter lists);
// the caller's bitmaps and the returned virDomainIOThreadInfo array are
// converted here, with libvirt's public checks.
#include <cstring>

#include "capi/c_alloc.h"
#include "capi/domain_call.h"
#include "capi/typed_param_values.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

namespace {

void checkAffectFlags(const Call& call, unsigned int flags) {
  call.exclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE", VIR_DOMAIN_AFFECT_CONFIG,
                      "VIR_DOMAIN_AFFECT_CONFIG");
}

// One malloc'ed virDomainIOThreadInfo, as virDomainIOThreadInfoFree releases it.
virDomainIOThreadInfoPtr ioThreadInfo(const driver::IOThreadState& t) {
  virDomainIOThreadInfoPtr info = allocZeroed<virDomainIOThreadInfo>(1);
  info->iothread_id = t.id;
  info->cpumaplen = t.cpumapLen;
  info->cpumap = allocZeroed<unsigned char>(t.cpumapLen);
  std::vector<unsigned char> map = conf::cpuSetToMap(t.cpus, t.cpumapLen);
  std::memcpy(info->cpumap, map.data(), map.size());
  return info;
}

}  // namespace

extern "C" {

int virDomainAddIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags) {
  return onDomain("virDomainAddIOThread", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    checkAffectFlags(call, flags);
    call.op(&HV::domainAddIOThread)(call.impl(), id, iothread_id, flags);
    return 0;
  }, entryArgs("iothread_id, flags", iothread_id, flags));
}

int virDomainDelIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags) {
  return onDomain("virDomainDelIOThread", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (iothread_id == 0) call.invalidArg("iothread_id in virDomainDelIOThread must not be zero");
    checkAffectFlags(call, flags);
    call.op(&HV::domainDelIOThread)(call.impl(), id, iothread_id, flags);
    return 0;
  }, entryArgs("iothread_id, flags", iothread_id, flags));
}

int virDomainGetIOThreadInfo(virDomainPtr domain, virDomainIOThreadInfoPtr** info, unsigned int flags) {
  return onDomain("virDomainGetIOThreadInfo", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(info, "info");
    *info = nullptr;
    checkAffectFlags(call, flags);
    std::vector<driver::IOThreadState> threads = call.op(&HV::domainGetIOThreadInfo)(call.impl(), id, flags);
    if (threads.empty()) return 0;
    virDomainIOThreadInfoPtr* list = allocZeroed<virDomainIOThreadInfoPtr>(threads.size());
    try {
      for (size_t i = 0; i < threads.size(); i++) list[i] = ioThreadInfo(threads[i]);
    } catch (...) {
      for (size_t i = 0; i < threads.size(); i++) virDomainIOThreadInfoFree(list[i]);
      std::free(list);
      throw;
    }
    *info = list;
    return static_cast<int>(threads.size());
  }, entryArgs("info, flags", info, flags));
}

int virDomainPinIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned char* cpumap, int maplen,
                         unsigned int flags) {
  return onDomain("virDomainPinIOThread", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(cpumap, "cpumap");
    call.positive(maplen, "maplen");
    checkAffectFlags(call, flags);
    call.op(&HV::domainPinIOThread)(call.impl(), id, iothread_id, conf::cpuSetFromMap(cpumap, maplen), flags);
    return 0;
  }, entryArgs("iothread_id, cpumap, maplen, flags", iothread_id, cpumap, maplen, flags));
}

int virDomainSetIOThreadParams(virDomainPtr domain, unsigned int iothread_id, virTypedParameterPtr params,
                               int nparams, unsigned int flags) {
  return onDomain("virDomainSetIOThreadParams", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(params, "params");
    call.positive(nparams, "nparams");
    driver::TypedParamList values = typedParamsForSet(params, nparams);
    call.op(&HV::domainSetIOThreadParams)(call.impl(), id, iothread_id, values, flags);
    return 0;
  }, entryArgs("iothread_id, params, nparams, flags", iothread_id, params, nparams, flags));
}

}  // extern "C"
