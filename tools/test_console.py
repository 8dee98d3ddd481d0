#!/usr/bin/python3
"""`vireo console` on a real terminal (a pty), against a running QEMU guest.

Debian's python3-libvirt (loading vireo's libvirt.so.0 through
LD_LIBRARY_PATH) starts the test guest in a scratch qemu:///embed root and
lets go of it; `vireo console` then runs on the slave of a pty, as if typed
at a terminal. Checked: the banner, the guest's output, the guest's echo of
what is typed, that Ctrl-] ends the session with status 0, and that the
terminal's settings are restored afterwards. Also: an unknown domain is an
error with status 1 and leaves the terminal as it was.

Usage: test_console.py VIREO GUEST_IMAGE
Skips (77) without qemu-system-x86_64 or the image, unless CI=true.
"""
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import termios
import time

try:
    import libvirt
except ImportError:
    libvirt = None

GUEST = """<domain type='qemu'>
  <name>tty</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='%s'/>
      <target dev='vda' bus='virtio'/>
      <readonly/>
    </disk>
    <serial type='pty'/>
    <console type='pty'/>
  </devices>
</domain>
"""

checks = 0
failures = 0


def check(ok, what):
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
        print("FAIL: " + what, file=sys.stderr)


def skip(why):
    if os.environ.get("CI") == "true":
        print("FAIL (CI=true): " + why, file=sys.stderr)
        sys.exit(1)
    print("SKIP: " + why)
    sys.exit(77)


def read_until(fd, needle, seconds, seen=b""):
    """Reads the pty master until `needle` appears; returns what was read."""
    deadline = time.time() + seconds
    while needle not in seen and time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the slave side is closed
                break
            if not chunk:
                break
            seen += chunk
    return seen


def run_on_pty(argv):
    """Starts argv with a new pty as its terminal; returns (process, master, slave)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    return proc, master, slave


def main():
    vireo, image = sys.argv[1], sys.argv[2]
    if libvirt is None:
        skip("python3-libvirt is not installed (run with /usr/bin/python3)")
    if not shutil.which("qemu-system-x86_64"):
        skip("qemu-system-x86_64 is not installed")
    if not os.path.exists(image):
        skip("the guest image %s is not built" % image)
    libvirt.registerErrorHandler(lambda *a: None, None)
    root = tempfile.mkdtemp(prefix="vireo-console-")
    uri = "qemu:///embed?root=" + root
    try:
        conn = libvirt.open(uri)
        conn.createXML(GUEST % image, 0)
        conn.close()  # QEMU runs on; the tool takes the domain over

        proc, master, slave = run_on_pty([vireo, "-c", uri, "console", "tty"])
        before = termios.tcgetattr(slave)
        seen = read_until(master, b"Escape character is ^] (Ctrl + ])", 10)
        check(b"Connected to domain 'tty'" in seen, "banner: %r" % seen)
        seen = read_until(master, b"vireo-guest:", 30)
        check(b"vireo-guest:" in seen, "guest output through the console")
        check(not (termios.tcgetattr(slave)[3] & termios.ECHO), "raw mode during the session")
        os.write(master, b"typed-123")
        seen = read_until(master, b"typed-123", 20)
        check(b"typed-123" in seen, "the guest's echo of typed input")
        os.write(master, b"\x1d")
        try:
            status = proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            status = None
        check(status == 0, "Ctrl-] ends the session with status 0 (got %r)" % status)
        check(termios.tcgetattr(slave) == before, "terminal settings restored")
        os.close(master)
        os.close(slave)

        proc, master, slave = run_on_pty([vireo, "-c", uri, "console", "nosuch"])
        before = termios.tcgetattr(slave)
        status = proc.wait(10)
        seen = read_until(master, b"nosuch", 2)
        check(status == 1, "unknown domain: status 1 (got %r)" % status)
        check(b"failed to get domain 'nosuch'" in seen, "unknown domain message: %r" % seen)
        check(termios.tcgetattr(slave) == before, "terminal untouched on error")
        os.close(master)
        os.close(slave)
    finally:
        try:
            conn = libvirt.open(uri)
            for dom in conn.listAllDomains():
                if dom.isActive():
                    dom.destroy()
            conn.close()
        except libvirt.libvirtError as e:
            print("cleanup: %s" % e, file=sys.stderr)
        shutil.rmtree(root, ignore_errors=True)
    print("console: %d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
