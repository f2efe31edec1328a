#!/usr/bin/env bash
# Fuzzes crosscheck with AFL++ (cargo-afl, stable toolchain).
#   tools/fuzz.sh [SECONDS] [TARGET...]
# Targets: load extract sidecar rules lexicons reviews (default: all), each for
# SECONDS (default 600). Seeds are made from the bundled articles and the
# built-in rules; findings go to fuzz/out/TARGET (not committed). Prints,
# per target, the executions done and the crashes and hangs found.
# Needs: cargo install cargo-afl && cargo afl config --build (once).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(load extract sidecar rules lexicons reviews)

seeds=fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{load,extract,sidecar,rules,lexicons,reviews}
i=0
for f in corpus/seeds/*.txt; do
  # The first byte picks the extension the input is read as (see fuzz/src/lib.rs).
  { printf '\x00'; head -c 4000 "$f"; } > "$seeds/load/txt$i"
  { printf '\x00'; head -c 2000 "$f"; } > "$seeds/extract/txt$i"
  i=$((i + 1))
done
printf '\x01---\ndate: 2017-09-28\n---\nPolice made **107 arrests** in [Philly](https://x.y/1).\n' > "$seeds/load/md"
printf '\x02<html><head><meta name="date" content="2017-09-28"></head><body><article><p>Police made 107 arrests.</p><script>x</script></article></body></html>' > "$seeds/load/html"
printf '\x03[{"id": "a", "text": "Police made 107 arrests.", "date": "2017-09-28"}]' > "$seeds/load/json"
printf '\x04{"id": "a", "text": "Police made 107 arrests."}\n{"text": "Nearly 500 people"}\n' > "$seeds/load/jsonl"
cp corpus/seeds/sources.toml "$seeds/sidecar/sources.toml"
{ printf '\x00'; cat rules/quantity-conflict.toml; } > "$seeds/rules/rule"
{ printf '\x01'; cat rules/single-source.toml; } > "$seeds/rules/single"
{ printf '\x00'; head -c 6000 rules/lexicons/measures.toml; } > "$seeds/lexicons/measures"
{ printf '\x02'; head -c 6000 rules/lexicons/calendar.toml; } > "$seeds/lexicons/calendar"
{ printf '\x06'; head -c 3000 rules/gazetteer/places.toml; } > "$seeds/lexicons/places"
printf '[[review]]\nfinding = "0123456789abcdef"\ndecision = "dismissed"\nrule = "r"\nmessage = "m"\nnote = "n"\nby = "ana"\nat = "2026-12-01T00:00:00Z"\n' > "$seeds/reviews/one"

(cd fuzz && cargo afl build --release)
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
for t in "${targets[@]}"; do
  rm -rf "fuzz/out/$t"
  mkdir -p fuzz/out
  (cd fuzz && cargo afl fuzz -i "seeds/$t" -o "out/$t" -V "$seconds" "target/release/$t" > "out-$t.log" 2>&1) || true
  stats="fuzz/out/$t/default/fuzzer_stats"
  execs=$(awk -F: '/^execs_done/ {gsub(/ /, "", $2); print $2}' "$stats")
  crashes=$(awk -F: '/^saved_crashes/ {gsub(/ /, "", $2); print $2}' "$stats")
  hangs=$(awk -F: '/^saved_hangs/ {gsub(/ /, "", $2); print $2}' "$stats")
  echo "$t: $execs executions, $crashes crashes, $hangs hangs in ${seconds}s"
done
