#!/usr/bin/env python3
"""Debian's python3-libvirt, unchanged, running on vireo's libvirt.so.0.

The binding's libvirtmod is linked with -z now against libvirt.so.0 and 477
of its symbols in 98 version nodes, so importing it at all proves that vireo
exports them in libvirt's nodes. Then the test drives test:///default
through the Python API: listing, lookup, info, XML, suspend/resume,
destroy/create with lifecycle events through the default event loop,
read-only denial, and unsupported calls raising libvirtError with
VIR_ERR_NO_SUPPORT.

Usage: test_python_libvirt.py VIREO_LIBVIRT_SO
  The directory of VIREO_LIBVIRT_SO must be in LD_LIBRARY_PATH (meson sets
  it). The test needs Debian's interpreter, /usr/bin/python3, where
  python3-libvirt is installed: when started by another python3 it re-executes
  itself with /usr/bin/python3. Without python3-libvirt it exits 77 (skip),
  except under CI=true, where it fails.
"""
import os
import signal
import sys

DEBIAN_PYTHON = "/usr/bin/python3"
SKIP = 77


def skip_or_fail(reason):
    if os.environ.get("CI") == "true":
        print("FAIL: %s (CI=true: python3-libvirt must be installed, see .ci/install-deps)" % reason)
        sys.exit(1)
    print("SKIP: %s" % reason)
    sys.exit(SKIP)


def reexec_with_debian_python():
    if os.path.realpath(sys.executable) == os.path.realpath(DEBIAN_PYTHON):
        return
    if not os.path.exists(DEBIAN_PYTHON):
        skip_or_fail("%s not found (Debian's python3, where python3-libvirt lives)" % DEBIAN_PYTHON)
    os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
            print("ok: %s" % what)
        else:
            self.failed += 1
            print("FAIL: %s" % what)

    def equal(self, actual, expected, what):
        self.check(actual == expected, "%s: %r (expected %r)" % (what, actual, expected))

    def raises(self, libvirt, fn, code, domain, what):
        try:
            fn()
        except libvirt.libvirtError as e:
            self.check(e.get_error_code() == code and e.get_error_domain() == domain,
                       "%s raises libvirtError (%d, %d) (expected (%d, %d)): %s"
                       % (what, e.get_error_code(), e.get_error_domain(), code, domain, e))
            return
        self.check(False, "%s raises libvirtError" % what)


def mapped_libvirt():
    """The files named libvirt.so* mapped into this process."""
    files = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and os.path.basename(parts[5]).startswith("libvirt.so"):
                files.add(os.path.realpath(parts[5]))
    return files


def run_loop_until(libvirt, events, wanted, rounds=100):
    """Runs the default event loop until `wanted` was delivered."""
    for _ in range(rounds):
        if wanted in events:
            return True
        libvirt.virEventRunDefaultImpl()
    return wanted in events


