#!/usr/bin/env python3
"""A real QEMU domain on the daemon's qemu:///session.

Run inside tests/remote/with_libvirtd.py. Runs the test program with
VIREO_QEMU_TEST=1, then ends what the daemon started that outlives it
(QEMU processes and virtlogd, whose pid files are in the daemon's state
directory beside VIREO_LIBVIRTD_SOCK), so that a test that killed the
daemon leaves nothing behind.

usage: qemu_test.py PROGRAM [ARG...]
Exit 77 (skipped) without qemu-system-x86_64, unless CI=true.
"""
import glob
import os
import shutil
import signal
import subprocess
import sys

from skip_or_fail import skip_or_fail


def end_leftovers(state):
    run = os.path.join(state, "run", "libvirt")
    pidfiles = [p for p in glob.glob(os.path.join(run, "qemu", "run", "*.pid"))
                if os.path.basename(p) != "driver.pid"]  # driver.pid is the daemon's own
    pidfiles.append(os.path.join(run, "virtlogd.pid"))
    for path in pidfiles:
        try:
            with open(path) as f:
                os.kill(int(f.read().strip()), signal.SIGKILL)
        except (OSError, ValueError):
            pass  # already gone


def main(argv):
    if len(argv) < 2 or "VIREO_LIBVIRTD_SOCK" not in os.environ:
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("qemu-system-x86_64"):
        return skip_or_fail("qemu-system-x86_64 is not installed (Debian package qemu-system-x86)")
    try:
        return subprocess.run(argv[1:], env=dict(os.environ, VIREO_QEMU_TEST="1")).returncode
    finally:
        end_leftovers(os.path.dirname(os.environ["VIREO_LIBVIRTD_SOCK"]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
