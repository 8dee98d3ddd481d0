// Where the TLS client looks for its certificates (libvirt 9.0's rules), and
// the errors of a context whose files are missing. The handshake and the
// checks of the daemon's certificate run against a real libvirtd in
// tests/remote/test_remote_tls.c.
#include <catch2/catch.hpp>

#include "lib/rpc/tls_client.h"
#include "lib/rpc/tls_files.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "tests/support/temp_dir.h"

using namespace vireo;
using namespace vireo::rpc;

namespace {

void touch(const std::string& path) {
  writeFileAtomic(path, "x", 0600, VIR_FROM_RPC, FileDurability::ProcessCrash);
}

}  // namespace

TEST_CASE("TLS: pkipath= names the four files, whether they exist or not", "[rpc][tls]") {
  TlsFiles f = locateClientTlsFiles("/nowhere", "/home/u/.pki/libvirt");
  CHECK(f.caCert == "/nowhere/cacert.pem");
  CHECK(f.caCrl == "/nowhere/cacrl.pem");
  CHECK(f.cert == "/nowhere/clientcert.pem");
  CHECK(f.key == "/nowhere/clientkey.pem");
}

TEST_CASE("TLS: root uses the system locations only", "[rpc][tls]") {
  TlsFiles f = locateClientTlsFiles("", "");
  CHECK(f.caCert == "/etc/pki/CA/cacert.pem");
  CHECK(f.caCrl == "/etc/pki/CA/cacrl.pem");
  CHECK(f.cert == "/etc/pki/libvirt/clientcert.pem");
  CHECK(f.key == "/etc/pki/libvirt/private/clientkey.pem");
}

TEST_CASE("TLS: a user's files win one by one, the certificate and key only as a pair", "[rpc][tls]") {
  test::TempDir dir("vireo-tls-files");
  touch(dir.sub("cacert.pem"));
  touch(dir.sub("clientcert.pem"));  // no key beside it

  TlsFiles f = locateClientTlsFiles("", dir.path);
  CHECK(f.caCert == dir.sub("cacert.pem"));
  CHECK(f.caCrl == "/etc/pki/CA/cacrl.pem");
  CHECK(f.cert == "/etc/pki/libvirt/clientcert.pem");
  CHECK(f.key == "/etc/pki/libvirt/private/clientkey.pem");

  touch(dir.sub("clientkey.pem"));
  touch(dir.sub("cacrl.pem"));
  f = locateClientTlsFiles("", dir.path);
  CHECK(f.caCrl == dir.sub("cacrl.pem"));
  CHECK(f.cert == dir.sub("clientcert.pem"));
  CHECK(f.key == dir.sub("clientkey.pem"));
}

TEST_CASE("TLS: a missing CA certificate is refused before any connection, naming the file", "[rpc][tls]") {
  test::TempDir dir("vireo-tls-files");
  TlsClientOptions options;
  options.pkipath = dir.path;
  try {
    TlsClientContext context(options);
    FAIL("a context without a CA certificate was made");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.domain() == VIR_FROM_RPC);
    CHECK(e.message() ==
          "Cannot read CA certificate '" + dir.sub("cacert.pem") + "': No such file or directory");
  }
}

TEST_CASE("TLS: a CA file that holds no certificate fails the sanity check only", "[rpc][tls]") {
  test::TempDir dir("vireo-tls-files");
  touch(dir.sub("cacert.pem"));
  TlsClientOptions options;
  options.pkipath = dir.path;
  try {
    TlsClientContext context(options);
    FAIL("a context with a garbage CA certificate was made");
  } catch (const Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.domain() == VIR_FROM_RPC);
    CHECK(e.message() == "Unable to import CA certificate list " + dir.sub("cacert.pem"));
  }
  // As in libvirt, GnuTLS then loads no certificate without complaint: the
  // daemon's certificate will fail verification instead.
  options.sanityCheck = false;
  CHECK_NOTHROW(TlsClientContext(options));
}
