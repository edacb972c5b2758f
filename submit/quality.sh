#!/usr/bin/env bash
# The quality benchmark behind docs/RESULTS.md: trains a preset on full MNIST in local[2] for a fixed
# wall-time budget (evaluating during training, checkpointing as it goes), then judges every
# checkpoint on 10,000 samples (MNIST score, Fréchet distance, classes, Parzen) and draws the
# time-to-quality curve.
#   submit/quality.sh mlp 1200            # 20 minutes of the default preset
#   submit/quality.sh cgan 2400 --set ...  # extra arguments go to `train`
#   QUALITY_STEPS=5487 submit/quality.sh conv 100000  # a fixed number of iterations instead (equal work
#                                                     # when the machine is shared)
# Output: runs/quality-<preset>/ with quality.csv, eval.csv, plots/quality-time.png, samples/final.png.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:?usage: submit/quality.sh PRESET SECONDS [train options]}"
SECONDS_BUDGET="${2:?usage: submit/quality.sh PRESET SECONDS [train options]}"
shift 2
MNIST_DIR="${MNIST_DIR:-$ROOT/../shared/data/mnist}"
OUT="${QUALITY_OUT:-$ROOT/runs/quality-$PRESET}"
CACHE="${CLASSIFIER_CACHE:-$ROOT/data/classifier}"
if [[ -e "$OUT" ]]; then
  echo "quality.sh: $OUT exists; remove it or set QUALITY_OUT" >&2
  exit 2
fi
# Checkpoints every 1,000 iterations, all kept: each becomes a point of the curve.
"$ROOT/submit/local.sh" train --master 'local[2]' --preset "$PRESET" --data "$MNIST_DIR" --out "$OUT" --steps "${QUALITY_STEPS:-10000000}" \
  --set train.maxSeconds="$SECONDS_BUDGET" --set eval.every=1000 --set eval.classifierCache="$CACHE" \
  --set out.checkpointEvery=1000 --set out.keepCheckpoints=1000 --set out.sampleEvery=2000 --set out.sampleCount=100 "$@"
"$ROOT/submit/local.sh" evaluate --run "$OUT" --data "$MNIST_DIR" --classifier-cache "$CACHE" --master 'local[2]'
"$ROOT/submit/local.sh" evaluate --model "$OUT" --data "$MNIST_DIR" --classifier-cache "$CACHE" --master 'local[2]' \
  --out "$OUT/final-evaluation.json"
