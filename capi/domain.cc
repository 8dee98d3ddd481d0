// libvirt-domain.h: lookups, definitions, lifecycle and queries of domains.
// The event registrations are in domain_events.cc.
#include <algorithm>
#include <climits>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "capi/c_alloc.h"
#include "capi/domain_call.h"

using namespace vireo;
using namespace vireo::capi;
using HV = vireo::driver::HypervisorDriver;
using vireo::driver::DomainIdentity;

std::string vireo::capi::absolutePath(const char* path) {
  if (path[0] == '/') return path;
  char* cwd = getcwd(nullptr, 0);
  if (!cwd) failSystem(VIR_FROM_DOMAIN, errno, "Unable to get the current directory");
  std::string out = std::string(cwd) + "/" + path;
  std::free(cwd);
  return out;
}

namespace {

constexpr virDomainPtr kNoDomain = nullptr;

std::span<const int> filesOf(unsigned int nfiles, const int* files) {
  return files ? std::span<const int>(files, nfiles) : std::span<const int>();
}

std::vector<DomainIdentity> listDomains(Call& call, unsigned int flags) {
  return call.op(&HV::connectListAllDomains)(call.impl(), flags);
}

// libvirt's public layer refuses a memory size in KiB whose byte count does
// not fit in an off_t, before any driver sees it: VIR_ERR_OVERFLOW,
// "numerical overflow: input too large: N" for N >= 2^53 - 1.
void checkMemoryKiB(unsigned long memory) {
  if (memory >= static_cast<unsigned long long>(LLONG_MAX) / 1024)
    fail(VIR_ERR_OVERFLOW, VIR_FROM_DOMAIN, "input too large: " + std::to_string(memory));
}

}  // namespace

extern "C" {

// ---------------------------------------------------------------- handles

int virDomainRef(virDomainPtr domain) {
  return guarded("virDomainRef", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.domain(domain);
    refDomain(domain);
    return 0;
  }, entryArgs("dom", domain));
}

int virDomainFree(virDomainPtr domain) {
  return guarded("virDomainFree", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.domain(domain);
    unrefDomain(domain);
    return 0;
  }, entryArgs("dom", domain));
}

virConnectPtr virDomainGetConnect(virDomainPtr domain) {
  return guarded("virDomainGetConnect", VIR_FROM_DOMAIN, static_cast<virConnectPtr>(nullptr),
                 [&](Call& call) { return call.domain(domain)->conn; }, entryArgs("dom", domain));
}

const char* virDomainGetName(virDomainPtr domain) {
  return guarded("virDomainGetName", VIR_FROM_DOMAIN, static_cast<const char*>(nullptr),
                 [&](Call& call) { return call.domain(domain)->name.c_str(); }, entryArgs("dom", domain));
}

unsigned int virDomainGetID(virDomainPtr domain) {
  return guarded("virDomainGetID", VIR_FROM_DOMAIN, static_cast<unsigned int>(-1),
                 [&](Call& call) { return static_cast<unsigned int>(call.domain(domain)->id.load()); },
                 entryArgs("dom", domain));
}

int virDomainGetUUID(virDomainPtr domain, unsigned char* uuid) {
  return guarded("virDomainGetUUID", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.domain(domain);
    call.nonNull(uuid, "uuid");
    std::copy(domain->uuid.bytes.begin(), domain->uuid.bytes.end(), uuid);
    return 0;
  }, entryArgs("dom, uuid", domain, uuid));
}

int virDomainGetUUIDString(virDomainPtr domain, char* buf) {
  return guarded("virDomainGetUUIDString", VIR_FROM_DOMAIN, -1, [&](Call& call) {
    call.domain(domain);
    call.nonNull(buf, "buf");
    std::string s = domain->uuid.toString();
    std::copy(s.begin(), s.end(), buf);
    buf[s.size()] = '\0';
    return 0;
  }, entryArgs("dom, buf", domain, buf));
}

// ---------------------------------------------------------------- lookups

virDomainPtr virDomainLookupByName(virConnectPtr conn, const char* name) {
  return onConnection("virDomainLookupByName", conn, Access::Read, kNoDomain, [&](Call& call) {
    call.nonNull(name, "name");
    return newDomainHandle(conn, call.op(&HV::domainLookupByName)(call.impl(), name));
  }, entryArgs("name", name));
}

