#include "lib/rpc/tls_client.h"

#include "lib/rpc/tls_certs.h"
#include "lib/rpc/tls_channel.h"
#include "lib/rpc/tls_files.h"
#include "lib/util/error.h"
#include "lib/util/log.h"

namespace vireo::rpc {
namespace {

// libvirt's warning for a failed check, then either its refusal or, under
// no_verify=1, the check ignored.
void checkServer(gnutls_session_t session, const std::string& hostname, bool verifyPeer) {
  try {
    tls::validateServerCertificate(session, hostname);
  } catch (const Error& e) {
    VIREO_WARN(tls::kLogModule, "Certificate check failed %s", e.message().c_str());
    if (verifyPeer) fail(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, "Failed to verify peer's certificate");
    VIREO_INFO(tls::kLogModule, "Ignoring bad certificate at user request");
  }
}

}  // namespace

TlsClientContext::TlsClientContext(const TlsClientOptions& options)
    : priority_(options.priority.empty() ? "NORMAL" : options.priority), verifyPeer_(options.verifyPeer) {
  TlsFiles files = locateClientTlsFiles(options.pkipath, userTlsDirectory());
  VIREO_DEBUG(tls::kLogModule, "cacert=%s cacrl=%s cert=%s key=%s sanityCheckCert=%d requireValidCert=%d",
              files.caCert.c_str(), files.caCrl.c_str(), files.cert.c_str(), files.key.c_str(),
              options.sanityCheck, options.verifyPeer);
  if (options.sanityCheck) tls::sanityCheckClientFiles(files.caCert, files.cert);
  credentials_ = std::make_shared<const tls::Credentials>(files);
}

TlsClientContext::~TlsClientContext() = default;

std::unique_ptr<Channel> TlsClientContext::connect(UniqueFd socket, const std::string& hostname) const {
  auto channel = std::make_unique<tls::TlsChannel>(std::move(socket), credentials_, priority_);
  channel->handshake();
  checkServer(channel->session(), hostname, verifyPeer_);
  channel->readConfirmation();
  return channel;
}

}  // namespace vireo::rpc
