#!/usr/bin/env python3
"""LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS and LIBVIRT_LOG_OUTPUTS, end to end.

The library reads the environment once per process, so every case runs
log_probe (tests/capi/log_probe.c, public API only) in a child process with
its own environment, and checks what reached stderr and the log file.

usage: log_env_test.py PATH/TO/log_probe
"""
import os
import re
import subprocess
import sys
import tempfile

PROBE = sys.argv[1]
LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: \d+: (debug|info|warning|error) : .*$")
failures = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
        if detail:
            print("     " + detail.replace("\n", "\n     "))


def run(args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LIBVIRT_")}
    clean.update(env)
    p = subprocess.run([PROBE] + args, env=clean, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def root_with_bad_definition(tmp):
    root = os.path.join(tmp, "root")
    os.makedirs(os.path.join(root, "etc", "qemu"))
    with open(os.path.join(root, "etc", "qemu", "broken.xml"), "w") as f:
        f.write("<domain type='qemu'><name>broken</name>")  # truncated: not XML
    return root


with tempfile.TemporaryDirectory(prefix="vireo-log-env-") as tmp:
    root = root_with_bad_definition(tmp)

    # 1. Nothing asked, nothing written: not even the driver's warning.
    rc, out, err = run(["api"])
    check(rc == 0 and err == "", "no LIBVIRT_* variable: the API calls write nothing to stderr", err)
    rc, out, err = run(["embed", root])
    check(rc == 0, "the embed root with a broken definition opens", out)
    check(err == "", "no LIBVIRT_* variable: the skipped-definition warning stays off stderr", err)

    # 2. The warning is there once asked for.
    rc, out, err = run(["embed", root], LIBVIRT_DEBUG="3")
    check(re.search(r": warning : \w+:\d+ : skipping definition \S*broken\.xml: ", err) is not None,
          "LIBVIRT_DEBUG=3: the skipped definition is a warning on stderr", err)
    # (libvirt writes a multi-line message as it is: libxml2's error has three)
    check(bool(err) and LINE.match(err.splitlines()[0]) is not None, "LIBVIRT_DEBUG=3: stderr holds log lines", err)
    body = [l for l in err.splitlines() if "libvirt version: " not in l and ": info : hostname: " not in l]
    check(not any(": debug : " in l or ": info : " in l for l in body),
          "LIBVIRT_DEBUG=3: no debug or info lines besides libvirt's two header lines", err)

    # 3. The file output with LIBVIRT_DEBUG=1: entry points, arguments, errors.
    logfile = os.path.join(tmp, "api.log")
    rc, out, err = run(["api"], LIBVIRT_DEBUG="1", LIBVIRT_LOG_OUTPUTS="1:file:" + logfile)
    check(rc == 0 and err == "", "LIBVIRT_LOG_OUTPUTS=1:file:X: nothing on stderr", err)
    text = open(logfile).read() if os.path.exists(logfile) else ""
    lines = text.splitlines()
    check(len(lines) > 5 and all(LINE.match(l) for l in lines), "every line of the file has libvirt's layout",
          text)
    check(len(lines) > 1 and ": info : libvirt version: " in lines[0] and ": info : hostname: " in lines[1],
          "the file starts with libvirt's version and hostname lines", text[:300])
    expected = [
        r": debug : virConnectOpen:\d+ : name=test:///default, auth=\(nil\), flags=0x0$",
        r": debug : virDomainLookupByName:\d+ : conn=0x[0-9a-f]+, name=test$",
        r": debug : virDomainSuspend:\d+ : dom=0x[0-9a-f]+, \(VM: name=test, "
        r"uuid=6695eb01-f6a4-8304-79aa-97f2502e193f\)$",
        r": debug : virDomainResume:\d+ : dom=0x[0-9a-f]+, \(VM: name=test, ",
        r": debug : virDomainLookupByName:\d+ : conn=0x[0-9a-f]+, name=nosuch$",
        r": error : virDomainLookupByName:\d+ : Domain not found",
        r": debug : virConnectClose:\d+ : conn=0x[0-9a-f]+$",
    ]
    for pattern in expected:
        check(re.search(pattern, text, re.M) is not None, "the log has " + pattern, text)

    # 4. LIBVIRT_DEBUG=1 alone: stderr, and (as libvirt) no error line, which
    #    the error function already reports.
    rc, out, err = run(["api"], LIBVIRT_DEBUG="1")
    check(re.search(r": debug : virDomainSuspend:\d+ : dom=0x", err) is not None,
          "LIBVIRT_DEBUG=1: entry points are logged to stderr", err)
    check(": error : " not in err, "LIBVIRT_DEBUG=1 without outputs: errors are not logged (as libvirt)", err)

    # 5. Filters: the first filter containing the module's name decides.
    rc, out, err = run(["embed", root], LIBVIRT_DEBUG="4", LIBVIRT_LOG_FILTERS="1:qemu")
    check("skipping definition" in err, "1:qemu lets the QEMU driver's warning through", err)
    check("virConnectOpen" not in err, "1:qemu leaves the libvirt module at the default (error)", err)
    rc, out, err = run(["api"], LIBVIRT_DEBUG="4", LIBVIRT_LOG_FILTERS="3:libvirt 1:libvirt")
    check("virConnectOpen" not in err, "\"3:libvirt 1:libvirt\": the first match wins", err)
    for spec in ("1:lib*rt", "1:+libvirt", "+1:libvirt"):  # each accepted by libvirt 9.0 (measured)
        rc, out, err = run(["api"], LIBVIRT_DEBUG="4", LIBVIRT_LOG_FILTERS=spec)
        check(re.search(r"virConnectOpen:\d+ : name=", err) is not None, "LIBVIRT_LOG_FILTERS=%s works" % spec, err)

    # 6. A malformed LIBVIRT_LOG_OUTPUTS is rejected whole; the log goes to
    #    stderr and says so, and the API works (libvirt 9.0 fails its calls).
    rc, out, err = run(["api"], LIBVIRT_DEBUG="1", LIBVIRT_LOG_OUTPUTS="1:file:" + logfile + " 1:bogus")
    check(rc == 0, "a malformed LIBVIRT_LOG_OUTPUTS does not break the API", out)
    check(re.search(r": error : \w+:\d+ : Invalid log outputs '1:file:\S+ 1:bogus', all ignored", err) is not None,
          "a malformed LIBVIRT_LOG_OUTPUTS is reported on stderr", err)
    check("virConnectOpen" in err, "a malformed LIBVIRT_LOG_OUTPUTS falls back to stderr", err)

    # 7. A bad LIBVIRT_DEBUG is reported and ignored.
    rc, out, err = run(["api"], LIBVIRT_DEBUG="7")
    check(rc == 0 and "Failed to set logging priority, argument '7' is invalid" in err,
          "LIBVIRT_DEBUG=7 is reported and ignored", err)

    # 8. The same shape as libvirt's own lines, when Debian's libvirt0 and
    #    python3-libvirt are installed (skipped otherwise): the same fields,
    #    the same separators, for the same call.
    probe_libvirt = "import libvirt; libvirt.open('test:///default').close()"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LIBVIRT_") and k != "LD_LIBRARY_PATH"}
    clean["LIBVIRT_DEBUG"] = "1"
    try:
        p = subprocess.run(["/usr/bin/python3", "-c", probe_libvirt], env=clean, capture_output=True, text=True,
                           timeout=60)
        theirs = p.stderr if p.returncode == 0 else ""
    except OSError:
        theirs = ""
    if not theirs:
        print("skip comparison with libvirt's lines: python3-libvirt (libvirt0) is not installed")
    else:
        def shape(line):
            # time stamp, thread, priority, function:line -> placeholders
            m = re.match(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000): (\d+): (\w+) : (\w+):(\d+) : ", line)
            return m and "T: N: %s : F:L : " % m.group(3)
        want = [l for l in theirs.splitlines() if re.search(r" : virConnectOpen\w*:\d+ : name=", l)]
        rc, out, err = run(["api"], LIBVIRT_DEBUG="1")
        ours = [l for l in err.splitlines() if re.search(r" : virConnectOpen\w*:\d+ : name=", l)]
        check(bool(want) and bool(ours) and shape(want[0]) == shape(ours[0]) and shape(ours[0]) is not None,
              "virConnectOpen's line has libvirt 9.0's shape", "libvirt: %s\nvireo:   %s" % (want[:1], ours[:1]))
        check(LINE.match(theirs.splitlines()[0]) is not None and ": info : libvirt version: " in theirs.splitlines()[0],
              "libvirt's own first line matches the layout the tests expect of vireo", theirs[:200])

if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("all checks passed")
