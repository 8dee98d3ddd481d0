#!/usr/bin/python3
# Regenerates the host-interface reference pairs from Debian's libvirt 9.0.
#
# Run with Debian's interpreter (/usr/bin/python3, which has python3-libvirt):
#   /usr/bin/python3 tests/unit/data/interface/regenerate.py
#
# Each case is defined on libvirt's test driver (test:///default):
#   NAME.xml       input given to virInterfaceDefineXML
#   NAME.out.xml   virInterfaceGetXMLDesc of the defined interface
#   NAME.err       libvirt's refusal: "CODE DOMAIN" on the first line, the
#                  message on the following ones
# The cases are the CASES below; the script rewrites all of them.
import os
import sys

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = {
    "ethernet": "<interface type='ethernet' name='eth1'>\n  <start mode='onboot'/>\n"
                "  <mac address='aa:bb:cc:dd:ee:ff'/>\n  <mtu size='1492'/>\n  <protocol family='ipv4'>\n"
                "    <ip address='192.168.0.5' prefix='24'/>\n    <route gateway='192.168.0.1'/>\n"
                "  </protocol>\n</interface>\n",
    "ethernet-bare": "<interface type='ethernet' name='eth9'/>\n",
    "ethernet-link": "<interface type='ethernet' name='eth2'><mac address='52:54:00:11:22:33'/>"
                     "<link state='up' speed='1000'/><start mode='hotplug'/></interface>\n",
    "ethernet-ipv6": "<interface type='ethernet' name='eth3'><protocol family='ipv6'><autoconf/><dhcp/>"
                     "<ip address='fe80::1' prefix='64'/></protocol><protocol family='ipv4'>"
                     "<ip address='10.0.0.2' prefix='8'/></protocol></interface>\n",
    "bridge": "<interface type='bridge' name='br0'><start mode='onboot'/><mtu size='1500'/>"
              "<protocol family='ipv4'><dhcp/></protocol><bridge stp='off' delay='0.01'>"
              "<interface type='ethernet' name='eth0'><mac address='ab:bb:cc:dd:ee:ff'/></interface>"
              "</bridge></interface>\n",
    "bridge-empty": "<interface type='bridge' name='br1'><bridge/></interface>\n",
    "bond": "<interface type='bond' name='bond0'><start mode='none'/><bond mode='active-backup'>"
            "<miimon freq='100' updelay='10' carrier='ioctl'/><interface type='ethernet' name='eth4'/>"
            "<interface type='ethernet' name='eth5'/></bond></interface>\n",
    "vlan": "<interface type='vlan' name='eth0.42'><start mode='onboot'/><vlan tag='42'>"
            "<interface name='eth0'/></vlan></interface>\n",
    "err-noname": "<interface type='ethernet'/>\n",
    "err-notype": "<interface name='x'/>\n",
    "err-type": "<interface type='foo' name='x'/>\n",
    "err-root": "<foo type='ethernet' name='a'/>\n",
    "err-startmode": "<interface type='ethernet' name='a'><start mode='bogus'/></interface>\n",
    "err-protocol": "<interface type='ethernet' name='a'><protocol family='ipx'/></interface>\n",
    "err-bridge": "<interface type='bridge' name='b'/>\n",
    "err-bond": "<interface type='bond' name='b'/>\n",
    "err-vlan": "<interface type='vlan' name='v'/>\n",
    "err-vlan-noname": "<interface type='vlan'><vlan tag='42'><interface name='eth0'/></vlan></interface>\n",
    "err-malformed": "<interface type='ethernet'\n",
}


def main():
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    conn = libvirt.open("test:///default")
    for f in os.listdir(HERE):
        if f.endswith((".xml", ".err")):
            os.unlink(os.path.join(HERE, f))
    for name, xml in CASES.items():
        with open(os.path.join(HERE, f"{name}.xml"), "w") as f:
            f.write(xml)
        try:
            out, ext = conn.interfaceDefineXML(xml).XMLDesc(), "out.xml"
        except libvirt.libvirtError as e:
            out, ext = f"{e.get_error_code()} {e.get_error_domain()}\n{e.get_error_message()}\n", "err"
        with open(os.path.join(HERE, f"{name}.{ext}"), "w") as f:
            f.write(out)


if __name__ == "__main__":
    sys.exit(main())
