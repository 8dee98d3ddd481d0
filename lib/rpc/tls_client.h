// The client side of libvirt's TLS transport: credentials found and checked
// as libvirt 9.0's client does (tls_files.h), a GnuTLS session over the
// connected socket, the server's certificate verified, and the daemon's
// confirmation byte read. The resulting Channel goes under an rpc::Client.
//
// Only lib/rpc/tls_*.cc include GnuTLS's headers; this one does not.
#pragma once

#include <memory>
#include <string>

#include "lib/rpc/channel.h"
#include "lib/util/fd.h"

namespace vireo::rpc {

namespace tls {
class Credentials;
}

struct TlsClientOptions {
  std::string pkipath;            // pkipath=; empty: libvirt's default places
  std::string priority = "NORMAL";  // a GnuTLS priority string (tls_priority=)
  bool verifyPeer = true;         // no_verify=1 clears it: failures become warnings
  bool sanityCheck = true;        // no_sanity=1 clears it: our own files go unchecked
};

class TlsClientContext {
 public:
  // Locates the files (pkipath, else ~/.pki/libvirt for non-root, else
  // /etc/pki), checks our own certificate against the CA unless told not
  // to, and loads them. Throws VIR_ERR_SYSTEM_ERROR (VIR_FROM_RPC) with
  // libvirt's messages: "Cannot read CA certificate '<path>': No such file
  // or directory", "Our own certificate <c> failed validation against <ca>:
  // <reason>".
  explicit TlsClientContext(const TlsClientOptions& options);
  ~TlsClientContext();
  TlsClientContext(const TlsClientContext&) = delete;
  TlsClientContext& operator=(const TlsClientContext&) = delete;

  // Runs TLS over the connected `socket` to the daemon called `hostname`
  // (as the URI names it): handshake, the server's certificate (chain, CRL,
  // dates, `hostname`), then the one byte 1 the daemon sends once it
  // accepts our certificate. Returns the channel; throws
  // VIR_ERR_AUTH_FAILED "TLS handshake failed <why>" or "Failed to verify
  // peer's certificate", VIR_ERR_SYSTEM_ERROR "Unable to read TLS
  // confirmation: Input/output error" when the daemon refuses us.
  std::unique_ptr<Channel> connect(UniqueFd socket, const std::string& hostname) const;

 private:
  std::shared_ptr<const tls::Credentials> credentials_;
  std::string priority_;
  bool verifyPeer_;
};

}  // namespace vireo::rpc