virDomainPtr virDomainLookupByID(virConnectPtr conn, int id) {
  return onConnection("virDomainLookupByID", conn, Access::Read, kNoDomain, [&](Call& call) {
    call.nonNegative(id, "id");
    return newDomainHandle(conn, call.op(&HV::domainLookupByID)(call.impl(), id));
  }, entryArgs("id", id));
}

virDomainPtr virDomainLookupByUUID(virConnectPtr conn, const unsigned char* uuid) {
  return onConnection("virDomainLookupByUUID", conn, Access::Read, kNoDomain, [&](Call& call) {
    call.nonNull(uuid, "uuid");
    Uuid u;
    std::copy(uuid, uuid + VIR_UUID_BUFLEN, u.bytes.begin());
    return newDomainHandle(conn, call.op(&HV::domainLookupByUUID)(call.impl(), u));
  }, entryArgs("uuid", uuid));
}

virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn, const char* uuidstr) {
  return onConnection("virDomainLookupByUUIDString", conn, Access::Read, kNoDomain, [&](Call& call) {
    call.nonNull(uuidstr, "uuidstr");
    std::optional<Uuid> u = Uuid::parse(uuidstr);
    if (!u) call.invalidArg("Invalid UUID");
    return newDomainHandle(conn, call.op(&HV::domainLookupByUUID)(call.impl(), *u));
  }, entryArgs("uuidstr", uuidstr));
}

// ---------------------------------------------------------------- listing

int virConnectListAllDomains(virConnectPtr conn, virDomainPtr** domains, unsigned int flags) {
  return onConnection("virConnectListAllDomains", conn, Access::Read, -1, [&](Call& call) {
    if (domains) *domains = nullptr;
    std::vector<DomainIdentity> found = listDomains(call, flags);
    if (domains) {
      auto* out = static_cast<virDomainPtr*>(std::calloc(found.size() + 1, sizeof(virDomainPtr)));
      if (!out) throw std::bad_alloc();
      for (size_t i = 0; i < found.size(); i++) out[i] = newDomainHandle(conn, found[i]);
      *domains = out;
    }
    return static_cast<int>(found.size());
  }, entryArgs("domains, flags", domains, flags));
}

int virConnectNumOfDomains(virConnectPtr conn) {
  return onConnection("virConnectNumOfDomains", conn, Access::Read, -1, [&](Call& call) {
    return static_cast<int>(listDomains(call, VIR_CONNECT_LIST_DOMAINS_ACTIVE).size());
  });
}

int virConnectListDomains(virConnectPtr conn, int* ids, int maxids) {
  return onConnection("virConnectListDomains", conn, Access::Read, -1, [&](Call& call) {
    call.nonNullArray(ids, maxids, "ids");
    call.nonNegative(maxids, "maxids");
    int n = 0;
    for (const DomainIdentity& d : listDomains(call, VIR_CONNECT_LIST_DOMAINS_ACTIVE)) {
      if (n >= maxids) break;
      ids[n++] = d.id;
    }
    return n;
  }, entryArgs("ids, maxids", ids, maxids));
}

int virConnectNumOfDefinedDomains(virConnectPtr conn) {
  return onConnection("virConnectNumOfDefinedDomains", conn, Access::Read, -1, [&](Call& call) {
    return static_cast<int>(listDomains(call, VIR_CONNECT_LIST_DOMAINS_INACTIVE).size());
  });
}

int virConnectListDefinedDomains(virConnectPtr conn, char** const names, int maxnames) {
  return onConnection("virConnectListDefinedDomains", conn, Access::Read, -1, [&](Call& call) {
    call.nonNullArray(names, maxnames, "names");
    call.nonNegative(maxnames, "maxnames");
    int n = 0;
    try {
      for (const DomainIdentity& d : listDomains(call, VIR_CONNECT_LIST_DOMAINS_INACTIVE)) {
        if (n >= maxnames) break;
        names[n] = dupString(d.name);
        n++;
      }
    } catch (...) {
      for (int i = 0; i < n; i++) std::free(names[i]);
      throw;
    }
    return n;
  }, entryArgs("names, maxnames", names, maxnames));
}

