#!/usr/bin/env python3
"""Does `refrain match` of an indexed document repeat exactly the points `refrain talking-points`
puts its units in, over the whole corpus? (issue 19's must-show; bench/RESULTS.md, "Index and
match"). Builds the index and the talking points with the same flags (unless given), matches each
document named, and compares per unit of it: each point holding the unit, as its core's text and
the (doc, start, end) of its phrasings in other documents (points with none there are left out,
as match leaves them). The same comparison as index_test's "index build stores what
talking-points finds with the same flags", at full size.

    bench/index_match_check.py CORPUS DOC... [--refrain build/cli/refrain] [--work DIR]
        [--flags "--no-claims"] [--reuse]

DOC is a path relative to CORPUS. Prints one line per document and the build's and each
match's CPU (user + sys), wall and peak RSS (GNU time), with the load average before and
after. Exit 1 when any document differs.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys


def timed(cmd, out_path, work):
    """Runs cmd under /usr/bin/time, stdout to out_path; returns (user, sys, wall, peak KB)."""
    tfile = os.path.join(work, "time.txt")
    with open(out_path, "wb") as out:
        subprocess.run(["/usr/bin/time", "-f", "%U %S %e %M", "-o", tfile] + cmd, stdout=out,
                       check=True)
    user, sys_, wall, kb = open(tfile).read().split()[-4:]
    return float(user), float(sys_), float(wall), int(kb)


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def from_talking_points(points, doc):
    out = {}
    for name in ("talking_points", "stock_phrases", "ceremony"):
        for p in points[name]:
            others = frozenset((s["doc"], s["start"], s["end"]) for s in p["statements"]
                               if s["doc"] != doc)
            if not others:
                continue
            for s in p["statements"]:
                if s["doc"] == doc:
                    out.setdefault((s["start"], s["end"]), set()).add((p["representative"],
                                                                       others))
    return out


def from_match(match):
    out = {}
    for s in match["statements"]:
        for u in s["units"]:
            for r in u["repeats"]:
                others = frozenset((p["doc"], p["start"], p["end"]) for p in r["phrasings"])
                out.setdefault((u["start"], u["end"]), set()).add((r["point"], others))
    return out


def row(what, t):
    user, sys_, wall, kb = t
    return f"| {what} | {user + sys_:.2f} s ({user:.2f} + {sys_:.2f}) | {wall:.2f} s | {kb / 1024:,.0f} MB |"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("docs", nargs="+")
    ap.add_argument("--refrain", default="build/cli/refrain")
    ap.add_argument("--work", default="/tmp/refrain-index-check")
    ap.add_argument("--flags", default="", help="flags for both talking-points and index build")
    ap.add_argument("--reuse", action="store_true",
                    help="keep WORK's index and points.json when there")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    flags = shlex.split(args.flags)
    index = os.path.join(args.work, "corpus.refrain")
    points_file = os.path.join(args.work, "points.json")
    print(f"# load average before: {load()}")
    rows = []
    if not (args.reuse and os.path.exists(index)):
        t = timed([args.refrain, "index", "build", args.corpus, "-o", index] + flags,
                  os.path.join(args.work, "build.out"), args.work)
        rows.append(row(f"`refrain index build {args.corpus} -o corpus.refrain {args.flags}`", t))
    if not (args.reuse and os.path.exists(points_file)):
        t = timed([args.refrain, "talking-points", args.corpus, "--format", "json"] + flags,
                  points_file, args.work)
        rows.append(row(f"`refrain talking-points {args.corpus} --format json {args.flags}`", t))
    points = json.load(open(points_file))
    same = True
    for doc in args.docs:
        out = os.path.join(args.work, "match.json")
        t = timed([args.refrain, "match", index, os.path.join(args.corpus, doc), "--format",
                   "json"], out, args.work)
        rows.append(row(f"`refrain match corpus.refrain {doc}`", t))
        got, want = from_match(json.load(open(out))), from_talking_points(points, doc)
        ok = got == want
        same &= ok
        print(f"{'same' if ok else 'DIFFERENT'}: {doc}: match {len(got)} repeated units, "
              f"talking-points {len(want)} units in a point "
              f"({sum(len(v) for v in want.values())} unit-point pairs)")
        if not ok:
            for key in sorted(set(got) | set(want)):
                if got.get(key) != want.get(key):
                    print(f"  unit {key}: match {sorted(p for p, _ in got.get(key, ()))} "
                          f"talking-points {sorted(p for p, _ in want.get(key, ()))}")
    print(f"# load average after: {load()}")
    print("| command | CPU (user + sys) | wall | peak RSS |\n|---|---:|---:|---:|")
    print("\n".join(rows))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
