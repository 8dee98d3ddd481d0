#!/bin/bash
# run_bench.sh VIREO [LIBVIRT]: run the test-driver benchmark against vireo
# and against the real libvirt, one after the other, and print a table
#
#   figure  vireo  libvirt  ratio(vireo/libvirt)
#
# VIREO is the benchmark binary linked against vireo, or vireo's shared
# library (libvireo.so*), in which case test_driver_bench.c is compiled
# against it here (headers from $VIREO_INCLUDE, else pkg-config libvirt).
# LIBVIRT is the benchmark binary linked against libvirt; when it is empty
# or missing, the script builds one with `pkg-config libvirt` if libvirt is
# installed, and otherwise reports only vireo's figures.
#
# BENCH_SECONDS sets the time budget of each figure (default 1) and
# BENCH_ROUNDS the number of turns each side runs (default 3; the figures
# are the medians); seven figures keep a run of both sides under a minute.
#
# The same script runs the other benchmarks built from one source twice:
# BENCH_SOURCE names the source to compile when a binary must be built here
# (default test_driver_bench.c), and the arguments after LIBVIRT go to both
# binaries after the seconds (domain_xml_bench.c takes the corpus folder).
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$here/${BENCH_SOURCE:-test_driver_bench.c}
seconds=${BENCH_SECONDS:-1}
vireo=${1:-}
libvirt=${2:-}
shift 2 2>/dev/null || shift $#
cc=${CC:-cc}

tmp=$(mktemp -d /tmp/vireo-bench-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if [ -z "$vireo" ]; then
    echo "usage: run_bench.sh VIREO-BENCH-BINARY|LIBVIREO.so [LIBVIRT-BENCH-BINARY]" >&2
    exit 2
fi

# A shared library instead of a binary: build the benchmark against it.
case "$vireo" in
*.so | *.so.*)
    lib=$(readlink -f "$vireo")
    if [ -n "${VIREO_INCLUDE:-}" ]; then
        cflags="-I$VIREO_INCLUDE"
    else
        cflags=$(pkg-config --cflags libvirt 2>/dev/null)
    fi
    # shellcheck disable=SC2086
    if ! $cc -std=gnu11 -O2 $cflags "$src" -o "$tmp/bench-vireo" "$lib" \
            -Wl,-rpath,"$(dirname "$lib")"; then
        echo "run_bench.sh: cannot build the benchmark against $vireo" >&2
        exit 1
    fi
    vireo=$tmp/bench-vireo
    ;;
esac

if [ -z "$libvirt" ] || [ ! -x "$libvirt" ]; then
    libvirt=
    if pkg-config --exists libvirt 2>/dev/null; then
        # shellcheck disable=SC2046
        if $cc -std=gnu11 -O2 "$src" -o "$tmp/bench-libvirt" \
                $(pkg-config --cflags --libs libvirt); then
            libvirt=$tmp/bench-libvirt
        fi
    fi
fi

# The two sides run in turns, BENCH_ROUNDS times (default 3; the order
# swaps every round), and each figure is the median of its rounds: on a
# shared machine a burst of load then spoils one round of one side, not the
# ratio.
rounds=${BENCH_ROUNDS:-3}
run_side() {  # run_side NAME BINARY ROUND ARGS...
    local name=$1 binary=$2 round=$3
    shift 3
    # Without meson's LD_LIBRARY_PATH for libvirt: with -Dlibvirt_compat=true
    # the build tree holds vireo's own libvirt.so.0, which would be measured.
    local envcmd=(env)
    [ "$name" = libvirt ] && envcmd=(env -u LD_LIBRARY_PATH)
    if ! "${envcmd[@]}" "$binary" "$seconds" "$@" >"$tmp/$name.$round"; then
        echo "run_bench.sh: the $name benchmark failed" >&2
        cat "$tmp/$name.$round" >&2
        exit 1
    fi
}
if [ -z "$libvirt" ]; then
    echo "libvirt is not installed (no pkg-config libvirt): vireo's figures only"
fi
echo "running the benchmarks: $rounds rounds, $seconds s per figure..."
for round in $(seq 1 "$rounds"); do
    if [ -n "$libvirt" ] && [ $((round % 2)) -eq 0 ]; then
        run_side libvirt "$libvirt" "$round" "$@"
        run_side vireo "$vireo" "$round" "$@"
    else
        run_side vireo "$vireo" "$round" "$@"
        [ -n "$libvirt" ] && run_side libvirt "$libvirt" "$round" "$@"
    fi
done
# The median over the rounds of each figure ("NAME VALUE ops/s" lines), in
# the order the benchmark printed them.
median() {  # median SIDE > file
    cat "$tmp/$1".* 2>/dev/null | awk '
        { if (!($1 in n)) order[++count] = $1; v[$1, ++n[$1]] = $2 }
        END {
            for (i = 1; i <= count; i++) {
                f = order[i]; k = n[f]
                for (a = 1; a <= k; a++) x[a] = v[f, a]
                for (a = 1; a <= k; a++) for (b = a + 1; b <= k; b++) if (x[b] < x[a]) { t = x[a]; x[a] = x[b]; x[b] = t }
                m = (k % 2) ? x[(k + 1) / 2] : (x[k / 2] + x[k / 2 + 1]) / 2
                print f, m
            }
        }'
}
median vireo >"$tmp/vireo.out"
median libvirt >"$tmp/libvirt.out"

echo
# Join both outputs on the figure name ("NAME VALUE ops/s" lines).
awk '
    NR == FNR { libvirt[$1] = $2; next }
    BEGIN {
        printf "%-32s %14s %14s %22s\n", "figure", "vireo", "libvirt", "ratio(vireo/libvirt)"
    }
    {
        v = $2
        if ($1 in libvirt && libvirt[$1] > 0)
            printf "%-32s %14.1f %14.1f %22.2f\n", $1, v, libvirt[$1], v / libvirt[$1]
        else
            printf "%-32s %14.1f %14s %22s\n", $1, v, "-", "-"
    }
' "$tmp/libvirt.out" "$tmp/vireo.out"
