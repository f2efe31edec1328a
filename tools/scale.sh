#!/usr/bin/env bash
# Extraction and comparison apart, with DuckDB as the engine between them
# (docs/scale.md): generates DOCS documents (the scale benchmark's corpus),
# extracts their claims in EXTRACT shards (`crosscheck claims --format
# jsonl -o part-K.jsonl.zst`, run side by side, each file compressed),
# repartitions the claim records by comparison block into COMPARE shards
# with DuckDB (from the Python package index, in a venv under target/),
# checks each shard alone (`crosscheck check
# --claims`), and holds the shards' findings against one `crosscheck check`
# of the whole corpus: the same findings, by fingerprint.
#
# usage: tools/scale.sh [DOCS] [EXTRACT] [COMPARE]   (default 10000 4 4)
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}; extract=${2:-4}; compare=${3:-4}
work=target/scale
bin=./target/release/crosscheck
rm -rf "$work"; mkdir -p "$work/articles" "$work/claims" "$work/findings"
cargo build --release --quiet
CROSSCHECK_BENCH_SLICE="$work/articles" CROSSCHECK_BENCH_SLICE_DOCS="$docs" cargo bench --quiet --bench scale -- 1 > /dev/null
venv=target/scale-venv
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet duckdb; }
# Extraction shards: every EXTRACT-th document in a folder of its own.
i=0
for f in "$work"/articles/*.txt; do
  mkdir -p "$work/part-$((i % extract))"; mv "$f" "$work/part-$((i % extract))/"; i=$((i + 1))
done
rmdir "$work/articles"
bytes=$(cat "$work"/part-*/*.txt | wc -c)
now() { date +%s.%N; }
t0=$(now)
for k in $(seq 0 $((extract - 1))); do
  RAYON_NUM_THREADS=1 "$bin" claims "$work/part-$k" --format jsonl -o "$work/claims/part-$k.jsonl.zst" &
done
wait
t1=$(now)
"$venv/bin/python" tools/scale_blocks.py "$work/claims" "$work/blocks" "$compare"
t2=$(now)
for k in $(seq 0 $((compare - 1))); do
  RAYON_NUM_THREADS=1 "$bin" check --claims "$work"/blocks/shard=$k/*/*.jsonl.zst --format jsonl --fail-on never \
    > "$work/findings/shard-$k.jsonl" &
done
wait
t3=$(now)
"$bin" check "$work"/part-* --format jsonl --fail-on never > "$work/whole.jsonl"
t4=$(now)
records=$(cat "$work"/claims/*.jsonl.zst | wc -c)
python3 - "$work" <<'PY'
import glob, json, sys
work = sys.argv[1]
def fingerprints(paths):
    out = set()
    for p in paths:
        for line in open(p):
            d = json.loads(line)
            if d.get("type") == "finding":
                out.add((d["fingerprint"], d["rule"], d["status"]))
    return out
sharded = fingerprints(glob.glob(f"{work}/findings/*.jsonl"))
whole = fingerprints([f"{work}/whole.jsonl"])
print(f"findings: whole corpus {len(whole)}, shards together {len(sharded)}, identical: {sharded == whole}")
sys.exit(0 if sharded == whole else 1)
PY
awk -v b="$bytes" -v r="$records" -v d="$docs" -v x="$extract" -v c="$compare" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v t4="$t4" 'BEGIN {
  printf "%d documents, %.1f MB\n", d, b / 1e6
  printf "extract, %d shards side by side: %.2f s\n", x, t1 - t0
  printf "claim records, compressed:        %.1f MB (%.2f of the text)\n", r / 1e6, r / b
  printf "repartition by block (DuckDB):    %.2f s\n", t2 - t1
  printf "compare, %d shards side by side: %.2f s\n", c, t3 - t2
  printf "sharded total:                    %.2f s\n", t3 - t0
  printf "one check of the whole corpus:    %.2f s\n", t4 - t3
}'
