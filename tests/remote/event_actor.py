#!/usr/bin/python3
"""Performs, through Debian's libvirt client (python3-libvirt), an operation
that vireo's remote driver does not carry yet, for test_remote_qemu_events.c:
the events it causes are then checked through the test's own client.

usage: event_actor.py URI DOMAIN pin-vcpu
       event_actor.py URI DOMAIN block-threshold DISK BYTES
       event_actor.py URI DOMAIN block-pull DISK
"""
import sys

import libvirt


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    uri, name, op = argv[1:4]
    conn = libvirt.open(uri)
    try:
        dom = conn.lookupByName(name)
        if op == "pin-vcpu":
            dom.pinVcpu(0, (True,))
        elif op == "block-threshold":
            dom.setBlockThreshold(argv[4], int(argv[5]))
        elif op == "block-pull":
            dom.blockPull(argv[4], 0, 0)
        else:
            print(f"unknown operation {op}", file=sys.stderr)
            return 2
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
