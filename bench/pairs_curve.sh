#!/bin/sh
# Time and peak memory of the whole `refrain pairs --lines` process as the corpus
# grows, on the baselines' synthetic corpus: one Markdown row per size, with the
# command that reproduces it (bench/RESULTS.md, "Pairs").
#
#   bench/pairs_curve.sh [THRESHOLD] [SIZES...]     (default: 0.8, 10000 30000 100000 300000 1000000)
#
# Environment: REFRAIN (default build/cli/refrain), WORK (default /tmp/refrain-bench),
# BASELINE (default ../shared/baseline), THREADS (default 0 = one per core).
set -eu
T=${1:-0.8}
[ $# -gt 0 ] && shift
SIZES=${*:-10000 30000 100000 300000 1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REFRAIN=${REFRAIN:-$ROOT/build/cli/refrain}
WORK=${WORK:-/tmp/refrain-bench}
BASELINE=${BASELINE:-$ROOT/../shared/baseline}
mkdir -p "$WORK"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for N in $SIZES; do
  CORPUS=$WORK/synth$N.txt
  if [ ! -s "$CORPUS" ]; then
    /usr/bin/python3 "$BASELINE/sklearn_baseline.py" -n "$N" --write-corpus "$CORPUS" \
      --write-planted "$WORK/planted$N.tsv" --no-run >&2
  fi
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" \
    "$REFRAIN" pairs --lines "$CORPUS" --threshold "$T" --threads "${THREADS:-0}" > "$WORK/curve.tsv"
  read -r SECS KB USER SYS < "$WORK/time.txt"
  PAIRS=$(($(wc -l < "$WORK/curve.tsv") - 1))
  echo "| $N | $T | $SECS | $USER + $SYS | $((KB / 1024)) | $PAIRS | \`/usr/bin/time -v refrain pairs --lines synth$N.txt --threshold $T\` |"
done
