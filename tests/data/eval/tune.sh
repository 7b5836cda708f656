#!/bin/sh
# Reproduces the numbers of TUNING.md: `refrain eval` on labels-tune.tsv at the default
# settings and with one stage of the matching pipeline changed at a time, each with its
# precision/recall at the default threshold and the best F1 over thresholds 0.05..0.95.
# Usage, from the repository's root:  tests/data/eval/tune.sh [build/cli/refrain] [LABELS]
# The held-back half (labels-test.tsv) is scored at the defaults only, never tuned on:
#   tests/data/eval/tune.sh build/cli/refrain tests/data/eval/labels-test.tsv defaults
set -eu
refrain=${1:-build/cli/refrain}
labels=${2:-tests/data/eval/labels-tune.tsv}
only=${3:-all}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {
  name=$1
  shift
  "$refrain" eval "$labels" --format json "$@" >"$tmp/out.json" 2>"$tmp/err" || {
    cat "$tmp/err" >&2
    exit 1
  }
  /usr/bin/python3 - "$name" "$tmp/out.json" <<'EOF'
import json, sys
name, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
rows = [(p["score"], p["label"]) for p in d["pairs"] if not p.get("skipped")]
best = (0, 0, 0, 0)
for k in range(5, 96):
    t = k / 100
    tp = sum(1 for s, l in rows if s >= t and l)
    fp = sum(1 for s, l in rows if s >= t and not l)
    fn = sum(1 for s, l in rows if s < t and l)
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    f = 2 * p * r / (p + r) if p + r else 0
    if f > best[0] + 1e-12:
        best = (f, t, p, r)
print(f"| {name} | {d['threshold']:.2f} | {d['precision']:.3f} | {d['recall']:.3f} | "
      f"{d['tp']} / {d['fp']} / {d['fn']} | {best[0]:.3f} at {best[1]:.2f} "
      f"(P {best[2]:.3f}, R {best[3]:.3f}) |")
EOF
}

echo "| settings | threshold | precision | recall | tp / fp / fn | best F1 (threshold) |"
echo "|---|---:|---:|---:|---:|---|"
run "defaults"
[ "$only" = defaults ] && exit 0
run "no object-mismatch rule" --object-mismatch-factor 1
run "object mismatch vetoes (factor 0)" --object-mismatch-factor 0
run "no clauses (whole spans)" --no-clauses
run "no aliases" --no-learn-aliases --no-builtin-aliases
run "no stemming" --no-stem
run "stop words kept" --no-stop-words
run "unigrams + bigrams" --ngram-max 2
