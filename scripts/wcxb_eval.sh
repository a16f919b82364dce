#!/usr/bin/env bash
# Scores an HTML extractor on the WCXB development pages:
#   scripts/wcxb_eval.sh [brief|dom_smoothie] [CORPUS]
# CORPUS defaults to /work/shared/corpus/wcxb-dev (html/*.html.gz,
# ground-truth/*.json, evaluate.py). Prints the benchmark's own word F1,
# then title and date exact-match rates, then extraction pages/s.
set -euo pipefail
cd "$(dirname "$0")/.."
extractor="${1:-brief}"
corpus="${2:-/work/shared/corpus/wcxb-dev}"
work="${TMPDIR:-/tmp}/wcxb-eval"
mkdir -p "$work/pages" "$work/bench/dev" "$work/out-$extractor"
if [ ! -e "$work/pages/0001.html" ]; then
  for f in "$corpus"/html/*.html.gz; do
    gunzip -c "$f" > "$work/pages/$(basename "$f" .gz)"
  done
fi
cp "$corpus/evaluate.py" "$work/bench/"
ln -sfn "$(realpath "$corpus/ground-truth")" "$work/bench/dev/ground-truth"
cargo run --quiet --release --example wcxb_eval -- "$work/pages" "$work/out-$extractor" --extractor "$extractor"
python3 "$work/bench/evaluate.py" --split dev --results "$work/out-$extractor/predictions.json"
python3 scripts/wcxb_meta.py "$corpus/ground-truth" "$work/out-$extractor/metadata.json"
