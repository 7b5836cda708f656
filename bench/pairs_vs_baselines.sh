#!/bin/sh
# refrain pairs against the scikit-learn and gensim baselines on their synthetic
# corpus, in one run: the same sentences, the same threshold. Prints one Markdown
# table row per program (bench/RESULTS.md, "Pairs") and the planted recall of each.
#
#   bench/pairs_vs_baselines.sh [N] [THRESHOLD] [BUDGET]
#
# N sentences (default 100000), THRESHOLD (default 0.8). BUDGET seconds (default 60):
# the baselines' pairs phase stops after that long and extrapolates to all rows, as
# their --pairs-budget does (their planted recall is then not measured); 0 runs them
# to the end (about 7 and 5 minutes at 100k on the 2-core machine).
# Environment: REFRAIN (the binary; default build/cli/refrain), WORK (default
# /tmp/refrain-bench), BASELINE (default ../shared/baseline), SKIP_BASELINES=1.
set -eu
N=${1:-100000}
T=${2:-0.8}
BUDGET=${3:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REFRAIN=${REFRAIN:-$ROOT/build/cli/refrain}
WORK=${WORK:-/tmp/refrain-bench}
BASELINE=${BASELINE:-$ROOT/../shared/baseline}
PY=/usr/bin/python3  # Debian's, with numpy, scikit-learn and gensim
mkdir -p "$WORK"
CORPUS=$WORK/synth$N.txt
PLANTED=$WORK/planted$N.tsv
if [ ! -s "$CORPUS" ] || [ ! -s "$PLANTED" ]; then
  $PY "$BASELINE/sklearn_baseline.py" -n "$N" --write-corpus "$CORPUS" \
    --write-planted "$PLANTED" --no-run >&2
fi

# Recall of the planted (source, paraphrase) pairs among the TSV pairs on stdin.
recall() {
  awk -F'\t' -v planted="$PLANTED" '
    NR > 1 { found[$1 "\t" $2] = 1 }
    END { while ((getline line < planted) > 0) { n++; if (line in found) hit++ }
          printf "%.4f (%d/%d)", hit / n, hit, n }'
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
OUT=$WORK/pairs$N-$T.tsv
/usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$REFRAIN" pairs --lines "$CORPUS" --threshold "$T" > "$OUT"
read -r SECS KB < "$WORK/time.txt"
PAIRS=$(($(wc -l < "$OUT") - 1))
RECALL=$(recall < "$OUT")
echo "| refrain pairs (whole process) | $N | $T | $SECS | $((KB / 1024)) | $PAIRS | $RECALL | \`refrain pairs --lines synth$N.txt --threshold $T\` |"

[ "${SKIP_BASELINES:-0}" = 1 ] && exit 0
for b in sklearn gensim; do
  JSON=$WORK/$b$N-$T.json
  rm -f "$JSON"
  $PY "$BASELINE/${b}_baseline.py" -n "$N" --threshold "$T" --pairs-budget "$BUDGET" \
    --json "$JSON" > "$WORK/$b$N-$T.log"
  $PY - "$JSON" "$SECS" "$b" "$N" "$T" "$BUDGET" <<'PYEOF'
import json, sys
rec = json.loads(open(sys.argv[1]).read().splitlines()[-1])
refrain_secs, name, n, t, budget = float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
p = rec["pairs"]
secs = p.get("extrapolated_secs", p["secs"])
how = f"extrapolated from {p['rows_done']} rows" if "extrapolated_secs" in p else "measured"
recall = f"{p['planted_recall']:.4f}" if "planted_recall" in p else "n/a (budget)"
print(f"| {name} baseline, pairs phase only ({how}) | {n} | {t} | {secs:.1f} | {rec['peak_rss_MB']:.0f} | "
      f"{p['pairs']} | {recall} | `{name}_baseline.py -n {n} --threshold {t} --pairs-budget {budget}` |")
print(f"| ratio {name} pairs phase / refrain whole process | | | {secs / refrain_secs:.0f}x | | | | |")
PYEOF
done
