#!/usr/bin/env python3
"""Checks libvireo.so.0's exported symbols against capi/libvirt.map.

Every function or object the library exports must be listed in the version
script, under the same version node that libvirt gives it, the library must
export nothing else, and it must export every symbol of the script: programs
linked with -z now (Debian's python3-libvirt, virsh) fail to load when one of
the symbols they reference is missing, even if they never call it.

Usage: check_exports.py LIBRARY VERSION_SCRIPT
"""
import re
import subprocess
import sys


def map_nodes(path):
    """symbol -> node, from the version script."""
    nodes = {}
    node = None
    for line in open(path):
        line = line.strip()
        m = re.match(r"^(LIBVIRT_[0-9.]+)\s*\{", line)
        if m:
            node = m.group(1)
            continue
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*);$", line)
        if m and node:
            nodes[m.group(1)] = node
    return nodes


def exported(lib):
    """symbol -> version node, for the library's defined dynamic symbols."""
    out = subprocess.run(["readelf", "--dyn-syms", "--wide", lib], check=True,
                         capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 8 or not parts[0].rstrip(":").isdigit():
            continue
        ndx, name = parts[6], parts[7]
        if ndx == "UND" or parts[4] == "LOCAL":
            continue
        base, _, version = name.partition("@")
        version = version.lstrip("@")
        if parts[3] == "OBJECT" and ndx == "ABS":
            continue
        if base == version:  # the node's own marker symbol
            continue
        syms[base] = version
    return syms


def main():
    lib, script = sys.argv[1], sys.argv[2]
    expected = map_nodes(script)
    actual = exported(lib)
    failures = 0
    for sym, version in sorted(actual.items()):
        if sym not in expected:
            print("exported but not in the version script: %s@%s" % (sym, version))
            failures += 1
        elif expected[sym] != version:
            print("%s is in node %s, libvirt puts it in %s" % (sym, version, expected[sym]))
            failures += 1
    for sym in sorted(set(expected) - set(actual)):
        print("not exported: %s@%s" % (sym, expected[sym]))
        failures += 1
    print("exported %d of libvirt's %d public symbols, each in libvirt's version node"
          % (len(actual), len(expected)))
    if len(actual) == 0:
        print("no exported symbol found: is this the library?")
        failures += 1
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
