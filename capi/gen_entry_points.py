#!/usr/bin/env python3
"""Writes the public functions that need nothing beyond libvirt's common checks.

Every function declared in include/libvirt/*.h (the prototypes are the
contract) that is not written by hand in capi/*.cc gets a one-line body in
capi/<area>_generated.cc and, when it reaches a driver, an entry in that
kind's driver table (lib/driver/<table>_generated.inc, included at the end of
the table's struct). A body is one of these forms (capi/entry_point.h):

  viaConnection / viaDomain / viaObject
      the object is a connection, a domain or a handle of a kind vireo
      creates (CREATABLE, capi/object_handle.h) and every other argument is
      data: validate, refuse a write on a read-only connection, call the
      entry. A driver implements the function by filling the entry; nothing
      else changes. Entries of HypervisorDriver take the C arguments as they
      are; entries of the CXX_TABLES take C++ types: a required string as
      std::string_view, one that may be NULL as std::optional, a UUID (raw
      or text) as a Uuid, the object as its identity, and they return
      std::string or an identity for char* and handles (capi/c_args.h).
  namesViaConnection / handlesViaConnection
      (CXX_TABLES) a list into the caller's (names, maxnames) array, or a
      new array of handles: the entry returns a std::vector of names or of
      identities, and the facade converts once for every kind.
  objectFree / objectRef / objectName / objectUuid / objectUuidString /
  objectConnect
      virXxxFree, Ref, GetName, GetUUID, GetUUIDString, GetConnect of a
      CREATABLE kind: answered from the handle, no entry.
  pendingOnConnection / pendingOnDomain / pendingOnObject
      the function returns or takes handles of a kind vireo cannot create
      yet, callbacks or structures holding handles: the same checks, then the
      entry, declared as a PendingEntry, reports VIR_ERR_NO_SUPPORT.
  invalidHandle
      the object is a handle of a kind vireo cannot create yet: every pointer
      is invalid (capi/handle_kinds.h).

To implement a function with more than the common checks, write it by hand in
the area's hand-written file (capi/domain.cc, ...), move its entry into the
table's header, and run this script again: it leaves out every function that
is defined by hand.

libvirt facts used here, measured on libvirt 9.0.0 (Debian 12) by calling
each function with an invalid handle and, on a read-only test:///default
connection, with valid ones: the error domain of each API file, the failure
values (-1 and NULL throughout), and which functions refuse a read-only
connection (READ_ONLY_DENIED).

Usage: gen_entry_points.py          rewrite the generated files
       gen_entry_points.py --check  exit 1 when they are not up to date
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# header -> (area of capi/<area>_generated.cc, libvirt's error domain, table)
HEADERS = {
    "libvirt-host.h": ("host", "VIR_FROM_DOMAIN", "HypervisorDriver"),
    "libvirt-domain.h": ("domain", "VIR_FROM_DOMAIN", "HypervisorDriver"),
    "libvirt-domain-snapshot.h": ("domain_snapshot", "VIR_FROM_DOMAIN_SNAPSHOT", "HypervisorDriver"),
    "libvirt-domain-checkpoint.h": ("domain_checkpoint", "VIR_FROM_DOMAIN_CHECKPOINT", "HypervisorDriver"),
    "libvirt-stream.h": ("stream", "VIR_FROM_STREAMS", "HypervisorDriver"),
    "libvirt-network.h": ("network", "VIR_FROM_NETWORK", "NetworkDriver"),
    "libvirt-storage.h": ("storage", "VIR_FROM_STORAGE", "StorageDriver"),
    "libvirt-interface.h": ("interface", "VIR_FROM_INTERFACE", "InterfaceDriver"),
    "libvirt-nodedev.h": ("nodedev", "VIR_FROM_NODEDEV", "NodeDeviceDriver"),
    "libvirt-secret.h": ("secret", "VIR_FROM_SECRET", "SecretDriver"),
    "libvirt-nwfilter.h": ("nwfilter", "VIR_FROM_NWFILTER", "NWFilterDriver"),
}
# Everything in these is written by hand (typed parameters, event loop, errors).
HAND_ONLY_HEADERS = {"libvirt-common.h", "libvirt-event.h", "virterror.h"}
# Their own libraries (libvireo-qemu.so.0, libvireo-lxc.so.0), written by hand
# in capi/qemu.cc and capi/lxc.cc and reached through capi/companion.h.
OTHER_LIBRARY_HEADERS = {"libvirt-qemu.h", "libvirt-lxc.h"}

# table -> (header, .inc file, short name used in the generated code)
TABLES = {
    "HypervisorDriver": ("hypervisor_driver.h", "hypervisor_generated.inc", "HV"),
    "NetworkDriver": ("network_driver.h", "network_generated.inc", "NetworkDriver"),
    "StorageDriver": ("storage_driver.h", "storage_generated.inc", "StorageDriver"),
    "InterfaceDriver": ("interface_driver.h", "interface_generated.inc", "InterfaceDriver"),
    "NodeDeviceDriver": ("node_device_driver.h", "node_device_generated.inc", "NodeDeviceDriver"),
    "SecretDriver": ("secret_driver.h", "secret_generated.inc", "SecretDriver"),
    "NWFilterDriver": ("nwfilter_driver.h", "nwfilter_generated.inc", "NWFilterDriver"),
}

# The tables whose entries take C++ types (see the module comment).
# HypervisorDriver's generated entries still take the C arguments.
CXX_TABLES = {"NetworkDriver", "StorageDriver", "InterfaceDriver", "NodeDeviceDriver", "SecretDriver",
              "NWFilterDriver"}

# Handle types that vireo creates: C type -> (the prefix of their functions,
# the driver's identity type, lib/driver/object_identity.h).
CREATABLE = {
    "virNetworkPtr": ("virNetwork", "NetworkIdentity"),
    "virInterfacePtr": ("virInterface", "InterfaceIdentity"),
    "virStoragePoolPtr": ("virStoragePool", "StoragePoolIdentity"),
    "virStorageVolPtr": ("virStorageVol", "StorageVolIdentity"),
    "virNodeDevicePtr": ("virNodeDevice", "NodeDeviceIdentity"),
    "virSecretPtr": ("virSecret", "SecretIdentity"),
    "virNWFilterPtr": ("virNWFilter", "NWFilterIdentity"),
    "virNWFilterBindingPtr": ("virNWFilterBinding", "NWFilterBindingIdentity"),
}
# The functions of a CREATABLE kind answered from the handle: name suffix ->
# helper of capi/entry_point.h.
ACCESSORS = {"Free": "objectFree", "Ref": "objectRef", "GetName": "objectName", "GetUUID": "objectUuid",
             "GetUUIDString": "objectUuidString", "GetConnect": "objectConnect"}
# String arguments that libvirt lets be NULL (all others it checks).
NULLABLE = {("virNetworkGetDHCPLeases", "mac"), ("virConnectFindStoragePoolSources", "srcSpec"),
            ("virNodeNumOfDevices", "cap"), ("virNodeDeviceDetachFlags", "driverName")}
# Scalar argument types passed to an entry as they are.
SCALARS = {"int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long", "double"}

# Handle types that vireo cannot create yet, and their HandleKind.
UNCREATABLE = {
    "virNetworkPortPtr": "NetworkPort",
    "virStreamPtr": "Stream",
}
# Handle types vireo creates whose functions are all written by hand:
# snapshots and checkpoints hold their domain's handle (capi/objects.h,
# capi/moment_call.h, capi/domain_snapshot.cc, capi/domain_checkpoint.cc).
HAND_WRITTEN_HANDLES = {"virDomainSnapshotPtr", "virDomainCheckpointPtr"}
# Types that hold handles, so a driver cannot be handed them as they are.
HOLDS_HANDLES = ({"virConnectPtr", "virDomainPtr", "virDomainStatsRecordPtr"} | set(UNCREATABLE) | set(CREATABLE)
                 | HAND_WRITTEN_HANDLES)

# The functions (with a connection, a domain or a CREATABLE handle as their
# object) that libvirt 9.0.0 refuses on a read-only connection: VIR_ERR_OPERATION_DENIED, "read
# only access prevents <function>", before the driver is asked.
READ_ONLY_DENIED = set("""
virConnectBaselineHypervisorCPU virConnectCompareHypervisorCPU virConnectDomainXMLFromNative
virConnectFindStoragePoolSources virDomainAbortJob virDomainAbortJobFlags virDomainAddIOThread
virDomainAgentSetResponseTimeout virDomainAuthorizedSSHKeysGet virDomainAuthorizedSSHKeysSet
virDomainBackupBegin virDomainBlockCommit virDomainBlockCopy virDomainBlockJobAbort
virDomainBlockJobSetSpeed virDomainBlockPeek virDomainBlockPull virDomainBlockRebase virDomainBlockResize
virDomainCheckpointCreateXML virDomainCoreDump virDomainCoreDumpWithFormat virDomainCreateWithFiles
virDomainCreateXMLWithFiles virDomainDelIOThread virDomainDetachDeviceAlias virDomainFDAssociate
virDomainFSFreeze virDomainFSThaw virDomainFSTrim virDomainGetFSInfo virDomainGetGuestInfo
virDomainGetGuestVcpus virDomainGetLaunchSecurityInfo virDomainGetTime virDomainInjectNMI
virDomainInterfaceAddresses virDomainManagedSaveDefineXML virDomainMemoryPeek virDomainMigrate
virDomainMigrate2 virDomainMigrate3 virDomainMigrateGetMaxSpeed virDomainMigrateSetCompressionCache
virDomainMigrateSetMaxDowntime virDomainMigrateSetMaxSpeed virDomainMigrateStartPostCopy
virDomainMigrateToURI virDomainMigrateToURI2 virDomainMigrateToURI3 virDomainOpenChannel
virDomainOpenConsole virDomainOpenGraphics virDomainOpenGraphicsFD virDomainPMSuspendForDuration
virDomainPMWakeup virDomainPinEmulator virDomainPinIOThread virDomainPinVcpu virDomainPinVcpuFlags
virDomainRename virDomainRestoreParams virDomainSaveImageDefineXML virDomainSaveImageGetXMLDesc
virDomainSaveParams virDomainScreenshot virDomainSendKey virDomainSendProcessSignal
virDomainSetBlkioParameters virDomainSetBlockIoTune virDomainSetBlockThreshold virDomainSetGuestVcpus
virDomainSetIOThreadParams virDomainSetInterfaceParameters virDomainSetLaunchSecurityState
virDomainSetLifecycleAction virDomainSetMemoryParameters virDomainSetMemoryStatsPeriod
virDomainSetNumaParameters virDomainSetPerfEvents virDomainSetSchedulerParameters
virDomainSetSchedulerParametersFlags virDomainSetTime virDomainSetUserPassword virDomainSetVcpu
virDomainSnapshotCreateXML virDomainStartDirtyRateCalc virInterfaceChangeBegin virInterfaceChangeCommit
virInterfaceChangeRollback virInterfaceDefineXML virNWFilterBindingCreateXML virNWFilterDefineXML
virNWFilterDefineXMLFlags virNetworkCreateXML virNetworkCreateXMLFlags virNetworkDefineXML
virNetworkDefineXMLFlags virNodeAllocPages virNodeDeviceCreateXML virNodeDeviceDefineXML
virNodeGetSEVInfo virNodeSetMemoryParameters virNodeSuspendForDuration virSecretDefineXML virSecretUndefine
virNWFilterUndefine virNWFilterBindingDelete
virStoragePoolCreateXML virStoragePoolDefineXML
virNetworkCreate virNetworkDestroy virNetworkUndefine virNetworkSetAutostart virNetworkUpdate
virNetworkPortCreateXML
virStoragePoolBuild virStoragePoolUndefine virStoragePoolCreate virStoragePoolDestroy virStoragePoolDelete
virStoragePoolRefresh virStoragePoolSetAutostart virStorageVolCreateXML virStorageVolCreateXMLFrom
virStorageVolDelete virStorageVolWipe virStorageVolWipePattern virStorageVolResize virStorageVolUpload
virStorageVolDownload
virNodeDeviceDestroy virNodeDeviceDettach virNodeDeviceDetachFlags virNodeDeviceReAttach virNodeDeviceReset
virNodeDeviceCreate virNodeDeviceUndefine virNodeDeviceSetAutostart
""".split())

GENERATED_MARK = "Generated by capi/gen_entry_points.py"
WIDTH = 110


class Arg:
    def __init__(self, text):
        m = re.match(r"(.*?)(\w+)$", text.strip())
        self.type = normalize_type(m.group(1))
        self.name = m.group(2)

    def decl(self, used=True):
        name = self.name if used else "/*%s*/" % self.name
        return "%s %s" % (self.type, name)


class Function:
    def __init__(self, header, ret, name, args):
        self.header, self.ret, self.name = header, normalize_type(ret), name
        self.args = [Arg(a) for a in split_args(args)]


def normalize_type(t):
    t = " ".join(t.split())
    t = re.sub(r"\s+\*", "*", t)
    return re.sub(r"\*(?=\w)", "* ", t)


def split_args(text):
    text = " ".join(text.split())
    return [] if text in ("", "void") else [a.strip() for a in text.split(",")]


def parse_headers():
    functions = []
    include = os.path.join(ROOT, "include", "libvirt")
    for header in sorted(os.listdir(include)):
        if not header.endswith(".h"):
            continue
        text = re.sub(r"/\*.*?\*/", "", open(os.path.join(include, header)).read(), flags=re.S)
        for m in re.finditer(r"VIREO_API\s+([^;{]*?)\s*\(([^;{]*?)\)\s*(?:VIR_DEPRECATED\s*)?;", text, re.S):
            head = " ".join(m.group(1).split())
            name = re.search(r"(\w+)$", head).group(1)
            functions.append(Function(header, head[: -len(name)], name, m.group(2)))
    return functions


def hand_written(functions):
    """The public functions defined in capi/*.cc outside the generated files."""
    names = {f.name for f in functions}
    found = set()
    capi = os.path.join(ROOT, "capi")
    for entry in os.listdir(capi):
        if not entry.endswith(".cc") or entry.endswith("_generated.cc"):
            continue
        for m in re.finditer(r"^[A-Za-z][^;{}\n]*?\b(vir\w+)\s*\(", open(os.path.join(capi, entry)).read(), re.M):
            if m.group(1) in names:
                found.add(m.group(1))
    return found


def hand_entries(table):
    """Entry names declared by hand in a table's header."""
    path = os.path.join(ROOT, "lib", "driver", TABLES[table][0])
    if not os.path.exists(path):
        return set()
    text = open(path).read()
    return set(re.findall(r"\(\*(\w+)\)\s*\(", text)) | set(re.findall(r"PendingEntry\s+(\w+)", text))


def entry_name(function):
    return function.name[3].lower() + function.name[4:]


def holds_handles(t):
    base = t.replace("const ", "").replace("*", "").strip()
    return base in HOLDS_HANDLES or base.endswith("Callback") or base.endswith("Func")


ENTRY_RETURNS = {"int": "int", "char*": "std::string", "virDomainPtr": "DomainIdentity"}
CXX_RETURNS = dict(ENTRY_RETURNS, **{t: ident for t, (_, ident) in CREATABLE.items()})


def table_of(f):
    return HEADERS[f.header][2]


def cxx_arg(f, a):
    """(C++ expression, entry parameter) for one argument after the object, or
    None when it cannot be converted."""
    if a.type in SCALARS:
        return a.name, a.decl()
    if a.type == "const unsigned char*" and a.name == "uuid":
        return 'UuidBytes{%s, "%s"}' % (a.name, a.name), "const Uuid& " + a.name
    if a.type == "const char*" and a.name == "uuidstr":
        return 'UuidString{%s, "%s"}' % (a.name, a.name), "const Uuid& " + a.name
    if a.type == "const char*":
        if (f.name, a.name) in NULLABLE:
            return "OptionalText{%s}" % a.name, "std::optional<std::string_view> " + a.name
        return 'Text{%s, "%s"}' % (a.name, a.name), "std::string_view " + a.name
    return None


def list_form(f):
    """'names' or 'handles' for the list functions of a CXX table, else None."""
    rest = f.args[1:]
    if f.ret != "int" or f.args[0].type != "virConnectPtr" or len(rest) != 2:
        return None
    if rest[0].type == "char** const" and rest[1].type == "int":
        return "names"
    if rest[0].type.endswith("**") and rest[0].type[:-2] in CREATABLE and rest[1].type == "unsigned int":
        return "handles"
    return None


def classify(f):
    """('invalid', kind) | ('accessor', helper) | ('names'|'handles', None) |
    ('forward', None) | ('pending', secondaries)."""
    first = f.args[0].type if f.args else None
    if first in UNCREATABLE:
        return "invalid", UNCREATABLE[first]
    if first in CREATABLE:
        suffix = f.name[len(CREATABLE[first][0]):]
        if suffix in ACCESSORS:
            return "accessor", ACCESSORS[suffix]
    elif first in HAND_WRITTEN_HANDLES:
        raise SystemExit("%s: the functions of %s are written by hand" % (f.name, first))
    elif first not in ("virConnectPtr", "virDomainPtr"):
        raise SystemExit("%s: no connection, domain or handle to check: write it by hand" % f.name)
    rest = f.args[1:]
    if table_of(f) in CXX_TABLES:
        form = list_form(f)
        if form:
            return form, None
        if f.ret in CXX_RETURNS and all(cxx_arg(f, a) for a in rest):
            return "forward", None
    elif f.ret in ENTRY_RETURNS and not any(holds_handles(a.type) for a in rest):
        return "forward", None
    secondaries = []  # (expression, argument it checks)
    for a in rest:
        if a.type in CREATABLE:
            raise SystemExit("%s takes a %s besides its object: write it by hand" % (f.name, a.type))
        if a.type in UNCREATABLE:
            # An event registration's object is an optional filter.
            use = "optional" if "EventRegisterAny" in f.name else "required"
            secondaries.append(("Secondary::%s(HandleKind::%s, %s)" % (use, UNCREATABLE[a.type], a.name), a.name))
        elif a.type == "virConnectPtr":
            secondaries.append(("Secondary::connection(%s)" % a.name, a.name))
    return "pending", secondaries


def wrap_call(prefix, args, suffix, indent):
    """prefix + args joined by ", " + suffix, wrapped at WIDTH: continuation
    lines align after the opening parenthesis, or at indent + 4 when that is
    too far right."""
    one = prefix + ", ".join(args) + suffix
    if len(one) <= WIDTH:
        return [one]
    widest = max(len(a) for a in args) + len(suffix)
    column = len(prefix) if len(prefix) < WIDTH // 2 and len(prefix) + widest <= WIDTH else indent + 4
    lines, line = [], prefix
    for i, a in enumerate(args):
        piece = a + ("," if i < len(args) - 1 else suffix)
        sep = "" if line == prefix else " "
        if len(line) + len(sep) + len(piece) <= WIDTH:
            line += sep + piece
        else:
            lines.append(line)
            line = " " * column + piece
    lines.append(line)
    return lines


def api_literal(f, area, kind):
    """The Api struct of capi/entry_point.h for `f`."""
    access = "Access::Write" if f.name in READ_ONLY_DENIED else "Access::Read"
    params = ", ".join(a.name for a in f.args[1:])
    fields = ['"%s"' % f.name, area, access]
    if f.args[0].type in CREATABLE:
        fields += ['"%s"' % params, '"%s"' % f.args[0].name]
    elif params and kind != "pending":
        # The argument names after the handle, for the entry's debug line.
        fields.append('"%s"' % params)
    return "{" + ", ".join(fields) + "}"


def helper_name(f, forward):
    first = f.args[0].type
    if first == "virConnectPtr":
        return "viaConnection" if forward else "pendingOnConnection"
    if first == "virDomainPtr":
        return "viaDomain" if forward else "pendingOnDomain"
    return "viaObject" if forward else "pendingOnObject"


def body(f, area, table):
    short = TABLES[table][2]
    kind, detail = classify(f)
    obj = f.args[0].name
    used = {obj}
    member = "&%s::%s" % (short, entry_name(f))
    api = api_literal(f, area, kind)
    rest = [a.name for a in f.args[1:]]
    if kind == "invalid":
        call = ("return invalidHandle<%s>(" % f.ret, ['"%s"' % f.name, "HandleKind::" + detail, obj])
    elif kind == "accessor":
        used.update(rest)
        call = ("return %s(" % detail, [api, obj] + rest)
    elif kind in ("names", "handles"):
        used.update(rest)
        call = ("return %sViaConnection<%s>(" % (kind, member), [api, obj] + rest)
    elif kind == "forward":
        used.update(rest)
        if table in CXX_TABLES:
            args = [cxx_arg(f, a)[0] for a in f.args[1:]]
        else:
            args = rest
        call = ("return %s<%s, %s>(" % (helper_name(f, True), f.ret, member), [api, obj] + args)
    else:
        params = [api, member, obj]
        if detail:
            params.append("{" + ", ".join(expr for expr, _ in detail) + "}")
            used.update(name for _, name in detail)
        call = ("return %s<%s>(" % (helper_name(f, False), f.ret), params)
    signature = wrap_call("%s %s(" % (f.ret, f.name),
                          [a.decl(a.name in used) for a in f.args] or ["void"], ") {", 0)
    statement = wrap_call("  " + call[0], call[1], ");", 2)
    return signature + statement + ["}"]


def entry(f):
    kind, _ = classify(f)
    name = entry_name(f)
    if kind == "pending":
        return ["  PendingEntry %s = nullptr;" % name]
    first = f.args[0].type
    if table_of(f) not in CXX_TABLES:
        params = ["Connection&"] + (["DomainIdentity&"] if first == "virDomainPtr" else [])
        params += [a.decl() for a in f.args[1:]]
        return wrap_call("  %s (*%s)(" % (ENTRY_RETURNS[f.ret], name), params, ") = nullptr;", 2)
    if kind == "names":
        return ["  std::vector<std::string> (*%s)(Connection&) = nullptr;" % name]
    if kind == "handles":
        identity = CREATABLE[f.args[1].type[:-2]][1]
        return ["  std::vector<%s> (*%s)(Connection&, unsigned int flags) = nullptr;" % (identity, name)]
    params = ["Connection&"]
    if first == "virDomainPtr":
        params.append("const DomainIdentity&")
    elif first in CREATABLE:
        params.append("const %s&" % CREATABLE[first][1])
    params += [cxx_arg(f, a)[1] for a in f.args[1:]]
    return wrap_call("  %s (*%s)(" % (CXX_RETURNS[f.ret], name), params, ") = nullptr;", 2)


def generate():
    functions = parse_headers()
    done = hand_written(functions)
    files = {}
    by_header = {}
    for f in functions:
        if f.name in done or f.header in OTHER_LIBRARY_HEADERS:
            continue
        if f.header in HAND_ONLY_HEADERS or f.header not in HEADERS:
            raise SystemExit("%s (%s) must be written by hand" % (f.name, f.header))
        by_header.setdefault(f.header, []).append(f)

    entries = {t: [] for t in TABLES}
    for header, funcs in sorted(by_header.items()):
        area_file, area, table = HEADERS[header]
        short = TABLES[table][2]
        tables_used = sorted({HEADERS[header][2]})
        out = ["// %s: the entry points that need only libvirt's common checks." % header,
               "// %s from include/libvirt/%s; do not edit." % (GENERATED_MARK, header),
               "// To give one of these more than the common checks, define it by hand in",
               "// capi/ and run the generator again, which then leaves it out.",
               '#include "capi/entry_point.h"']
        out += ['#include "lib/driver/%s"' % TABLES[t][0] for t in tables_used if t != "HypervisorDriver"]
        out += ["", "using namespace vireo::capi;"]
        out.append("using HV = vireo::driver::HypervisorDriver;" if short == "HV"
                   else "using vireo::driver::%s;" % short)
        out += ["", 'extern "C" {', ""]
        for f in funcs:
            out += body(f, area, table) + [""]
            if classify(f)[0] not in ("invalid", "accessor"):
                entries[table].append((header, f))
        out += ['}  // extern "C"', ""]
        files[os.path.join("capi", area_file + "_generated.cc")] = "\n".join(out)

    for table, items in entries.items():
        taken = hand_entries(table)
        out = ["// The entries of %s that no driver implements yet, one per public" % table,
               "// function, named after it; each is null until a driver fills it. Included",
               "// at the end of the struct in %s." % TABLES[table][0],
               "// %s; do not edit." % GENERATED_MARK]
        last = None
        for header, f in items:
            if entry_name(f) in taken:
                raise SystemExit("%s: entry %s is declared by hand but the function is not"
                                 % (f.name, entry_name(f)))
            if header != last:
                out += ["", "// --- %s ---" % header]
                last = header
            out += entry(f)
        files[os.path.join("lib", "driver", TABLES[table][1])] = "\n".join(out) + "\n"
    return files


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in sorted(generate().items()):
        full = os.path.join(ROOT, path)
        current = open(full).read() if os.path.exists(full) else None
        if current == text:
            continue
        stale.append(path)
        if not check:
            with open(full, "w") as f:
                f.write(text)
    if check and stale:
        print("out of date (run capi/gen_entry_points.py): " + " ".join(stale))
        sys.exit(1)
    if check:
        print("generated entry points are up to date")


if __name__ == "__main__":
    main()
