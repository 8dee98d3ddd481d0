// The certificate checks of libvirt 9.0's TLS client (virnettlscontext.c),
// with its messages: the sanity check of the client's own files before any
// connection, and the validation of the server's certificate after the
// handshake. Part of the GnuTLS-only corner of lib/rpc (tls_*.cc compiled
// apart): nothing outside it includes this header.
#pragma once

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <memory>
#include <string>
#include <type_traits>

namespace vireo::rpc::tls {

struct CertDeleter {
  void operator()(gnutls_x509_crt_t c) const { gnutls_x509_crt_deinit(c); }
};
using Cert = std::unique_ptr<std::remove_pointer_t<gnutls_x509_crt_t>, CertDeleter>;

// The log module of the TLS code, libvirt's name for it.
inline constexpr const char* kLogModule = "rpc.nettlscontext";

// libvirt's sanity check of a client's own certificates: each file that is
// readable is loaded; the certificate's dates, basic constraints, key usage
// and purpose are checked, each CA certificate's too, and the certificate
// must verify against the CA list. Throws VIR_ERR_SYSTEM_ERROR
// (VIR_FROM_RPC): "Our own certificate C failed validation against A: The
// certificate hasn't got a known issuer.", "The client certificate C has
// expired", ...
void sanityCheckClientFiles(const std::string& caCertFile, const std::string& certFile);

// Validates the server's certificate of a session whose handshake is done:
// the chain to the trusted CA (and CRL), the dates, `hostname` against the
// certificate's names, its constraints, usage and purpose. Throws the first
// failure as libvirt words it ("Certificate failed validation: The
// certificate is not trusted.", "Certificate [session] owner does not match
// the hostname H").
void validateServerCertificate(gnutls_session_t session, const std::string& hostname);

}  // namespace vireo::rpc::tls
