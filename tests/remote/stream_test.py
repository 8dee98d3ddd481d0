#!/usr/bin/env python3
"""Streams through the remote driver, compared with libvirt's own client.

Run inside tests/remote/with_libvirtd.py. Takes the screenshot of the
daemon's test:///default domain "test" with Debian's python3-libvirt (the
reference), then runs the test program with VIREO_REF_SCREENSHOT naming it.

usage: stream_test.py PROGRAM [ARG...]
Exit 77 (skipped) without python3-libvirt, unless CI=true.
"""
import os
import subprocess
import sys
import tempfile

from skip_or_fail import skip_or_fail

# Debian's python3 (the one python3-libvirt is installed for), not the first on PATH.
PYTHON = "/usr/bin/python3"
REFERENCE = """
import libvirt, os, sys
conn = libvirt.open("test+tcp://%s/default" % os.environ["VIREO_LIBVIRTD_TCP"])
st = conn.newStream(0)
conn.lookupByName("test").screenshot(st, 0, 0)
data = b""
while True:
    chunk = st.recv(65536)
    if not chunk:
        break
    data += chunk
st.finish()
open(sys.argv[1], "wb").write(data)
"""


def main(argv):
    if len(argv) < 2 or "VIREO_LIBVIRTD_TCP" not in os.environ:
        print(__doc__, file=sys.stderr)
        return 2
    if subprocess.run([PYTHON, "-c", "import libvirt"], capture_output=True,
                      env={"PATH": os.environ.get("PATH", "")}).returncode != 0:
        return skip_or_fail("python3-libvirt is not installed for /usr/bin/python3")
    with tempfile.TemporaryDirectory(prefix="vireo-stream-") as d:
        ref = os.path.join(d, "screenshot.png")
        # meson points LD_LIBRARY_PATH at vireo's libvirt.so.0: the reference is libvirt's.
        libvirt_env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
        subprocess.run([PYTHON, "-c", REFERENCE, ref], env=libvirt_env, check=True)
        env = dict(os.environ, VIREO_REF_SCREENSHOT=ref)
        return subprocess.run(argv[1:], env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
