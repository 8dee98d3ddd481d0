#!/usr/bin/env python3
"""The same lock-protocol scenario against Debian's virtlockd and vireo-lockd,
through a client written from the wire format alone (lockd_wire.py).

Every reply (success, or code/domain/message) is recorded and the two
transcripts must be equal; on top, each daemon must pass the behaviour
checks: leases seen from a third process with F_GETLK (holder = the
daemon's pid), autocreated files 0600 and unlinked on release, owner death
(leases released, the owner killed with SIGTERM), SIGUSR1 re-exec with
leases and connections kept (same holder pid before and after), garbage
that does not disturb another client.

Usage: lockd_scenario_test.py VIREO_LOCKD [LOCKD_CLIENT_CHECK]
With LOCKD_CLIENT_CHECK, vireo's own client (lib/lock) is run against each
daemon as well.
virtlockd runs as root in a private mount namespace whose /run is a
temporary directory, so it touches nothing of the host. Skips (77) without
root or virtlockd, except under CI=true, where that is a failure.
"""
import fcntl
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lockd_wire as w  # noqa: E402

UUID = bytes(range(16))


def skip(reason):
    if os.environ.get("CI") == "true":
        print(f"FAIL (CI=true): {reason}")
        sys.exit(1)
    print(f"SKIP: {reason}")
    sys.exit(77)


