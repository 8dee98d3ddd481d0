// libvirt-host.h: library initialisation, connections and node queries.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "capi/facade.h"
#include "lib/driver/registry.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;

namespace {

constexpr unsigned long kLibVersion = LIBVIR_VERSION_NUMBER;

// The terminal prompt behind virConnectAuthPtrDefault: echoing prompts read
// a line from stdin, the others read it with echo off (getpass).
int defaultAuthCallback(virConnectCredentialPtr cred, unsigned int ncred, void*) {
  for (unsigned int i = 0; i < ncred; i++) {
    virConnectCredentialPtr c = &cred[i];
    bool echo = c->type == VIR_CRED_AUTHNAME || c->type == VIR_CRED_ECHOPROMPT ||
                c->type == VIR_CRED_REALM || c->type == VIR_CRED_USERNAME;
    bool secret = c->type == VIR_CRED_PASSPHRASE || c->type == VIR_CRED_NOECHOPROMPT;
    if (!echo && !secret) return -1;
    std::string answer;
    if (echo) {
      std::fprintf(stdout, "%s: ", c->prompt ? c->prompt : "Input");
      std::fflush(stdout);
      char buf[1024];
      if (!std::fgets(buf, sizeof buf, stdin)) return -1;
      answer = buf;
      while (!answer.empty() && (answer.back() == '\n' || answer.back() == '\r')) answer.pop_back();
      if (answer.empty() && c->defresult) answer = c->defresult;
    } else {
      std::string prompt = std::string(c->prompt ? c->prompt : "Password") + ": ";
      const char* pw = getpass(prompt.c_str());
      if (!pw) return -1;
      answer = pw;
    }
    c->result = strdup(answer.c_str());
    if (!c->result) return -1;
    c->resultlen = static_cast<unsigned int>(answer.size());
  }
  return 0;
}

int defaultCredTypes[] = {
    VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT,
};

virConnectAuth defaultAuth = {
    defaultCredTypes, sizeof(defaultCredTypes) / sizeof(defaultCredTypes[0]), defaultAuthCallback, nullptr,
};

virConnectPtr openWith(const char* function, const char* name, virConnectAuthPtr auth, unsigned int flags) {
  return guarded(function, VIR_FROM_NONE, static_cast<virConnectPtr>(nullptr), [&](Call& call) {
    checkFlags(flags, VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES, VIR_FROM_NONE, call.function());
    auto conn = new _virConnect;
    try {
      conn->impl = driver::openConnection(name, auth, flags);
    } catch (...) {
      delete conn;
      throw;
    }
    return conn;
  }, entryArgs("name, auth, flags", name, auth, flags));
}

}  // namespace

extern "C" {

virConnectAuthPtr virConnectAuthPtrDefault = &defaultAuth;

int virInitialize(void) { return 0; }

int virGetVersion(unsigned long* libVer, const char* type, unsigned long* typeVer) {
  return guarded("virGetVersion", VIR_FROM_NONE, -1, [&](Call&) {
    if (libVer) *libVer = kLibVersion;
    if (typeVer) *typeVer = kLibVersion;
    (void)type;
    return 0;
  }, entryArgs("libVer, type, typeVer", libVer, type, typeVer));
}

virConnectPtr virConnectOpen(const char* name) { return openWith("virConnectOpen", name, nullptr, 0); }

virConnectPtr virConnectOpenReadOnly(const char* name) {
  return openWith("virConnectOpenReadOnly", name, nullptr, VIR_CONNECT_RO);
}

virConnectPtr virConnectOpenAuth(const char* name, virConnectAuthPtr auth, unsigned int flags) {
  return openWith("virConnectOpenAuth", name, auth, flags);
}

int virConnectClose(virConnectPtr conn) {
  return guarded("virConnectClose", VIR_FROM_NONE, -1, [&](Call& call) {
    call.connection(conn);
    // libvirt answers 1 while references remain, not their number.
    return unrefConnection(conn) > 0 ? 1 : 0;
  }, entryArgs("conn", conn));
}

int virConnectRef(virConnectPtr conn) {
  return guarded("virConnectRef", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    refConnection(conn);
    return 0;
  }, entryArgs("conn", conn));
}

