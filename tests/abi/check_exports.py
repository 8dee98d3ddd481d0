#!/usr/bin/env python3
"""Checks a library's exported symbols against its version script.

Every function or object the library exports must be listed in the version
script, under the same version node that libvirt gives it, the library must
export nothing else, and it must export every symbol of the script: programs
linked with -z now (Debian's python3-libvirt, virsh) fail to load when one of
the symbols they reference is missing, even if they never call it.

With --api-xml (libvirt's API description of the library's header, such as
/usr/share/libvirt/api/libvirt-qemu-api.xml), every function and variable it
describes must be exported too, and every export must be one of them, except
for vireo's one private node (VIREO_PRIVATE, capi/companion.h).

With --libvirt (libvirt's own library, such as
/usr/lib/x86_64-linux-gnu/libvirt-qemu.so.0), its public exports and their
version nodes must be the library's (libvirt's LIBVIRT_PRIVATE_* nodes are
libvirt's internals and are not compared).

Usage: check_exports.py LIBRARY VERSION_SCRIPT [--api-xml FILE] [--libvirt FILE]
  (libvireo.so.0 / capi/libvirt.map, libvireo-qemu.so.0 / capi/libvirt-qemu.map,
   libvireo-lxc.so.0 / capi/libvirt-lxc.map, and their compat names)
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

PRIVATE_NODE = "VIREO_PRIVATE"


def map_nodes(path):
    """symbol -> node, from the version script."""
    nodes = {}
    node = None
    for line in open(path):
        line = line.strip()
        m = re.match(r"^(LIBVIRT_(?:QEMU_|LXC_)?[0-9.]+|%s)\s*\{" % PRIVATE_NODE, line)
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


def api_symbols(path):
    """The functions and variables of a libvirt API description."""
    root = ET.parse(path).getroot()
    return {e.get("name") for e in root.iter() if e.tag in ("function", "variable") and e.get("name")}


def check_api_xml(path, actual):
    """Failures of the exports against libvirt's API description."""
    if not os.path.exists(path):
        print("%s not installed: the API description check is skipped" % path)
        return 0
    described = api_symbols(path)
    public = {s for s, node in actual.items() if node != PRIVATE_NODE}
    failures = 0
    for sym in sorted(described - public):
        print("in %s but not exported: %s" % (os.path.basename(path), sym))
        failures += 1
    for sym in sorted(public - described):
        print("exported but not in %s: %s" % (os.path.basename(path), sym))
        failures += 1
    print("%d symbols of %s, all exported" % (len(described), os.path.basename(path))
          if not failures else "%d differences from %s" % (failures, os.path.basename(path)))
    return failures


def check_libvirt_library(path, actual):
    """Failures of the exports against libvirt's own library's."""
    if not os.path.exists(path):
        print("%s not installed: the comparison with libvirt's library is skipped" % path)
        return 0
    theirs = {s: n for s, n in exported(path).items() if not n.startswith("LIBVIRT_PRIVATE")}
    ours = {s: n for s, n in actual.items() if n != PRIVATE_NODE}
    failures = 0
    for sym in sorted(set(theirs) | set(ours)):
        if theirs.get(sym) != ours.get(sym):
            print("%s: libvirt exports it in %s, vireo in %s" % (sym, theirs.get(sym), ours.get(sym)))
            failures += 1
    if not failures:
        print("the same %d symbols in the same nodes as %s" % (len(theirs), path))
    return failures


def option(args, name):
    """Removes `name VALUE` from args; the value or None."""
    if name not in args:
        return None
    i = args.index(name)
    value = args[i + 1]
    del args[i:i + 2]
    return value


def main():
    args = sys.argv[1:]
    api_xml = option(args, "--api-xml")
    libvirt_library = option(args, "--libvirt")
    lib, script = args[0], args[1]
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
    private = sum(1 for node in expected.values() if node == PRIVATE_NODE)
    print("exported %d of the script's %d symbols (%d of them vireo's private ones), each in its node"
          % (len(actual), len(expected), private))
    if len(actual) == 0:
        print("no exported symbol found: is this the library?")
        failures += 1
    if api_xml:
        failures += check_api_xml(api_xml, actual)
    if libvirt_library:
        failures += check_libvirt_library(libvirt_library, actual)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
