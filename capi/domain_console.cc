// libvirt-domain.h: the functions that connect a stream to a domain's
// character devices (virDomainOpenConsole, virDomainOpenChannel) or to a
// picture of its screen (virDomainScreenshot).
//
// As libvirt 9.0: the domain, then the stream, then write access are
// checked; the driver opens the device and the stream takes the backing.
#include "capi/domain_call.h"
#include "capi/stream_handle.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;

namespace {

using OpenEntry = std::shared_ptr<driver::Stream> (*)(driver::Connection&, driver::DomainIdentity&,
                                                      const char*, unsigned int);

int openOnStream(const char* function, OpenEntry HV::*entry, virDomainPtr dom, const char* name,
                 virStreamPtr st, unsigned int flags) {
  return guarded(function, VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.domain(dom);
    checkStream(call, st);
    call.requireWritable();
    driver::DomainIdentity identity = dom->identity();
    attachStream(st, call.op(entry)(call.impl(), identity, name, flags));
    dom->id = identity.id;
    return 0;
  }, entryArgs("dom, name, st, flags", dom, name, st, flags));
}

}  // namespace

extern "C" {

int virDomainOpenConsole(virDomainPtr dom, const char* dev_name, virStreamPtr st, unsigned int flags) {
  return openOnStream("virDomainOpenConsole", &HV::domainOpenConsole, dom, dev_name, st, flags);
}

int virDomainOpenChannel(virDomainPtr dom, const char* name, virStreamPtr st, unsigned int flags) {
  return openOnStream("virDomainOpenChannel", &HV::domainOpenChannel, dom, name, st, flags);
}

char* virDomainScreenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen, unsigned int flags) {
  return guarded("virDomainScreenshot", VIR_FROM_DOMAIN, static_cast<char*>(nullptr), [&](Call& call) {
    call.domain(domain);
    checkStream(call, stream);
    call.requireWritable();
    driver::DomainIdentity identity = domain->identity();
    HV::Screenshot shot = call.op(&HV::domainScreenshot)(call.impl(), identity, screen, flags);
    attachStream(stream, shot.stream);
    return dupString(shot.mimeType);
  }, entryArgs("stream, screen, flags", stream, screen, flags));
}

}  // extern "C"