const char* virConnectGetType(virConnectPtr conn) {
  return guarded("virConnectGetType", VIR_FROM_DOMAIN, static_cast<const char*>(nullptr),
                 [&](Call& call) {
                   const driver::Connection& c = call.connection(conn);
                   auto* own = c.hypervisor().connectGetType;
                   return own ? own(call.impl()) : c.hypervisor().name;
                 },
                 entryArgs("conn", conn));
}

int virConnectGetVersion(virConnectPtr conn, unsigned long* hvVer) {
  return guarded("virConnectGetVersion", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(hvVer, "hvVer");
    *hvVer = call.op(&HV::connectGetVersion)(call.impl());
    return 0;
  }, entryArgs("conn, hvVer", conn, hvVer));
}

int virConnectGetLibVersion(virConnectPtr conn, unsigned long* libVer) {
  return guarded("virConnectGetLibVersion", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(libVer, "libVer");
    *libVer = kLibVersion;
    return 0;
  }, entryArgs("conn, libVer", conn, libVer));
}

char* virConnectGetHostname(virConnectPtr conn) {
  return guarded("virConnectGetHostname", VIR_FROM_DOMAIN, static_cast<char*>(nullptr), [&](Call& call) {
    call.connection(conn);
    return dupString(call.op(&HV::connectGetHostname)(call.impl()));
  }, entryArgs("conn", conn));
}

char* virConnectGetURI(virConnectPtr conn) {
  return guarded("virConnectGetURI", VIR_FROM_DOMAIN, static_cast<char*>(nullptr),
                 [&](Call& call) { return dupString(call.connection(conn).canonicalUri()); }, entryArgs("conn", conn));
}

char* virConnectGetCapabilities(virConnectPtr conn) {
  return guarded("virConnectGetCapabilities", VIR_FROM_DOMAIN, static_cast<char*>(nullptr), [&](Call& call) {
    call.connection(conn);
    return dupString(call.op(&HV::connectGetCapabilities)(call.impl()));
  }, entryArgs("conn", conn));
}

// `models` may be NULL: then only the count is returned.
int virConnectGetCPUModelNames(virConnectPtr conn, const char* arch, char*** models, unsigned int flags) {
  return guarded("virConnectGetCPUModelNames", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(arch, "arch");
    std::vector<std::string> names = call.op(&HV::connectGetCPUModelNames)(call.impl(), arch, flags);
    if (models) *models = dupStringList(names);
    return static_cast<int>(names.size());
  }, entryArgs("conn, arch, models, flags", conn, arch, models, flags));
}

char* virConnectGetDomainCapabilities(virConnectPtr conn, const char* emulatorbin, const char* arch,
                                      const char* machine, const char* virttype, unsigned int flags) {
  return guarded("virConnectGetDomainCapabilities", VIR_FROM_DOMAIN, static_cast<char*>(nullptr), [&](Call& call) {
    call.connection(conn);
    return dupString(call.op(&HV::connectGetDomainCapabilities)(call.impl(), emulatorbin, arch, machine, virttype, flags));
  }, entryArgs("conn, emulatorbin, arch, machine, virttype, flags", conn, emulatorbin, arch, machine, virttype, flags));
}

char* virConnectDomainXMLToNative(virConnectPtr conn, const char* nativeFormat, const char* domainXml,
                                  unsigned int flags) {
  return guarded("virConnectDomainXMLToNative", VIR_FROM_DOMAIN, static_cast<char*>(nullptr), [&](Call& call) {
    call.connection(conn);
    call.requireWritable();
    call.nonNull(nativeFormat, "nativeFormat");
    call.nonNull(domainXml, "domainXml");
    return dupString(call.op(&HV::connectDomainXMLToNative)(call.impl(), nativeFormat, domainXml, flags));
  }, entryArgs("conn, nativeFormat, domainXml, flags", conn, nativeFormat, domainXml, flags));
}

char* virConnectDomainXMLFromNative(virConnectPtr conn, const char* nativeFormat, const char* nativeConfig,
                                    unsigned int flags) {
  return guarded("virConnectDomainXMLFromNative", VIR_FROM_DOMAIN, static_cast<char*>(nullptr), [&](Call& call) {
    call.connection(conn);
    call.requireWritable();
    call.nonNull(nativeFormat, "nativeFormat");
    call.nonNull(nativeConfig, "nativeConfig");
    return dupString(call.op(&HV::connectDomainXMLFromNative)(call.impl(), nativeFormat, nativeConfig, flags));
  }, entryArgs("conn, nativeFormat, nativeConfig, flags", conn, nativeFormat, nativeConfig, flags));
}

