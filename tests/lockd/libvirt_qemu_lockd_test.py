#!/usr/bin/env python3
"""Debian's libvirt 9.0 QEMU driver (embedded, lock_manager = "lockd") and
vireo's QEMU driver on one <lease>, through vireo-lockd.

Two copies of lease_domain.c run side by side, each holding one transient
domain (the test guest, read-only, plus <lease> LOCKSPACE/KEY in DIR):

  libvirt's  linked against Debian's libvirt.so.0: qemu:///embed?root=R runs
             libvirt's own QEMU driver and its lockd plugin (lockd.so), which
             connects, as root, to /run/libvirt/virtlockd-sock. It runs under
             `unshare -m` with a private directory bind-mounted on
             /run/libvirt whose virtlockd-sock is a symlink to vireo-lockd's
             socket: libvirt talks to vireo-lockd, the host's /run/libvirt is
             untouched.
  vireo's    linked against vireo: qemu:///embed?root=R2, whose driver finds
             (or starts: $VIREO_LOCKD_PATH) vireo-lockd on R2/run/lockd.sock.

Two layouts: "shared", one vireo-lockd serving both (R2/run/lockd.sock, the
daemon excludes the second owner itself), and "separate", a vireo-lockd of
libvirt's and one that vireo's driver starts for R2 (two daemons excluding
each other through fcntl locks on the lease file, as two hosts would).

libvirt's lockd plugin, for a <lease>, neither declares the lockspace
DIR/LOCKSPACE to the daemon (no CREATE_LOCKSPACE) nor lets it create the
file (no AUTOCREATE flag); vireo's driver does both. So, first (separate
layout, a daemon that has not heard of the lockspace), libvirt's start must
fail with virtlockd's answer, "internal error: Lockspace for path DIR/L
does not exist" (VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC). Then libvirt gets
what an administrator would give it: file_lockspace_dir = DIR/LOCKSPACE in
its qemu-lockd.conf (the plugin declares that lockspace when the driver
opens) and the lease file created beforehand.

In each layout: libvirt first, vireo refused (VIR_ERR_RESOURCE_BUSY, domain
VIR_FROM_LOCKSPACE, "resource busy: Lockspace resource 'K' is locked",
nothing left); libvirt destroys, vireo starts; libvirt refused with the
same code, domain and message, nothing left; vireo destroys, libvirt
starts. While a domain runs, F_GETLK on byte 0 of DIR/LOCKSPACE/KEY from
this process names the serving daemon. vireo's release must leave the
lease file in place, for libvirt's next start.

Usage: libvirt_qemu_lockd_test.py VIREO_LOCKD GUEST_IMAGE LEASE_DOMAIN_VIREO
                                  LEASE_DOMAIN_LIBVIRT|''
Skips (77) naming what is missing (root, QEMU, libvirt's QEMU driver, its
lockd plugin, the 'libvirt-qemu' account, the libvirt build of
lease_domain); under CI=true that is a failure. Whatever happens, every
QEMU, daemon and helper it started is killed (the mount dies with its
namespace).
"""
import fcntl
import grp
import os
import pwd
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

LIBVIRT_LIB = "/usr/lib/x86_64-linux-gnu/libvirt"
LOCKSPACE, KEY = "space", "disk-k"
BUSY, FROM_LOCKSPACE = 87, 51  # VIR_ERR_RESOURCE_BUSY, VIR_FROM_LOCKSPACE
BUSY_MESSAGE = f"resource busy: Lockspace resource '{KEY}' is locked"
QEMU_CONF = ('user = "root"\ngroup = "root"\n'
             'stdio_handler = "file"\n'  # no virtlogd runs
             'lock_manager = "lockd"\n')

failures = []
T0 = time.monotonic()


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def skip(reason):
    if os.environ.get("CI") == "true":
        print(f"FAIL (CI=true): {reason}")
        sys.exit(1)
    print(f"SKIP: {reason}")
    sys.exit(77)


