#!/usr/bin/python3
"""ABI/API conformance check of vireo's public headers against libvirt 9.0.0.

libvirt ships a machine readable description of its public API
(libvirt-api.xml, libvirt-qemu-api.xml, libvirt-lxc-api.xml, normally in
/usr/share/libvirt/api).  This script turns those descriptions into a C11
translation unit that is compiled against vireo's headers ONLY
(-I<vireo>/include) and that verifies, mostly at compile time:

  * every enum value has libvirt's numeric value (_Static_assert), the
    enum typedefs exist and have libvirt's size;
  * every macro is defined; integer valued macros have libvirt's value
    (_Static_assert); string macros expand to libvirt's string (checked
    at run time with strcmp); a few function-like macros are exercised;
  * every typedef exists and pointer typedefs point at the right type;
  * every public (non-opaque) struct has libvirt's sizeof, and every
    field has libvirt's offsetof and type;
  * every function exists with exactly libvirt's prototype: for each
    function the script emits
        typedef RET (*t_NAME)(ARGS);
    and a _Static_assert(_Generic(&NAME, t_NAME: 1, default: 0)), so a
    mismatching signature is a compile error (and no symbol is referenced
    at link time, so vireo's library is not needed);
  * the data symbol virConnectAuthPtrDefault is declared with its type.

Struct sizes/offsets and enum sizes for the reference side are obtained
by generating a second small C program that includes libvirt's own
installed headers (/usr/include/libvirt), compiling it with the C
compiler and running it.  If libvirt's headers are not installed those
layout checks are left out (with a note on stderr).

Usage:
  gen_abi_check.py --out FILE.c [--api-dir DIR] [--cc CC]
        only generate the check program.
  gen_abi_check.py --run --include DIR [--api-dir DIR] [--cc CC] [--workdir DIR]
        generate, compile (C11, -Wall -Wextra -Werror -pedantic) against
        DIR (the vireo include root) and run it.  Exit status 0 on success,
        1 on any mismatch, 77 (meson's "skipped") when the API XML is not
        installed.

Only the Python standard library is used.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

DEFAULT_API_DIR = '/usr/share/libvirt/api'
XMLS = [
    # (xml file, headers to include, required)
    ('libvirt-api.xml', ['libvirt/libvirt.h', 'libvirt/virterror.h'], True),
    ('libvirt-qemu-api.xml', ['libvirt/libvirt-qemu.h'], False),
    ('libvirt-lxc-api.xml', ['libvirt/libvirt-lxc.h'], False),
]


class Api:
    def __init__(self):
        self.headers = []
        self.enums = []        # (name, raw value, typedef name)
        self.enum_types = []   # typedef names of enums
        self.macros = []       # Element
        self.typedefs = []     # Element (non-enum)
        self.structs = []      # Element
        self.functions = []    # Element
        self.functypes = []    # Element
        self.variables = []    # Element


def load(api_dir):
    api = Api()
    for fname, headers, required in XMLS:
        path = os.path.join(api_dir, fname)
        if not os.path.exists(path):
            if required:
                return None
            continue
        api.headers.extend(headers)
        symbols = ET.parse(path).getroot().find('symbols')
        for el in symbols:
            if el.tag == 'enum':
                api.enums.append((el.get('name'), el.get('value'), el.get('type')))
            elif el.tag == 'macro':
                api.macros.append(el)
            elif el.tag == 'typedef':
                if el.get('type') == 'enum':
                    api.enum_types.append(el.get('name'))
                else:
                    api.typedefs.append(el)
            elif el.tag == 'struct':
                api.structs.append(el)
            elif el.tag == 'function':
                api.functions.append(el)
            elif el.tag == 'functype':
                api.functypes.append(el)
            elif el.tag == 'variable':
                api.variables.append(el)
    return api


def resolve_enums(api):
    raw = {n: v for n, v, _ in api.enums}
    out = {}

    def get(n, depth=0):
        v = raw[n]
        try:
            return int(v, 0)
        except ValueError:
            if depth > 20 or v not in raw:
                raise SystemExit('cannot resolve value of enum %s (%r)' % (n, v))
            return get(v, depth + 1)
    for n in raw:
        out[n] = get(n)
    return out


def c_decl(typ, name):
    typ = re.sub(r'\*\s+const$', '*const', typ.strip())
    if typ.endswith('*') or typ.endswith('const'):
        sep = '' if typ.endswith('*') else ' '
        return typ + sep + name
    return typ + ' ' + name


def c_proto_args(el):
    args = el.findall('arg')
    if not args:
        return 'void'
    return ', '.join(c_decl(a.get('type'), a.get('name')) for a in args)


def c_string(s):
    out = []
    for ch in s:
        if ch in '\\"':
            out.append('\\' + ch)
        elif ch == '\n':
            out.append('\\n')
        elif ord(ch) < 32 or ord(ch) > 126:
            out.append('\\%03o' % ord(ch))
        else:
            out.append(ch)
    return '"' + ''.join(out) + '"'


def int_macros(api, enum_values):
    """Object-like macros whose expansion is an integer constant expression."""
    names = {m.get('name') for m in api.macros}
    res = []
    for m in api.macros:
        if m.get('params') is not None or m.get('string') is not None:
            continue
        raw = re.sub(r'/\*.*?\*/', '', m.get('raw') or '').strip()
        if not raw:
            continue
        idents = re.findall(r'[A-Za-z_][A-Za-z0-9_]*', re.sub(r'\b\d\w*', '', raw))
        if all(i in names or i in enum_values for i in idents):
            res.append(m.get('name'))
    return sorted(res)


def struct_tag(st):
    t = st.get('type') or ''
    return t[len('struct '):] if t.startswith('struct ') else None


def public_structs(api):
    return [s for s in sorted(api.structs, key=lambda s: s.get('name')) if s.findall('field')]


def field_name(f):
    return f.get('name')


# ---------------------------------------------------------------- reference

def gen_reference(api, imacros):
    """C program printing libvirt's layout facts as 'key value' lines."""
    L = ['#define VIR_ENUM_SENTINELS', '#include <stdio.h>', '#include <stddef.h>']
    L += ['#include <%s>' % h for h in api.headers]
    L.append('int main(void) {')
    for t in sorted(set(api.enum_types)):
        L.append('    printf("enumsize %s %%zu\\n", sizeof(%s));' % (t, t))
    for st in public_structs(api):
        n = st.get('name')
        L.append('    printf("sizeof %s %%zu\\n", sizeof(%s));' % (n, n))
        L.append('    printf("alignof %s %%zu\\n", _Alignof(%s));' % (n, n))
        for f in st.findall('field'):
            fn = field_name(f)
            L.append('    printf("offsetof %s.%s %%zu\\n", offsetof(%s, %s));' % (n, fn, n, fn))
            L.append('    printf("fieldsize %s.%s %%zu\\n", sizeof(((%s *)0)->%s));' % (n, fn, n, fn))
            u = f.find('union')
            if u is not None:
                for uf in u.findall('field'):
                    ufn = '%s.%s' % (fn, uf.get('name'))
                    L.append('    printf("offsetof %s.%s %%zu\\n", offsetof(%s, %s));' % (n, ufn, n, ufn))
    for m in imacros:
        L.append('    printf("macro %s %%lld\\n", (long long)(%s));' % (m, m))
    L.append('    return 0;')
    L.append('}')
    return '\n'.join(L) + '\n'


