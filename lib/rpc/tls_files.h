// Where a TLS client finds its certificates, as libvirt 9.0's client looks
// for them (virNetTLSContextNewClientPath):
//
//   pkipath=DIR given   DIR/cacert.pem, DIR/cacrl.pem, DIR/clientcert.pem,
//                       DIR/clientkey.pem, whether they exist or not
//   not root            ~/.pki/libvirt/ for each of them that exists (the
//                       certificate and key only as a pair), the system
//                       location for the rest
//   root                /etc/pki/CA/cacert.pem, /etc/pki/CA/cacrl.pem,
//                       /etc/pki/libvirt/clientcert.pem,
//                       /etc/pki/libvirt/private/clientkey.pem
#pragma once

#include <string>

namespace vireo::rpc {

struct TlsFiles {
  std::string caCert;  // must exist
  std::string caCrl;   // optional: skipped when missing
  std::string cert;    // optional for a client, with its key
  std::string key;
};

// The files for `pkipath` (empty: not given). `userDir` is the per-user
// directory to try first (empty for root, who never looks there).
TlsFiles locateClientTlsFiles(const std::string& pkipath, const std::string& userDir);

// "$HOME/.pki/libvirt" for a process whose effective uid is not 0, else "".
std::string userTlsDirectory();

}  // namespace vireo::rpc
