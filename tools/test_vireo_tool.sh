#!/bin/bash
# test_vireo_tool.sh VIREO: checks the output and exit status of single
# `vireo -c test:///default ...` commands. Every command runs in a fresh
# process, so each one starts from the default test driver state. The
# expected texts are what virsh prints for the same commands against
# libvirt 9.0.0 (the error lines that quote a library message come from
# virGetLastErrorMessage()).
set -u

VIREO=${1:?usage: test_vireo_tool.sh PATH-TO-VIREO}
URI=test:///default
TMP=$(mktemp -d /tmp/vireo-tool-test-XXXXXX)
trap 'rm -rf "$TMP"' EXIT

failures=0
checks=0

# expect NAME STATUS EXPECTED_STDOUT EXPECTED_STDERR -- ARGS...
# EXPECTED_STDERR "*" means: not checked.
expect() {
    local name=$1 status=$2 out=$3 err=$4
    shift 5
    local got_out got_err got_status
    got_out=$("$VIREO" "$@" 2>"$TMP/stderr"; echo "rc=$?")
    got_status=${got_out##*rc=}
    got_out=${got_out%rc=*}
    got_err=$(cat "$TMP/stderr")
    checks=$((checks + 1))
    local ok=1
    [ "$got_status" = "$status" ] || ok=0
    [ "$got_out" = "$out" ] || ok=0
    [ "$err" = "*" ] || [ "$got_err" = "$err" ] || ok=0
    if [ $ok = 0 ]; then
        failures=$((failures + 1))
        echo "FAIL: $name: vireo $*"
        echo "  status: got $got_status, expected $status"
        diff <(printf '%s' "$out") <(printf '%s' "$got_out") | sed 's/^/  stdout: /'
        [ "$err" = "*" ] || diff <(printf '%s' "$err") <(printf '%s' "$got_err") | sed 's/^/  stderr: /'
    fi
}

cat >"$TMP/dom.xml" <<'EOF'
<domain type='test'>
  <name>extra</name>
  <uuid>0a1e62b4-1a11-4b3f-b5e7-c937eb6ac92d</uuid>
  <memory>1024</memory>
  <os><type>hvm</type></os>
</domain>
EOF
cat >"$TMP/disk.xml" <<'EOF'
<disk type='file' device='disk'>
  <source file='/x.img'/>
  <target dev='vdb' bus='virtio'/>
</disk>
EOF

expect list 0 " Id   Name   State
----------------------
 1    test   running

" "" -- -c $URI list

expect list-all 0 " Id   Name   State
----------------------
 1    test   running

" "" -- -c $URI list --all

expect list-inactive 0 " Id   Name   State
--------------------

" "" -- -c $URI list --inactive

expect domstate 0 "running

" "" -- -c $URI domstate test

expect domstate-reason-by-id 0 "running (unknown)

" "" -- -c $URI domstate --reason 1

# Commands separated by ';' share one connection, so the second sees the
# first's change; the first failing command ends the run with its status.
expect multi-command 0 "Domain 'test' suspended

paused (user)

" "" -- -c $URI suspend test \; domstate --reason test

expect multi-command-stops 1 "Domain 'test' destroyed


" "*" -- -c $URI destroy test \; destroy test \; list

expect domstate-by-uuid 0 "running

" "" -- -c $URI domstate 6695eb01-f6a4-8304-79aa-97f2502e193f

expect nodeinfo 0 "CPU model:           i686
CPU(s):              16
CPU frequency:       1400 MHz
CPU socket(s):       2
Core(s) per socket:  2
Thread(s) per core:  2
NUMA cell(s):        2
Memory size:         3145728 KiB

" "" -- -c $URI nodeinfo

expect uri 0 "test:///default

" "" -- -c $URI uri

expect suspend 0 "Domain 'test' suspended

" "" -- -c $URI suspend test
expect reboot 0 "Domain 'test' is being rebooted

" "" -- -c $URI reboot test
expect shutdown 0 "Domain 'test' is being shutdown

" "" -- -c $URI shutdown test
expect destroy 0 "Domain 'test' destroyed

" "" -- -c $URI destroy test
expect undefine 0 "Domain 'test' has been undefined

" "" -- -c $URI undefine test
expect define 0 "Domain 'extra' defined from $TMP/dom.xml

" "" -- -c $URI define "$TMP/dom.xml"
expect create 0 "Domain 'extra' created from $TMP/dom.xml

" "" -- -c $URI create "$TMP/dom.xml"
expect setmem 0 "
" "" -- -c $URI setmem test 1024
expect setmem-config 0 "
" "" -- -c $URI setmem test 1G --config
expect setvcpus-max 0 "
" "" -- -c $URI setvcpus test 3 --maximum --config

# Errors: "error: <context>" then "error: <library message>", status 1.
expect resume-running 1 "
" "error: Failed to resume domain 'test'
error: internal error: domain 'test' not paused" -- -c $URI resume test
expect start-active 1 "
" "error: Domain is already active" -- -c $URI start test
expect setmem-too-big 1 "
" "error: invalid argument: cannot set memory higher than max memory" \
    -- -c $URI setmem test 99999999
expect setvcpus-too-many 1 "
" "error: invalid argument: requested cpu amount exceeds maximum supported amount (64 > 32)" \
    -- -c $URI setvcpus test 64
expect dominfo-missing 1 "
" "error: failed to get domain 'nope'
error: Domain not found" -- -c $URI dominfo nope
expect define-missing-file 1 "
" "error: Failed to open file '$TMP/none.xml': No such file or directory" \
    -- -c $URI define "$TMP/none.xml"
expect create-paused 1 "
" "error: Failed to create domain from $TMP/dom.xml
error: unsupported flags (0x1) in function testDomainCreateXML" \
    -- -c $URI create "$TMP/dom.xml" --paused
expect attach-device 1 "
" "error: Failed to attach device from $TMP/disk.xml
error: this function is not supported by the connection driver: virDomainAttachDevice" \
    -- -c $URI attach-device test "$TMP/disk.xml"
expect readonly-suspend 1 "
" "error: Failed to suspend domain 'test'
error: operation forbidden: read only access prevents virDomainSuspend" \
    -- -c $URI -r suspend test
expect event-timeout 0 "event loop timed out
events received: 0

" "" -- -c $URI event --loop --timeout 1

# Usage errors: status 2.
expect no-command 2 "" "*" --
expect unknown-command 2 "" "*" -- -c $URI bogus
expect missing-arg 2 "" "*" -- -c $URI dominfo
expect unknown-option 2 "" "*" -- -c $URI list --bogus
expect exclusive-options 2 "" "*" -- -c $URI setmem test 1 --current --live
expect maximum-needs-config 2 "" "*" -- -c $URI setvcpus test 2 --maximum
expect bad-size 2 "" "*" -- -c $URI setmem test abc

# dominfo: every line but the clock-derived CPU time.
got=$("$VIREO" -c $URI dominfo test | grep -v '^CPU time:')
checks=$((checks + 1))
want="Id:             1
Name:           test
UUID:           6695eb01-f6a4-8304-79aa-97f2502e193f
OS Type:        linux
State:          running
CPU(s):         2
Max memory:     8388608 KiB
Used memory:    2097152 KiB
Persistent:     yes
Autostart:      disable
Managed save:   no"
if [ "${got:0:${#want}}" != "$want" ]; then
    failures=$((failures + 1))
    echo "FAIL: dominfo"
    diff <(echo "$want") <(echo "$got") | sed 's/^/  /'
fi

# dumpxml and capabilities: spot checks.
checks=$((checks + 1))
if ! "$VIREO" -c $URI dumpxml test | grep -q "<domain type='test' id='1'>"; then
    failures=$((failures + 1)); echo "FAIL: dumpxml"
fi
checks=$((checks + 1))
if ! "$VIREO" -c $URI dumpxml --inactive test | grep -q "^<domain type='test'>"; then
    failures=$((failures + 1)); echo "FAIL: dumpxml --inactive"
fi
checks=$((checks + 1))
if ! "$VIREO" -c $URI capabilities | grep -q "<arch>i686</arch>"; then
    failures=$((failures + 1)); echo "FAIL: capabilities"
fi
checks=$((checks + 1))
if ! "$VIREO" -c $URI version | grep -q "^Running hypervisor: TEST 0.0.2$"; then
    failures=$((failures + 1)); echo "FAIL: version"
fi
checks=$((checks + 1))
if ! "$VIREO" help | grep -q "^usage: vireo"; then
    failures=$((failures + 1)); echo "FAIL: help"
fi

if [ $failures -ne 0 ]; then
    echo "test_vireo_tool: $failures of $checks checks FAILED"
    exit 1
fi
echo "test_vireo_tool: all $checks checks passed"
