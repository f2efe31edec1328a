#!/usr/bin/env bash
# Runs the scale benchmark (1,000 and 10,000 generated documents through
# extraction, the claim graph and every rule) and records the run as a dated
# folder under docs/bench/: the command, commit, version, machine and the
# printed figures (documents/s, MB/s, claims and findings per size).
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
cargo bench --quiet --bench scale -- 1000 10000 | tee "$out/summary.txt"
echo "recorded in $out"
