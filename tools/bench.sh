#!/usr/bin/env bash
# Runs the scale benchmark (1,000 and 10,000 generated documents through
# extraction, the claim graph and every rule) and records the run as a dated
# folder under docs/bench/: the command, commit, version, machine and the
# printed figures (documents/s, MB/s, claims and findings per size); then
# times quantulum3 (installed from the Python package index into a venv in
# target/) and crosscheck's extraction on one thread over the same 200
# generated documents, and prints the two rates side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
out="docs/bench/$(date +%F)-$(hostname -s)"
mkdir -p "$out"
cargo build --release --quiet
{
  echo "command: cargo bench --bench scale -- 1000 10000"
  echo "commit: $(git rev-parse --short HEAD)"
  echo "version: $(./target/release/crosscheck --version)"
  echo "machine: $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
} > "$out/run.txt"
slice=target/bench-slice
rm -rf "$slice"
CROSSCHECK_BENCH_SLICE="$slice" cargo bench --quiet --bench scale -- 1000 10000 | tee "$out/summary.txt"
venv=target/bench-venv
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet quantulum3; }
"$venv/bin/python" tools/peer_speed.py "$slice" | tee -a "$out/summary.txt"
bytes=$(cat "$slice"/*.txt | wc -c)
start=$(date +%s.%N)
RAYON_NUM_THREADS=1 ./target/release/crosscheck claims "$slice" --format jsonl > /dev/null
end=$(date +%s.%N)
awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN { printf "crosscheck claims, one thread: %.2f MB in %.2f s: %.3f MB/s\n", b / 1e6, e - s, b / 1e6 / (e - s) }' | tee -a "$out/summary.txt"
echo "recorded in $out"
