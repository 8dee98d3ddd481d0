#!/usr/bin/env python3
"""The libssh transport against a real sshd on a loopback port.

Run inside tests/remote/with_libvirtd.py (it needs VIREO_LIBVIRTD_SOCK).
Listens on 127.0.0.1 with a port the kernel picks and runs `sshd -i` (inetd
mode) on each accepted connection, so no sshd service and no fixed port is
needed. Makes a host key, a second host key (for a known_hosts entry that
does not match) and two user keys (one authorized), then runs the test
program with
  VIREO_LIBSSH_BASE  test+libssh://root@127.0.0.1:PORT/default?socket=SOCK
  VIREO_LIBSSH_DIR   the directory with good_key, bad_key, known_hosts_wrong
The far side runs libvirt's netcat proxy (`nc -U SOCK`).

usage: libssh_test.py PROGRAM
Exit 77 (skipped) without sshd, ssh-keygen, nc or root, unless CI=true.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

from sshd_setup import SSHD, make_sshd_config, missing_prerequisite


def serve(listener, config, stop):
    """Accepts until `stop` is set; one sshd -i per connection."""
    children = []
    listener.settimeout(0.2)
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        children.append(subprocess.Popen([SSHD, "-i", "-f", config], stdin=conn, stdout=conn,
                                         stderr=subprocess.DEVNULL))
        conn.close()
    for c in children:
        try:
            c.wait(timeout=5)
        except subprocess.TimeoutExpired:
            c.kill()
            c.wait()


def main(argv):
    if len(argv) != 2 or "VIREO_LIBVIRTD_SOCK" not in os.environ:
        print(__doc__, file=sys.stderr)
        return 2
    refused = missing_prerequisite([("nc", "netcat-openbsd")])
    if refused is not None:
        return refused

    d = tempfile.mkdtemp(prefix="vireo-libssh-")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    stop = threading.Event()
    server = None
    try:
        config = make_sshd_config(d, ("host_key", "other_host_key", "good_key", "bad_key"), passwords=True)
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        port = listener.getsockname()[1]
        # A known_hosts line for this host and port with a key that is not the sshd's.
        with open(f"{d}/other_host_key.pub") as f:
            keytype, key = f.read().split()[:2]
        with open(f"{d}/known_hosts_wrong", "w") as f:
            f.write(f"[127.0.0.1]:{port} {keytype} {key}\n")
        server = threading.Thread(target=serve, args=(listener, config, stop))
        server.start()

        env = dict(os.environ)
        env["VIREO_LIBSSH_BASE"] = (f"test+libssh://root@127.0.0.1:{port}/default"
                                    f"?socket={os.environ['VIREO_LIBVIRTD_SOCK']}")
        env["VIREO_LIBSSH_DIR"] = d
        # Neither the user's ssh agent nor their ~/.ssh may take part.
        env.pop("SSH_AUTH_SOCK", None)
        env["HOME"] = d
        env["XDG_CONFIG_HOME"] = f"{d}/config"
        return subprocess.run([argv[1]], env=env).returncode
    finally:
        stop.set()
        if server:
            server.join()
        listener.close()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
