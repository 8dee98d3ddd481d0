#!/usr/bin/python3
# Regenerates the storage reference pairs from Debian's libvirt 9.0.
#
# Run with Debian's interpreter (/usr/bin/python3, which has python3-libvirt):
#   /usr/bin/python3 tests/unit/data/storage/regenerate.py
#
# Every file here comes from libvirt's test driver (test:///default), which is
# what a test:///default user sees:
#   pool-NAME.xml       input given to virStoragePoolDefineXML
#   pool-NAME.out.xml   virStoragePoolGetXMLDesc of the defined pool; the test
#                       driver reports every pool with capacity 100 GiB,
#                       allocation 0 and available 100 GiB
#   pool-NAME.err       libvirt's refusal: "CODE DOMAIN" on the first line,
#                       the message on the following ones
#   vol-NAME.xml        input given to virStorageVolCreateXML in the pool
#                       vol-NAME.pool.xml (default: a dir pool at /pool)
#   vol-NAME.out.xml    virStorageVolGetXMLDesc of the new volume
#   vol-NAME.err        libvirt's refusal
# The cases themselves are the CASES below; the script rewrites all of them.
import os
import sys

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))
U = "<uuid>11111111-2222-3333-4444-555555555555</uuid>"


def pool(name, body, type_="dir", head=""):
    return f"<pool type='{type_}'{head}>\n  <name>{name}</name>\n  {U}\n{body}</pool>\n"


