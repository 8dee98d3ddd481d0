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


def traced(program, directory):
    log = os.path.join(directory, os.path.basename(program) + ".strace")
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=write,sendto", "-xx", "-s", "65536", "-o", log, program],
                   check=True)
    return calls(log)


def main(argv):
    if len(argv) != 3 or "VIREO_LIBVIRTD_TCP" not in os.environ:
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("strace"):
        return skip_or_fail("strace is not installed (Debian package strace)")
    with tempfile.TemporaryDirectory() as directory:
        ours = traced(argv[1], directory)
        theirs = traced(argv[2], directory)
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
