#!/usr/bin/env bash
# CTest mpi_pairs (builds with REFRAIN_WITH_MPI only): `mpirun -np K --oversubscribe refrain
# pairs` against the same command in one process, which must print the same bytes (so the
# same pairs, scores and order; a sort of both is then equal too). On the baselines' 20k
# synthetic statements (~20% planted paraphrases, some statements repeated: the identical-rows
# path), at two thresholds and both formats, with -o, with 3 ranks (a middle rank), and on the
# bundled corpus (documents, dates). A build whose ranks each ran the whole join would print
# every pair K times and fail. Skipped (77) without ../shared/baseline.
# Usage: mpi_pairs_test.sh REFRAIN MPIEXEC WORK_DIR   (run from the source root)
set -euo pipefail
refrain=$1 mpiexec=$2 work=$3
generator=../shared/baseline/sklearn_baseline.py
if [[ ! -f $generator ]]; then
  echo "skipped: $generator is absent"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
corpus=$work/synth20k.txt
/usr/bin/python3 "$generator" -n 20000 --no-run --write-corpus "$corpus" >/dev/null
# CI runs as root; Open MPI refuses to without these.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# One rank per process, one thread each: two ranks fit the two cores of the CI machine.
mpi=("$mpiexec" --oversubscribe --bind-to none)

failed=0
check() {  # NAME RANKS MIN_PAIRS ARGS...: the command alone, then under mpirun
  local name=$1 ranks=$2 min_pairs=$3
  shift 3
  "$refrain" pairs "$@" > "$work/$name.one"
  "${mpi[@]}" -np "$ranks" "$refrain" pairs --threads 1 "$@" > "$work/$name.mpi"
  local lines
  lines=$(wc -l < "$work/$name.one")
  if (( lines < min_pairs )); then
    echo "FAIL $name: only $lines lines in one process, expected at least $min_pairs"
    failed=1
  elif ! cmp -s "$work/$name.one" "$work/$name.mpi"; then
    echo "FAIL $name: $ranks ranks differ from one process ($lines lines):"
    diff <(sort "$work/$name.one") <(sort "$work/$name.mpi") | head -5
    failed=1
  else
    echo "ok $name: $ranks ranks = one process, $lines lines"
  fi
}
check synth-t0.8-tsv 2 2000 --lines "$corpus" --threshold 0.8
check synth-t0.5-json 2 4000 --lines "$corpus" --threshold 0.5 --format json
check synth-t0.8-3ranks 3 2000 --lines "$corpus" --threshold 0.8
check seed-t0.2-json 2 20 corpus/seed --threshold 0.2 --format json

# -o FILE: rank 0 writes the file, no rank writes to stdout.
"$refrain" pairs --lines "$corpus" --threshold 0.7 -o "$work/o.one"
"${mpi[@]}" -np 2 "$refrain" pairs --threads 1 --lines "$corpus" --threshold 0.7 \
  -o "$work/o.mpi" > "$work/o.stdout"
if cmp -s "$work/o.one" "$work/o.mpi" && [[ ! -s $work/o.stdout ]]; then
  echo "ok -o: the file is the one-process file, stdout empty"
else
  echo "FAIL -o: the file differs, or something went to stdout"
  failed=1
fi
exit $failed