def holder(path):
    """F_GETLK on byte 0 from this process: the holder's pid, 0 if free, None if no file."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return None
    try:
        req = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 1, 0)
        got = fcntl.fcntl(fd, fcntl.F_GETLK, req)
        l_type, _, _, _, l_pid = struct.unpack("hhqqi4x", got)
        return 0 if l_type == fcntl.F_UNLCK else l_pid
    finally:
        os.close(fd)


def wait_socket(path, proc, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"daemon exited with {proc.returncode}")
        if os.path.exists(path):
            try:
                c = w.Conn(path)
                c.close()
                return
            except OSError:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"no socket at {path}")


class Daemon:
    def __init__(self, kind, binary):
        self.kind = kind
        self.dir = tempfile.mkdtemp(prefix=f"lockd-{kind}-")
        self.work = os.path.join(self.dir, "work")
        os.mkdir(self.work)
        if kind == "virtlockd":
            run = os.path.join(self.dir, "run")
            os.mkdir(run)
            self.socket = os.path.join(run, "libvirt", "virtlockd-sock")
            # unshare execs sh which execs virtlockd: the pid is the daemon's.
            cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c",
                   f"mount --bind '{run}' /run && exec {binary}"]
        else:
            self.socket = os.path.join(self.dir, "lockd.sock")
            cmd = [binary, "--socket", self.socket]
        self.log = open(os.path.join(self.dir, "log"), "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log)
        wait_socket(self.socket, self.proc)
        self.pid = self.proc.pid

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.exit_status = self.proc.returncode
        self.socket_left = os.path.exists(self.socket)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def scenario(d, checks):
    """Runs the scenario on daemon d; returns the transcript. `checks`
    collects behaviour failures."""
    out = []
    D = d.work

    def rec(step, result):
        if isinstance(result, tuple):
            result = (result[0], result[1], result[2].replace(D, "<D>") if result[2] else None)
        out.append((step, result))

    def check(cond, what):
        if not cond:
            checks.append(f"{d.kind}: {what}")

    ls = D + "/ls"
    c1 = w.Conn(d.socket)
    rec("acquire before register", c1.acquire("", D + "/x"))
    rec("restrict before register", c1.restrict())
    rec("create lockspace", c1.create_lockspace(ls))
    rec("create lockspace again", c1.create_lockspace(ls))
    rec("register id 0", c1.register(UUID, "vm", 0, 999001))
    rec("register flags", w.Conn(d.socket).register(UUID, "vm", 1, 999001, flags=8))
    rec("register", c1.register(UUID, "vm", 1, 999001))
    rec("new default", c1.new(""))
    rec("new existing", c1.new(ls))
    rec("new", c1.new(D + "/ls2"))
    rec("unknown lockspace", c1.acquire(D + "/nope", "a"))
    rec("acquire bad flags", c1.acquire(ls, "a", 4))
    rec("acquire missing file", c1.acquire("", D + "/missing"))
    rec("acquire autocreate", c1.acquire(ls, "a", w.AUTOCREATE))
    st = os.stat(ls + "/a")
    check(st.st_mode & 0o7777 == 0o600, f"autocreated mode {oct(st.st_mode)}")
    check(holder(ls + "/a") == d.pid, f"holder of ls/a is {holder(ls + '/a')}, not {d.pid}")
    c2 = w.Conn(d.socket)
    rec("c2 register", c2.register(UUID, "vm2", 2, 999002))
    rec("c2 conflict", c2.acquire(ls, "a", w.AUTOCREATE))
    rec("c2 release foreign", c2.release(ls, "a"))
    rec("release flags", c1.release(ls, "a", w.AUTOCREATE))
    rec("release", c1.release(ls, "a"))
    check(not os.path.exists(ls + "/a"), "autocreated file not unlinked on release")
    rec("release again", c1.release(ls, "a"))
    rec("shared 1", c1.acquire(ls, "s", w.SHARED | w.AUTOCREATE))
    rec("shared 2", c2.acquire(ls, "s", w.SHARED | w.AUTOCREATE))
    rec("exclusive on shared", c2.acquire(ls, "s", w.AUTOCREATE))
    rec("create busy resource", c1.create_resource(ls, "s"))
    rec("delete busy resource", c1.delete_resource(ls, "s"))
    rec("create resource", c1.create_resource(ls, "r"))
    check(os.stat(ls + "/r").st_mode & 0o7777 == 0o600, "created resource mode")
    rec("delete resource", c1.delete_resource(ls, "r"))
    rec("delete missing resource", c1.delete_resource(ls, "r"))
    rec("shared release 1", c1.release(ls, "s"))
    rec("shared release 2", c2.release(ls, "s"))
    check(not os.path.exists(ls + "/s"), "shared autocreated file not unlinked")
    image = D + "/image"
    open(image, "w").close()
    rec("direct lease", c1.acquire("", image))
    check(holder(image) == d.pid, "direct lease holder")
    rec("direct conflict", c2.acquire("", image, w.SHARED))
    rec("unknown procedure", c1.call(99))

    c3 = w.Conn(d.socket)
    rec("c3 register", c3.register(UUID, "vm3", 3, 999003))
    rec("restrict", c3.restrict())
    rec("restricted register", c3.register(UUID, "vm3", 3, 999003))
    rec("restricted create lockspace", c3.create_lockspace(D + "/ls3"))
    rec("restricted acquire", c3.acquire(ls, "z", w.AUTOCREATE))

    # Garbage from another client: a payload that does not decode gets an
    # error; a length of 3 or 2^31 closes that client only.
    c4 = w.Conn(d.socket)
    rec("truncated string", c4.call(w.ACQUIRE, w.xdr_u32(100) + b"ab"))
    rec("huge string", c4.call(w.ACQUIRE, w.xdr_u32(0xFFFFFFF0) + b"abcd"))
    for bad in (struct.pack(">I", 3), struct.pack(">I", 1 << 31) + b"x" * 64):
        g = w.Conn(d.socket)
        g.send_raw(bad)
        g.sock.settimeout(5)
        try:
            closed = g.sock.recv(1) == b""
        except ConnectionResetError:  # closed with our extra bytes unread
            closed = True
        except OSError:
            closed = False
        check(closed, f"garbage {bad[:4].hex()} did not close the connection")
        g.close()
    check(holder(image) == d.pid, "garbage disturbed another client's lease")
    rec("c1 still served", c1.create_lockspace(ls))

    # Owner death: a process registers itself, takes leases and closes its
    # connection while still alive; the daemon must release them and kill it.
    image2 = D + "/image2"
    open(image2, "w").close()
    r, wr = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(r)
        try:
            c = w.Conn(d.socket)
            res = [c.register(UUID, "dying", 9, os.getpid()), c.acquire("", image2),
                   c.acquire(ls, "dead", w.AUTOCREATE)]
            os.write(wr, repr(res).encode())
            os.close(wr)
            c.close()
            time.sleep(30)
        finally:
            os._exit(3)
    os.close(wr)
    rec("owner leases", os.read(r, 1000).decode())
    os.close(r)
    _, status = os.waitpid(child, 0)
    rec("owner killed by", os.WTERMSIG(status) if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}")
    check(holder(image2) == 0, f"dead owner's lease still held by {holder(image2)}")
    check(not os.path.exists(ls + "/dead"), "dead owner's autocreated lease not removed")

    # Re-exec with a lease held: same holder pid before and after, the old
    # connection still works. virtlockd 9.0 cannot re-exec while a client
    # that never registered is connected (it fails to save a null
    # ownerName, exits, and every lease is lost), so that one goes first.
    c4.close()
    # vireo-lockd has no such limit: an unregistered connection stays
    # through its re-exec (not part of the compared transcript).
    unreg = w.Conn(d.socket) if d.kind == "vireo-lockd" else None
    before = holder(image)
    os.kill(d.pid, signal.SIGUSR1)
    time.sleep(0.3)
    # virtlockd refuses connections for a moment while its new image starts.
    for _ in range(50):
        try:
            c5 = w.Conn(d.socket)
            break
        except ConnectionRefusedError:
            time.sleep(0.1)
    rec("after re-exec: new connection", c5.create_lockspace(ls))
    after = holder(image)
    check(before == d.pid and after == d.pid, f"holder across re-exec: {before} -> {after} (daemon {d.pid})")
    check(d.proc.poll() is None, "daemon exited on SIGUSR1")
    rec("after re-exec: old connection conflict", c2.acquire("", image))
    rec("after re-exec: old connection release", c1.release("", image))
    check(holder(image) == 0, "lease still held after release")
    if unreg:
        check(unreg.create_lockspace(ls) is None, "unregistered connection lost across re-exec")
        unreg.close()
    for c in (c1, c2, c3, c5):
        c.close()
    return out


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__)
        return 2
    vireo = os.path.abspath(sys.argv[1])
    client_check = sys.argv[2] if len(sys.argv) == 3 else None
    virtlockd = shutil.which("virtlockd") or ("/usr/sbin/virtlockd" if os.path.exists("/usr/sbin/virtlockd") else None)
    if os.geteuid() != 0:
        skip("needs root (virtlockd runs privileged in a private mount namespace)")
    if not virtlockd:
        skip("virtlockd is not installed (Debian package libvirt-daemon)")
    checks = []
    transcripts = {}
    for kind, binary in (("virtlockd", virtlockd), ("vireo-lockd", vireo)):
        d = Daemon(kind, binary)
        try:
            if client_check:
                r = subprocess.run([client_check, d.socket, d.work, str(d.pid)],
                                   capture_output=True, text=True, timeout=60)
                print(f"vireo client vs {kind}: {r.stdout.strip()}")
                if r.returncode != 0:
                    checks.append(f"{kind}: vireo's client check failed: {r.stdout}{r.stderr}")
            transcripts[kind] = scenario(d, checks)
        finally:
            d.stop()
        if kind == "vireo-lockd" and (d.exit_status != 0 or d.socket_left):
            checks.append(f"vireo-lockd: SIGTERM gave exit status {d.exit_status}, "
                          f"socket file {'left behind' if d.socket_left else 'removed'}")
    ok = True
    a, b = transcripts["virtlockd"], transcripts["vireo-lockd"]
    for (step, ra), (_, rb) in zip(a, b):
        mark = "ok  " if ra == rb else "DIFF"
        if ra != rb:
            ok = False
        print(f"{mark} {step}: virtlockd={ra!r} vireo-lockd={rb!r}")
    if len(a) != len(b):
        ok = False
        print(f"DIFF transcript lengths {len(a)} vs {len(b)}")
    for c in checks:
        ok = False
        print(f"FAIL {c}")
    print("PASS" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
