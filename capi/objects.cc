#include "capi/objects.h"

#include "capi/facade.h"

namespace vireo::capi {

void refConnection(virConnectPtr conn) { conn->refs.fetch_add(1); }

int unrefConnection(virConnectPtr conn) {
  int left = conn->refs.fetch_sub(1) - 1;
  if (left > 0) return left;
  conn->magic = kDeadMagic;
  resetErrorStruct(&conn->error);
  // Driver state goes first (it may hold the last ref to shared driver data),
  // then the handle.
  conn->impl->resetState();
  delete conn;
  return 0;
}

virDomainPtr newDomainHandle(virConnectPtr conn, const driver::DomainIdentity& identity) {
  auto* dom = new _virDomain;
  refConnection(conn);
  dom->conn = conn;
  dom->name = identity.name;
  dom->uuid = identity.uuid;
  dom->id = identity.id;
  return dom;
}

void refDomain(virDomainPtr dom) { dom->refs.fetch_add(1); }

void unrefDomain(virDomainPtr dom) {
  if (dom->refs.fetch_sub(1) - 1 > 0) return;
  dom->magic = kDeadMagic;
  virConnectPtr conn = dom->conn;
  delete dom;
  unrefConnection(conn);
}

}  // namespace vireo::capi
