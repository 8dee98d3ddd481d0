#!/bin/bash
# qemu_domain_demo.sh BUILD_DIR: vireo's main job. Starts a real QEMU domain
# (TCG, 64 MiB, booting the tiny test guest of tests/data/guest from a disk) on an embedded QEMU
# driver, shows it running and its console's pty, reads the guest's first
# words from that pty, and destroys it. Each `vireo` call below is a new
# process: the second one takes over the domain the first one started.
set -eu
build=${1:-build}
vireo="$build/tools/vireo"
guest=$(readlink -f "$build/tests/data/guest/vireo_guest.img")
root=$(mktemp -d /tmp/vireo-demo-XXXXXX)
trap 'rm -rf "$root"' EXIT
uri="qemu:///embed?root=$root"

cat > "$root/demo.xml" <<XML
<domain type='qemu'>
  <name>demo</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <features>
    <acpi/>
  </features>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='$guest'/>
      <target dev='vda' bus='virtio'/>
      <readonly/>
    </disk>
    <serial type='pty'/>
    <console type='pty'/>
  </devices>
</domain>
XML

echo "== $uri: define and start"
"$vireo" -c "$uri" define "$root/demo.xml" \; start demo \; list --all \; dominfo demo
pty=$("$vireo" -c "$uri" ttyconsole demo)
echo "== the console is $pty; the guest says:"
timeout 5 head -n 1 "$pty" || true
echo "== a second process takes the domain over, then destroys it"
"$vireo" -c "$uri" domstate --reason demo \; destroy demo \; domstate --reason demo \; undefine demo \; list --all
