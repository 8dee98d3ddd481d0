#include "lib/rpc/tls_channel.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

#include "lib/rpc/tls_certs.h"
#include "lib/util/error.h"
#include "lib/util/log.h"

namespace vireo::rpc::tls {
namespace {

[[noreturn]] void failTls(const std::string& message) { fail(VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, message); }

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// libvirt's check before loading a file: a missing one is an error unless
// it may be missing (then the caller skips it).
bool requireFile(const char* type, const std::string& path, bool allowMissing) {
  if (exists(path)) return true;
  if (allowMissing) return false;
  failSystem(VIR_FROM_RPC, errno, std::string("Cannot read ") + type + " '" + path + "'");
}

}  // namespace

Credentials::Credentials(const TlsFiles& files) {
  gnutls_certificate_credentials_t raw = nullptr;
  int rc = gnutls_certificate_allocate_credentials(&raw);
  if (rc < 0) failTls(std::string("Unable to allocate x509 credentials: ") + gnutls_strerror(rc));
  cred_.reset(raw);

  requireFile("CA certificate", files.caCert, false);
  VIREO_DEBUG(kLogModule, "loading CA cert from %s", files.caCert.c_str());
  rc = gnutls_certificate_set_x509_trust_file(raw, files.caCert.c_str(), GNUTLS_X509_FMT_PEM);
  if (rc < 0) failTls("Unable to set x509 CA certificate: " + files.caCert + ": " + gnutls_strerror(rc));

  if (requireFile("CA revocation list", files.caCrl, true)) {
    VIREO_DEBUG(kLogModule, "loading CRL from %s", files.caCrl.c_str());
    rc = gnutls_certificate_set_x509_crl_file(raw, files.caCrl.c_str(), GNUTLS_X509_FMT_PEM);
    if (rc < 0)
      failTls("Unable to set x509 certificate revocation list: " + files.caCrl + ": " + gnutls_strerror(rc));
  }

  // A client may go without a certificate; the daemon decides whether it
  // accepts that.
  if (requireFile("certificate", files.cert, true) && requireFile("private key", files.key, true)) {
    VIREO_DEBUG(kLogModule, "loading cert and key from %s and %s", files.cert.c_str(), files.key.c_str());
    rc = gnutls_certificate_set_x509_key_file(raw, files.cert.c_str(), files.key.c_str(),
                                              GNUTLS_X509_FMT_PEM);
    if (rc < 0)
      failTls("Unable to set x509 key and certificate: " + files.key + ", " + files.cert + ": " +
              gnutls_strerror(rc));
  } else {
    VIREO_DEBUG(kLogModule, "Skipping non-existent cert %s key %s on client", files.cert.c_str(),
                files.key.c_str());
  }
}

TlsChannel::TlsChannel(UniqueFd socket, std::shared_ptr<const Credentials> credentials,
                       const std::string& priority)
    : fd_(std::move(socket)), credentials_(std::move(credentials)) {
  gnutls_session_t raw = nullptr;
  // GNUTLS_NO_SIGNAL: a daemon that went away must not SIGPIPE the host
  // application.
  int rc = gnutls_init(&raw, GNUTLS_CLIENT | GNUTLS_NO_SIGNAL);
  if (rc < 0) failTls(std::string("Failed to initialize TLS session: ") + gnutls_strerror(rc));
  session_.reset(raw);
  rc = gnutls_priority_set_direct(raw, priority.c_str(), nullptr);
  if (rc < 0) failTls("Failed to set TLS session priority to " + priority + ": " + gnutls_strerror(rc));
  rc = gnutls_credentials_set(raw, GNUTLS_CRD_CERTIFICATE, credentials_->get());
  if (rc < 0) failTls(std::string("Failed set TLS x509 credentials: ") + gnutls_strerror(rc));
  gnutls_transport_set_int(raw, fd_.get());
}

void TlsChannel::waitForSocket() const {
  pollfd p{fd_.get(), static_cast<short>(gnutls_record_get_direction(session_.get()) ? POLLOUT : POLLIN), 0};
  ::poll(&p, 1, -1);
}

void TlsChannel::handshake() {
  for (;;) {
    int rc = gnutls_handshake(session_.get());
    if (rc == 0) return;
    if (rc == GNUTLS_E_AGAIN) {
      waitForSocket();
    } else if (rc != GNUTLS_E_INTERRUPTED && gnutls_error_is_fatal(rc)) {
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, std::string("TLS handshake failed ") + gnutls_strerror(rc));
    }
  }
}

void TlsChannel::readConfirmation() {
  constexpr char kConfirmation = 1;
  char byte = 0;
  ssize_t got;
  do {
    got = gnutls_record_recv(session_.get(), &byte, 1);
    if (got == GNUTLS_E_AGAIN) waitForSocket();
  } while (got == GNUTLS_E_AGAIN || got == GNUTLS_E_INTERRUPTED);
  // libvirt turns every TLS failure (a refusing daemon closes TCP without
  // close_notify) into EIO.
  if (got < 0) failSystem(VIR_FROM_RPC, EIO, "Unable to read TLS confirmation");
  if (got != 1 || byte != kConfirmation)
    fail(VIR_ERR_RPC, VIR_FROM_RPC, "server verification (of our certificate or IP address) failed");
}

void TlsChannel::writeAll(const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = gnutls_record_send(session_.get(), data, size);
    if (n == GNUTLS_E_AGAIN) {
      // GnuTLS wants the same call again once the socket takes more.
      waitForSocket();
      continue;
    }
    if (n == GNUTLS_E_INTERRUPTED) continue;
    // libvirt reports every other TLS failure as EIO.
    if (n < 0) failSystem(VIR_FROM_RPC, EIO, "Cannot write data");
    data += n;
    size -= static_cast<size_t>(n);
  }
}

size_t TlsChannel::read(char* buf, size_t size, std::vector<UniqueFd>& /*fds*/) {
  for (;;) {
    ssize_t got = gnutls_record_recv(session_.get(), buf, size);
    if (got >= 0) return static_cast<size_t>(got);
    if (got == GNUTLS_E_AGAIN) {
      waitForSocket();
      continue;
    }
    if (got == GNUTLS_E_INTERRUPTED || got == GNUTLS_E_REHANDSHAKE) continue;
    // A daemon that dies closes TCP without TLS's close_notify: that is
    // the end of the stream, as on a plain socket.
    if (got == GNUTLS_E_PREMATURE_TERMINATION) return 0;
    VIREO_DEBUG(kLogModule, "TLS read failed: %s", gnutls_strerror(static_cast<int>(got)));
    failSystem(VIR_FROM_RPC, EIO, "Cannot recv data");
  }
}

bool TlsChannel::hasBuffered() const { return gnutls_record_check_pending(session_.get()) > 0; }

}  // namespace vireo::rpc::tls
