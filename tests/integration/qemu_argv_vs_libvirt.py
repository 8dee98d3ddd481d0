#!/usr/bin/env python3
"""qemu_argv_vs_libvirt: vireo's QEMU command lines against the real libvirt's.

Runs qemu-argv-dump built against libvirt, then the same program built
against vireo, on the same definitions, with the same root path
(qemu:///embed?root=ROOT, the root emptied in between: both drivers use the
same layout under it) and the same environment, and compares what
virConnectDomainXMLToNative("qemu-argv") returned, byte for byte.

Prints one line per case that differs, naming the first differing word,
then "N/M identical" (a case both drivers refuse with the same error, such
as a kvm domain on a host without /dev/kvm, is reported and left out of M).
Fails when N is below the committed floor (FLOOR file: one number), so that
a regression shows; raise the floor when you fix a difference.

Skips (exit 77), loudly, when libvirt's QEMU driver, its 'libvirt-qemu'
user or QEMU itself is missing, or when the libvirt build of the program
could not be made (no libvirt-dev); under CI=true each of these fails
instead, since .ci/install-deps provides them.

Usage: qemu_argv_vs_libvirt.py --libvirt BIN --vireo BIN --floor FILE
                               [--log FILE] XML-or-DIR...
"""

import argparse
import glob
import grp
import os
import pwd
import shlex
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# Where Debian, Fedora and a default source build put libvirt's QEMU driver.
QEMU_DRIVER_GLOBS = [
    "/usr/lib/*/libvirt/connection-driver/libvirt_driver_qemu.so",
    "/usr/lib64/libvirt/connection-driver/libvirt_driver_qemu.so",
    "/usr/lib/libvirt/connection-driver/libvirt_driver_qemu.so",
    "/usr/local/lib*/libvirt/connection-driver/libvirt_driver_qemu.so",
]