def run_reference(api, imacros, cc, workdir):
    src = os.path.join(workdir, 'abi_reference.c')
    exe = os.path.join(workdir, 'abi_reference')
    with open(src, 'w') as fh:
        fh.write(gen_reference(api, imacros))
    cmd = shlex.split(cc) + ['-std=gnu11', '-w', src, '-o', exe]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write('note: cannot build the reference program against the installed libvirt '
                         'headers; struct layout checks are skipped\n%s' % r.stderr[-2000:])
        return None
    r = subprocess.run([exe], capture_output=True, text=True, check=True)
    facts = {}
    for line in r.stdout.splitlines():
        kind, key, val = line.split()
        facts[(kind, key)] = int(val)
    return facts


# -------------------------------------------------------------------- check

def gen_check(api, facts, imacros):
    enum_values = resolve_enums(api)
    L = []
    w = L.append
    w('/* Generated by tests/abi/gen_abi_check.py -- do not edit. */')
    w('#define VIR_ENUM_SENTINELS')
    w('#define VIR_DEPRECATED')
    w('#include <stddef.h>')
    w('#include <stdio.h>')
    w('#include <string.h>')
    for h in api.headers:
        w('#include <%s>' % h)
    w('')
    w('#define SA(cond, msg) _Static_assert(cond, msg)')
    w('#define SAME_TYPE(expr, T) _Generic((expr), T: 1, default: 0)')
    w('')

    w('/* ---- enums ---- */')
    for n, _, t in sorted(api.enums):
        v = enum_values[n]
        lit = ('%dLL' % v) if v < 0 else ('%dULL' % v)
        w('SA((long long)(%s) == (long long)%s, "enum value %s");' % (n, lit, n))
    for t in sorted(set(api.enum_types)):
        w('typedef %s abi_enum_%s;' % (t, t))
        if facts and ('enumsize', t) in facts:
            w('SA(sizeof(%s) == %d, "enum size %s");' % (t, facts[('enumsize', t)], t))

    w('')
    w('/* ---- macros ---- */')
    for m in sorted(api.macros, key=lambda m: m.get('name')):
        n = m.get('name')
        w('#ifndef %s\n# error "macro %s is not defined"\n#endif' % (n, n))
    for n in imacros:
        if facts and ('macro', n) in facts:
            w('SA((long long)(%s) == %dLL, "macro value %s");' % (n, facts[('macro', n)], n))
        else:
            raw = [m for m in api.macros if m.get('name') == n][0].get('raw')
            if re.fullmatch(r'\(?\s*\d+\s*\)?', raw.strip()):
                w('SA((long long)(%s) == %sLL, "macro value %s");' % (n, raw.strip(' ()'), n))

    w('')
    w('/* ---- typedefs ---- */')
    for t in sorted(api.typedefs, key=lambda t: t.get('name')):
        n, ty = t.get('name'), t.get('type')
        w('typedef %s abi_td_%s;' % (n, n))
        if ty.endswith('*'):
            w('SA(SAME_TYPE((%s)0, %s), "typedef %s");' % (n, ty, n))
        else:
            w('SA(SAME_TYPE((%s)0, %s) && sizeof(%s) == sizeof(%s), "typedef %s");' % (n, ty, n, ty, n))

    w('')
    w('/* ---- structs ---- */')
    for st in sorted(api.structs, key=lambda s: s.get('name')):
        n = st.get('name')
        tag = struct_tag(st)
        if tag:
            w('SA(SAME_TYPE((%s *)0, struct %s *), "struct tag of %s");' % (n, tag, n))
        fields = st.findall('field')
        if not fields:
            continue
        if facts and ('sizeof', n) in facts:
            w('SA(sizeof(%s) == %d, "sizeof %s");' % (n, facts[('sizeof', n)], n))
            w('SA(_Alignof(%s) == %d, "alignof %s");' % (n, facts[('alignof', n)], n))
        for f in fields:
            fn = field_name(f)
            ft = f.get('type')
            if facts and ('offsetof', '%s.%s' % (n, fn)) in facts:
                w('SA(offsetof(%s, %s) == %d, "offsetof %s.%s");' % (n, fn, facts[('offsetof', '%s.%s' % (n, fn))], n, fn))
                w('SA(sizeof(((%s *)0)->%s) == %d, "field size %s.%s");' % (n, fn, facts[('fieldsize', '%s.%s' % (n, fn))], n, fn))
            m = re.match(r'^(.*\S)\s+%s\[(.+)\]$' % re.escape(fn), ft)
            if m:
                w('SA(SAME_TYPE(((%s *)0)->%s, %s *) && sizeof(((%s *)0)->%s) == sizeof(%s) * (%s), "field type %s.%s");'
                  % (n, fn, m.group(1), n, fn, m.group(1), m.group(2), n, fn))
            elif ft != 'union':
                w('SA(SAME_TYPE(((%s *)0)->%s, %s), "field type %s.%s");' % (n, fn, ft, n, fn))
            u = f.find('union')
            if u is not None:
                for uf in u.findall('field'):
                    ufn = '%s.%s' % (fn, uf.get('name'))
                    key = ('offsetof', '%s.%s' % (n, ufn))
                    if facts and key in facts:
                        w('SA(offsetof(%s, %s) == %d, "offsetof %s.%s");' % (n, ufn, facts[key], n, ufn))
                    w('SA(SAME_TYPE(((%s *)0)->%s, %s), "field type %s.%s");' % (n, ufn, uf.get('type'), n, ufn))

    w('')
    w('/* ---- callback types ---- */')
    for ft in sorted(api.functypes, key=lambda f: f.get('name')):
        n = ft.get('name')
        ret = ft.find('return').get('type')
        w('typedef %s (*abi_ft_%s)(%s);' % (ret, n, c_proto_args(ft)))
        w('SA(SAME_TYPE((%s)0, abi_ft_%s), "callback type %s");' % (n, n, n))

    w('')
    w('/* ---- functions ---- */')
    for fn in sorted(api.functions, key=lambda f: f.get('name')):
        n = fn.get('name')
        ret = fn.find('return').get('type')
        w('typedef %s (*t_%s)(%s);' % (ret, n, c_proto_args(fn)))
        w('SA(SAME_TYPE(&%s, t_%s), "prototype of %s");' % (n, n, n))

    w('')
    w('/* ---- variables ---- */')
    for v in api.variables:
        w('SA(SAME_TYPE(%s, %s), "variable %s");' % (v.get('name'), v.get('type'), v.get('name')))

    w('')
    w('static int failures;')
    w('static void check_str(const char *name, const char *got, const char *want)')
    w('{')
    w('    if (strcmp(got, want) != 0) {')
    w('        fprintf(stderr, "macro %s: got \\"%s\\", want \\"%s\\"\\n", name, got, want);')
    w('        failures++;')
    w('    }')
    w('}')
    w('static void check_int(const char *what, long long got, long long want)')
    w('{')
    w('    if (got != want) {')
    w('        fprintf(stderr, "%s: got %lld, want %lld\\n", what, got, want);')
    w('        failures++;')
    w('    }')
    w('}')
    w('')
    w('int main(void)')
    w('{')
    for m in sorted(api.macros, key=lambda m: m.get('name')):
        if m.get('string') is not None:
            w('    check_str("%s", %s, %s);' % (m.get('name'), m.get('name'), c_string(m.get('string'))))
    # function-like macros: exercise with known answers
    w('    {')
    w('        unsigned char map[4] = {0, 0, 0, 0};')
    w('        unsigned char maps[8] = {0, 0, 0, 0, 0, 0, 0, 0};')
    w('        unsigned char one[4];')
    w('        int i;')
    w('        for (i = 0; i < 100; i++)')
    w('            check_int("VIR_CPU_MAPLEN", VIR_CPU_MAPLEN(i), (i + 7) / 8);')
    w('        VIR_USE_CPU(map, 9);')
    w('        VIR_USE_CPU(map, 0);')
    w('        check_int("VIR_USE_CPU", map[0] * 256 + map[1], 1 * 256 + 2);')
    w('        check_int("VIR_CPU_USED", !!VIR_CPU_USED(map, 9), 1);')
    w('        check_int("VIR_CPU_USED", !!VIR_CPU_USED(map, 8), 0);')
    w('        VIR_UNUSE_CPU(map, 9);')
    w('        check_int("VIR_UNUSE_CPU", map[1], 0);')
    w('        maps[4 + 1] = 4;')
    w('        check_int("VIR_GET_CPUMAP", (long long)(VIR_GET_CPUMAP(maps, 4, 1) - maps), 4);')
    w('        check_int("VIR_CPU_USABLE", !!VIR_CPU_USABLE(maps, 4, 1, 10), 1);')
    w('        check_int("VIR_CPU_USABLE", !!VIR_CPU_USABLE(maps, 4, 0, 10), 0);')
    w('        VIR_COPY_CPUMAP(maps, 4, 1, one);')
    w('        check_int("VIR_COPY_CPUMAP", one[1], 4);')
    w('    }')
    w('    {')
    w('        virNodeInfo ni;')
    w('        memset(&ni, 0, sizeof(ni));')
    w('        ni.nodes = 2; ni.sockets = 3; ni.cores = 5; ni.threads = 7;')
    w('        check_int("VIR_NODEINFO_MAXCPUS", VIR_NODEINFO_MAXCPUS(ni), 210);')
    w('    }')
    w('    check_int("LIBVIR_CHECK_VERSION(9,0,0)", LIBVIR_CHECK_VERSION(9, 0, 0), 1);')
    w('    check_int("LIBVIR_CHECK_VERSION(9,0,1)", LIBVIR_CHECK_VERSION(9, 0, 1), 0);')
    w('    check_int("LIBVIR_CHECK_VERSION(8,10,0)", LIBVIR_CHECK_VERSION(8, 10, 0), 1);')
    w('    if (failures)')
    w('        fprintf(stderr, "%d ABI check(s) failed\\n", failures);')
    w('    else')
    w('        printf("ABI check passed\\n");')
    w('    return failures ? 1 : 0;')
    w('}')
    return '\n'.join(L) + '\n'


