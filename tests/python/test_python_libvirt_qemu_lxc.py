#!/usr/bin/env python3
"""Debian's libvirt_qemu and libvirt_lxc modules, unchanged, on vireo.

Their libvirtmod_qemu / libvirtmod_lxc are linked against libvirt-qemu.so.0
and libvirt-lxc.so.0 (with -z now): importing them proves that vireo's
compat libraries export libvirt's symbols in libvirt's nodes and load next
to vireo's libvirt.so.0 (one copy of each, all three vireo's). Then:
test:///default answers VIR_ERR_NO_SUPPORT for the QEMU and container
functions, as libvirt's test driver does, and, when qemu-system-x86_64 is
installed, a diskless TCG domain of qemu:///embed answers query-status and
"info status" through libvirt_qemu.qemuMonitorCommand and delivers its STOP
event to libvirt_qemu.qemuMonitorEventRegister after suspend().

Usage: test_python_libvirt_qemu_lxc.py VIREO_LIBVIRT_SO
  (LD_LIBRARY_PATH must hold the directory of vireo's compat libraries; the
  script re-executes itself with Debian's /usr/bin/python3 and skips (77)
  without python3-libvirt, except under CI=true.)
"""
import os
import shutil
import signal
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_python_libvirt import Checks, reexec_with_debian_python, run_loop_until, skip_or_fail  # noqa: E402

QEMU = "/usr/bin/qemu-system-x86_64"
DISKLESS_XML = """<domain type='qemu'>
  <name>py-mon</name>
  <memory unit='MiB'>64</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>%s</emulator></devices>
</domain>""" % QEMU


def mapped(prefix):
    """The files whose name starts with `prefix` mapped into this process."""
    files = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and os.path.basename(parts[5]).startswith(prefix):
                files.add(os.path.realpath(parts[5]))
    return files


def check_test_driver(t, libvirt, libvirt_qemu, libvirt_lxc):
    conn = libvirt.open("test:///default")
    dom = conn.lookupByName("test")
    t.raises(libvirt, lambda: libvirt_qemu.qemuMonitorCommand(dom, '{"execute":"query-status"}', 0),
             libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_NONE, "qemuMonitorCommand on test:///default")
    t.raises(libvirt, lambda: libvirt_qemu.qemuAgentCommand(dom, '{"execute":"guest-ping"}', 5, 0),
             libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_NONE, "qemuAgentCommand on test:///default")
    t.raises(libvirt, lambda: libvirt_qemu.qemuAttach(conn, 1, 0),
             libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_NONE, "qemuAttach on test:///default")
    t.raises(libvirt, lambda: libvirt_qemu.qemuMonitorEventRegister(conn, None, None, lambda *a: None, None),
             libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_NONE, "qemuMonitorEventRegister on test:///default")
    t.raises(libvirt, lambda: libvirt_lxc.lxcOpenNamespace(dom, 0),
             libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_NONE, "lxcOpenNamespace on test:///default")
    # The binding returns -1 here rather than raising.
    t.equal(libvirt_lxc.lxcEnterCGroup(dom, 0), -1, "lxcEnterCGroup on test:///default")
    err = libvirt.virGetLastError()
    t.equal(err and (err[0], err[1]), (libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_NONE),
            "lxcEnterCGroup's error")
    dom = None
    t.equal(conn.close(), 0, "close test:///default")


def check_qemu_domain(t, libvirt, libvirt_qemu):
    if not os.access(QEMU, os.X_OK):
        if os.environ.get("CI") == "true":
            t.check(False, "%s is installed (CI=true)" % QEMU)
        else:
            print("note: %s not installed, no QEMU domain part" % QEMU)
        return
    root = tempfile.mkdtemp(prefix="vireo-py-qemu-")
    conn = libvirt.open("qemu:///embed?root=%s" % root)
    dom = None
    try:
        dom = conn.createXML(DISKLESS_XML, 0)
        reply = libvirt_qemu.qemuMonitorCommand(dom, '{"execute":"query-status"}', 0)
        t.check('"status":"running"' in reply, "qemuMonitorCommand query-status: %s" % reply)
        text = libvirt_qemu.qemuMonitorCommand(dom, "info status", libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP)
        t.check("VM status: running" in text, "qemuMonitorCommand HMP info status: %r" % text)

        seen = []

        def on_event(c, d, event, seconds, micros, details, opaque):
            seen.append((d.name(), event))

        cid = libvirt_qemu.qemuMonitorEventRegister(conn, dom, "STOP", on_event, None)
        t.check(cid >= 0, "qemuMonitorEventRegister")
        dom.suspend()
        t.check(run_loop_until(libvirt, seen, ("py-mon", "STOP")), "STOP delivered to the monitor event callback")
        libvirt_qemu.qemuMonitorEventDeregister(conn, cid)  # raises on failure
        t.raises(libvirt, lambda: libvirt_qemu.qemuMonitorEventDeregister(conn, cid), libvirt.VIR_ERR_INVALID_ARG,
                 libvirt.VIR_FROM_NONE, "a second qemuMonitorEventDeregister of the same callback")
    except libvirt.libvirtError as e:
        t.check(False, "QEMU domain: %s" % e)
    finally:
        if dom is not None:
            try:
                dom.destroy()
            except libvirt.libvirtError:
                pass
        dom = None
        conn.close()
        shutil.rmtree(root, ignore_errors=True)


def main():
    reexec_with_debian_python()
    library = os.path.realpath(sys.argv[1])
    signal.alarm(120)
    try:
        import libvirt
        import libvirt_lxc
        import libvirt_qemu
    except ImportError as e:
        if "No module named" in str(e) and "libvirt" in str(e):
            skip_or_fail("python3-libvirt is not installed (apt-get install python3-libvirt)")
        raise  # a loader error (a missing symbol or version node) is a failure

    t = Checks()
    libdir = os.path.dirname(library)
    t.equal(mapped("libvirt.so"), {library}, "the libvirt.so.0 mapped is vireo's")
    t.equal({os.path.dirname(f) for f in mapped("libvirt-qemu.so") | mapped("libvirt-lxc.so")}, {libdir},
            "libvirt-qemu.so.0 and libvirt-lxc.so.0 mapped are vireo's")
    t.equal(mapped("libvireo"), set(), "no second copy of the library (libvireo.so) is loaded")
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    t.equal(libvirt.virEventRegisterDefaultImpl(), 0, "virEventRegisterDefaultImpl")
    tick = libvirt.virEventAddTimeout(50, lambda timer, opaque: None, None)

    check_test_driver(t, libvirt, libvirt_qemu, libvirt_lxc)
    check_qemu_domain(t, libvirt, libvirt_qemu)

    libvirt.virEventRemoveTimeout(tick)
    print("%d passed, %d failed" % (t.passed, t.failed))
    sys.exit(1 if t.failed else 0)


if __name__ == "__main__":
    main()
