#!/usr/bin/python3
# Regenerates the snapshot reference cases from Debian's libvirt 9.0.
#
# Run with Debian's interpreter (/usr/bin/python3, which has python3-libvirt):
#   /usr/bin/python3 tests/unit/data/snapshot/regenerate.py
#
# On test:///default's running domain "test" (whose live XML is written to
# domain.xml, the domain the unit test aligns against):
#   NAME.xml       input given to virDomainSnapshotCreateXML, with REDEFINE
#                  for the redefine-* cases and no flag for the others
#   NAME.out.xml   virDomainSnapshotGetXMLDesc of the snapshot
#   NAME.err       libvirt's refusal: "CODE DOMAIN" on the first line, the
#                  message on the following ones
# The cases are the CASES below; the script rewrites all of them.
import os
import re

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))


def redefinition(name, state, body="", domain=True):
    """A snapshot as libvirt writes it, with the live domain embedded."""
    text = f"<domainsnapshot>\n  <name>{name}</name>\n{body}  <state>{state}</state>\n" \
           "  <creationTime>1700000000</creationTime>\n"
    if domain:
        text += re.sub(r"^", "  ", DOMAIN, flags=re.M).rstrip(" ")
    return text + "</domainsnapshot>\n"


CASES = {
    "redefine-running": lambda: redefinition(
        "running", "running", "  <description>a &lt;described&gt; &amp; 'quoted' one</description>\n"),
    "redefine-shutoff": lambda: redefinition("shutoff", "shutoff"),
    "redefine-paused-memory": lambda: redefinition(
        "paused", "paused", "").replace("  <creationTime>", "  <memory snapshot='internal'/>\n  <creationTime>"),
    "redefine-disks": lambda: redefinition("disks", "running").replace(
        "  <creationTime>1700000000</creationTime>\n",
        "  <creationTime>1700000000</creationTime>\n  <disks>\n    <disk name='vda' snapshot='external'>\n"
        "      <source file='/images/vda.snap'/>\n      <driver type='qcow2'/>\n    </disk>\n  </disks>\n"),
    "redefine-memory-file": lambda: redefinition("memfile", "running").replace(
        "  <creationTime>1700000000</creationTime>\n",
        "  <creationTime>1700000000</creationTime>\n  <memory snapshot='external' file='/images/mem'/>\n"),
    "redefine-disk-snapshot": lambda: redefinition("diskonly", "disk-snapshot"),
    "err-root": lambda: "<snapshot/>\n",
    "err-malformed": lambda: "<domainsnapshot>\n",
    "err-disk-noname": lambda: "<domainsnapshot><disks><disk snapshot='no'/></disks></domainsnapshot>\n",
    "err-disk-unknown": lambda: "<domainsnapshot><disks><disk name='vdz'/></disks></domainsnapshot>\n",
    "err-disk-twice": lambda: "<domainsnapshot><disks><disk name='vda'/><disk name='/guest/diskimage1'/>"
                              "</disks></domainsnapshot>\n",
    "err-disk-external": lambda: "<domainsnapshot><disks><disk name='vda' snapshot='external'/></disks>"
                                 "</domainsnapshot>\n",
    "err-disk-relative": lambda: "<domainsnapshot><disks><disk name='vda'><source file='rel.img'/></disk>"
                                 "</disks></domainsnapshot>\n",
    "err-disk-type": lambda: "<domainsnapshot><disks><disk name='vda' type='dir'/></disks></domainsnapshot>\n",
    "err-disk-location": lambda: "<domainsnapshot><disks><disk name='vda' snapshot='maybe'/></disks>"
                                 "</domainsnapshot>\n",
    "err-memory-location": lambda: "<domainsnapshot><memory snapshot='bogus'/></domainsnapshot>\n",
    "err-memory-manual": lambda: "<domainsnapshot><memory snapshot='manual'/></domainsnapshot>\n",
    "err-memory-nofile": lambda: "<domainsnapshot><memory snapshot='external'/></domainsnapshot>\n",
    "err-memory-relative": lambda: "<domainsnapshot><memory file='rel'/></domainsnapshot>\n",
    "err-memory-file-internal": lambda: "<domainsnapshot><memory snapshot='internal' file='/m'/></domainsnapshot>\n",
    "err-memory-external-nosource": lambda: "<domainsnapshot><memory snapshot='external' file='/m'/>"
                                            "</domainsnapshot>\n",
    "err-redefine-noname": lambda: "<domainsnapshot><state>running</state><creationTime>1</creationTime>"
                                   "</domainsnapshot>\n",
    "err-redefine-notime": lambda: "<domainsnapshot><name>x</name><state>running</state></domainsnapshot>\n",
    "err-redefine-nostate": lambda: "<domainsnapshot><name>x</name><creationTime>1</creationTime>"
                                    "</domainsnapshot>\n",
    "err-redefine-badstate": lambda: "<domainsnapshot><name>x</name><state>bogus</state>"
                                     "<creationTime>1</creationTime></domainsnapshot>\n",
    "err-redefine-offline-memory": lambda: "<domainsnapshot><name>x</name><state>shutoff</state>"
                                           "<creationTime>1</creationTime><memory snapshot='internal'/>"
                                           "</domainsnapshot>\n",
}

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
dom = conn.lookupByName("test")
DOMAIN = dom.XMLDesc(0).replace(f"<domain type='test' id='{dom.ID()}'>", "<domain type='test'>")
with open(os.path.join(HERE, "domain.xml"), "w") as f:
    f.write(DOMAIN)

for name, make in sorted(CASES.items()):
    text = make()
    flags = libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE if "redefine" in name else 0
    try:
        snap = dom.snapshotCreateXML(text, flags)
        out, ext = snap.getXMLDesc(), "out.xml"
        snap.delete()
    except libvirt.libvirtError as e:
        out, ext = f"{e.get_error_code()} {e.get_error_domain()}\n{e.get_error_message()}\n", "err"
    with open(os.path.join(HERE, f"{name}.xml"), "w") as f:
        f.write(text)
    with open(os.path.join(HERE, f"{name}.{ext}"), "w") as f:
        f.write(out)
