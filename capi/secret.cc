// libvirt-secret.h: the functions that need more than a generated body
// (secret_generated.cc): the value (bytes, wiped once copied), the usage
// answered from the handle, and the list of uuids.
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/entry_point.h"
#include "lib/driver/secret_driver.h"

using namespace vireo;
using namespace vireo::capi;
using vireo::driver::SecretDriver;
using vireo::driver::SecretValue;

extern "C" {

int virConnectListSecrets(virConnectPtr conn, char** uuids, int maxuuids) {
  return guarded("virConnectListSecrets", VIR_FROM_SECRET, -1, [&](Call& call) {
    call.connection(conn);
    call.nonNullArray(uuids, maxuuids, "uuids");
    call.nonNegative(maxuuids, "maxuuids");
    return copyNames(call.op(&SecretDriver::connectListSecrets)(call.impl()), uuids, maxuuids);
  }, bothArgs(entryArgs("conn", conn), entryArgs("uuids, maxuuids", uuids, maxuuids)));
}

// A malloc'ed copy for the application to free(); libvirt's contract.
unsigned char* virSecretGetValue(virSecretPtr secret, size_t* value_size, unsigned int flags) {
  return guarded("virSecretGetValue", VIR_FROM_SECRET, static_cast<unsigned char*>(nullptr), [&](Call& call) {
    call.object(secret);
    call.requireWritable();
    call.nonNull(value_size, "value_size");
    SecretValue value = call.op(&SecretDriver::secretGetValue)(call.impl(), secret->identity, flags);
    auto* out = static_cast<unsigned char*>(std::malloc(value.bytes.empty() ? 1 : value.bytes.size()));
    if (!out) throw std::bad_alloc();
    if (!value.bytes.empty()) std::memcpy(out, value.bytes.data(), value.bytes.size());
    *value_size = value.bytes.size();
    return out;
  }, bothArgs(entryArgs("secret", secret), entryArgs("value_size, flags", value_size, flags)));
}

int virSecretSetValue(virSecretPtr secret, const unsigned char* value, size_t value_size, unsigned int flags) {
  return guarded("virSecretSetValue", VIR_FROM_SECRET, -1, [&](Call& call) {
    call.object(secret);
    call.requireWritable();
    call.nonNull(value, "value");
    SecretValue copy(std::vector<unsigned char>(value, value + value_size));
    return call.op(&SecretDriver::secretSetValue)(call.impl(), secret->identity, copy, flags);
  }, bothArgs(entryArgs("secret", secret), entryArgs("value, value_size, flags", value, value_size, flags)));
}

int virSecretGetUsageType(virSecretPtr secret) {
  return guarded("virSecretGetUsageType", VIR_FROM_SECRET, -1, [&](Call& call) {
    return call.object(secret)->identity.usageType;
  }, entryArgs("secret", secret));
}

// Lives as long as the handle, as libvirt's does.
const char* virSecretGetUsageID(virSecretPtr secret) {
  return guarded("virSecretGetUsageID", VIR_FROM_SECRET, static_cast<const char*>(nullptr), [&](Call& call) {
    return call.object(secret)->identity.usageId.c_str();
  }, entryArgs("secret", secret));
}

}  // extern "C"