def generate(api_dir, cc, workdir):
    api = load(api_dir)
    if api is None:
        return None
    enum_values = resolve_enums(api)
    imacros = int_macros(api, enum_values)
    facts = run_reference(api, imacros, cc, workdir)
    return gen_check(api, facts, imacros)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--api-dir', default=DEFAULT_API_DIR)
    ap.add_argument('--cc', default=os.environ.get('CC', 'cc'))
    ap.add_argument('--out', help='write the generated check program here')
    ap.add_argument('--run', action='store_true', help='generate, compile and run the check')
    ap.add_argument('--include', help='vireo include root (with --run)')
    ap.add_argument('--workdir', help='scratch directory (default: a temporary one)')
    opts = ap.parse_args()

    if not os.path.exists(os.path.join(opts.api_dir, 'libvirt-api.xml')):
        print('SKIP: libvirt-api.xml not installed')
        return 77

    tmp = None
    workdir = opts.workdir
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix='vireo-abi-')
        workdir = tmp.name
    os.makedirs(workdir, exist_ok=True)

    src = generate(opts.api_dir, opts.cc, workdir)
    if opts.out:
        with open(opts.out, 'w') as fh:
            fh.write(src)
    if not opts.run:
        return 0
    if not opts.include:
        ap.error('--run needs --include')

    check_c = os.path.join(workdir, 'abi_check.c')
    check_exe = os.path.join(workdir, 'abi_check')
    with open(check_c, 'w') as fh:
        fh.write(src)
    cmd = shlex.split(opts.cc) + ['-std=c11', '-Wall', '-Wextra', '-Werror', '-pedantic',
                                  '-Werror=incompatible-pointer-types',
                                  '-I', opts.include, check_c, '-o', check_exe]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        errs = len(re.findall(r'error:', r.stderr))
        print('FAIL: the ABI check program does not compile against vireo headers (%d errors)' % errs)
        return 1
    r = subprocess.run([check_exe])
    return 0 if r.returncode == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
