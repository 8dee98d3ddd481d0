#!/usr/bin/env python3
"""Runs a command beside a private libvirtd: Debian's daemon, started for the
test on loopback, unprivileged (as nobody when we are root), auth none, its
state in a temporary directory that is removed afterwards.

The listening sockets are made here and handed over by socket activation
(LISTEN_FDS, as systemd does), so there is no race for a free port and no
wait for the daemon to be ready: a client that connects before the daemon
accepts just waits in the backlog.

The command gets in its environment
  VIREO_LIBVIRTD_TCP   127.0.0.1:PORT
  VIREO_LIBVIRTD_SOCK  the daemon's UNIX socket
and its exit status is this script's. Exit 77 (skipped) when libvirtd is
not installed, unless CI=true, where that is a failure.

With --sasl, the TCP and read-write UNIX sockets ask for SASL instead:
Cyrus SASL's configuration for the daemon's service "libvirt" (mechanisms
scram-sha-256 and digest-md5, a sasldb in the temporary directory, found
through SASL_CONF_PATH) and one user made with saslpasswd2, whose name and
password the command gets as VIREO_SASL_USER and VIREO_SASL_PASSWORD.
Skipped (or failed under CI=true) without saslpasswd2 (package sasl2-bin).


With --tls the daemon also listens for TLS (tls_pki.py makes its certificates
with certtool, for 127.0.0.1 and localhost, or for NAME alone with
--tls=NAME), and the command gets
  VIREO_LIBVIRTD_TLS   127.0.0.1:PORT
  VIREO_LIBVIRTD_PKI   the directory of tls_pki.py's client sets

With --as-peer, run inside another with_libvirtd.py, the second daemon
claims its own host UUID (libvirt refuses a migration between daemons of
one host), and the command gets the first daemon's addresses as
  VIREO_PEER_TCP, VIREO_PEER_SOCK
beside its own VIREO_LIBVIRTD_*: two hosts for a migration test.

usage: with_libvirtd.py [--as-peer] [--sasl] [--tls[=NAME]] COMMAND [ARG...]
"""
import fcntl
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

from skip_or_fail import skip_or_fail
import tls_pki

LIBVIRTD = "/usr/sbin/libvirtd"
CONFIG = """listen_tls = 0
listen_tcp = 1
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
unix_sock_rw_perms = "0777"
"""

SASLPASSWD2 = "/usr/sbin/saslpasswd2"
SASL_USER = "vireo"
SASL_PASSWORD = "s3cret-pass"
SASL_MECHS = "scram-sha-256 digest-md5"


def sasl_config():
    return (CONFIG.replace('auth_tcp = "none"', 'auth_tcp = "sasl"')
            .replace('auth_unix_rw = "none"', 'auth_unix_rw = "sasl"'))


def set_up_sasl(state):
    """Writes the daemon's SASL configuration and user database into
    `state`; returns the directory that SASL_CONF_PATH must name."""
    sasl_dir = os.path.join(state, "sasl2")
    os.makedirs(sasl_dir)
    db = os.path.join(sasl_dir, "passwd.db")
    with open(os.path.join(sasl_dir, "libvirt.conf"), "w") as f:
        f.write(f"mech_list: {SASL_MECHS}\nsasldb_path: {db}\n")
    subprocess.run([SASLPASSWD2, "-a", "libvirt", "-f", db, "-c", "-p", SASL_USER],
                   input=SASL_PASSWORD.encode(), check=True)
    return sasl_dir


# The host UUID a daemon started with --as-peer claims.
PEER_HOST_UUID = "5b1c7e4e-9a1f-4c43-8f4e-0d4b1f3a2c11"


