#!/bin/sh
# `refrain pairs --lines` in one process and under `mpirun -np 2 --oversubscribe` on the
# baselines' synthetic corpus: wall seconds, CPU seconds, the largest process's peak RSS,
# pairs, and whether the two outputs are the same bytes; each rank's own line (--rank-report)
# goes to stderr. One Markdown row per run (bench/RESULTS.md, "Pairs over MPI ranks").
#
#   bench/pairs_mpi.sh [THRESHOLD] [SIZES...]     (default: 0.8, 100000)
#
# Environment: REFRAIN (default build/cli/refrain, a -DREFRAIN_WITH_MPI=ON build), WORK
# (default /tmp/refrain-bench), BASELINE (default ../shared/baseline). Run it nice'd on a
# shared machine and give the load average beside the figures.
set -eu
T=${1:-0.8}
[ $# -gt 0 ] && shift
SIZES=${*:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REFRAIN=${REFRAIN:-$ROOT/build/cli/refrain}
WORK=${WORK:-/tmp/refrain-bench}
BASELINE=${BASELINE:-$ROOT/../shared/baseline}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mkdir -p "$WORK"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
row() {  # LABEL OUTPUT
  read -r SECS KB USER SYS < "$WORK/time.txt"
  PAIRS=$(($(wc -l < "$2") - 1))
  SAME=$(cmp -s "$WORK/one.tsv" "$2" && echo same || echo DIFFERENT)
  echo "| $N | $T | $1 | $SECS | $USER + $SYS | $((KB / 1024)) | $PAIRS | $SAME |"
}
for N in $SIZES; do
  CORPUS=$WORK/synth$N.txt
  if [ ! -s "$CORPUS" ]; then
    /usr/bin/python3 "$BASELINE/sklearn_baseline.py" -n "$N" --write-corpus "$CORPUS" --no-run >&2
  fi
  for THREADS in 0 1; do
    /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" \
      "$REFRAIN" pairs --lines "$CORPUS" --threshold "$T" --threads $THREADS > "$WORK/one$THREADS.tsv"
    [ $THREADS = 0 ] && cp "$WORK/one0.tsv" "$WORK/one.tsv"
    row "1 process, --threads $THREADS" "$WORK/one$THREADS.tsv"
  done
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" \
    mpirun -np 2 --oversubscribe --bind-to none "$REFRAIN" pairs --lines "$CORPUS" \
      --threshold "$T" --threads 1 --rank-report > "$WORK/two.tsv"
  row "mpirun -np 2, --threads 1" "$WORK/two.tsv"
done
