#include "lib/rpc/tls_certs.h"

#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <vector>

#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/log.h"

namespace vireo::rpc::tls {
namespace {

// libvirt loads at most this many CA certificates from one file.
constexpr unsigned kMaxCaCerts = 16;
constexpr size_t kMaxPemBytes = 1 << 16;

[[noreturn]] void failCert(const std::string& message) { fail(VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC, message); }

std::string gnutlsText(int rc) { return gnutls_strerror(rc); }

Cert newCert() {
  gnutls_x509_crt_t c = nullptr;
  if (gnutls_x509_crt_init(&c) < 0) failCert("Unable to initialize certificate");
  return Cert(c);
}

// The three roles libvirt names in its messages. A session's peer is
// described with the session's own side, as libvirt does.
const char* roleName(bool isServer, bool isCA) { return isCA ? "CA" : isServer ? "server" : "client"; }

void checkTimes(gnutls_x509_crt_t cert, const std::string& file, bool isServer, bool isCA) {
  time_t now = ::time(nullptr);
  if (now == static_cast<time_t>(-1)) failSystem(VIR_FROM_RPC, errno, "cannot get current time");
  std::string what = std::string("The ") + roleName(isServer, isCA) + " certificate " + file;
  if (gnutls_x509_crt_get_expiration_time(cert) < now) failCert(what + " has expired");
  if (gnutls_x509_crt_get_activation_time(cert) > now) failCert(what + " is not yet active");
}

void checkBasicConstraints(gnutls_x509_crt_t cert, const std::string& file, bool isServer, bool isCA) {
  int status = gnutls_x509_crt_get_basic_constraints(cert, nullptr, nullptr, nullptr);
  VIREO_DEBUG(kLogModule, "Cert %s basic constraints %d", file.c_str(), status);
  std::string subject = "The certificate " + file;
  if (status > 0) {
    if (!isCA)
      failCert(subject + " basic constraints show a CA, but we need one for a " +
               (isServer ? "server" : "client"));
  } else if (status == 0) {
    if (isCA) failCert(subject + " basic constraints do not show a CA");
  } else if (status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
    if (isCA) failCert(subject + " is missing basic constraints for a CA");
  } else {
    failCert("Unable to query certificate " + file + " basic constraints " + gnutlsText(status));
  }
}

// A missing usage the certificate marks critical is an error; otherwise a
// warning, as in libvirt.
void requireUsage(bool present, bool critical, const std::string& message) {
  if (present) return;
  if (critical) failCert(message);
  VIREO_WARN(kLogModule, "%s", message.c_str());
}

void checkKeyUsage(gnutls_x509_crt_t cert, const std::string& file, bool isCA) {
  unsigned usage = 0;
  unsigned critical = 0;
  int status = gnutls_x509_crt_get_key_usage(cert, &usage, &critical);
  if (status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
    // No extension: any usage is allowed.
    usage = isCA ? GNUTLS_KEY_KEY_CERT_SIGN : GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT;
  } else if (status < 0) {
    failCert("Unable to query certificate " + file + " key usage " + gnutlsText(status));
  }
  std::string subject = "Certificate " + file + " usage does not permit ";
  if (isCA) {
    requireUsage(usage & GNUTLS_KEY_KEY_CERT_SIGN, critical, subject + "certificate signing");
  } else {
    requireUsage(usage & GNUTLS_KEY_DIGITAL_SIGNATURE, critical, subject + "digital signature");
    requireUsage(usage & GNUTLS_KEY_KEY_ENCIPHERMENT, critical, subject + "key encipherment");
  }
}

void checkKeyPurpose(gnutls_x509_crt_t cert, const std::string& file, bool isServer) {
  bool allowClient = false;
  bool allowServer = false;
  bool critical = false;
  for (unsigned i = 0;; i++) {
    char oid[256];
    size_t size = sizeof oid;
    unsigned purposeCritical = 0;
    int status = gnutls_x509_crt_get_key_purpose_oid(cert, i, oid, &size, &purposeCritical);
    if (status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
      // No purpose at all allows every purpose.
      if (i == 0) allowClient = allowServer = true;
      break;
    }
    if (status < 0) failCert("Unable to query certificate " + file + " key purpose " + gnutlsText(status));
    critical = critical || purposeCritical;
    std::string purpose(oid);
    if (purpose == GNUTLS_KP_TLS_WWW_SERVER) {
      allowServer = true;
    } else if (purpose == GNUTLS_KP_TLS_WWW_CLIENT) {
      allowClient = true;
    } else if (purpose != GNUTLS_KP_ANY) {
      // libvirt lets any other purpose serve both sides.
      allowClient = allowServer = true;
    }
  }
  std::string message = "Certificate " + file + " purpose does not allow use for with a TLS " +
                        (isServer ? "server" : "client");
  requireUsage(isServer ? allowServer : allowClient, critical, message);
}

void checkCert(gnutls_x509_crt_t cert, const std::string& file, bool isServer, bool isCA) {
  checkTimes(cert, file, isServer, isCA);
  checkBasicConstraints(cert, file, isServer, isCA);
  checkKeyUsage(cert, file, isCA);
  if (!isCA) checkKeyPurpose(cert, file, isServer);
}

// The reason libvirt gives for a failed verification, the most specific
// flag winning.
std::string verifyReason(unsigned status) {
  std::string reason = "Invalid certificate";
  if (status & GNUTLS_CERT_INVALID) reason = "The certificate is not trusted.";
  if (status & GNUTLS_CERT_SIGNER_NOT_FOUND) reason = "The certificate hasn't got a known issuer.";
  if (status & GNUTLS_CERT_REVOKED) reason = "The certificate has been revoked.";
  if (status & GNUTLS_CERT_INSECURE_ALGORITHM) reason = "The certificate uses an insecure algorithm";
  return reason;
}

gnutls_datum_t datumOf(std::string& pem) {
  return gnutls_datum_t{reinterpret_cast<unsigned char*>(pem.data()), static_cast<unsigned>(pem.size())};
}

Cert loadClientCert(const std::string& file) {
  std::string pem = readWholeFile(file, VIR_FROM_RPC, kMaxPemBytes);
  Cert cert = newCert();
  gnutls_datum_t data = datumOf(pem);
  if (gnutls_x509_crt_import(cert.get(), &data, GNUTLS_X509_FMT_PEM) < 0)
    failCert("Unable to import client certificate " + file);
  return cert;
}

std::vector<Cert> loadCaCerts(const std::string& file) {
  std::string pem = readWholeFile(file, VIR_FROM_RPC, kMaxPemBytes);
  gnutls_x509_crt_t raw[kMaxCaCerts];
  unsigned count = kMaxCaCerts;
  gnutls_datum_t data = datumOf(pem);
  if (gnutls_x509_crt_list_import(raw, &count, &data, GNUTLS_X509_FMT_PEM,
                                  GNUTLS_X509_CRT_LIST_IMPORT_FAIL_IF_EXCEED) < 0)
    failCert("Unable to import CA certificate list " + file);
  std::vector<Cert> certs;
  for (unsigned i = 0; i < count; i++) certs.emplace_back(raw[i]);
  return certs;
}

bool readable(const std::string& file) { return ::access(file.c_str(), R_OK) == 0; }

}  // namespace

void sanityCheckClientFiles(const std::string& caCertFile, const std::string& certFile) {
  Cert cert;
  std::vector<Cert> caCerts;
  // Unreadable files are skipped here; loading the credentials reports them.
  if (readable(certFile)) cert = loadClientCert(certFile);
  if (readable(caCertFile)) caCerts = loadCaCerts(caCertFile);
  if (cert) checkCert(cert.get(), certFile, false, false);
  for (const Cert& ca : caCerts) checkCert(ca.get(), caCertFile, false, true);
  if (!cert || caCerts.empty()) return;

  std::vector<gnutls_x509_crt_t> trusted;
  for (const Cert& ca : caCerts) trusted.push_back(ca.get());
  gnutls_x509_crt_t chain = cert.get();
  unsigned status = 0;
  auto trustedCount = static_cast<unsigned>(trusted.size());
  if (gnutls_x509_crt_list_verify(&chain, 1, trusted.data(), trustedCount, nullptr, 0, 0, &status) < 0)
    failCert("Unable to verify client certificate " + certFile + " against CA certificate " + caCertFile);
  if (status != 0)
    failCert("Our own certificate " + certFile + " failed validation against " + caCertFile + ": " +
             verifyReason(status));
}

void validateServerCertificate(gnutls_session_t session, const std::string& hostname) {
  unsigned status = 0;
  int rc = gnutls_certificate_verify_peers2(session, &status);
  if (rc < 0) failCert("Unable to verify TLS peer: " + gnutlsText(rc));
  if (status != 0) failCert("Certificate failed validation: " + verifyReason(status));
  if (gnutls_certificate_type_get(session) != GNUTLS_CRT_X509)
    failCert("Only x509 certificates are supported");
  unsigned count = 0;
  const gnutls_datum_t* peers = gnutls_certificate_get_peers(session, &count);
  if (!peers) failCert("The certificate has no peers");

  // libvirt names the session's certificates "[session]" and describes
  // them with the client's side in the date messages.
  const std::string name = "[session]";
  for (unsigned i = 0; i < count; i++) {
    Cert cert = newCert();
    if (gnutls_x509_crt_import(cert.get(), &peers[i], GNUTLS_X509_FMT_DER) < 0)
      failCert("Unable to load certificate");
    checkTimes(cert.get(), name, false, i > 0);
    if (i > 0) continue;
    char dn[256] = {};
    size_t dnSize = sizeof dn;
    rc = gnutls_x509_crt_get_dn(cert.get(), dn, &dnSize);
    if (rc != 0) failCert("Failed to get certificate " + name + " distinguished name: " + gnutlsText(rc));
    VIREO_DEBUG(kLogModule, "Peer DN is %s", dn);
    if (!gnutls_x509_crt_check_hostname(cert.get(), hostname.c_str()))
      fail(VIR_ERR_RPC, VIR_FROM_RPC,
           "Certificate " + name + " owner does not match the hostname " + hostname);
    // The peer is the server: its certificate must be a server's.
    checkBasicConstraints(cert.get(), name, true, false);
    checkKeyUsage(cert.get(), name, false);
    checkKeyPurpose(cert.get(), name, true);
  }
}

}  // namespace vireo::rpc::tls