def missing(lease_libvirt, image):
    if os.geteuid() != 0:
        return "needs root (libvirt's lockd plugin connects as root; mount namespace)"
    if not shutil.which("qemu-system-x86_64"):
        return "qemu-system-x86_64 is not installed"
    if not os.path.exists(image):
        return f"no guest image {image}"
    if not lease_libvirt:
        return "libvirt's development files were not found at build time (libvirt-dev)"
    if not os.path.exists(f"{LIBVIRT_LIB}/connection-driver/libvirt_driver_qemu.so"):
        return "libvirt's QEMU driver is not installed (libvirt-daemon-driver-qemu)"
    if not os.path.exists(f"{LIBVIRT_LIB}/lock-driver/lockd.so"):
        return "libvirt's lockd plugin is not installed (lockd.so, package libvirt-daemon)"
    try:
        pwd.getpwnam("libvirt-qemu")
        grp.getgrnam("libvirt-qemu")
    except KeyError:
        return "no 'libvirt-qemu' user/group (libvirt's QEMU driver will not start without them)"
    if not shutil.which("unshare"):
        return "unshare is not installed"
    return None


def holder(path):
    """F_GETLK on byte 0: the holder's pid, 0 if free, None if no file."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return None
    try:
        req = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 1, 0)
        l_type, _, _, _, l_pid = struct.unpack("hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, req))
        return 0 if l_type == fcntl.F_UNLCK else l_pid
    finally:
        os.close(fd)


def wait_free(path, timeout=3.0):
    end = time.time() + timeout
    while time.time() < end:
        if holder(path) in (0, None):
            return True
        time.sleep(0.02)
    return False


def wait_gone(root, timeout=5.0):
    """No QEMU whose command line mentions `root` (libvirt reaps QEMU
    after its start call has returned)."""
    end = time.time() + timeout
    while processes_mentioning(root + "/", "qemu-system"):
        if time.time() > end:
            return False
        time.sleep(0.05)
    return True


def processes_mentioning(text, program):
    """Pids whose command line names `program` and mentions `text`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if program in cmdline and text in cmdline:
            found.append(int(entry))
    return found


