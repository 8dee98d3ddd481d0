#!/usr/bin/env python3
"""The requests vireo's remote driver sends, byte for byte against libvirt's.

Run inside tests/remote/with_libvirtd.py. Runs wire_args.c built against
vireo and built against Debian's libvirt, each under strace, and compares
the remote program's CALL messages they write after the connection is set
up: procedure numbers and argument bytes must be the same, in the same
order (the serial numbers are left out).

usage: wire_args_test.py VIREO_PROGRAM LIBVIRT_PROGRAM
Exit 77 (skipped) without strace, unless CI=true.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from skip_or_fail import skip_or_fail

REMOTE_PROGRAM = bytes.fromhex("20008086")
# Opening the connection and finding the domain: the clients differ there
# (vireo asks other questions at open), and none of it is under test.
SETUP = {1, 2, 3, 4, 23, 60, 66, 110}
WRITE = re.compile(r'\b(?:write|sendto)\(\d+, "((?:\\x[0-9a-f]{2})+)"')


def calls(trace):
    """(procedure, argument bytes) of each remote CALL in an strace log."""
    found = []
    with open(trace) as f:
        for line in f:
            m = WRITE.search(line)
            if not m:
                continue
            packet = bytes.fromhex(m.group(1).replace("\\x", ""))
            # length, program, version, procedure, type (0: CALL), serial, status
            if len(packet) < 28 or packet[4:8] != REMOTE_PROGRAM or packet[16:20] != bytes(4):
                continue
            proc = int.from_bytes(packet[12:16], "big")
            if proc not in SETUP:
                found.append((proc, packet[28:].hex()))
    return found


def traced(program, directory, env):
    log = os.path.join(directory, os.path.basename(program) + ".strace")
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=write,sendto", "-xx", "-s", "65536", "-o", log, program],
                   check=True, env=env)
    return calls(log)


def reference_env():
    """The environment for libvirt's client: without the LD_LIBRARY_PATH that
    meson sets for the build's libraries, whose directory also holds vireo's
    libvirt.so.0 (the reference would load vireo)."""
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    return env


def resolved(program, library, env):
    """The directory `program` loads `library` from, or None."""
    out = subprocess.run(["ldd", program], env=env, capture_output=True, text=True).stdout
    m = re.search(re.escape(library) + r" => (\S+)", out)
    return os.path.dirname(os.path.realpath(m.group(1))) if m else None


def main(argv):
    if len(argv) != 3 or "VIREO_LIBVIRTD_TCP" not in os.environ:
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("strace"):
        return skip_or_fail("strace is not installed (Debian package strace)")
    reference = reference_env()
    ours_dir = resolved(argv[1], "libvireo.so.0", os.environ)
    theirs_dir = resolved(argv[2], "libvirt.so.0", reference)
    if not ours_dir or not theirs_dir or ours_dir == theirs_dir:
        print(f"FAIL: the programs load vireo from {ours_dir} and libvirt from {theirs_dir}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as directory:
        ours = traced(argv[1], directory, os.environ)
        theirs = traced(argv[2], directory, reference)
    if not theirs:
        print("FAIL: no remote calls seen from libvirt's client", file=sys.stderr)
        return 1
    failed = 0
    for i in range(max(len(ours), len(theirs))):
        a = ours[i] if i < len(ours) else None
        b = theirs[i] if i < len(theirs) else None
        if a != b:
            print(f"call {i}: vireo sent {a}, libvirt sent {b}", file=sys.stderr)
            failed += 1
    print(f"{len(theirs)} calls compared, {failed} differ", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