def main(argv):
    peer = {}
    if len(argv) > 1 and argv[1] == "--as-peer":
        argv = argv[:1] + argv[2:]
        if "VIREO_LIBVIRTD_TCP" not in os.environ:
            print("--as-peer: not inside another with_libvirtd.py", file=sys.stderr)
            return 2
        peer = {"VIREO_PEER_TCP": os.environ["VIREO_LIBVIRTD_TCP"],
                "VIREO_PEER_SOCK": os.environ["VIREO_LIBVIRTD_SOCK"]}
    sasl = len(argv) > 1 and argv[1] == "--sasl"
    if sasl:
        argv = argv[:1] + argv[2:]
    tls_names = None
    if len(argv) > 1 and (argv[1] == "--tls" or argv[1].startswith("--tls=")):
        tls_names = [argv[1][6:]] if argv[1].startswith("--tls=") else ["127.0.0.1", "localhost"]
        argv = argv[:1] + argv[2:]
        if not shutil.which("certtool"):
            return skip_or_fail("certtool is not installed (Debian package gnutls-bin)")
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    if not os.access(LIBVIRTD, os.X_OK):
        return skip_or_fail(f"{LIBVIRTD} is not installed (Debian package libvirt-daemon)")
    if sasl and not os.access(SASLPASSWD2, os.X_OK):
        return skip_or_fail(f"{SASLPASSWD2} is not installed (Debian package sasl2-bin)")

    state = tempfile.mkdtemp(prefix="vireo-libvirtd-")
    os.chmod(state, 0o755)
    daemon = None
    try:
        for sub in ("cfg/libvirt", "home", "run", "cache"):
            os.makedirs(os.path.join(state, sub))
        conf = os.path.join(state, "cfg/libvirt/libvirtd.conf")
        with open(conf, "w") as f:
            f.write(sasl_config() if sasl else CONFIG)
            if peer:
                f.write(f'host_uuid = "{PEER_HOST_UUID}"\n')
            if tls_names:
                pki = os.path.join(state, "pki")
                f.write(tls_pki.make(pki, tls_names))
        sasl_dir = set_up_sasl(state) if sasl else None

        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.bind(("127.0.0.1", 0))
        tcp.listen(64)
        port = tcp.getsockname()[1]
        sock_path = os.path.join(state, "libvirt-sock")
        unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        unix.bind(sock_path)
        os.chmod(sock_path, 0o777)
        unix.listen(64)

        run_as = []
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for root, dirs, files in os.walk(state):
                for name in dirs + files:
                    os.lchown(os.path.join(root, name), nobody.pw_uid, nobody.pw_gid)
            os.lchown(state, nobody.pw_uid, nobody.pw_gid)
            run_as = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]

        env = {
            "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": os.path.join(state, "home"),
            "XDG_RUNTIME_DIR": os.path.join(state, "run"),
            "XDG_CONFIG_HOME": os.path.join(state, "cfg"),
            "XDG_CACHE_HOME": os.path.join(state, "cache"),
            "LISTEN_FDS": "2",
            "LISTEN_FDNAMES": "libvirtd.socket:libvirtd-tcp.socket",
        }
        if sasl:
            # Cyrus SASL reads libvirt.conf from here (it honours the
            # variable in a process that is not setuid).
            env["SASL_CONF_PATH"] = sasl_dir
        # systemd's protocol: the fds start at 3 and LISTEN_PID is the
        # daemon's own pid, which only a shell that execs it can know.
        # Both are moved above 4 first, so that placing one cannot
        # overwrite the other.
        unix_fd = os.dup(unix.fileno()) if unix.fileno() > 4 else fcntl.fcntl(unix.fileno(), fcntl.F_DUPFD, 10)
        tcp_fd = os.dup(tcp.fileno()) if tcp.fileno() > 4 else fcntl.fcntl(tcp.fileno(), fcntl.F_DUPFD, 10)

        tls_fd = None
        if tls_names:
            tls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            tls.bind(("127.0.0.1", 0))
            tls.listen(64)
            tls_port = tls.getsockname()[1]
            tls_fd = fcntl.fcntl(tls.fileno(), fcntl.F_DUPFD, 10)
            tls.close()
            env["LISTEN_FDS"] = "3"
            env["LISTEN_FDNAMES"] += ":libvirtd-tls.socket"

        def place_fds():
            os.dup2(unix_fd, 3)
            os.dup2(tcp_fd, 4)
            if tls_fd is not None:
                os.dup2(tls_fd, 5)
        log = open(os.path.join(state, "libvirtd.log"), "w")
        passed_fds = (3, 4, 5) if tls_fd is not None else (3, 4)
        daemon = subprocess.Popen(
            run_as + ["sh", "-c", 'LISTEN_PID=$$ exec "$0" "$@"', LIBVIRTD, "-f", conf, "--timeout", "600"],
            env=env, pass_fds=passed_fds, preexec_fn=place_fds, stdout=log, stderr=subprocess.STDOUT)
        for fd in (unix_fd, tcp_fd):
            os.close(fd)
        if tls_fd is not None:
            os.close(tls_fd)
        tcp.close()
        unix.close()

        child_env = dict(os.environ, **peer)
        child_env["VIREO_LIBVIRTD_TCP"] = f"127.0.0.1:{port}"
        child_env["VIREO_LIBVIRTD_SOCK"] = sock_path
        child_env["VIREO_LIBVIRTD_PID"] = str(daemon.pid)
        if sasl:
            child_env["VIREO_SASL_USER"] = SASL_USER
            child_env["VIREO_SASL_PASSWORD"] = SASL_PASSWORD
        if tls_names:
            child_env["VIREO_LIBVIRTD_TLS"] = f"127.0.0.1:{tls_port}"
            child_env["VIREO_LIBVIRTD_PKI"] = pki
        result = subprocess.run(argv[1:], env=child_env)
        if daemon.poll() is not None and result.returncode != 0:
            with open(os.path.join(state, "libvirtd.log")) as f:
                sys.stderr.write("libvirtd's log:\n" + f.read())
        return result.returncode
    finally:
        if daemon and daemon.poll() is None:
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(timeout=10)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait()
        kill_leftovers(state)
        shutil.rmtree(state, ignore_errors=True)


def kill_leftovers(state):
    """Kills what the daemon started and left running: a QEMU of its session
    driver outlives libvirtd by design. Each has the state directory in its
    command line (its monitor socket, its log, its home)."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:
            continue
        if state.encode() in cmdline:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass


if __name__ == "__main__":
    sys.exit(main(sys.argv))
