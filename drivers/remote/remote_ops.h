// The remote driver's entries that need more than one call with its reply
// (remote_call.h): the connection's own answers, handle ids, events.
#pragma once

#include <functional>
#include <string>

#include "lib/driver/hypervisor_driver.h"

namespace vireo::remote::ops {

using driver::Connection;
using driver::DomainIdentity;

const char* getType(Connection& conn);
int isAlive(Connection& conn);
int isSecure(Connection& conn);
int isEncrypted(Connection& conn);
int setKeepAlive(Connection& conn, int interval, unsigned int count);
bool typedParamStringsSupported(Connection& conn);
driver::DomainEventState& eventState(Connection& conn);

// The close callback: kept here, and registered with the daemon too (so
// that it tells us when its own driver connection closes).
void registerCloseCallback(Connection& conn, const void* key, std::function<void(int)> call,
                           std::function<void()> release);
void unregisterCloseCallback(Connection& conn, const void* key);

// These change the handle's id as libvirt's client does: a start copies the
// id the daemon returns, a destroy makes it -1.
void createWithFlags(Connection& conn, DomainIdentity& dom, unsigned int flags);
void destroyFlags(Connection& conn, DomainIdentity& dom, unsigned int flags);
void saveFlags(Connection& conn, DomainIdentity& dom, const char* path, const char* dxml, unsigned int flags);
void managedSave(Connection& conn, DomainIdentity& dom, unsigned int flags);
// The plain virDomainGetSchedulerParameters (flags 0) goes as its own
// procedure, as libvirt's client sends it: the daemon's public layer adds
// VIR_TYPED_PARAM_STRING_OKAY to the *Flags one, which some drivers refuse.
driver::TypedParamList getSchedulerParameters(Connection& conn, DomainIdentity& dom, unsigned int flags);
void setSchedulerParameters(Connection& conn, DomainIdentity& dom, const driver::TypedParamList& params,
                            unsigned int flags);
std::string getSchedulerType(Connection& conn, DomainIdentity& dom, int& nparams);

}  // namespace vireo::remote::ops
