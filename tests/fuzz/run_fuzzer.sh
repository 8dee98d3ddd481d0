#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time as a test:
#   run_fuzzer.sh TARGET SEED_DIR WORK_DIR SECONDS
# The target starts from SEED_DIR (read only: the inputs it finds go to
# WORK_DIR/corpus, never into the source tree). Exits 0 when the time ran
# out without a finding, 1 on a crash, sanitizer report, leak, timeout of
# one input (10 s) or memory over 2 GiB; the input is then in WORK_DIR,
# named crash-*, leak-*, timeout-* or oom-*, and libFuzzer's report is on
# stderr. (libFuzzer's own exit code for a finding is 77, which meson would
# count as a skip; hence -error_exitcode.)
set -euo pipefail
target=$1 seeds=$2 work=$3 seconds=$4
if [ ! -d "$seeds" ]; then
  echo "no seed corpus at $seeds" >&2
  exit 1
fi
rm -rf "$work"
mkdir -p "$work/corpus"
exec "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
  -artifact_prefix="$work/" "$work/corpus" "$seeds"
