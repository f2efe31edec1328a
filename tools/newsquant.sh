#!/usr/bin/env bash
# Scores crosscheck's quantity extraction on NewsQuant (590 annotated news
# sentences, read from ../shared; the data has no license and is never
# copied into this repository) with the shared scorer, and prints value F1.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NEWSQUANT:-../shared/bench/newsquant/sentences.jsonl}"
scorer="${NEWSQUANT_SCORER:-../shared/tools/score_newsquant.py}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
cargo build --release --quiet
./target/release/crosscheck check "$data" --format json --fail-on never > "$report"
python3 "$scorer" "$report" "$@"
