#!/usr/bin/python3
# Regenerates the checkpoint reference cases from Debian's libvirt 9.0.
#
# Run with Debian's interpreter (/usr/bin/python3, which has python3-libvirt):
#   /usr/bin/python3 tests/unit/data/checkpoint/regenerate.py
#
# On test:///default's running domain "test" (whose live XML is written to
# domain.xml, the domain the unit test aligns against):
#   NAME.xml       input given to virDomainCheckpointCreateXML, with
#                  REDEFINE for the redefine-* cases and no flag for the others
#   NAME.out.xml   virDomainCheckpointGetXMLDesc of the checkpoint; for a new
#                  one its creation time is written as 1700000000
#   NAME.err       libvirt's refusal: "CODE DOMAIN" on the first line, the
#                  message on the following ones
# The cases are the CASES below; the script rewrites all of them.
import os
import re

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))


def redefinition(name, body="", domain=True):
    """A checkpoint as libvirt writes it, with the live domain embedded."""
    text = f"<domaincheckpoint>\n  <name>{name}</name>\n{body}  <creationTime>1700000000</creationTime>\n"
    text += "  <disks>\n    <disk name='vda' checkpoint='bitmap' bitmap='" + name + "'/>\n  </disks>\n"
    if domain:
        text += re.sub(r"^", "  ", DOMAIN, flags=re.M).rstrip(" ")
    return text + "</domaincheckpoint>\n"


CASES = {
    "redefine-full": lambda: redefinition("full", "  <description>a &lt;described&gt; &amp; 'quoted' one</description>\n"),
    "redefine-nodomain": lambda: redefinition("old", domain=False),
    "redefine-minimal": lambda: "<domaincheckpoint>\n  <name>min</name>\n  <creationTime>5</creationTime>\n"
                                "</domaincheckpoint>\n",
    "create-named": lambda: "<domaincheckpoint><name>named</name><description>d</description></domaincheckpoint>\n",
    "create-nobitmap": lambda: "<domaincheckpoint><name>nob</name><disks><disk name='vda' checkpoint='no'/>"
                               "</disks></domaincheckpoint>\n",
    "create-bitmap-name": lambda: "<domaincheckpoint><name>bm</name><disks><disk name='/guest/diskimage1' "
                                  "bitmap='b1'/></disks></domaincheckpoint>\n",
    "err-root": lambda: "<checkpoint/>\n",
    "err-malformed": lambda: "<domaincheckpoint>\n",
    "err-disk-unknown": lambda: "<domaincheckpoint><disks><disk name='vdz'/></disks></domaincheckpoint>\n",
    "err-disk-noname": lambda: "<domaincheckpoint><disks><disk checkpoint='no'/></disks></domaincheckpoint>\n",
    "err-disk-type": lambda: "<domaincheckpoint><disks><disk name='vda' checkpoint='x'/></disks>"
                             "</domaincheckpoint>\n",
    "err-disk-no-bitmap": lambda: "<domaincheckpoint><disks><disk name='vda' checkpoint='no' bitmap='b'/>"
                                  "</disks></domaincheckpoint>\n",
    "err-disks-empty": lambda: "<domaincheckpoint><disks/></domaincheckpoint>\n",
    "err-name-slash": lambda: "<domaincheckpoint><name>a/b</name></domaincheckpoint>\n",
    "err-redefine-notime": lambda: "<domaincheckpoint><name>x</name></domaincheckpoint>\n",
}

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
dom = conn.lookupByName("test")
DOMAIN = dom.XMLDesc(0).replace(f"<domain type='test' id='{dom.ID()}'>", "<domain type='test'>")
with open(os.path.join(HERE, "domain.xml"), "w") as f:
    f.write(DOMAIN)

for name, make in sorted(CASES.items()):
    text = make()
    flags = libvirt.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE if "redefine" in name else 0
    try:
        cp = dom.checkpointCreateXML(text, flags)
        out, ext = cp.getXMLDesc(), "out.xml"
        if not flags:
            out = re.sub(r"<creationTime>\d+</creationTime>", "<creationTime>1700000000</creationTime>", out)
        cp.delete()
    except libvirt.libvirtError as e:
        out, ext = f"{e.get_error_code()} {e.get_error_domain()}\n{e.get_error_message()}\n", "err"
    with open(os.path.join(HERE, f"{name}.xml"), "w") as f:
        f.write(text)
    with open(os.path.join(HERE, f"{name}.{ext}"), "w") as f:
        f.write(out)