POOLS = {
    # one valid pool of each type, with the sources each one needs
    "dir": pool("dir", "  <target>\n    <path>/var/lib/pool</path>\n  </target>\n"),
    "dir-perms": pool("dir-perms", "  <target>\n    <path>/var/lib/pool/</path>\n    <permissions>\n"
                      "      <mode>0711</mode>\n      <owner>107</owner>\n      <group>108</group>\n"
                      "      <label>system_u:object_r:virt_image_t:s0</label>\n    </permissions>\n  </target>\n"),
    "dir-cow": pool("dir-cow", "  <features>\n    <cow state='no'/>\n  </features>\n"
                    "  <target>\n    <path>//var//lib/pool</path>\n  </target>\n"),
    "dir-sizes": pool("dir-sizes", "  <capacity unit='G'>5</capacity>\n  <allocation>7</allocation>\n"
                      "  <target>\n    <path>/p</path>\n  </target>\n"),
    "fs": pool("fs", "  <source>\n    <device path='/dev/sdb1'/>\n    <format type='ext4'/>\n  </source>\n"
               "  <target>\n    <path>/mnt/fs</path>\n  </target>\n", "fs"),
    "fs-noformat": pool("fs-noformat", "  <source>\n    <device path='/dev/sdb1'/>\n  </source>\n"
                        "  <target>\n    <path>/mnt/fs</path>\n  </target>\n", "fs"),
    "netfs": pool("netfs", "  <source>\n    <host name='nfs.example.com' port='2049'/>\n"
                  "    <dir path='/export/images'/>\n    <format type='nfs'/>\n    <protocol ver='3'/>\n"
                  "  </source>\n  <target>\n    <path>/mnt/nfs</path>\n  </target>\n", "netfs"),
    "netfs-cifs": pool("netfs-cifs", "  <source>\n    <host name='smb.example.com'/>\n"
                       "    <dir path='share'/>\n    <format type='cifs'/>\n"
                       "  </source>\n  <target>\n    <path>/mnt/smb</path>\n  </target>\n", "netfs"),
    "logical": pool("logical", "  <source>\n    <device path='/dev/sdc'/>\n    <device path='/dev/sdd'/>\n"
                    "    <name>vg0</name>\n  </source>\n  <target>\n    <path>/ignored</path>\n  </target>\n",
                    "logical"),
    "disk": pool("disk", "  <source>\n    <device path='/dev/sde' part_separator='yes'/>\n"
                 "    <format type='gpt'/>\n  </source>\n  <target>\n    <path>/dev</path>\n  </target>\n", "disk"),
    "iscsi": pool("iscsi", "  <source>\n    <host name='iscsi.example.com' port='3260'/>\n"
                  "    <device path='iqn.2013-06.com.example:iscsi-pool'/>\n"
                  "    <initiator>\n      <iqn name='iqn.2013-06.com.example:host'/>\n    </initiator>\n"
                  "    <auth type='chap' username='alice'>\n      <secret usage='libvirtiscsi'/>\n    </auth>\n"
                  "  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>\n", "iscsi"),
    "iscsi-direct": pool("iscsi-direct", "  <source>\n    <host name='iscsi.example.com'/>\n"
                         "    <device path='iqn.2013-06.com.example:iscsi-pool'/>\n"
                         "    <initiator>\n      <iqn name='iqn.2013-06.com.example:host'/>\n    </initiator>\n"
                         "  </source>\n", "iscsi-direct"),
    "scsi-host": pool("scsi-host", "  <source>\n    <adapter type='scsi_host' name='scsi_host2'/>\n"
                      "  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>\n", "scsi"),
    "scsi-legacy": pool("scsi-legacy", "  <source>\n    <adapter name='host0'/>\n"
                        "  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>\n", "scsi"),
    "scsi-parentaddr": pool("scsi-parentaddr", "  <source>\n    <adapter type='scsi_host'>\n"
                            "      <parentaddr unique_id='1'>\n"
                            "        <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>\n"
                            "      </parentaddr>\n    </adapter>\n"
                            "  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>\n", "scsi"),
    "scsi-fc": pool("scsi-fc", "  <source>\n    <adapter type='fc_host' parent='scsi_host5' managed='yes' "
                    "wwnn='20000000c9831b4b' wwpn='10000000c9831b4b'/>\n"
                    "  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>\n", "scsi"),
    "mpath": pool("mpath", "  <target>\n    <path>/dev/mapper</path>\n  </target>\n", "mpath"),
    "rbd": pool("rbd", "  <source>\n    <name>rbdpool</name>\n    <host name='mon1.example.com' port='6789'/>\n"
                "    <host name='mon2.example.com'/>\n    <auth username='admin' type='ceph'>\n"
                "      <secret uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'/>\n    </auth>\n  </source>\n", "rbd"),
    "sheepdog": pool("sheepdog", "  <source>\n    <host name='localhost' port='7000'/>\n"
                     "    <name>sheep</name>\n  </source>\n", "sheepdog"),
    "gluster": pool("gluster", "  <source>\n    <host name='gluster.example.com'/>\n    <name>volume</name>\n"
                    "    <dir path='/sub'/>\n  </source>\n", "gluster"),
    "zfs": pool("zfs", "  <source>\n    <name>tank</name>\n    <device path='/dev/sdf'/>\n  </source>\n", "zfs"),
    "vstorage": pool("vstorage", "  <source>\n    <name>cluster</name>\n  </source>\n"
                     "  <target>\n    <path>/mnt/vstorage</path>\n  </target>\n", "vstorage"),
    "vendor": pool("vendor", "  <source>\n    <adapter type='scsi_host' name='host1'/>\n"
                   "    <vendor name='ACME'/>\n    <product name='Disk'/>\n"
                   "  </source>\n  <target>\n    <path>/dev/disk/by-id</path>\n  </target>\n", "scsi"),
    "noname-logical": "<pool type='logical'>\n  " + U + "\n  <source>\n    <name>vgsrc</name>\n  </source>\n</pool>\n",
    "nouuid-kept-order": "<pool type='dir'>\n  <target>\n    <path>/o</path>\n  </target>\n  <name>order</name>\n"
                         "  " + U + "\n</pool>\n",
    "unknown-elements": pool("unknown-elements", "  <bogus/>\n  <target>\n    <path>/u</path>\n"
                             "    <extra/>\n  </target>\n"),
    # refusals
    "err-notype": "<pool>\n  <name>x</name>\n</pool>\n",
    "err-badtype": pool("x", "", "bogus"),
    "err-noname": "<pool type='dir'>\n  <target>\n    <path>/x</path>\n  </target>\n</pool>\n",
    "err-slash-name": pool("a/b", "  <target>\n    <path>/x</path>\n  </target>\n"),
    "err-baduuid": "<pool type='dir'>\n  <name>x</name>\n  <uuid>nope</uuid>\n  <target>\n    <path>/x</path>\n"
                   "  </target>\n</pool>\n",
    "err-dir-notarget": pool("x", ""),
    "err-fs-nodevice": pool("x", "  <target>\n    <path>/x</path>\n  </target>\n", "fs"),
    "err-netfs-nohost": pool("x", "  <source>\n    <dir path='/e'/>\n  </source>\n"
                             "  <target>\n    <path>/x</path>\n  </target>\n", "netfs"),
    "err-netfs-nodir": pool("x", "  <source>\n    <host name='h'/>\n  </source>\n"
                            "  <target>\n    <path>/x</path>\n  </target>\n", "netfs"),
    "err-fs-badformat": pool("x", "  <source>\n    <device path='/dev/sdb1'/>\n    <format type='ntfs3'/>\n"
                             "  </source>\n  <target>\n    <path>/x</path>\n  </target>\n", "fs"),
    "dir-format-ignored": pool("x", "  <source>\n    <format type='raw'/>\n  </source>\n"
                           "  <target>\n    <path>/x</path>\n  </target>\n"),
    "err-badport": pool("x", "  <source>\n    <host name='h' port='nine'/>\n    <dir path='/e'/>\n"
                        "  </source>\n  <target>\n    <path>/x</path>\n  </target>\n", "netfs"),
    "err-hostnoname": pool("x", "  <source>\n    <host port='1'/>\n    <dir path='/e'/>\n"
                           "  </source>\n  <target>\n    <path>/x</path>\n  </target>\n", "netfs"),
    "err-devnopath": pool("x", "  <source>\n    <device/>\n  </source>\n"
                          "  <target>\n    <path>/x</path>\n  </target>\n", "fs"),
    "err-scsi-noadapter": pool("x", "  <target>\n    <path>/x</path>\n  </target>\n", "scsi"),
    "err-scsi-badadaptertype": pool("x", "  <source>\n    <adapter type='usb' name='h'/>\n  </source>\n"
                                    "  <target>\n    <path>/x</path>\n  </target>\n", "scsi"),
    "err-scsi-noname": pool("x", "  <source>\n    <adapter type='scsi_host'/>\n  </source>\n"
                            "  <target>\n    <path>/x</path>\n  </target>\n", "scsi"),
    "err-fc-nowwn": pool("x", "  <source>\n    <adapter type='fc_host'/>\n  </source>\n"
                         "  <target>\n    <path>/x</path>\n  </target>\n", "scsi"),
    "err-fc-badwwn": pool("x", "  <source>\n    <adapter type='fc_host' wwnn='xyz' wwpn='10000000c9831b4b'/>\n"
                          "  </source>\n  <target>\n    <path>/x</path>\n  </target>\n", "scsi"),
    "err-iscsidirect-noiqn": pool("x", "  <source>\n    <host name='h'/>\n    <device path='iqn.x'/>\n"
                                  "  </source>\n", "iscsi-direct"),
    "err-auth-badtype": pool("x", "  <source>\n    <name>r</name>\n    <host name='h'/>\n"
                             "    <auth type='kerberos' username='a'>\n      <secret usage='u'/>\n    </auth>\n"
                             "  </source>\n", "rbd"),
    "err-auth-nosecret": pool("x", "  <source>\n    <name>r</name>\n    <host name='h'/>\n"
                              "    <auth type='ceph' username='a'/>\n  </source>\n", "rbd"),
    "err-auth-nouser": pool("x", "  <source>\n    <name>r</name>\n    <host name='h'/>\n"
                            "    <auth type='ceph'>\n      <secret usage='u'/>\n    </auth>\n  </source>\n", "rbd"),
    "err-badmode": pool("x", "  <target>\n    <path>/x</path>\n    <permissions>\n      <mode>999</mode>\n"
                        "    </permissions>\n  </target>\n"),
    "err-badowner": pool("x", "  <target>\n    <path>/x</path>\n    <permissions>\n      <owner>bob</owner>\n"
                         "    </permissions>\n  </target>\n"),
    "err-cow-bad": pool("x", "  <features>\n    <cow state='maybe'/>\n  </features>\n"
                        "  <target>\n    <path>/x</path>\n  </target>\n"),
    "err-rbd-noname": pool("x", "  <source>\n    <host name='h'/>\n  </source>\n", "rbd"),
    "sheepdog-noname": pool("sheepdog-noname", "  <source>\n    <host name='h'/>\n  </source>\n", "sheepdog"),
    "gluster-defaults": pool("gluster-defaults", "  <source>\n    <host name='h'/>\n  </source>\n", "gluster"),
    "netfs-paths": pool("netfs-paths", "  <source>\n    <host name='h' port='0'/>\n    <host name='h2' port='-1'/>\n"
                        "    <dir path='/e//x/'/>\n  </source>\n  <target>\n    <path>/t/</path>\n  </target>\n",
                        "netfs"),
    "perms-partial": pool("perms-partial", "  <target>\n    <path>/t</path>\n    <permissions>\n      <mode>7</mode>\n"
                          "      <owner>-1</owner>\n      <group>+5</group>\n    </permissions>\n  </target>\n"),
    "perms-label": pool("perms-label", "  <target>\n    <path>/t</path>\n    <permissions>\n      <mode></mode>\n"
                        "      <label>l</label>\n    </permissions>\n  </target>\n"),
    "perms-empty": pool("perms-empty", "  <target>\n    <path>/t</path>\n    <permissions/>\n  </target>\n"),
    "fc-parent-wwn": pool("fc-parent-wwn", "  <source>\n    <adapter type='fc_host' parent_wwnn='20000000c9831b4a' "
                          "parent_wwpn='10000000c9831b4a' parent_fabric_wwn='2000000000000001' managed='no' "
                          "wwnn='0x20000000c9831b4b' wwpn='10000000C9831B4B'/>\n  </source>\n"
                          "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "scsi-host-extra-attrs": pool("scsi-host-extra-attrs", "  <source>\n    <adapter type='scsi_host' name='host0' "
                                  "wwnn='20000000c9831b4b'/>\n  </source>\n"
                                  "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "scsi-parentaddr-decimal": pool("scsi-parentaddr-decimal", "  <source>\n    <adapter type='scsi_host'>\n"
                                    "      <parentaddr unique_id='7'>\n"
                                    "        <address domain='0' bus='1' slot='31' function='2'/>\n"
                                    "      </parentaddr>\n    </adapter>\n  </source>\n"
                                    "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "auth-on-dir": pool("auth-on-dir", "  <source>\n    <auth type='chap' username='a'>\n      <secret usage='u'/>\n"
                        "    </auth>\n    <vendor name='v'/>\n    <name>n</name>\n    <host name='h'/>\n"
                        "  </source>\n  <target>\n    <path>/t</path>\n  </target>\n"),
    "disk-defaults": pool("disk-defaults", "  <source>\n    <device path='/dev/sde' part_separator='no'>\n"
                          "      <freeExtent start='1' end='2'/>\n    </device>\n  </source>\n"
                          "  <target>\n    <path>/t</path>\n  </target>\n", "disk"),
    "fs-format-notype": pool("fs-format-notype", "  <features>\n    <cow state='yes'/>\n  </features>\n"
                             "  <source>\n    <device path='/dev/x' part_separator='yes'/>\n    <format/>\n"
                             "  </source>\n  <target>\n    <path>/t</path>\n  </target>\n", "fs"),
    "refresh": pool("refresh", "  <target>\n    <path>/t</path>\n  </target>\n  <refresh>\n"
                    "    <volume allocation='capacity'/>\n  </refresh>\n"),
    "refresh-default": pool("refresh-default", "  <target>\n    <path>/t</path>\n  </target>\n  <refresh>\n"
                            "    <volume allocation='default'/>\n  </refresh>\n  <features>\n    <cow/>\n"
                            "  </features>\n"),
    "namespaces-dropped": pool("namespaces-dropped", "  <source>\n    <name>r</name>\n    <host name='h'/>\n"
                               "  </source>\n  <rbd:config_opts xmlns:rbd='http://libvirt.org/schemas/storagepool/rbd/1.0'>\n"
                               "    <rbd:option name='a' value='b'/>\n  </rbd:config_opts>\n", "rbd"),
    "protocol-string": pool("protocol-string", "  <source>\n    <host name='h'/>\n    <dir path='/e'/>\n"
                            "    <protocol ver='4.1'/>\n  </source>\n  <target>\n    <path>/t</path>\n  </target>\n",
                            "netfs"),
    "logical-unknown-format": pool("logical-unknown-format", "  <source>\n    <name>v</name>\n"
                                   "    <format type='unknown'/>\n  </source>\n", "logical"),
    "iscsi-empty-iqn": pool("iscsi-empty-iqn", "  <source>\n    <host name='h'/>\n    <device path='d'/>\n"
                            "    <initiator>\n      <iqn/>\n    </initiator>\n  </source>\n"
                            "  <target>\n    <path>/t</path>\n  </target>\n", "iscsi"),
    "zfs-perms": pool("zfs-perms", "  <source>\n    <name>tank</name>\n  </source>\n  <target>\n    <path>/x</path>\n"
                      "    <permissions>\n      <mode>0700</mode>\n    </permissions>\n  </target>\n", "zfs"),
    "relative-path": pool("relative-path", "  <target>\n    <path>rel//x/</path>\n  </target>\n"),
    "err-fc-parent-wwnn-only": pool("x", "  <source>\n    <adapter type='fc_host' parent_wwnn='20000000c9831b4a' "
                                    "wwnn='20000000c9831b4b' wwpn='10000000c9831b4b'/>\n  </source>\n"
                                    "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "err-fc-managed": pool("x", "  <source>\n    <adapter type='fc_host' managed='perhaps' wwnn='20000000c9831b4b' "
                           "wwpn='10000000c9831b4b'/>\n  </source>\n  <target>\n    <path>/t</path>\n  </target>\n",
                           "scsi"),
    "err-scsi-name-and-parentaddr": pool("x", "  <source>\n    <adapter type='scsi_host' name='host0'>\n"
                                         "      <parentaddr unique_id='1'>\n"
                                         "        <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>\n"
                                         "      </parentaddr>\n    </adapter>\n  </source>\n"
                                         "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "err-legacy-wwn": pool("x", "  <source>\n    <adapter name='host0' wwnn='20000000c9831b4b'/>\n  </source>\n"
                           "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "err-legacy-parentaddr": pool("x", "  <source>\n    <adapter>\n      <parentaddr unique_id='1'>\n"
                                  "        <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>\n"
                                  "      </parentaddr>\n    </adapter>\n  </source>\n"
                                  "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "err-parentaddr-noaddress": pool("x", "  <source>\n    <adapter type='scsi_host'>\n"
                                     "      <parentaddr unique_id='1'/>\n    </adapter>\n  </source>\n"
                                     "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "err-parentaddr-nouid": pool("x", "  <source>\n    <adapter type='scsi_host'>\n      <parentaddr>\n"
                                 "        <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>\n"
                                 "      </parentaddr>\n    </adapter>\n  </source>\n"
                                 "  <target>\n    <path>/t</path>\n  </target>\n", "scsi"),
    "err-auth-uuid-and-usage": pool("x", "  <source>\n    <name>r</name>\n    <host name='h'/>\n"
                                    "    <auth type='ceph' username='a'>\n"
                                    "      <secret uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87' usage='u'/>\n"
                                    "    </auth>\n  </source>\n", "rbd"),
    "err-auth-baduuid": pool("x", "  <source>\n    <name>r</name>\n    <host name='h'/>\n"
                             "    <auth type='ceph' username='a'>\n      <secret uuid='zz'/>\n    </auth>\n"
                             "  </source>\n", "rbd"),
    "err-auth-notype": pool("x", "  <source>\n    <name>r</name>\n    <host name='h'/>\n"
                            "    <auth username='a'>\n      <secret usage='u'/>\n    </auth>\n  </source>\n", "rbd"),
    "err-auth-emptysecret": pool("x", "  <source>\n    <name>r</name>\n    <host name='h'/>\n"
                                 "    <auth type='ceph' username='a'>\n      <secret/>\n    </auth>\n"
                                 "  </source>\n", "rbd"),
    "err-partsep": pool("x", "  <source>\n    <device path='/dev/sde' part_separator='maybe'/>\n  </source>\n"
                        "  <target>\n    <path>/t</path>\n  </target>\n", "disk"),
    "err-refresh": pool("x", "  <target>\n    <path>/t</path>\n  </target>\n  <refresh>\n"
                        "    <volume allocation='x'/>\n  </refresh>\n"),
    "err-cow-logical": pool("x", "  <features>\n    <cow state='yes'/>\n  </features>\n", "logical"),
    "err-protocol-cifs": pool("x", "  <source>\n    <host name='h'/>\n    <dir path='/e'/>\n    <format type='cifs'/>\n"
                              "    <protocol ver='3'/>\n  </source>\n  <target>\n    <path>/t</path>\n  </target>\n",
                              "netfs"),
    "err-logical-format": pool("x", "  <source>\n    <name>v</name>\n    <format type='gpt'/>\n  </source>\n",
                               "logical"),
    "err-mode-sticky": pool("x", "  <target>\n    <path>/t</path>\n    <permissions>\n      <mode>1777</mode>\n"
                            "    </permissions>\n  </target>\n"),
    "err-iscsi-notarget": pool("x", "  <source>\n    <host name='h'/>\n    <device path='d'/>\n  </source>\n",
                               "iscsi"),
    "err-malformed": "<pool type='dir'><name>x</name>\n",
    "err-notpool": "<volume/>\n",
}

