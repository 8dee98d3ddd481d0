// The libssh transport (+libssh): libvirt's client side of ssh without the
// ssh binary. A TCP connection to the host's sshd, libssh's handshake, the
// host key checked against libvirt's own known_hosts file, the
// authentication methods of sshauth= in order, then an exec channel that
// runs the same proxy command as the ssh transport (netcat or
// virt-ssh-helper) on the far side; the RPC client talks through that
// channel.
#pragma once

#include <libvirt/libvirt.h>

#include <memory>
#include <string>

#include "drivers/remote/remote_target.h"
#include "lib/util/uri.h"
#include "lib/rpc/channel.h"

namespace vireo::remote {

// Connects, verifies, authenticates and opens the channel running
// `remoteCommand`. A password comes from the auth file that applies to
// `uri` (service "ssh", remote_authfile.h), else from `auth`'s callback.
// Errors as libvirt's (VIR_FROM_LIBSSH): VIR_ERR_NO_CONNECT for a failed
// handshake, VIR_ERR_AUTH_FAILED for a changed host key or
// refused credentials, VIR_ERR_LIBSSH otherwise; VIR_ERR_INVALID_ARG (VIR_FROM_RPC) for an
// unknown sshauth= method or known_hosts_verify= value.
std::unique_ptr<rpc::Channel> openLibssh(const RemoteTarget& target, const Uri& uri, const std::string& remoteCommand,
                                         virConnectAuthPtr auth);

}  // namespace vireo::remote
