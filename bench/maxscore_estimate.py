#!/usr/bin/env python3
"""How many postings would a per-term score bound (MaxScore) leave unread in `refrain match`?
(issue 19, the 100 ms bar; bench/RESULTS.md "Index and match", fifth cut.) Reads an index
file (format 4) directly and takes the units of its last DOCS documents as queries (a proxy for
a readout from the same source), weighted as UnitSearch weights them. For each query it counts
the postings of the probed terms (what match reads) under:

  prefix          today's rule: the most common terms are left unprobed while the norm of
                  their query weights stays under the threshold (Cauchy-Schwarz: a term
                  adds at most q_t to a cosine);
  rest bound      an Add-safe per-term bound, U_t = 1 / sqrt(1 + r_t f^2 / idf_t^2), r_t the
                  least (s0 - tf'^2) / tf'^2 over the units holding t (s0 from unit_norms), f
                  the smallest idf of the vocabulary: terms stay unprobed while
                  min(norm, sum q_t U_t) is under the threshold;
  ideal           the exact largest w_t / ||d|| over the units holding t at today's idfs
                  (not Add-safe: the best any per-term bound could do).
All three try the terms most common first, so each leaves at least the previous one's unprobed.

    /usr/bin/python3 bench/maxscore_estimate.py s.refrain [--docs 3]
"""
import argparse
import collections
import math
import sqlite3


def unpack(blob):
    return [(int.from_bytes(blob[i:i + 4], "little"), int.from_bytes(blob[i + 4:i + 8], "little"))
            for i in range(0, len(blob), 8)]


def unprobed(order, q, bound, threshold):
    """How many terms of `order` (tried first to last) stay unprobed."""
    s2 = ub = 0.0
    i = 0
    while i < len(order):
        t = order[i]
        if min(math.sqrt(s2 + q[t] ** 2), ub + q[t] * bound(t)) >= threshold:
            break
        s2 += q[t] ** 2
        ub += q[t] * bound(t)
        i += 1
    return i


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index")
    ap.add_argument("--docs", type=int, default=3)
    args = ap.parse_args()
    db = sqlite3.connect(args.index)
    threshold = float(db.execute("SELECT value FROM meta WHERE key='threshold'").fetchone()[0])
    n = int(db.execute("SELECT value FROM meta WHERE key='units'").fetchone()[0])
    df = dict(db.execute("SELECT id, df FROM vocabulary"))
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    floor = min(idf.values())
    s0 = dict(db.execute("SELECT unit, s0 FROM unit_norms"))
    norm = {u: math.sqrt(sum(((1 + math.log(c)) * idf[t]) ** 2 for t, c in unpack(b))) or 1.0
            for u, b in db.execute("SELECT id, terms FROM units")}
    rest = collections.defaultdict(lambda: math.inf)
    best = collections.defaultdict(float)
    for t, u, tf in db.execute("SELECT term, unit, tf FROM postings"):
        w = 1 + math.log(tf)
        rest[t] = min(rest[t], (s0[u] - w * w) / (w * w))
        best[t] = max(best[t], w * idf[t] / norm[u])
    bounds = {
        "prefix": lambda t: 1.0,
        "rest bound": lambda t: 1 / math.sqrt(1 + rest[t] * floor ** 2 / idf[t] ** 2),
        "ideal": lambda t: best[t],
    }
    read = collections.Counter()
    queries = 0
    docs = [d for (d,) in db.execute("SELECT id FROM documents ORDER BY id DESC LIMIT ?",
                                     (args.docs,))]
    for doc in docs:
        for (blob,) in db.execute(
                "SELECT u.terms FROM units u JOIN statements s ON s.id = u.statement "
                "WHERE s.doc = ?", (doc,)):
            terms = unpack(blob)
            if not terms:
                continue
            queries += 1
            q = {t: (1 + math.log(c)) * idf[t] for t, c in terms}
            length = math.sqrt(sum(v * v for v in q.values()))
            q = {t: v / length for t, v in q.items()}
            by_df = sorted(q, key=lambda t: (-df[t], t))
            for name, bound in bounds.items():
                i = unprobed(by_df, q, bound, threshold)
                read[name] += sum(df[t] for t in by_df[i:])
    print(f"{args.index}: threshold {threshold}, {n:,} units, {len(df):,} terms, idf floor "
          f"{floor:.3f}; {queries} query units of the last {len(docs)} documents")
    quantiles = sorted(best.values())
    print("largest w/||d|| per term, deciles:",
          " ".join(f"{quantiles[min(len(quantiles) - 1, k * len(quantiles) // 10)]:.2f}"
                   for k in range(11)))
    for name in bounds:
        print(f"{name}: {read[name]:,} postings read "
              f"({read[name] / max(1, read['prefix']):.1%} of prefix)")


if __name__ == "__main__":
    main()