// ---------------------------------------------------------------- definition

virDomainPtr virDomainDefineXMLFlags(virConnectPtr conn, const char* xml, unsigned int flags) {
  return onConnection("virDomainDefineXMLFlags", conn, Access::Write, kNoDomain, [&](Call& call) {
    call.nonNull(xml, "xml");
    return newDomainHandle(conn, call.op(&HV::domainDefineXMLFlags)(call.impl(), xml, flags));
  }, entryArgs("xml, flags", xml, flags));
}

virDomainPtr virDomainDefineXML(virConnectPtr conn, const char* xml) {
  return onConnection("virDomainDefineXML", conn, Access::Write, kNoDomain, [&](Call& call) {
    call.nonNull(xml, "xml");
    return newDomainHandle(conn, call.op(&HV::domainDefineXMLFlags)(call.impl(), xml, 0));
  }, entryArgs("xml", xml));
}

int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags) {
  return onDomain("virDomainUndefineFlags", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(&HV::domainUndefineFlags)(call.impl(), id, flags);
    return 0;
  }, entryArgs("flags", flags));
}

int virDomainUndefine(virDomainPtr domain) {
  return onDomain("virDomainUndefine", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(&HV::domainUndefineFlags)(call.impl(), id, 0);
    return 0;
  });
}

virDomainPtr virDomainCreateXML(virConnectPtr conn, const char* xmlDesc, unsigned int flags) {
  return onConnection("virDomainCreateXML", conn, Access::Write, kNoDomain, [&](Call& call) {
    call.nonNull(xmlDesc, "xmlDesc");
    return newDomainHandle(conn, call.op(&HV::domainCreateXML)(call.impl(), xmlDesc, flags));
  }, entryArgs("xmlDesc, flags", xmlDesc, flags));
}

// libvirt passes `files` on without looking at them: NULL with a count is
// the driver's business. The test driver ignores them, as libvirt's.
virDomainPtr virDomainCreateXMLWithFiles(virConnectPtr conn, const char* xmlDesc, unsigned int nfiles, int* files,
                                         unsigned int flags) {
  return onConnection("virDomainCreateXMLWithFiles", conn, Access::Write, kNoDomain, [&](Call& call) {
    call.nonNull(xmlDesc, "xmlDesc");
    return newDomainHandle(conn, call.op(&HV::domainCreateXMLWithFiles)(call.impl(), xmlDesc,
                                                                         filesOf(nfiles, files), flags));
  }, entryArgs("xmlDesc, nfiles, files, flags", xmlDesc, nfiles, files, flags));
}

// The name libvirt 0.0.3 had for virDomainCreateXML.
virDomainPtr virDomainCreateLinux(virConnectPtr conn, const char* xmlDesc, unsigned int flags) {
  return onConnection("virDomainCreateLinux", conn, Access::Write, kNoDomain, [&](Call& call) {
    call.nonNull(xmlDesc, "xmlDesc");
    return newDomainHandle(conn, call.op(&HV::domainCreateXML)(call.impl(), xmlDesc, flags));
  }, entryArgs("xmlDesc, flags", xmlDesc, flags));
}

// ---------------------------------------------------------------- lifecycle

