#!/usr/bin/env python3
"""The ssh transport against a real sshd, without a port.

Run inside tests/remote/with_libvirtd.py (it needs VIREO_LIBVIRTD_SOCK).
Makes a host key and two user keys (one authorized), an sshd_config, and a
wrapper that runs the real ssh client with ProxyCommand "sshd -i" (sshd in
inetd mode on the proxy's stdio), then runs the test program with
  VIREO_SSH_URI      test+ssh://root@localhost/default?command=WRAPPER&socket=SOCK&no_tty=1
  VIREO_SSH_BAD_URI  the same with the refused key
The remote side runs libvirt's netcat proxy (`nc -U SOCK`).

usage: ssh_test.py PROGRAM
Exit 77 (skipped) without sshd, ssh, nc or root, unless CI=true.
"""
import os
import shutil
import subprocess
import sys
import tempfile

from sshd_setup import SSHD, make_sshd_config, missing_prerequisite


def main(argv):
    if len(argv) != 2 or "VIREO_LIBVIRTD_SOCK" not in os.environ:
        print(__doc__, file=sys.stderr)
        return 2
    refused = missing_prerequisite([("ssh", "openssh-client"), ("nc", "netcat-openbsd")])
    if refused is not None:
        return refused

    d = tempfile.mkdtemp(prefix="vireo-ssh-")
    try:
        config = make_sshd_config(d, ("host_key", "good_key", "bad_key"))
        for which in ("good", "bad"):
            with open(f"{d}/ssh-{which}", "w") as f:
                f.write("#!/bin/sh\n"
                        f"exec ssh -F /dev/null -o 'ProxyCommand={SSHD} -i -f {config}' "
                        f"-o UserKnownHostsFile={d}/known_hosts -o StrictHostKeyChecking=no "
                        f"-o IdentitiesOnly=yes -i {d}/{which}_key \"$@\"\n")
            os.chmod(f"{d}/ssh-{which}", 0o755)
        sock = os.environ["VIREO_LIBVIRTD_SOCK"]
        env = dict(os.environ)
        for which, var in (("good", "VIREO_SSH_URI"), ("bad", "VIREO_SSH_BAD_URI")):
            env[var] = f"test+ssh://root@localhost/default?command={d}/ssh-{which}&socket={sock}&no_tty=1"
        return subprocess.run([argv[1]], env=env).returncode
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
