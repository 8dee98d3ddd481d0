"""Certificates for a TLS test daemon, made with GnuTLS's certtool.

make(DIR, NAMES) writes into DIR:
  cacert.pem, cakey.pem            the test CA
  servercert.pem, serverkey.pem    the daemon's certificate, for NAMES (IP
                                   addresses and DNS names)
and one directory per client set, each usable as pkipath=:
  client/           cacert.pem, clientcert.pem, clientkey.pem: all good
  wrong-ca/         the good client certificate, but the cacert.pem of
                    another CA, which did not sign the daemon's certificate
  no-client-cert/   cacert.pem only
  no-ca/            clientcert.pem and clientkey.pem, no cacert.pem
  crl-empty/        the good set with a CRL that revokes nothing
  crl-revoked/      the good set with a CRL that revokes the daemon's certificate
and returns the lines of libvirtd.conf that serve TLS with them.
"""
import ipaddress
import os
import shutil
import subprocess

CA_TEMPLATE = """cn = vireo test CA {which}
ca
cert_signing_key
expiration_days = 2
"""

SERVER_TEMPLATE = """organization = vireo tests
cn = {cn}
{names}
tls_www_server
encryption_key
signing_key
expiration_days = 2
"""

CRL_TEMPLATE = """crl_next_update = 2
crl_number = {number}
"""

CLIENT_TEMPLATE = """country = GB
organization = vireo tests
cn = vireo test client
tls_www_client
encryption_key
signing_key
expiration_days = 2
"""


def _certtool(*args):
    subprocess.run(["certtool", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _key(path):
    _certtool("--generate-privkey", "--key-type=rsa", "--bits=2048", "--outfile", path)


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _self_signed_ca(d, which):
    _key(os.path.join(d, f"cakey{which}.pem"))
    _write(os.path.join(d, f"ca{which}.info"), CA_TEMPLATE.format(which=which or "1"))
    _certtool("--generate-self-signed", "--load-privkey", os.path.join(d, f"cakey{which}.pem"),
              "--template", os.path.join(d, f"ca{which}.info"),
              "--outfile", os.path.join(d, f"cacert{which}.pem"))


def _signed(d, name, template):
    _key(os.path.join(d, f"{name}key.pem"))
    _write(os.path.join(d, f"{name}.info"), template)
    _certtool("--generate-certificate", "--load-privkey", os.path.join(d, f"{name}key.pem"),
              "--load-ca-certificate", os.path.join(d, "cacert.pem"),
              "--load-ca-privkey", os.path.join(d, "cakey.pem"),
              "--template", os.path.join(d, f"{name}.info"), "--outfile", os.path.join(d, f"{name}cert.pem"))


def _crl(d, name, number, revoked):
    _write(os.path.join(d, f"{name}.info"), CRL_TEMPLATE.format(number=number))
    certs = ["--load-certificate", os.path.join(d, revoked)] if revoked else []
    _certtool("--generate-crl", "--load-ca-privkey", os.path.join(d, "cakey.pem"),
              "--load-ca-certificate", os.path.join(d, "cacert.pem"), *certs,
              "--template", os.path.join(d, f"{name}.info"), "--outfile", os.path.join(d, f"{name}.pem"))


def _is_ip(name):
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def _client_set(d, sub, files):
    target = os.path.join(d, sub)
    os.makedirs(target)
    for source, dest in files:
        shutil.copy(os.path.join(d, source), os.path.join(target, dest))


def make(d, names):
    os.makedirs(d)
    _self_signed_ca(d, "")
    _self_signed_ca(d, "-other")
    san = "\n".join(("ip_address = " if _is_ip(n) else "dns_name = ") + n for n in names)
    _signed(d, "server", SERVER_TEMPLATE.format(cn=names[0], names=san))
    _signed(d, "client", CLIENT_TEMPLATE)
    client_files = [("clientcert.pem", "clientcert.pem"), ("clientkey.pem", "clientkey.pem")]
    _client_set(d, "client", [("cacert.pem", "cacert.pem")] + client_files)
    _client_set(d, "wrong-ca", [("cacert-other.pem", "cacert.pem")] + client_files)
    _client_set(d, "no-client-cert", [("cacert.pem", "cacert.pem")])
    _client_set(d, "no-ca", client_files)
    _crl(d, "crl-empty", 1, None)
    _crl(d, "crl-revoked", 2, "servercert.pem")
    for crl in ("crl-empty", "crl-revoked"):
        _client_set(d, crl, [("cacert.pem", "cacert.pem"), (f"{crl}.pem", "cacrl.pem")] + client_files)
    return f"""listen_tls = 1
auth_tls = "none"
tls_no_verify_certificate = 0
ca_file = "{d}/cacert.pem"
cert_file = "{d}/servercert.pem"
key_file = "{d}/serverkey.pem"
"""