#define VIREO_DOMAIN_OP(api, member, ...)                                                           \
  onDomain(api, domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {                   \
    call.op(&HV::member)(call.impl(), id __VA_OPT__(, ) __VA_ARGS__);                              \
    return 0;                                                                                       \
  } __VA_OPT__(, entryArgs(#__VA_ARGS__, __VA_ARGS__)))

int virDomainCreate(virDomainPtr domain) {
  unsigned int flags = 0;
  return VIREO_DOMAIN_OP("virDomainCreate", domainCreateWithFlags, flags);
}
int virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags) {
  return VIREO_DOMAIN_OP("virDomainCreateWithFlags", domainCreateWithFlags, flags);
}
int virDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int* files, unsigned int flags) {
  return onDomain("virDomainCreateWithFiles", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.op(&HV::domainCreateWithFiles)(call.impl(), id, filesOf(nfiles, files), flags);
    return 0;
  }, entryArgs("nfiles, files, flags", nfiles, files, flags));
}
int virDomainDestroy(virDomainPtr domain) {
  unsigned int flags = 0;
  return VIREO_DOMAIN_OP("virDomainDestroy", domainDestroyFlags, flags);
}
int virDomainDestroyFlags(virDomainPtr domain, unsigned int flags) {
  return VIREO_DOMAIN_OP("virDomainDestroyFlags", domainDestroyFlags, flags);
}
int virDomainShutdown(virDomainPtr domain) {
  unsigned int flags = 0;
  return VIREO_DOMAIN_OP("virDomainShutdown", domainShutdownFlags, flags);
}
int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags) {
  return VIREO_DOMAIN_OP("virDomainShutdownFlags", domainShutdownFlags, flags);
}
int virDomainReboot(virDomainPtr domain, unsigned int flags) {
  return VIREO_DOMAIN_OP("virDomainReboot", domainReboot, flags);
}
int virDomainReset(virDomainPtr domain, unsigned int flags) {
  return VIREO_DOMAIN_OP("virDomainReset", domainReset, flags);
}
int virDomainSuspend(virDomainPtr domain) { return VIREO_DOMAIN_OP("virDomainSuspend", domainSuspend); }
int virDomainResume(virDomainPtr domain) { return VIREO_DOMAIN_OP("virDomainResume", domainResume); }
int virDomainManagedSave(virDomainPtr domain, unsigned int flags) {
  return VIREO_DOMAIN_OP("virDomainManagedSave", domainManagedSave, flags);
}
int virDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags) {
  return VIREO_DOMAIN_OP("virDomainManagedSaveRemove", domainManagedSaveRemove, flags);
}
int virDomainSetAutostart(virDomainPtr domain, int autostart) {
  return VIREO_DOMAIN_OP("virDomainSetAutostart", domainSetAutostart, autostart);
}

int virDomainSaveFlags(virDomainPtr domain, const char* to, const char* dxml, unsigned int flags) {
  return onDomain("virDomainSaveFlags", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(to, "to");
    call.exclusiveFlags(flags, VIR_DOMAIN_SAVE_RUNNING, "VIR_DOMAIN_SAVE_RUNNING", VIR_DOMAIN_SAVE_PAUSED,
                        "VIR_DOMAIN_SAVE_PAUSED");
    call.op(&HV::domainSaveFlags)(call.impl(), id, absolutePath(to).c_str(), dxml, flags);
    return 0;
  }, entryArgs("to, dxml, flags", to, dxml, flags));
}

int virDomainSave(virDomainPtr domain, const char* to) {
  return onDomain("virDomainSave", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(to, "to");
    call.op(&HV::domainSaveFlags)(call.impl(), id, absolutePath(to).c_str(), nullptr, 0);
    return 0;
  }, entryArgs("to", to));
}

int virDomainRestoreFlags(virConnectPtr conn, const char* from, const char* dxml, unsigned int flags) {
  return onConnection("virDomainRestoreFlags", conn, Access::Write, -1, [&](Call& call) {
    call.nonNull(from, "from");
    call.exclusiveFlags(flags, VIR_DOMAIN_SAVE_RUNNING, "VIR_DOMAIN_SAVE_RUNNING", VIR_DOMAIN_SAVE_PAUSED,
                        "VIR_DOMAIN_SAVE_PAUSED");
    call.op(&HV::domainRestoreFlags)(call.impl(), absolutePath(from).c_str(), dxml, flags);
    return 0;
  }, entryArgs("from, dxml, flags", from, dxml, flags));
}

int virDomainRestore(virConnectPtr conn, const char* from) {
  return onConnection("virDomainRestore", conn, Access::Write, -1, [&](Call& call) {
    call.nonNull(from, "from");
    call.op(&HV::domainRestoreFlags)(call.impl(), absolutePath(from).c_str(), nullptr, 0);
    return 0;
  }, entryArgs("from", from));
}

