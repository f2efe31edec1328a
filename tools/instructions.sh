#!/usr/bin/env bash
# Counts the instructions one run of `crosscheck check` executes on one
# thread, with valgrind's cachegrind: a figure that, unlike a time, does
# not move with what else the machine is doing, so that two builds can be
# compared on a noisy virtual machine. Also writes the per-function counts
# (read them with `cg_annotate FILE`).
#
# Usage: tools/instructions.sh BINARY CORPUS [OUT]
#   BINARY  a crosscheck binary (e.g. target/release/crosscheck)
#   CORPUS  a folder of articles (e.g. a slice the scale bench writes with
#           CROSSCHECK_BENCH_SLICE=DIR CROSSCHECK_BENCH_SLICE_DOCS=2000)
#   OUT     where cachegrind's counts go (default: target/cachegrind.out)
# Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
binary=$1 corpus=$2 out=${3:-target/cachegrind.out}
command -v valgrind > /dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 2; }
report=$(mktemp)
log=$(mktemp)
trap 'rm -f "$report" "$log"' EXIT
status=0
RAYON_NUM_THREADS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$out" \
  "$binary" check "$corpus" --format json -o "$report" 2> "$log" || status=$?
# `check` exits 1 when it finds a discrepancy; anything else is a failure.
if [ "$status" -gt 1 ]; then
  cat "$log" >&2
  exit "$status"
fi
instructions=$(awk '/I *refs:/ { gsub(",", "", $NF); print $NF }' "$log")
echo "$binary: $instructions instructions ($(wc -c < "$report") bytes of report); per function: cg_annotate $out"
