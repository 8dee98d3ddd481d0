// A GnuTLS client session over a connected socket, as a Channel. Part of the
// GnuTLS-only corner of lib/rpc (compiled apart); the rest of vireo sees it
// through tls_client.h.
#pragma once

#include <gnutls/gnutls.h>

#include <memory>
#include <string>
#include <type_traits>

#include "lib/rpc/channel.h"
#include "lib/rpc/tls_files.h"

namespace vireo::rpc::tls {

// The trusted CA (with its CRL) and the client's own certificate and key,
// loaded once and shared by every session made from them.
class Credentials {
 public:
  // Loads `files` with libvirt's rules: the CA certificate must exist
  // ("Cannot read CA certificate '<path>': No such file or directory"); a
  // missing CRL, or a missing client certificate or key, is skipped.
  // Throws VIR_ERR_SYSTEM_ERROR (VIR_FROM_RPC).
  explicit Credentials(const TlsFiles& files);

  gnutls_certificate_credentials_t get() const { return cred_.get(); }

 private:
  struct Deleter {
    void operator()(gnutls_certificate_credentials_t c) const { gnutls_certificate_free_credentials(c); }
  };
  std::unique_ptr<std::remove_pointer_t<gnutls_certificate_credentials_t>, Deleter> cred_;
};

struct SessionDeleter {
  void operator()(gnutls_session_t s) const { gnutls_deinit(s); }
};
using Session = std::unique_ptr<std::remove_pointer_t<gnutls_session_t>, SessionDeleter>;

class TlsChannel final : public Channel {
 public:
  // A client session on `socket` with the GnuTLS `priority` string; no byte
  // is exchanged yet. Throws VIR_ERR_SYSTEM_ERROR "Failed to set TLS session
  // priority to <p>: <why>" for a priority GnuTLS refuses.
  TlsChannel(UniqueFd socket, std::shared_ptr<const Credentials> credentials, const std::string& priority);

  // The TLS handshake (blocking). Throws VIR_ERR_AUTH_FAILED "TLS handshake
  // failed <why>".
  void handshake();
  // libvirt's step after the handshake: the daemon sends one byte 1 inside
  // TLS once it has accepted our certificate, and closes the connection
  // when it has not. Throws VIR_ERR_SYSTEM_ERROR "Unable to read TLS
  // confirmation: <errno>" or VIR_ERR_RPC "server verification (of our
  // certificate or IP address) failed".
  void readConfirmation();
  gnutls_session_t session() const { return session_.get(); }

  void writeAll(const char* data, size_t size) override;
  size_t read(char* buf, size_t size, std::vector<UniqueFd>& fds) override;
  bool hasBuffered() const override;
  bool isEncrypted() const override { return true; }
  int socket() const override { return fd_.get(); }

 private:
  // Waits until the socket is ready in the direction GnuTLS last needed.
  void waitForSocket() const;

  UniqueFd fd_;
  // The session refers to the credentials: they live at least as long.
  std::shared_ptr<const Credentials> credentials_;
  Session session_;
};

}  // namespace vireo::rpc::tls