// Like virDomainGetXMLDesc, only the secure flag needs write access.
char* virDomainManagedSaveGetXMLDesc(virDomainPtr domain, unsigned int flags) {
  return onDomain("virDomainManagedSaveGetXMLDesc", domain, Access::Read, static_cast<char*>(nullptr),
                  [&](Call& call, DomainIdentity& id) {
                    if ((flags & VIR_DOMAIN_SAVE_IMAGE_XML_SECURE) && call.impl().readOnly())
                      fail(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, "virDomainManagedSaveGetXMLDesc with secure flag");
                    return dupString(call.op(&HV::domainManagedSaveGetXMLDesc)(call.impl(), id, flags));
                  }, entryArgs("flags", flags));
}

int virDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags) {
  return onDomain("virDomainHasManagedSaveImage", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    return call.op(&HV::domainHasManagedSaveImage)(call.impl(), id, flags);
  }, entryArgs("flags", flags));
}

// ---------------------------------------------------------------- queries

char* virDomainGetOSType(virDomainPtr domain) {
  return onDomain("virDomainGetOSType", domain, Access::Read, static_cast<char*>(nullptr),
                  [&](Call& call, DomainIdentity& id) { return dupString(call.op(&HV::domainGetOSType)(call.impl(), id)); });
}

int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info) {
  return onDomain("virDomainGetInfo", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(info, "info");
    *info = call.op(&HV::domainGetInfo)(call.impl(), id);
    return 0;
  }, entryArgs("info", info));
}

int virDomainGetState(virDomainPtr domain, int* state, int* reason, unsigned int flags) {
  return onDomain("virDomainGetState", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(state, "state");
    driver::DomainStateInfo s = call.op(&HV::domainGetState)(call.impl(), id, flags);
    *state = s.state;
    if (reason) *reason = s.reason;
    return 0;
  }, entryArgs("state, reason, flags", state, reason, flags));
}

char* virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags) {
  return onDomain("virDomainGetXMLDesc", domain, Access::Read, static_cast<char*>(nullptr),
                  [&](Call& call, DomainIdentity& id) {
                    if ((flags & VIR_DOMAIN_XML_SECURE) && call.impl().readOnly())
                      fail(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, "virDomainGetXMLDesc with secure flag");
                    return dupString(call.op(&HV::domainGetXMLDesc)(call.impl(), id, flags));
                  }, entryArgs("flags", flags));
}

unsigned long virDomainGetMaxMemory(virDomainPtr domain) {
  // 0 is the failure value here.
  return onDomain("virDomainGetMaxMemory", domain, Access::Read, 0UL, [&](Call& call, DomainIdentity& id) {
    unsigned long long kib = call.op(&HV::domainGetMaxMemory)(call.impl(), id);
    if (kib > ULONG_MAX) fail(VIR_ERR_OVERFLOW, VIR_FROM_DOMAIN, "result too large: " + std::to_string(kib));
    return static_cast<unsigned long>(kib);
  });
}

int virDomainGetMaxVcpus(virDomainPtr domain) {
  return onDomain("virDomainGetMaxVcpus", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    return call.op(&HV::domainGetMaxVcpus)(call.impl(), id);
  });
}

int virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags) {
  return onDomain("virDomainGetVcpusFlags", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    if ((flags & VIR_DOMAIN_VCPU_GUEST) && call.impl().readOnly())
      fail(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, "read only access prevents virDomainGetVcpusFlags");
    call.exclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE", VIR_DOMAIN_AFFECT_CONFIG,
                        "VIR_DOMAIN_AFFECT_CONFIG");
    return call.op(&HV::domainGetVcpusFlags)(call.impl(), id, flags);
  }, entryArgs("flags", flags));
}

int virDomainGetAutostart(virDomainPtr domain, int* autostart) {
  return onDomain("virDomainGetAutostart", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(autostart, "autostart");
    *autostart = call.op(&HV::domainGetAutostart)(call.impl(), id);
    return 0;
  }, entryArgs("autostart", autostart));
}

char* virDomainGetHostname(virDomainPtr domain, unsigned int flags) {
  return onDomain("virDomainGetHostname", domain, Access::Read, static_cast<char*>(nullptr),
                  [&](Call& call, DomainIdentity& id) {
                    return dupString(call.op(&HV::domainGetHostname)(call.impl(), id, flags));
                  }, entryArgs("flags", flags));
}

int virDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel) {
  return onDomain("virDomainGetSecurityLabel", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(seclabel, "seclabel");
    *seclabel = call.op(&HV::domainGetSecurityLabel)(call.impl(), id);
    return 0;
  }, entryArgs("seclabel", seclabel));
}

// One label per security driver of the domain, in a new array.
int virDomainGetSecurityLabelList(virDomainPtr domain, virSecurityLabelPtr* seclabels) {
  return onDomain("virDomainGetSecurityLabelList", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(seclabels, "seclabels");
    std::vector<virSecurityLabel> labels = call.op(&HV::domainGetSecurityLabelList)(call.impl(), id);
    virSecurityLabelPtr array = allocZeroed<virSecurityLabel>(labels.size());
    std::copy(labels.begin(), labels.end(), array);
    *seclabels = array;
    return static_cast<int>(labels.size());
  }, entryArgs("seclabels", seclabels));
}

int virDomainIsActive(virDomainPtr domain) {
  return onDomain("virDomainIsActive", domain, Access::Read, -1,
                  [&](Call& call, DomainIdentity& id) { return call.op(&HV::domainIsActive)(call.impl(), id); });
}

int virDomainIsPersistent(virDomainPtr domain) {
  return onDomain("virDomainIsPersistent", domain, Access::Read, -1,
                  [&](Call& call, DomainIdentity& id) { return call.op(&HV::domainIsPersistent)(call.impl(), id); });
}

int virDomainIsUpdated(virDomainPtr domain) {
  return onDomain("virDomainIsUpdated", domain, Access::Read, -1,
                  [&](Call& call, DomainIdentity& id) { return call.op(&HV::domainIsUpdated)(call.impl(), id); });
}

char* virDomainGetMetadata(virDomainPtr domain, int type, const char* uri, unsigned int flags) {
  return onDomain("virDomainGetMetadata", domain, Access::Read, static_cast<char*>(nullptr),
                  [&](Call& call, DomainIdentity& id) {
                    call.exclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE",
                                        VIR_DOMAIN_AFFECT_CONFIG, "VIR_DOMAIN_AFFECT_CONFIG");
                    if (type == VIR_DOMAIN_METADATA_ELEMENT) call.nonNull(uri, "uri");
                    else if (uri) call.invalidArg(std::string("uri in ") + call.function() + " must be NULL");
                    return dupString(call.op(&HV::domainGetMetadata)(call.impl(), id, type, uri, flags));
                  }, entryArgs("type, uri, flags", type, uri, flags));
}

// ---------------------------------------------------------------- changes

int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory) {
  return onDomain("virDomainSetMaxMemory", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (memory == 0) call.invalidArg(std::string("memory in ") + call.function() + " must not be zero");
    checkMemoryKiB(memory);
    call.op(&HV::domainSetMaxMemory)(call.impl(), id, memory);
    return 0;
  }, entryArgs("memory", memory));
}

int virDomainSetMemory(virDomainPtr domain, unsigned long memory) {
  return onDomain("virDomainSetMemory", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (memory == 0) call.invalidArg(std::string("memory in ") + call.function() + " must not be zero");
    checkMemoryKiB(memory);
    call.op(&HV::domainSetMemoryFlags)(call.impl(), id, memory, VIR_DOMAIN_AFFECT_LIVE);
    return 0;
  }, entryArgs("memory", memory));
}

int virDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags) {
  return onDomain("virDomainSetMemoryFlags", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (memory == 0) call.invalidArg(std::string("memory in ") + call.function() + " must not be zero");
    checkMemoryKiB(memory);
    call.op(&HV::domainSetMemoryFlags)(call.impl(), id, memory, flags);
    return 0;
  }, entryArgs("memory, flags", memory, flags));
}

int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus) {
  return onDomain("virDomainSetVcpus", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (nvcpus == 0) call.invalidArg(std::string("nvcpus in ") + call.function() + " must not be zero");
    call.op(&HV::domainSetVcpusFlags)(call.impl(), id, nvcpus, VIR_DOMAIN_AFFECT_LIVE);
    return 0;
  }, entryArgs("nvcpus", nvcpus));
}

int virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags) {
  return onDomain("virDomainSetVcpusFlags", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    if (nvcpus == 0 && !(flags & VIR_DOMAIN_VCPU_HOTPLUGGABLE))
      call.invalidArg(std::string("nvcpus in ") + call.function() + " must not be zero");
    if (nvcpus > USHRT_MAX)
      fail(VIR_ERR_OVERFLOW, VIR_FROM_DOMAIN, "input too large: " + std::to_string(nvcpus));
    call.op(&HV::domainSetVcpusFlags)(call.impl(), id, nvcpus, flags);
    return 0;
  }, entryArgs("nvcpus, flags", nvcpus, flags));
}

int virDomainSetMetadata(virDomainPtr domain, int type, const char* metadata, const char* key, const char* uri,
                         unsigned int flags) {
  return onDomain("virDomainSetMetadata", domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {
    call.exclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE", VIR_DOMAIN_AFFECT_CONFIG,
                        "VIR_DOMAIN_AFFECT_CONFIG");
    switch (type) {
      case VIR_DOMAIN_METADATA_TITLE:
        if (metadata && std::strchr(metadata, '\n'))
          call.invalidArg("metadata title can't contain newlines");
        [[fallthrough]];
      case VIR_DOMAIN_METADATA_DESCRIPTION:
        if (uri) call.invalidArg(std::string("uri in ") + call.function() + " must be NULL");
        if (key) call.invalidArg(std::string("key in ") + call.function() + " must be NULL");
        break;
      case VIR_DOMAIN_METADATA_ELEMENT:
        call.nonNull(uri, "uri");
        if (metadata) call.nonNull(key, "key");
        break;
      default:
        break;  // the driver reports the unknown type
    }
    call.op(&HV::domainSetMetadata)(call.impl(), id, type, metadata, key, uri, flags);
    return 0;
  }, entryArgs("type, metadata, key, uri, flags", type, metadata, key, uri, flags));
}

#define VIREO_DEVICE_OP(api, member, flagsExpr)                                                     \
  onDomain(api, domain, Access::Write, -1, [&](Call& call, DomainIdentity& id) {                   \
    call.nonNull(xml, "xml");                                                                       \
    call.op(&HV::member)(call.impl(), id, xml, flagsExpr);                                          \
    return 0;                                                                                       \
  }, entryArgs("xml, flags", xml, static_cast<unsigned int>(flagsExpr)))

int virDomainAttachDevice(virDomainPtr domain, const char* xml) {
  return VIREO_DEVICE_OP("virDomainAttachDevice", domainAttachDeviceFlags, VIR_DOMAIN_AFFECT_LIVE);
}
int virDomainAttachDeviceFlags(virDomainPtr domain, const char* xml, unsigned int flags) {
  return VIREO_DEVICE_OP("virDomainAttachDeviceFlags", domainAttachDeviceFlags, flags);
}
int virDomainDetachDevice(virDomainPtr domain, const char* xml) {
  return VIREO_DEVICE_OP("virDomainDetachDevice", domainDetachDeviceFlags, VIR_DOMAIN_AFFECT_LIVE);
}
int virDomainDetachDeviceFlags(virDomainPtr domain, const char* xml, unsigned int flags) {
  return VIREO_DEVICE_OP("virDomainDetachDeviceFlags", domainDetachDeviceFlags, flags);
}
int virDomainUpdateDeviceFlags(virDomainPtr domain, const char* xml, unsigned int flags) {
  return VIREO_DEVICE_OP("virDomainUpdateDeviceFlags", domainUpdateDeviceFlags, flags);
}

// libvirt checks the alias before it refuses a read-only connection.
int virDomainDetachDeviceAlias(virDomainPtr domain, const char* alias, unsigned int flags) {
  return onDomain("virDomainDetachDeviceAlias", domain, Access::Read, -1, [&](Call& call, DomainIdentity& id) {
    call.nonNull(alias, "alias");
    call.requireWritable();
    call.op(&HV::domainDetachDeviceAlias)(call.impl(), id, alias, flags);
    return 0;
  }, entryArgs("alias, flags", alias, flags));
}

}  // extern "C"