def require(condition, why):
    """Skips the whole test unless `condition`; under CI=true, fails."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        print(f"FAIL: {why} (required under CI=true: .ci/install-deps provides it)")
        sys.exit(1)
    print(f"SKIP: {why}")
    sys.exit(SKIP)


def user_exists(name):
    try:
        pwd.getpwnam(name)
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def xml_files(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(glob.glob(os.path.join(p, "*.xml")))
        else:
            files.append(p)
    return files


def fresh_root(root):
    """Empties `root` (keeping its path) and writes its qemu.conf."""
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "etc"))
    with open(os.path.join(root, "etc", "qemu.conf"), "w") as f:
        # As root, libvirt would run QEMU as its compiled-in 'libvirt-qemu'
        # user; both drivers are told to keep root, which vireo does anyway.
        if os.geteuid() == 0:
            f.write('user = "root"\ngroup = "root"\n')


def run_dump(program, root, files, env):
    fresh_root(root)
    proc = subprocess.run([program, root] + files, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        print(f"FAIL: {os.path.basename(program)} failed (exit {proc.returncode}):\n{proc.stderr}")
        sys.exit(1)
    return parse_records(proc.stdout)


def parse_records(text):
    """'=== NAME' records -> {NAME: text} (no trailing newline)."""
    records, name, lines = {}, None, []
    for line in text.split("\n"):
        if line.startswith("=== "):
            if name is not None:
                records[name] = "\n".join(lines).rstrip("\n")
            name, lines = line[4:], []
        elif name is not None:
            lines.append(line)
    if name is not None:
        records[name] = "\n".join(lines).rstrip("\n")
    return records


def words(text):
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def shorten(word, limit=160):
    return word if len(word) <= limit else word[:limit] + "..."


def first_difference(libvirt, vireo):
    """A one-line description of where two command lines part."""
    a, b = words(libvirt), words(vireo)
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "(end)"
        y = b[i] if i < len(b) else "(end)"
        if x != y:
            # The option a value belongs to says more than the value alone.
            option = next((w for w in reversed(a[:i]) if w.startswith("-")), "")
            where = f"word {i + 1}" + (f" (after {option})" if option and not x.startswith("-") else "")
            return f"{where}: libvirt {shorten(x)!r} vs vireo {shorten(y)!r}"
    return "same words, different spacing or quoting"


def without_interfaces(ws):
    """The words minus each -netdev and each -device of a network card."""
    out, skip = [], False
    for i, w in enumerate(ws):
        if skip:
            skip = False
            continue
        nxt = ws[i + 1] if i + 1 < len(ws) else ""
        if w == "-netdev" or (w == "-device" and '"netdev":' in nxt):
            skip = True
            continue
        out.append(w)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--libvirt", required=True, help="qemu-argv-dump linked against libvirt ('' if none)")
    ap.add_argument("--vireo", required=True, help="qemu-argv-dump linked against vireo")
    ap.add_argument("--floor", required=True, help="file holding the minimum number of identical cases")
    ap.add_argument("--log", help="where to write both outputs of every differing case")
    ap.add_argument("xml", nargs="+")
    args = ap.parse_args()

    require(args.libvirt and os.access(args.libvirt, os.X_OK),
            "no qemu-argv-dump linked against libvirt (libvirt-dev missing at build time)")
    require(any(glob.glob(g) for g in QEMU_DRIVER_GLOBS),
            "libvirt's QEMU driver is not installed (Debian: libvirt-daemon-driver-qemu)")
    require(user_exists("libvirt-qemu"),
            "no 'libvirt-qemu' user and group: libvirt's QEMU driver refuses to start without them")
    require(shutil.which("qemu-system-x86_64") is not None, "qemu-system-x86_64 is not installed")

    files = xml_files(args.xml)
    if not files:
        print("FAIL: no XML files given")
        return 1
    with open(args.floor) as f:
        floor = int(f.read().split()[0])

    # The same environment for both: libvirt passes PATH, HOME, USER, ...
    # to QEMU and so should vireo. Without LD_LIBRARY_PATH, which meson may
    # point at the build tree (where vireo's own libvirt.so.0 can live).
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    root = tempfile.mkdtemp(prefix="vireo-argv-", dir="/tmp")
    try:
        theirs = run_dump(args.libvirt, root, files, env)
        ours = run_dump(args.vireo, root, files, env)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    identical, compared, log = 0, 0, []
    names = [n for n in theirs] + [n for n in ours if n not in theirs]
    for name in names:
        a, b = theirs.get(name, "ERROR: (missing)"), ours.get(name, "ERROR: (missing)")
        if a == b and a.startswith("ERROR:"):
            # Neither converts it here (a kvm domain without /dev/kvm, ...):
            # the same refusal is agreement, but no command line to score.
            print(f"SKIP {name}: both refuse alike: {a[7:]}")
            continue
        compared += 1
        if a == b:
            identical += 1
            continue
        if a.startswith("ERROR:") and b.startswith("ERROR:"):
            why = f"both refuse: libvirt {a[7:]!r}, vireo {b[7:]!r}"
        elif a.startswith("ERROR:"):
            why = f"libvirt refuses ({a[7:]}), vireo converts"
        elif b.startswith("ERROR:"):
            why = f"vireo refuses ({b[7:]})"
        else:
            why = first_difference(a, b)
            if without_interfaces(words(a)) == without_interfaces(words(b)):
                # libvirt's conversion turns every <interface> into a tap it
                # opens itself (see doc/qemu-command-line.md); say so when
                # that is all that differs.
                why += " (only the interfaces differ)"
        print(f"DIFF {name}: {why}")
        log.append(f"=== {name}\n--- libvirt\n{a}\n--- vireo\n{b}\n")

    if args.log:
        with open(args.log, "w") as f:
            f.write("".join(log))
    print(f"{identical}/{compared} identical (floor {floor})")
    if identical < floor:
        print(f"FAIL: {identical} identical command lines, below the floor of {floor}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