int virConnectGetMaxVcpus(virConnectPtr conn, const char* type) {
  return guarded("virConnectGetMaxVcpus", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    return call.op(&HV::connectGetMaxVcpus)(call.impl(), type);
  }, entryArgs("conn, type", conn, type));
}

int virConnectIsAlive(virConnectPtr conn) {
  return guarded("virConnectIsAlive", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    return call.op(&HV::connectIsAlive)(call.impl());
  }, entryArgs("conn", conn));
}

int virConnectIsEncrypted(virConnectPtr conn) {
  return guarded("virConnectIsEncrypted", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    return call.op(&HV::connectIsEncrypted)(call.impl());
  }, entryArgs("conn", conn));
}

int virConnectIsSecure(virConnectPtr conn) {
  return guarded("virConnectIsSecure", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    return call.op(&HV::connectIsSecure)(call.impl());
  }, entryArgs("conn", conn));
}

int virConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count) {
  return guarded("virConnectSetKeepAlive", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    return call.op(&HV::connectSetKeepAlive)(call.impl(), interval, count);
  }, entryArgs("conn, interval, count", conn, interval, count));
}

// An in-process connection never breaks: like libvirt's drivers without a
// remote transport, registration then succeeds and the callback is never used
// (nor is its free function). A remote connection keeps it, with a reference
// to the connection, until it is unregistered.
int virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb, void* opaque,
                                    virFreeCallback freecb) {
  return guarded("virConnectRegisterCloseCallback", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    auto* own = call.impl().hypervisor().connectRegisterCloseCallback;
    if (!own) return 0;
    own(call.impl(), reinterpret_cast<const void*>(cb),
        [conn, cb, opaque](int reason) { cb(conn, reason, opaque); },
        [conn, opaque, freecb] {
          if (freecb) freecb(opaque);
          unrefConnection(conn);
        });
    refConnection(conn);
    return 0;
  }, entryArgs("conn, cb, opaque, freecb", conn, cb, opaque, freecb));
}

int virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb) {
  return guarded("virConnectUnregisterCloseCallback", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(reinterpret_cast<const void*>(cb), "cb");
    auto* own = call.impl().hypervisor().connectUnregisterCloseCallback;
    if (own) own(call.impl(), reinterpret_cast<const void*>(cb));
    return 0;
  }, entryArgs("conn, cb", conn, cb));
}

int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info) {
  return guarded("virNodeGetInfo", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(info, "info");
    *info = call.op(&HV::nodeGetInfo)(call.impl());
    return 0;
  }, entryArgs("conn, info", conn, info));
}

unsigned long long virNodeGetFreeMemory(virConnectPtr conn) {
  // libvirt returns 0 on error here.
  return guarded("virNodeGetFreeMemory", VIR_FROM_DOMAIN, 0ULL, [&](Call& call) {
    call.connection(conn);
    return call.op(&HV::nodeGetFreeMemory)(call.impl());
  }, entryArgs("conn", conn));
}

int virNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long* freeMems, int startCell, int maxCells) {
  return guarded("virNodeGetCellsFreeMemory", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(freeMems, "freeMems");
    call.positive(maxCells, "maxCells");
    call.nonNegative(startCell, "startCell");
    std::vector<unsigned long long> cells = call.op(&HV::nodeGetCellsFreeMemory)(call.impl(), startCell, maxCells);
    std::copy(cells.begin(), cells.end(), freeMems);
    return static_cast<int>(cells.size());
  }, entryArgs("conn, freeMems, startCell, maxCells", conn, freeMems, startCell, maxCells));
}

int virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel) {
  return guarded("virNodeGetSecurityModel", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNull(secmodel, "secmodel");
    *secmodel = call.op(&HV::nodeGetSecurityModel)(call.impl());
    return 0;
  }, entryArgs("conn, secmodel", conn, secmodel));
}

}  // extern "C"
