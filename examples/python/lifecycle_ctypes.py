#!/usr/bin/env python3
"""lifecycle_ctypes.py: drive the C API from Python through ctypes alone.

Loads the library named by $VIREO_LIB (default "libvireo.so.0"; with
VIREO_LIB=/usr/lib/x86_64-linux-gnu/libvirt.so.0 it runs against the real
libvirt), opens test:///default, lists the domains with
virConnectListAllDomains, reads virDomainGetInfo into a ctypes Structure
laid out like virDomainInfo, suspends and resumes "test", and provokes a
failure (looking up a missing domain) to read virGetLastError.

Exit status 0 when every result is the expected one, 1 otherwise.
"""

import ctypes
import ctypes.util
import os
import sys

VIR_DOMAIN_RUNNING = 1
VIR_DOMAIN_PAUSED = 3
VIR_ERR_NO_DOMAIN = 42
VIR_FROM_TEST = 12


class VirDomainInfo(ctypes.Structure):
    """struct _virDomainInfo from libvirt-domain.h."""
    _fields_ = [
        ("state", ctypes.c_ubyte),        # virDomainState
        ("maxMem", ctypes.c_ulong),       # KiB
        ("memory", ctypes.c_ulong),       # KiB
        ("nrVirtCpu", ctypes.c_ushort),
        ("cpuTime", ctypes.c_ulonglong),  # ns
    ]


class VirError(ctypes.Structure):
    """struct _virError from virterror.h."""
    _fields_ = [
        ("code", ctypes.c_int),
        ("domain", ctypes.c_int),
        ("message", ctypes.c_char_p),
        ("level", ctypes.c_int),
        ("conn", ctypes.c_void_p),
        ("dom", ctypes.c_void_p),
        ("str1", ctypes.c_char_p),
        ("str2", ctypes.c_char_p),
        ("str3", ctypes.c_char_p),
        ("int1", ctypes.c_int),
        ("int2", ctypes.c_int),
        ("net", ctypes.c_void_p),
    ]


ERROR_FUNC = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(VirError))

failures = 0


def check(ok, what):
    """Print one result line and count failures."""
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1
    return ok


def load(path):
    """Load the library and declare the prototypes we use."""
    lib = ctypes.CDLL(path)
    c_void_p, c_int, c_uint, c_char_p = (ctypes.c_void_p, ctypes.c_int,
                                         ctypes.c_uint, ctypes.c_char_p)
    protos = {
        "virInitialize": (c_int, []),
        "virSetErrorFunc": (None, [c_void_p, ERROR_FUNC]),
        "virConnectOpen": (c_void_p, [c_char_p]),
        "virConnectClose": (c_int, [c_void_p]),
        "virConnectListAllDomains": (c_int, [c_void_p,
                                             ctypes.POINTER(ctypes.POINTER(c_void_p)),
                                             c_uint]),
        "virDomainGetName": (c_char_p, [c_void_p]),
        "virDomainGetInfo": (c_int, [c_void_p, ctypes.POINTER(VirDomainInfo)]),
        "virDomainLookupByName": (c_void_p, [c_void_p, c_char_p]),
        "virDomainSuspend": (c_int, [c_void_p]),
        "virDomainResume": (c_int, [c_void_p]),
        "virDomainFree": (c_int, [c_void_p]),
        "virGetLastError": (ctypes.POINTER(VirError), []),
        "virResetLastError": (None, []),
    }
    for name, (restype, argtypes) in protos.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


def get_info(lib, dom):
    info = VirDomainInfo()
    if lib.virDomainGetInfo(dom, ctypes.byref(info)) != 0:
        return None
    return info


def main():
    path = os.environ.get("VIREO_LIB", "libvireo.so.0")
    try:
        lib = load(path)
    except OSError as e:
        print("cannot load %s: %s" % (path, e), file=sys.stderr)
        return 1
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free.restype = None

    check(ctypes.sizeof(VirDomainInfo) == (40 if ctypes.sizeof(ctypes.c_long) == 8 else 24),
          "virDomainInfo is %d bytes" % ctypes.sizeof(VirDomainInfo))
    check(lib.virInitialize() == 0, "virInitialize")

    # Count errors through our own handler instead of the default printer.
    handled = []
    quiet = ERROR_FUNC(lambda opaque, err: handled.append(err.contents.code))
    lib.virSetErrorFunc(None, quiet)

    conn = lib.virConnectOpen(b"test:///default")
    if not check(bool(conn), "virConnectOpen(test:///default)"):
        return 1

    # virConnectListAllDomains allocates the array; we free it with free().
    doms = ctypes.POINTER(ctypes.c_void_p)()
    n = lib.virConnectListAllDomains(conn, ctypes.byref(doms), 0)
    check(n == 1, "virConnectListAllDomains returned %d domain(s)" % n)
    names = []
    for i in range(max(n, 0)):
        names.append(lib.virDomainGetName(doms[i]).decode())
        lib.virDomainFree(doms[i])
    if n >= 0:
        libc.free(doms)
    check(names == ["test"], "domain names %s" % names)

    dom = lib.virDomainLookupByName(conn, b"test")
    if check(bool(dom), "virDomainLookupByName(test)"):
        info = get_info(lib, dom)
        if check(info is not None, "virDomainGetInfo"):
            check(info.state == VIR_DOMAIN_RUNNING, "state %d is running" % info.state)
            check(info.maxMem == 8388608, "maxMem %d KiB" % info.maxMem)
            check(info.memory == 2097152, "memory %d KiB" % info.memory)
            check(info.nrVirtCpu == 2, "nrVirtCpu %d" % info.nrVirtCpu)
            check(info.cpuTime > 0, "cpuTime %d ns" % info.cpuTime)

        check(lib.virDomainSuspend(dom) == 0, "virDomainSuspend")
        info = get_info(lib, dom)
        check(info is not None and info.state == VIR_DOMAIN_PAUSED, "state is paused")
        check(lib.virDomainResume(dom) == 0, "virDomainResume")
        info = get_info(lib, dom)
        check(info is not None and info.state == VIR_DOMAIN_RUNNING, "state is running")
        lib.virDomainFree(dom)

    # A deliberate failure, read back through virGetLastError.
    lib.virResetLastError()
    missing = lib.virDomainLookupByName(conn, b"no-such-domain")
    check(not missing, "lookup of a missing domain fails")
    err = lib.virGetLastError()
    if check(bool(err), "virGetLastError is set"):
        e = err.contents
        check(e.code == VIR_ERR_NO_DOMAIN, "error code %d (VIR_ERR_NO_DOMAIN)" % e.code)
        check(e.domain == VIR_FROM_TEST, "error domain %d (VIR_FROM_TEST)" % e.domain)
        msg = e.message.decode() if e.message else ""
        check("Domain not found" in msg, "error message %r" % msg)
    check(handled == [VIR_ERR_NO_DOMAIN], "error handler saw %s" % handled)
    if missing:
        lib.virDomainFree(missing)

    check(lib.virConnectClose(conn) == 0, "virConnectClose")
    print("%s: %s" % (os.path.basename(sys.argv[0]),
                      "all checks passed" if failures == 0 else "%d FAILED" % failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
