// SASL authentication of a remote connection (libvirt's remoteAuthSASL).
#pragma once

#include <string>

#include <libvirt/libvirt.h>

#include "drivers/remote/remote_target.h"
#include "lib/driver/connection.h"

namespace vireo::remote {

// Runs AUTH_SASL_INIT, START and STEP until both sides are complete, then
// lays the SASL security layer over the connection's channel. `mech` is the
// mechanism the URI forces (auth=sasl.MECH), empty for SASL's choice.
// Credentials SASL asks for come from the auth file first (remote_authfile.h),
// then from `auth`'s callback. Throws VIR_ERR_AUTH_FAILED as libvirt does:
// a mechanism the server lacks, no callback for missing credentials, an SSF
// below 56 on plain TCP; the daemon's own error for a wrong password.
void authenticateSasl(driver::Connection& conn, const RemoteTarget& target, virConnectAuthPtr auth,
                      const std::string& mech);

}  // namespace vireo::remote
