#!/usr/bin/env python3
"""Statements kept and spans dropped (by reason) per document, from `refrain segments`.

Usage: tests/data/cleaner/seed_counts.py [REFRAIN_BINARY] [CORPUS]
(defaults: build/cli/refrain, corpus/seed). Prints a Markdown table.
"""
import collections
import json
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else "build/cli/refrain"
corpus = sys.argv[2] if len(sys.argv) > 2 else "corpus/seed"
out = subprocess.run([binary, "segments", corpus, "--format", "json", "--show-dropped"],
                     check=True, capture_output=True).stdout
data = json.loads(out)
kept = collections.Counter(s["doc"] for s in data["statements"])
dropped = collections.defaultdict(collections.Counter)
for d in data["dropped"]:
    dropped[d["doc"]][d["reason"]] += 1
print("| document | statements | dropped spans by reason |")
print("|---|---:|---|")
for doc in sorted(set(kept) | set(dropped)):
    reasons = ", ".join(f"{r} {n}" for r, n in sorted(dropped[doc].items()))
    print(f"| {doc} | {kept[doc]} | {reasons} |")
print(f"| all | {sum(kept.values())} | {sum(sum(c.values()) for c in dropped.values())} spans |")
