#!/usr/bin/env bash
# Writes a degenerate corpus for memory checks (issue 18): N identical statements spread over
# SOURCES source folders, one dated file per source, one statement a line.
#
#   scripts/identical-statements.sh DIR [N=100000] [SOURCES=10]
#
# Then, e.g.: /usr/bin/time -v build/cli/refrain pairs DIR | head -n 1000000 > /dev/null
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
dir=$1; n=${2:-100000}; sources=${3:-10}
rm -rf "$dir"; mkdir -p "$dir"
per=$(( (n + sources - 1) / sources ))
for s in $(seq 1 "$sources"); do
  mkdir -p "$dir/source$s"
  awk -v n="$per" 'BEGIN { for (i = 0; i < n; ++i)
    print "China is willing to work with all parties to uphold peace and stability in the region.\n" }' \
    > "$dir/source$s/2021-0$(( (s % 9) + 1 ))-01-statement.txt"
done
echo "wrote $dir: $sources sources, $per identical statements each" >&2
