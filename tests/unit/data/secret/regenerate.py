#!/usr/bin/python3
# Regenerates the secret reference pairs from Debian's libvirt 9.0.
#
# Run with Debian's interpreter (/usr/bin/python3, which has python3-libvirt):
#   /usr/bin/python3 tests/unit/data/secret/regenerate.py
#
# libvirt's test driver has no secrets, so these come from libvirt's own
# secret driver run embedded in this process (secret:///embed?root=TMPDIR,
# needs the libvirt-daemon package's libvirt_driver_secret.so):
#   NAME.xml       input given to virSecretDefineXML
#   NAME.out.xml   virSecretGetXMLDesc of the defined secret
#   NAME.err       libvirt's refusal: "CODE DOMAIN" on the first line, the
#                  message on the following ones
# The cases are the CASES below; the script rewrites all of them. Each case
# runs in a child process of its own with a fresh root, because libvirt 9.0's
# embedded secret driver crashes in virSecretUndefine (and at close).
import os
import subprocess
import sys
import tempfile

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))
UUID = "<uuid>3c8b4b53-0a33-4c2a-9f6a-0b5d2f9f1a01</uuid>"


def secret(body, head=""):
    return f"<secret{head}>\n  {UUID}\n{body}</secret>\n"


CASES = {
    "volume": secret("  <description>disk passphrase</description>\n  <usage type='volume'>\n"
                     "    <volume>/var/lib/libvirt/images/enc.img</volume>\n  </usage>\n",
                     " ephemeral='no' private='yes'"),
    "ceph": secret("  <usage type='ceph'>\n    <name>client.admin secret</name>\n  </usage>\n"),
    "iscsi": secret("  <usage type='iscsi'>\n    <target>libvirtiscsi</target>\n  </usage>\n",
                    " ephemeral='no'"),
    "tls": secret("  <usage type='tls'>\n    <name>tls_example</name>\n  </usage>\n"),
    "vtpm": secret("  <description>vTPM state</description>\n  <usage type='vtpm'>\n"
                   "    <name>VTPM_example</name>\n  </usage>\n", " private='no' ephemeral='no'"),
    "no-usage": secret("  <description>a &lt;plain&gt; &amp; 'quoted' secret</description>\n"),
    # No case has ephemeral='yes': the embedded driver crashes on such a secret.
    "attrs-only": secret("", " private='yes'"),
    "order": "<secret>\n  <usage type='ceph'>\n    <name>n</name>\n  </usage>\n  <description>d</description>\n"
             "  " + UUID + "\n  <unknown/>\n</secret>\n",
    "empty-description": secret("  <description></description>\n"),
    "usage-none": secret("  <usage type='none'/>\n"),
    "usage-extra-children": secret("  <usage type='volume'>\n    <name>ignored</name>\n    <volume>/v</volume>\n"
                                   "  </usage>\n"),
    "err-ephemeral": secret("", " ephemeral='maybe'"),
    "err-private": secret("", " private='1'"),
    "err-uuid": "<secret>\n  <uuid>not-a-uuid</uuid>\n</secret>\n",
    "err-usage-type": secret("  <usage type='bogus'/>\n"),
    "err-usage-notype": secret("  <usage>\n    <volume>/x</volume>\n  </usage>\n"),
    "err-volume-nopath": secret("  <usage type='volume'/>\n"),
    "err-ceph-noname": secret("  <usage type='ceph'/>\n"),
    "err-iscsi-notarget": secret("  <usage type='iscsi'>\n    <name>x</name>\n  </usage>\n"),
    "err-tls-noname": secret("  <usage type='tls'/>\n"),
    "err-vtpm-noname": secret("  <usage type='vtpm'>\n    <name></name>\n  </usage>\n"),
    "err-root": "<pool/>\n",
    "err-malformed": "<secret>\n",
}


def define(name):
    """Child: defines case `name` and writes its .out.xml or .err file."""
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    libvirt.virEventRegisterDefaultImpl()
    with tempfile.TemporaryDirectory() as root:
        conn = libvirt.open(f"secret:///embed?root={root}")
        try:
            out, ext = conn.secretDefineXML(CASES[name]).XMLDesc(), "out.xml"
        except libvirt.libvirtError as e:
            out, ext = f"{e.get_error_code()} {e.get_error_domain()}\n{e.get_error_message()}\n", "err"
        with open(os.path.join(HERE, f"{name}.{ext}"), "w") as f:
            f.write(out)
    # Leave without closing the connection: libvirt 9.0's embedded secret
    # driver also crashes when it drops secrets at close.
    os._exit(0)


def main():
    if len(sys.argv) == 2:
        return define(sys.argv[1])
    for f in os.listdir(HERE):
        if f.endswith((".xml", ".err")):
            os.unlink(os.path.join(HERE, f))
    for name, xml in CASES.items():
        with open(os.path.join(HERE, f"{name}.xml"), "w") as f:
            f.write(xml)
        subprocess.run([sys.executable, os.path.abspath(__file__), name], check=True)


if __name__ == "__main__":
    sys.exit(main())
