#!/usr/bin/env bash
# Whole-process `refrain vectorize --lines FILE` against scikit-learn's
# TfidfVectorizer.fit_transform alone (the baseline's "tfidf" phase), in one run,
# on the baseline's synthetic corpus. Prints the medians and the ratios.
#
# usage: bench/vectorize_vs_sklearn.sh [BUILD_DIR] [N] [RUNS]
#   BUILD_DIR  where refrain was built (default: build)
#   N          synthetic statements (default: 100000)
#   RUNS       runs of each refrain variant (default: 7); scikit-learn runs (RUNS+1)/2 times
# Run from the repository root; needs ../shared/baseline and Debian's /usr/bin/python3.
set -euo pipefail

build=${1:-build}
n=${2:-100000}
runs=${3:-7}
refrain="$build/cli/refrain"
baseline=../shared/baseline/sklearn_baseline.py
python=/usr/bin/python3
[[ -x $refrain ]] || { echo "no $refrain: build the refrain target first" >&2; exit 1; }
[[ -f $baseline ]] || { echo "no $baseline" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus="$work/synth$n.txt"
"$python" "$baseline" -n "$n" --write-corpus "$corpus" --no-run > /dev/null

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# Wall seconds of one whole refrain process; its output is checked, then dropped.
# Also appends the process's CPU seconds (user + sys) to $work/cpu-<label>.
time_refrain() {
  local label=$1 start end
  shift
  start=$(now)
  /usr/bin/time -f "%U %S" -o "$work/time.txt" "$refrain" vectorize --lines "$corpus" "$@" > "$work/out.txt"
  end=$(now)
  grep -q "^shape *$n x" "$work/out.txt" || { echo "unexpected output:" >&2; cat "$work/out.txt" >&2; exit 1; }
  awk '{print $1 + $2}' "$work/time.txt" >> "$work/cpu-$label"
  echo "$end - $start" | bc -l
}

# scikit-learn's fit_transform seconds, as the baseline prints them. A pairs budget of
# 1 ms stops its second phase after one block: only the tfidf line is used.
time_sklearn() {
  "$python" "$baseline" --input "$corpus" --pairs-budget 0.001 | awk '$1 == "tfidf" {sub("secs=", "", $2); if ($2 == "") print $3; else print $2}'
}

echo "# $(date -u +%FT%TZ) $(uname -m), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# corpus: $n synthetic statements, $(wc -c < "$corpus") bytes; refrain: $("$refrain" --version)"
"$refrain" vectorize --lines "$corpus" | sed 's/^/# refrain: /'

declare -a all one sk
for ((i = 0; i < runs; i++)); do
  all+=("$(time_refrain all)")
  one+=("$(time_refrain one --threads 1)")
  if ((i % 2 == 0)); then sk+=("$(time_sklearn)"); fi
done
m_all=$(printf '%s\n' "${all[@]}" | median)
m_one=$(printf '%s\n' "${one[@]}" | median)
m_sk=$(printf '%s\n' "${sk[@]}" | median)
echo "# refrain (all cores) runs: ${all[*]}"
echo "# refrain --threads 1 runs: ${one[*]}"
echo "# scikit-learn fit_transform runs: ${sk[*]}"
printf 'scikit-learn fit_transform      %8.3f s (median of %d)\n' "$m_sk" "${#sk[@]}"
printf 'refrain vectorize (all cores)   %8.3f s (median of %d)  %6.1fx faster\n' "$m_all" "$runs" "$(echo "$m_sk / $m_all" | bc -l)"
printf 'refrain vectorize --threads 1   %8.3f s (median of %d)  %6.1fx faster\n' "$m_one" "$runs" "$(echo "$m_sk / $m_one" | bc -l)"
# scikit-learn's CPU seconds for the same fit_transform (time.process_time), once: on a
# shared machine the ratio of CPU seconds says what the wall-clock ratio would be on an
# idle one, single-threaded.
sk_cpu=$("$python" -c "
import sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
sents = [s.strip() for s in open(sys.argv[1], encoding='utf-8') if s.strip()]
t = time.process_time()
TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1).fit_transform(sents)
print(round(time.process_time() - t, 3))" "$corpus")
echo "# scikit-learn fit_transform CPU seconds (one run): $sk_cpu"
echo "# CPU seconds (user + sys), median: all cores $(median < "$work/cpu-all"), --threads 1 $(median < "$work/cpu-one")"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