def read_pid(path):
    try:
        with open(path) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class Side:
    """One lease_domain process: a line in, a line out."""

    def __init__(self, label, argv, env):
        self.label = label
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)
        self.ready = self.reply()
        print(f"      {time.monotonic() - T0:5.1f}s {label}: {self.ready}", flush=True)

    def reply(self, timeout=60):
        """The next line, or "" when the program exited or hung (a hung
        one is killed: finish() and cleanup() then take its QEMU down)."""
        if not select.select([self.proc.stdout], [], [], timeout)[0]:
            print(f"      {self.label}: no answer in {timeout} s, killing it", flush=True)
            self.proc.kill()
            return ""
        return self.proc.stdout.readline().strip()

    def ask(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        reply = self.reply()
        print(f"      {time.monotonic() - T0:5.1f}s {self.label} {command}: {reply or '(no reply: exited)'}",
              flush=True)
        return reply

    def finish(self):
        """End of input: it destroys a running domain and exits 0."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


def parse_failure(reply):
    """"failed CODE DOMAIN MESSAGE" -> (code, domain, message), else None."""
    parts = reply.split(" ", 3)
    if len(parts) < 4 or parts[0] != "failed":
        return None
    try:
        return int(parts[1]), int(parts[2]), parts[3]
    except ValueError:
        return None


def start_daemon(vireo_lockd, sock, pid_file):
    # --daemon: the first process exits 0 once the socket listens.
    rc = subprocess.run([vireo_lockd, "--daemon", "--socket", sock, "--pid-file", pid_file],
                        stdin=subprocess.DEVNULL, timeout=20).returncode
    if rc != 0:
        raise RuntimeError(f"vireo-lockd --daemon exited with {rc}")
    pid = read_pid(pid_file)
    if not pid:
        raise RuntimeError(f"vireo-lockd wrote no pid to {pid_file}")
    return pid


def scenario(layout, base, args):
    vireo_lockd, image, lease_vireo, lease_libvirt = args
    top = os.path.join(base, layout)
    # One libvirt root for both layouts: libvirt probes QEMU's capabilities
    # once per root (seconds).
    r_libvirt, r_vireo = os.path.join(base, "libvirt"), os.path.join(top, "vireo")
    lease_dir = os.path.join(top, "leases")
    lockspace_dir = os.path.join(lease_dir, LOCKSPACE)
    lease_file = os.path.join(lockspace_dir, KEY)
    for root in (r_libvirt, r_vireo):
        os.makedirs(os.path.join(root, "etc"), exist_ok=True)
        os.makedirs(os.path.join(root, "run"), exist_ok=True)
        with open(os.path.join(root, "etc", "qemu.conf"), "w") as f:
            f.write(QEMU_CONF)
    libvirt_lockd_conf = os.path.join(r_libvirt, "etc", "qemu-lockd.conf")
    if os.path.exists(libvirt_lockd_conf):
        os.unlink(libvirt_lockd_conf)
    os.makedirs(lockspace_dir, mode=0o700)

    vireo_sock = os.path.join(r_vireo, "run", "lockd.sock")
    if layout == "shared":
        libvirt_daemon = start_daemon(vireo_lockd, vireo_sock, os.path.join(r_vireo, "run", "lockd.pid"))
        libvirt_sock = vireo_sock
    else:
        ddir = os.path.join(top, "lockd")
        libvirt_sock = os.path.join(ddir, "lockd.sock")
        libvirt_daemon = start_daemon(vireo_lockd, libvirt_sock, os.path.join(ddir, "lockd.pid"))

    # What libvirt's lockd plugin sees as /run/libvirt.
    private_run = os.path.join(top, "run-libvirt")
    os.makedirs(private_run)
    os.symlink(libvirt_sock, os.path.join(private_run, "virtlockd-sock"))

    env_libvirt = dict(os.environ)
    # (meson points LD_LIBRARY_PATH at the build tree, which may hold vireo's
    # own libvirt.so.0: libvirt's build must load Debian's.)
    env_libvirt.pop("LD_LIBRARY_PATH", None)
    libvirt_argv = ["unshare", "-m", "--propagation", "private", "sh", "-c",
                    'mount --bind "$0" /run/libvirt && exec "$@"', private_run,
                    lease_libvirt, r_libvirt, "lvguest", image, lease_dir, LOCKSPACE, KEY]
    sides = []
    try:
        if layout == "separate":
            # libvirt's plugin never declares a <lease>'s lockspace to the
            # daemon (no CREATE_LOCKSPACE) nor asks it to create the file
            # (no AUTOCREATE): on a daemon that has not heard of DIR/L the
            # start fails with virtlockd's answer.
            bare = Side("libvirt", libvirt_argv, env_libvirt)
            sides.append(bare)
            check(bare.ready.startswith("ready /usr/lib") or bare.ready.startswith("ready /lib"),
                  f"{layout}: libvirt's side runs Debian's libvirt ({bare.ready})")
            failure = parse_failure(bare.ask("start"))
            check(failure == (1, 7, f"internal error: Lockspace for path {lockspace_dir} does not exist"),
                  f"{layout}: libvirt without a declared lockspace: VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "
                  f"\"Lockspace for path ... does not exist\" ({failure})")
            check(wait_gone(r_libvirt), f"{layout}: no QEMU of libvirt left")
            check(bare.finish() == 0, f"{layout}: libvirt's first program exits 0")
            sides.remove(bare)
        # So libvirt needs what an administrator gives it: the lockspace
        # declared (file_lockspace_dir makes the plugin send CREATE_LOCKSPACE
        # when the driver opens; no writable disk uses it here) and the
        # lease file created beforehand.
        with open(libvirt_lockd_conf, "w") as f:
            f.write(f'file_lockspace_dir = "{lockspace_dir}"\n')
        os.close(os.open(lease_file, os.O_WRONLY | os.O_CREAT, 0o600))

        lv = Side("libvirt", libvirt_argv, env_libvirt)
        sides.append(lv)
        vr = Side("vireo", [lease_vireo, r_vireo, "vrguest", image, lease_dir, LOCKSPACE, KEY],
                  dict(os.environ, VIREO_LOCKD_PATH=vireo_lockd))
        sides.append(vr)
        if not (check(lv.ready.startswith("ready /usr/lib") or lv.ready.startswith("ready /lib"),
                      f"{layout}: libvirt's side runs Debian's libvirt")
                and check(vr.ready.startswith("ready ") and "/lib/x86_64-linux-gnu" not in vr.ready,
                          f"{layout}: vireo's side runs vireo")):
            return

        def vireo_daemon():
            return libvirt_daemon if layout == "shared" else read_pid(os.path.join(r_vireo, "run", "lockd.pid"))

        def check_refused(side, root, name, reply):
            failure = parse_failure(reply)
            check(failure is not None, f"{layout}: {side} start refused ({reply})")
            if failure:
                code, domain, message = failure
                check(code == BUSY, f"{layout}: {side}'s error code is VIR_ERR_RESOURCE_BUSY (got {code})")
                check(domain == FROM_LOCKSPACE, f"{layout}: {side}'s error domain is VIR_FROM_LOCKSPACE "
                                                f"(got {domain})")
                check(message == BUSY_MESSAGE, f"{layout}: {side}'s message is \"{BUSY_MESSAGE}\" "
                                               f"(got \"{message}\")")
            # Nothing left: no QEMU, no status file, no domain directory.
            check(wait_gone(root), f"{layout}: no QEMU of {side} left")
            check(not os.path.exists(os.path.join(root, "run", "qemu", name + ".xml")),
                  f"{layout}: no status file of {side} left")
            qlib = os.path.join(root, "lib", "qemu")
            left = [e for e in os.listdir(qlib) if e.endswith("-" + name)] if os.path.isdir(qlib) else []
            check(not left, f"{layout}: no domain directory of {side} left ({left})")

        # libvirt first: vireo refused.
        check(lv.ask("start") == "started", f"{layout}: libvirt's domain starts")
        check(holder(lease_file) == libvirt_daemon,
              f"{layout}: libvirt's daemon ({libvirt_daemon}) holds {KEY} (holder {holder(lease_file)})")
        check_refused("vireo", r_vireo, "vrguest", vr.ask("start"))
        check(holder(lease_file) == libvirt_daemon, f"{layout}: the lease is still libvirt's")
        check(lv.ask("destroy") == "destroyed", f"{layout}: libvirt's domain destroyed")
        check(wait_free(lease_file), f"{layout}: the lease is free after libvirt's destroy")

        # vireo first: libvirt refused.
        check(vr.ask("start") == "started", f"{layout}: vireo's domain starts after libvirt's destroy")
        ours = vireo_daemon()
        check(ours is not None and holder(lease_file) == ours,
              f"{layout}: vireo's daemon ({ours}) holds {KEY} (holder {holder(lease_file)})")
        if layout == "separate":
            check(ours != libvirt_daemon, f"{layout}: vireo's driver started a daemon of its own")
        check_refused("libvirt", r_libvirt, "lvguest", lv.ask("start"))
        check(holder(lease_file) == ours, f"{layout}: the lease is still vireo's")
        check(vr.ask("destroy") == "destroyed", f"{layout}: vireo's domain destroyed")
        check(wait_free(lease_file), f"{layout}: the lease is free after vireo's destroy")

        # vireo's release leaves the lease file in place: libvirt, whose
        # plugin never creates it, needs it (vireo used to acquire with
        # AUTOCREATE, which made the daemon unlink it).
        check(os.path.exists(lease_file), f"{layout}: {lease_file} is still there after vireo's release")
        check(lv.ask("start") == "started", f"{layout}: libvirt's domain starts after vireo's destroy")
        check(holder(lease_file) == libvirt_daemon, f"{layout}: libvirt's daemon holds {KEY} again")
        check(lv.ask("destroy") == "destroyed", f"{layout}: libvirt's domain destroyed")
        check(wait_free(lease_file), f"{layout}: the lease is free at the end")
    finally:
        for side in sides:
            check(side.finish() == 0, f"{layout}: {side.label}'s program exits 0")
        for pid_file in (os.path.join(r_vireo, "run", "lockd.pid"), os.path.join(top, "lockd", "lockd.pid")):
            pid = read_pid(pid_file)
            if pid:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        cleanup(base)


def cleanup(top):
    """Kills every QEMU, and every daemon left after a SIGTERM, started
    under `top` (SIGKILL; a leaked QEMU burns CPU)."""
    time.sleep(0.2)
    for pid in processes_mentioning(top + "/", "qemu-system") + processes_mentioning(top + "/", "vireo-lockd"):
        print(f"      killing leftover {pid}", flush=True)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    vireo_lockd, image, lease_vireo, lease_libvirt = sys.argv[1:]
    # meson's timeout sends SIGTERM: unwind through the finally blocks, which
    # stop every QEMU and daemon started here.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"killed by signal {signum}"))
    image = os.path.abspath(image)  # libvirt runs QEMU in "/"
    reason = missing(lease_libvirt, image)
    if reason:
        skip(reason)
    # The mount point of the private /run/libvirt; left as found.
    made_run_libvirt = not os.path.isdir("/run/libvirt")
    if made_run_libvirt:
        os.makedirs("/run/libvirt", mode=0o755)
    base = tempfile.mkdtemp(prefix="vireo-lvlock-")
    os.chmod(base, 0o755)
    try:
        for layout in ("separate", "shared"):
            scenario(layout, base, (vireo_lockd, image, lease_vireo, lease_libvirt))
    finally:
        cleanup(base)
        shutil.rmtree(base, ignore_errors=True)
        if made_run_libvirt:
            try:
                os.rmdir("/run/libvirt")
            except OSError:
                pass
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