def main():
    reexec_with_debian_python()
    library = os.path.realpath(sys.argv[1])
    signal.alarm(120)  # a hang in the event loop must not hang the suite

    try:
        import libvirt
    except ImportError as e:
        if "libvirt" in str(e) and "No module named" in str(e):
            skip_or_fail("python3-libvirt is not installed (apt-get install python3-libvirt)")
        raise  # a loader error (a missing symbol or version node) is a failure

    t = Checks()
    t.equal(mapped_libvirt(), {library}, "the libvirt.so.0 mapped into the process is vireo's")
    libvirt.registerErrorHandler(lambda ctx, err: None, None)  # errors are checked, not printed

    t.equal(libvirt.virEventRegisterDefaultImpl(), 0, "virEventRegisterDefaultImpl")
    # A periodic timer, so that each virEventRunDefaultImpl returns soon.
    tick = libvirt.virEventAddTimeout(50, lambda timer, opaque: None, None)
    t.check(tick >= 0, "virEventAddTimeout")

    conn = libvirt.open("test:///default")
    t.equal(conn.getType(), "TEST", "getType")
    t.equal([d.name() for d in conn.listAllDomains()], ["test"], "listAllDomains")

    dom = conn.lookupByName("test")
    info = dom.info()
    t.equal(info[:4], [libvirt.VIR_DOMAIN_RUNNING, 8388608, 2097152, 2], "info() state, maxMem, memory, vcpus")
    xml = dom.XMLDesc(0)
    t.check("<name>test</name>" in xml and "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>" in xml,
            "XMLDesc has the name and uuid of the default domain")
    t.equal(dom.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNKNOWN], "state()")

    events = []

    def lifecycle(c, d, event, detail, opaque):
        events.append((d.name(), event, detail))

    cid = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, None)
    t.check(cid >= 0, "domainEventRegisterAny")

    dom.suspend()
    t.equal(dom.state(), [libvirt.VIR_DOMAIN_PAUSED, libvirt.VIR_DOMAIN_PAUSED_USER], "state after suspend")
    t.check(run_loop_until(libvirt, events, ("test", libvirt.VIR_DOMAIN_EVENT_SUSPENDED,
                                             libvirt.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED)),
            "SUSPENDED/PAUSED event delivered")
    dom.resume()
    t.equal(dom.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNPAUSED], "state after resume")

    dom.destroy()
    t.equal(dom.state(), [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_DESTROYED], "state after destroy")
    t.check(run_loop_until(libvirt, events, ("test", libvirt.VIR_DOMAIN_EVENT_STOPPED,
                                             libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED)),
            "STOPPED/DESTROYED event delivered")
    dom.create()
    t.equal(dom.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED], "state after create")
    t.equal(dom.ID(), 2, "a restarted domain gets the next id")
    t.check(run_loop_until(libvirt, events, ("test", libvirt.VIR_DOMAIN_EVENT_STARTED,
                                             libvirt.VIR_DOMAIN_EVENT_STARTED_BOOTED)),
            "STARTED/BOOTED event delivered")
    conn.domainEventDeregisterAny(cid)

    # Networks through the binding's own wrappers (virNetworkPtr handles).
    t.equal([n.name() for n in conn.listAllNetworks()], ["default"], "listAllNetworks")
    t.equal(conn.networkLookupByName("default").bridgeName(), "virbr0", "network bridgeName")
    # Storage pools and volumes (virStoragePoolPtr, virStorageVolPtr handles).
    pool = conn.storagePoolLookupByName("default-pool")
    t.equal(pool.info(), [2, 107374182400, 0, 107374182400], "default-pool info")
    vol = pool.createXML("<volume><name>pyvol</name><capacity unit='M'>1</capacity></volume>", 0)
    t.equal([v.name() for v in pool.listAllVolumes()], ["pyvol"], "listAllVolumes")
    t.equal(vol.storagePoolLookupByVolume().name(), "default-pool", "storagePoolLookupByVolume")
    t.equal(pool.info()[2], 1048576, "pool allocation counts the volume")
    vol.delete(0)
    del vol, pool  # each handle holds a reference to the connection

    # Functions no vireo driver implements yet.
    t.raises(libvirt, conn.networkLookupByName("default").DHCPLeases, libvirt.VIR_ERR_NO_SUPPORT,
             libvirt.VIR_FROM_NETWORK, "DHCPLeases")
    t.raises(libvirt, lambda: conn.storagePoolLookupByTargetPath("/default-pool"), libvirt.VIR_ERR_NO_SUPPORT,
             libvirt.VIR_FROM_STORAGE, "storagePoolLookupByTargetPath")
    t.raises(libvirt, dom.jobInfo, libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_DOMAIN, "jobInfo")
    t.equal(len(dom.blockStats("vda")), 5, "blockStats('vda') gives five counters")
    t.equal(dom.schedulerParameters(), {"weight": 50}, "schedulerParameters")
    t.equal(dom.memoryParameters()["hard_limit"], 9007199254740991,  # VIR_DOMAIN_MEMORY_PARAM_UNLIMITED
            "memoryParameters hard_limit")
    # Snapshots, as libvirt-python's own tests/test_domain_snapshot.py uses them.
    snap = dom.snapshotCreateXML("<domainsnapshot><name>py</name></domainsnapshot>")
    t.equal(snap.getName(), "py", "snapshotCreateXML")
    t.equal(dom.snapshotListNames(), ["py"], "snapshotListNames")
    t.equal(snap.getDomain().name(), "test", "snapshot getDomain")
    t.equal(snap.delete(), 0, "snapshot delete")
    t.equal(dom.snapshotNum(), 0, "snapshotNum after delete")
    del snap  # virDomainSnapshotFree: the handle holds the domain's, which holds the connection
    # A new stream exists but no driver call opened it yet.
    st = conn.newStream(0)
    t.raises(libvirt, lambda: st.send(b"x"), libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_STREAMS,
             "send on an unopened stream")
    st.abort()
    del st  # virStreamFree: the stream holds a reference to the connection

    ro = libvirt.openReadOnly("test:///default")
    t.raises(libvirt, ro.lookupByName("test").suspend, libvirt.VIR_ERR_OPERATION_DENIED,
             libvirt.VIR_FROM_DOMAIN, "suspend on a read-only connection")
    t.raises(libvirt, lambda: ro.networkDefineXML("<network/>"), libvirt.VIR_ERR_OPERATION_DENIED,
             libvirt.VIR_FROM_NETWORK, "networkDefineXML on a read-only connection")
    ro.close()

    libvirt.virEventRemoveTimeout(tick)
    dom = None
    t.equal(conn.close(), 0, "close")

    print("%d passed, %d failed" % (t.passed, t.failed))
    sys.exit(1 if t.failed else 0)


if __name__ == "__main__":
    main()
