// libvirt-domain.h and libvirt-network.h: freeing the structures that query
// functions hand to the application (virDomainGetFSInfo, virDomainGetIOThreadInfo,
// virDomainInterfaceAddresses, virConnectGetAllDomainStats, virNetworkGetDHCPLeases).
//
// As in libvirt, every string and array in them is malloc'ed, each function
// accepts NULL, and none of them touches the thread's last error.
#include <cstdlib>

#include "capi/facade.h"

using namespace vireo::capi;

extern "C" {

void virDomainFSInfoFree(virDomainFSInfoPtr info) {
  if (!info) return;
  std::free(info->mountpoint);
  std::free(info->name);
  std::free(info->fstype);
  for (size_t i = 0; i < info->ndevAlias; i++) std::free(info->devAlias[i]);
  std::free(info->devAlias);
  std::free(info);
}

void virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info) {
  if (!info) return;
  std::free(info->cpumap);
  std::free(info);
}

void virDomainInterfaceFree(virDomainInterfacePtr iface) {
  if (!iface) return;
  std::free(iface->name);
  std::free(iface->hwaddr);
  for (unsigned int i = 0; i < iface->naddrs; i++) std::free(iface->addrs[i].addr);
  std::free(iface->addrs);
  std::free(iface);
}

// The list is NULL-terminated; each record holds a reference to its domain.
void virDomainStatsRecordListFree(virDomainStatsRecordPtr* stats) {
  if (!stats) return;
  for (virDomainStatsRecordPtr* record = stats; *record; record++) {
    if ((*record)->dom) unrefDomain((*record)->dom);
    virTypedParamsFree((*record)->params, (*record)->nparams);
    std::free(*record);
  }
  std::free(stats);
}

void virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease) {
  if (!lease) return;
  std::free(lease->iface);
  std::free(lease->mac);
  std::free(lease->iaid);
  std::free(lease->ipaddr);
  std::free(lease->hostname);
  std::free(lease->clientid);
  std::free(lease);
}

}  // extern "C"
