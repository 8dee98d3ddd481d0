// Answers to the questions of a SASL negotiation: the auth file's values
// first, then the application's virConnectAuth callback for the rest, as
// libvirt's remoteAuthInteract.
#pragma once

#include <optional>
#include <vector>

#include <libvirt/libvirt.h>

#include "drivers/remote/remote_authfile.h"
#include "lib/rpc/sasl_client.h"
#include "lib/util/uri.h"

namespace vireo::remote {

// The SASL credentials that the callback can answer (its credtype list);
// nullopt without an auth structure.
std::optional<std::vector<rpc::SaslCredential>> saslCredentialsOf(virConnectAuthPtr auth);

class SaslCredentialSource {
 public:
  // `host` is the URI's host ("localhost" when it has none).
  SaslCredentialSource(const Uri& uri, std::string host, virConnectAuthPtr auth);

  // Answers every question `sasl` stopped on. Throws VIR_ERR_AUTH_FAILED
  // "No authentication callback available" when some remain and there is
  // no callback, "Failed to collect auth credentials" when it fails; the
  // auth file's errors as they are.
  void answer(rpc::SaslClient& sasl);

 private:
  const Uri& uri_;
  std::string host_;
  virConnectAuthPtr auth_;
  std::optional<AuthFile> file_;  // loaded on first need
  bool fileLooked_ = false;
};

}  // namespace vireo::remote