DIR_POOL = "<pool type='dir'>\n  <name>pool</name>\n  " + U + "\n  <target>\n    <path>/pool</path>\n  </target>\n</pool>\n"


def vol(name, body, head=""):
    return f"<volume{head}>\n  <name>{name}</name>\n{body}</volume>\n"


# name -> (volume xml, pool xml or None for DIR_POOL)
VOLS = {
    "minimal": (vol("minimal.img", "  <capacity>1048576</capacity>\n"), None),
    "units": (vol("units.qcow2", "  <capacity unit='G'>10</capacity>\n  <allocation unit='M'>1</allocation>\n"
                  "  <target>\n    <format type='qcow2'/>\n  </target>\n"), None),
    "full": (vol("full.qcow2", "  <key>ignored-key</key>\n  <capacity unit='KiB'>1024</capacity>\n"
                 "  <allocation unit='bytes'>4096</allocation>\n  <physical unit='KB'>2</physical>\n"
                 "  <target>\n    <path>/elsewhere/full.qcow2</path>\n    <format type='qcow2'/>\n"
                 "    <permissions>\n      <mode>0644</mode>\n      <owner>0</owner>\n      <group>0</group>\n"
                 "      <label>virt_image_t</label>\n    </permissions>\n"
                 "    <timestamps>\n      <atime>1341933637.273190990</atime>\n      <mtime>1341930622</mtime>\n"
                 "    </timestamps>\n    <compat>1.1</compat>\n    <nocow/>\n"
                 "    <features>\n      <lazy_refcounts/>\n    </features>\n  </target>\n"
                 "  <backingStore>\n    <path>/pool/base.img</path>\n    <format type='raw'/>\n"
                 "    <permissions>\n      <mode>0600</mode>\n    </permissions>\n  </backingStore>\n",
                 " type='file'"), None),
    "encryption": (vol("enc.img", "  <capacity>1024</capacity>\n  <target>\n    <format type='raw'/>\n"
                       "    <encryption format='luks'>\n"
                       "      <secret type='passphrase' uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'/>\n"
                       "    </encryption>\n  </target>\n"), None),
    "sparse": (vol("sparse.img", "  <capacity unit='MiB'>100</capacity>\n  <allocation>0</allocation>\n"), None),
    "type-block": (vol("blk", "  <capacity>512</capacity>\n", " type='block'"), None),
    "in-logical": (vol("lv0", "  <capacity unit='M'>4</capacity>\n"),
                   "<pool type='logical'>\n  <name>vg</name>\n  " + U + "\n</pool>\n"),
    "in-disk": (vol("sde1", "  <capacity unit='M'>4</capacity>\n"),
                "<pool type='disk'>\n  <name>dk</name>\n  " + U + "\n  <source>\n    <device path='/dev/sde'/>\n"
                "  </source>\n  <target>\n    <path>/dev</path>\n  </target>\n</pool>\n"),
    "err-noname": ("<volume>\n  <capacity>1</capacity>\n</volume>\n", None),
    "err-nocapacity": (vol("x", ""), None),
    "err-badcapacity": (vol("x", "  <capacity>lots</capacity>\n"), None),
    "err-badunit": (vol("x", "  <capacity unit='parsecs'>1</capacity>\n"), None),
    "err-badformat": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <format type='floppy'/>\n"
                          "  </target>\n"), None),
    "err-badtype": (vol("x", "  <capacity>1</capacity>\n", " type='tape'"), None),
    "slash-name": (vol("a/b", "  <capacity>1</capacity>\n"), None),
    "err-badmode": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <permissions>\n      <mode>abc</mode>\n"
                        "    </permissions>\n  </target>\n"), None),
    "err-badcompat": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                          "    <compat>one</compat>\n  </target>\n"), None),
    "err-badfeature": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                           "    <features>\n      <turbo/>\n    </features>\n  </target>\n"), None),
    "backing-nopath": (vol("x", "  <capacity>1</capacity>\n  <backingStore>\n    <format type='raw'/>\n"
                               "  </backingStore>\n"), None),
    "physical-ignored": (vol("p", "  <capacity unit='KB'>3</capacity>\n  <allocation unit='k'>1</allocation>\n"
                             "  <physical>5</physical>\n"), None),
    "allocation-over-capacity": (vol("o", "  <capacity>1</capacity>\n  <allocation>100</allocation>\n"), None),
    "formats": (vol("f.vhd", "  <capacity>1</capacity>\n  <target>\n    <format type='vhd'/>\n  </target>\n"
                    "  <backingStore>\n    <path>/b</path>\n  </backingStore>\n"), None),
    "format-notype": (vol("n", "  <capacity>1</capacity>\n  <target>\n    <format/>\n  </target>\n"
                          "  <backingStore>\n    <path></path>\n  </backingStore>\n"), None),
    "features-default-compat": (vol("c.qcow2", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                                    "    <features>\n      <lazy_refcounts/>\n      <extended_l2/>\n    </features>\n"
                                    "  </target>\n"), None),
    "compat-old": (vol("c.qcow2", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                       "    <compat>0.10</compat>\n  </target>\n"), None),
    "encryption-full": (vol("e", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                            "      <secret type='passphrase' usage='u'/>\n"
                            "      <cipher name='aes' size='256' mode='cbc' hash='sha256'/>\n"
                            "      <ivgen name='plain64' hash='sha256'/>\n    </encryption>\n  </target>\n"), None),
    "encryption-default": (vol("e", "  <capacity>1</capacity>\n  <target>\n    <encryption format='default'/>\n"
                               "  </target>\n"), None),
    "encryption-qcow": (vol("e", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                            "    <encryption format='qcow'>\n"
                            "      <secret type='passphrase' uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'/>\n"
                            "    </encryption>\n  </target>\n"), None),
    "type-network": (vol("n", "  <capacity>1</capacity>\n", " type='network'"), None),
    "type-ploop": (vol("n", "  <capacity>1</capacity>\n", " type='ploop'"), None),
    "in-disk-partition-format": (vol("sdz1", "  <capacity>1</capacity>\n  <target>\n"
                                     "    <format type='linux-swap'/>\n  </target>\n"),
                                 "<pool type='disk'>\n  <name>dk</name>\n  " + U + "\n  <source>\n"
                                 "    <device path='/dev/sdz'/>\n  </source>\n  <target>\n    <path>/dev</path>\n"
                                 "  </target>\n</pool>\n"),
    "in-iscsi-format-ignored": (vol("lun", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                                    "  </target>\n"),
                                "<pool type='iscsi'>\n  <name>is</name>\n  " + U + "\n  <source>\n"
                                "    <host name='h'/>\n    <device path='d'/>\n  </source>\n  <target>\n"
                                "    <path>/dev/disk/by-path</path>\n  </target>\n</pool>\n"),
    "in-netfs": (vol("n.qcow2", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n  </target>\n"),
                 "<pool type='netfs'>\n  <name>nfs</name>\n  " + U + "\n  <source>\n    <host name='h'/>\n"
                 "    <dir path='/e'/>\n  </source>\n  <target>\n    <path>/mnt/nfs/</path>\n  </target>\n</pool>\n"),
    "encryption-compat-order": (vol("e.qcow2", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                                    "    <features>\n      <lazy_refcounts/>\n    </features>\n"
                                    "    <encryption format='luks2'>\n      <secret type='passphrase' usage='a'/>\n"
                                    "      <secret type='passphrase' usage='b'/>\n    </encryption>\n    <nocow/>\n"
                                    "  </target>\n"), None),
    "cipher-no-mode": (vol("e", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                            "      <cipher name='aes' size='128'/>\n      <ivgen name='plain64'/>\n"
                            "    </encryption>\n  </target>\n"), None),
    "features-empty": (vol("f.qcow2", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                           "    <features/>\n  </target>\n"), None),
    "backing-perms": (vol("b", "  <capacity>1</capacity>\n  <backingStore>\n    <path>/b//c/</path>\n"
                          "    <format type='qcow2'/>\n    <permissions>\n      <owner>5</owner>\n"
                          "      <label>x</label>\n    </permissions>\n  </backingStore>\n"), None),
    "numbers": (vol("n", "  <capacity>+10</capacity>\n  <allocation>010</allocation>\n  <target>\n"
                    "    <permissions>\n      <owner>4294967295</owner>\n      <group>+7</group>\n"
                    "    </permissions>\n  </target>\n"), None),
    "err-cipher-noname": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                              "      <cipher size='256'/>\n    </encryption>\n  </target>\n"), None),
    "err-cipher-nosize": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                              "      <cipher name='aes'/>\n    </encryption>\n  </target>\n"), None),
    "err-ivgen-nocipher": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                               "      <ivgen hash='sha256'/>\n    </encryption>\n  </target>\n"), None),
    "err-ivgen-noname": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                             "      <cipher name='aes' size='256'/>\n      <ivgen hash='sha256'/>\n"
                             "    </encryption>\n  </target>\n"), None),
    "err-encryption-secret-notype": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                                         "      <secret uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'/>\n"
                                         "    </encryption>\n  </target>\n"), None),
    "err-encryption-secret-noref": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                                        "      <secret type='passphrase'/>\n    </encryption>\n  </target>\n"), None),
    "err-encryption-luks-any": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks-any'/>\n"
                                    "  </target>\n"), None),
    "err-capacity-hex": (vol("x", "  <capacity>0x10</capacity>\n"), None),
    "err-owner-negative": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <permissions>\n"
                               "      <owner>-2</owner>\n    </permissions>\n  </target>\n"), None),
    "err-disk-format": (vol("sdz1", "  <capacity>1</capacity>\n  <target>\n    <format type='raw'/>\n"
                            "  </target>\n"),
                        "<pool type='disk'>\n  <name>dk</name>\n  " + U + "\n  <source>\n"
                        "    <device path='/dev/sdz'/>\n  </source>\n  <target>\n    <path>/dev</path>\n"
                        "  </target>\n</pool>\n"),
    "err-format-none": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <format type='none'/>\n  </target>\n"),
                        None),
    "err-compat-dots": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <format type='qcow2'/>\n"
                            "    <compat>1.1.1</compat>\n  </target>\n"), None),
    "err-encryption-format": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='rot13'/>\n"
                                  "  </target>\n"), None),
    "err-encryption-noformat": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption/>\n"
                                    "  </target>\n"), None),
    "err-encryption-secret-type": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                                       "      <secret type='key' uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'/>\n"
                                       "    </encryption>\n  </target>\n"), None),
    "err-cipher-size": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <encryption format='luks'>\n"
                            "      <cipher name='aes' size='big' mode='cbc'/>\n    </encryption>\n  </target>\n"),
                        None),
    "err-backing-format": (vol("x", "  <capacity>1</capacity>\n  <backingStore>\n    <path>/b</path>\n"
                               "    <format type='xx'/>\n  </backingStore>\n"), None),
    "err-capacity-negative": (vol("x", "  <capacity>-1</capacity>\n"), None),
    "err-capacity-overflow": (vol("x", "  <capacity unit='E'>9</capacity>\n"), None),
    "err-capacity-space": (vol("x", "  <capacity> 5 </capacity>\n"), None),
    "err-capacity-empty": (vol("x", "  <capacity></capacity>\n"), None),
    "err-allocation": (vol("x", "  <capacity>1</capacity>\n  <allocation>x</allocation>\n"), None),
    "err-group": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <permissions>\n      <group>x</group>\n"
                      "    </permissions>\n  </target>\n"), None),
    "err-mode-range": (vol("x", "  <capacity>1</capacity>\n  <target>\n    <permissions>\n      <mode>0800</mode>\n"
                           "    </permissions>\n  </target>\n"), None),
    "err-empty-name": ("<volume>\n  <name></name>\n  <capacity>1</capacity>\n</volume>\n", None),
    "err-root": ("<pool/>\n", None),
    "err-malformed": ("<volume><name>x</name>\n", None),
}


def error_line(e):
    return f"{e.get_error_code()} {e.get_error_domain()}\n{e.get_error_message()}\n"


def write(name, text):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text)


def main():
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    conn = libvirt.open("test:///default")
    for f in os.listdir(HERE):
        if f.startswith(("pool-", "vol-")):
            os.unlink(os.path.join(HERE, f))
    for name, xml in POOLS.items():
        write(f"pool-{name}.xml", xml)
        try:
            p = conn.storagePoolDefineXML(xml)
            write(f"pool-{name}.out.xml", p.XMLDesc())
            p.undefine()
        except libvirt.libvirtError as e:
            write(f"pool-{name}.err", error_line(e))
    for name, (xml, pool_xml) in VOLS.items():
        write(f"vol-{name}.xml", xml)
        if pool_xml is not None:
            write(f"vol-{name}.pool.xml", pool_xml)
        p = conn.storagePoolDefineXML(pool_xml or DIR_POOL)
        p.create()
        try:
            v = p.createXML(xml)
            write(f"vol-{name}.out.xml", v.XMLDesc())
            v.delete()
        except libvirt.libvirtError as e:
            write(f"vol-{name}.err", error_line(e))
        p.destroy()
        p.undefine()


if __name__ == "__main__":
    sys.exit(main())
