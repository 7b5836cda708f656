#!/usr/bin/python3
"""Checks, describes and helps build the labelled "same point" pairs (issue 6).

Run with Debian's /usr/bin/python3 (it needs scikit-learn). Subcommands:
  check [TSV...]           every row valid; prints both span texts of each pair
  stats [TSV...]           counts per file/source/label, TF-IDF cosine of every pair,
                           and the "half of the negatives share a frame" rule
  split TSV...             merges the rows and writes labels-tune.tsv / labels-test.tsv
                           beside this file (alternate within each (source, label) group)
  build SPEC.tsv ALL.tsv   turns a working spec (doc, text pattern) into offsets
  locate DOC PATTERN       byte offsets [start, end) of PATTERN in DOC
  near DOC... -q TEXT      sentences of DOCs nearest to TEXT (candidate finding)
  band DOC... --lo --hi    cross-document sentence pairs whose cosine is in a band

Span texts of china-mfa-presscon are printed to the terminal only: never redirect
them into a file in the repository (that corpus has no licence).
"""

import argparse
import collections
import glob
import html
import os
import random
import re
import sys

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "label"]
DEFAULT_FILES = [os.path.join(HERE, "labels-tune.tsv"), os.path.join(HERE, "labels-test.tsv")]
WHITESPACE = " \t\r\n\f\v\u00a0\ufeff"
FRAME_COSINE = 0.3  # a negative "shares a frame" at or above this cosine (issue 6)


def source_of(doc):
    for key, name in (("corpus/seed/", "seed"), ("wh-briefings/", "wh-briefings"),
                      ("ungdc/", "ungdc"), ("china-mfa-presscon/", "china-mfa-presscon")):
        if key in doc:
            return name
    return "other"


def is_html(doc):
    return doc.endswith(".html") or doc.endswith(".htm")


_cache = {}


def read_doc(doc):
    if doc not in _cache:
        with open(os.path.join(REPO, doc), "rb") as f:
            _cache[doc] = f.read()
    return _cache[doc]


def clean(raw_text, html_doc):
    """Text a reader sees: tags dropped and entities decoded for HTML, whitespace collapsed."""
    if html_doc:
        raw_text = html.unescape(re.sub(r"<[^>]*>", " ", raw_text))
    return " ".join(raw_text.split())


def span_text(doc, start, end):
    return clean(read_doc(doc)[start:end].decode("utf-8"), is_html(doc))


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[0].split("\t") != HEADER:
        raise SystemExit(f"{path}:1: header must be {' '.join(HEADER)}")
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 7:
            raise SystemExit(f"{path}:{n}: {len(cols)} columns, want 7")
        rows.append({"file": path, "line": n, "doc_a": cols[0], "start_a": int(cols[1]),
                     "end_a": int(cols[2]), "doc_b": cols[3], "start_b": int(cols[4]),
                     "end_b": int(cols[5]), "label": int(cols[6])})
    return rows


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            f.write("\t".join(str(r[k]) for k in HEADER) + "\n")


def row_errors(r):
    errs = []
    if r["label"] not in (0, 1):
        errs.append(f"label {r['label']} is not 0 or 1")
    if os.path.normpath(r["doc_a"]) == os.path.normpath(r["doc_b"]):
        errs.append("both spans are in the same document")
    for side in ("a", "b"):
        doc, s, e = r["doc_" + side], r["start_" + side], r["end_" + side]
        if not os.path.isfile(os.path.join(REPO, doc)):
            errs.append(f"{side}: {doc} not found under {REPO}")
            continue
        data = read_doc(doc)
        if not 0 <= s < e <= len(data):
            errs.append(f"{side}: span [{s},{e}) outside {doc} ({len(data)} bytes)")
            continue
        # A UTF-8 continuation byte (10xxxxxx) never starts a character.
        for pos in (s, e):
            if pos < len(data) and data[pos] & 0xC0 == 0x80:
                errs.append(f"{side}: offset {pos} is inside a multibyte character of {doc}")
        try:
            text = data[s:e].decode("utf-8")
            if text != text.strip(WHITESPACE):
                errs.append(f"{side}: span [{s},{e}) of {doc} starts or ends with whitespace")
        except UnicodeDecodeError as ex:
            errs.append(f"{side}: span of {doc} is not UTF-8 at byte {s + ex.start}")
    return errs


def cmd_check(args):
    files = args.files or DEFAULT_FILES
    bad = 0
    for path in files:
        for r in read_rows(path):
            errs = row_errors(r)
            where = f"{os.path.relpath(path)}:{r['line']}"
            if errs:
                bad += 1
                for e in errs:
                    print(f"{where}: ERROR {e}")
                continue
            tags = [side for side in ("a", "b") if is_html(r["doc_" + side]) and b"<" in
                    read_doc(r["doc_" + side])[r["start_" + side]:r["end_" + side]]]
            note = f" (tags inside span {','.join(tags)})" if tags else ""
            print(f"{where} label={r['label']} [{source_of(r['doc_a'])}]{note}")
            print(f"  A {r['doc_a']} [{r['start_a']},{r['end_a']}): "
                  f"{span_text(r['doc_a'], r['start_a'], r['end_a'])}")
            print(f"  B {r['doc_b']} [{r['start_b']},{r['end_b']}): "
                  f"{span_text(r['doc_b'], r['start_b'], r['end_b'])}")
    print(f"{bad} bad rows")
    if not args.files:
        rows = [r for path in DEFAULT_FILES for r in read_rows(path)]
        tune, test = split_rows(rows)
        keys = [tuple(r[k] for k in HEADER) for r in (tune + test)]
        have = [tuple(r[k] for k in HEADER) for path in DEFAULT_FILES for r in read_rows(path)]
        same = keys == have
        print("split: " + ("the two halves are what `split` makes of their union" if same else
                           "MISMATCH: rerun `labels.py split labels-tune.tsv labels-test.tsv`"))
        bad += 0 if same else 1
        seen = collections.Counter(keys)
        dups = [k for k, n in seen.items() if n > 1]
        if dups:
            print(f"{len(dups)} duplicated rows")
            bad += len(dups)
    return 1 if bad else 0


def vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)


def pair_cosines(rows):
    """Cosine per pair, IDF fitted on the cleaned span texts of all rows given (both halves)."""
    texts = []
    for r in rows:
        texts.append(span_text(r["doc_a"], r["start_a"], r["end_a"]))
        texts.append(span_text(r["doc_b"], r["start_b"], r["end_b"]))
    m = vectorizer().fit_transform(texts)  # rows are L2-normalised: dot = cosine
    return [float(m[2 * i].multiply(m[2 * i + 1]).sum()) for i in range(len(rows))]


def histogram(values, edges=(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)):
    counts = [0] * (len(edges) - 1)
    for v in values:
        for i in range(len(edges) - 1):
            if edges[i] <= v < edges[i + 1]:
                counts[i] += 1
    return " ".join(f"[{edges[i]:.1f},{min(edges[i + 1], 1.0):.1f}{']' if i == len(counts) - 1 else ')'}:{c}"
                    for i, c in enumerate(counts))


def cmd_stats(args):
    files = args.files or DEFAULT_FILES
    per_file = {path: read_rows(path) for path in files}
    all_rows = [r for rows in per_file.values() for r in rows]
    cos = pair_cosines(all_rows)
    for r, c in zip(all_rows, cos):
        r["cosine"] = c
    print("TF-IDF: TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) fitted on the span "
          f"texts of all {len(all_rows)} pairs of {len(files)} file(s) together")
    ok = True
    for path, rows in per_file.items():
        name = os.path.relpath(path)
        print(f"\n{name}: {len(rows)} pairs")
        counts = collections.Counter((source_of(r["doc_a"]), r["label"]) for r in rows)
        for src in sorted({s for s, _ in counts}):
            print(f"  {src:20s} positive {counts[(src, 1)]:3d}  negative {counts[(src, 0)]:3d}")
        pos = [r["cosine"] for r in rows if r["label"] == 1]
        neg = [r["cosine"] for r in rows if r["label"] == 0]
        print(f"  {'total':20s} positive {len(pos):3d}  negative {len(neg):3d}")
        print(f"  cosine of positives: {histogram(pos)}")
        print(f"  cosine of negatives: {histogram(neg)}")
        framed = sum(1 for c in neg if c >= FRAME_COSINE)
        rule = framed * 2 >= len(neg)
        ok = ok and rule
        print(f"  negatives sharing a frame (cosine >= {FRAME_COSINE}): {framed}/{len(neg)} "
              f"{'OK' if rule else 'FAIL: fewer than half'}")
        for r in rows:
            print(f"    line {r['line']:3d} label {r['label']} cos {r['cosine']:.3f} "
                  f"{source_of(r['doc_a'])}: {os.path.basename(r['doc_a'])} / "
                  f"{os.path.basename(r['doc_b'])}")
    return 0 if ok else 1


def split_rows(rows):
    """The split: within each (source, label) group, rows sorted by (doc_a, start_a, doc_b,
    start_b) go alternately to tune (1st, 3rd, ...) and test (2nd, 4th, ...). It depends only
    on the rows, so merging both halves and splitting again gives the same two files."""
    def key(r):
        return (r["doc_a"], r["start_a"], r["end_a"], r["doc_b"], r["start_b"], r["end_b"])
    groups = collections.defaultdict(list)
    for r in rows:
        groups[(source_of(r["doc_a"]), r["label"])].append(r)
    tune, test = [], []
    for g in sorted(groups):
        for i, r in enumerate(sorted(groups[g], key=key)):
            (tune if i % 2 == 0 else test).append(r)
    order = {"seed": 0, "wh-briefings": 1, "ungdc": 2, "china-mfa-presscon": 3, "other": 4}
    tune.sort(key=lambda r: (order[source_of(r["doc_a"])], -r["label"], key(r)))
    test.sort(key=lambda r: (order[source_of(r["doc_a"])], -r["label"], key(r)))
    return tune, test


def cmd_split(args):
    rows = [r for path in args.files for r in read_rows(path)]
    tune, test = split_rows(rows)
    write_rows(os.path.join(args.out, "labels-tune.tsv"), tune)
    write_rows(os.path.join(args.out, "labels-test.tsv"), test)
    print(f"tune {len(tune)}, test {len(test)}")
    return 0


# --- candidate finding and offset helpers -------------------------------------------------

def find_span(doc, pattern):
    """Byte span of PATTERN in DOC. 'START ... END' spans from START to the end of END; spaces
    in a pattern match any run of whitespace (hard-wrapped text). The first START is used.
    '@START:END' gives byte offsets directly (as printed by near and band)."""
    if re.fullmatch(r"@\d+:\d+", pattern):  # offsets as printed by near/band
        s, e = pattern[1:].split(":")
        return int(s), int(e)
    text = read_doc(doc).decode("utf-8")
    parts = pattern.split(" ... ")

    def rx(p):
        return r"\s+".join(re.escape(w) for w in p.split())

    starts = [m for m in re.finditer(rx(parts[0]), text)]
    if not starts:
        raise SystemExit(f"{doc}: pattern not found: {parts[0]!r}")
    if len(starts) > 1:
        print(f"warning: {doc}: {len(starts)} matches of {parts[0]!r}, using the first",
              file=sys.stderr)
    m = starts[0]
    s, e = m.start(), m.end()
    if len(parts) == 2:
        m2 = re.compile(rx(parts[1])).search(text, m.end())
        if not m2:
            raise SystemExit(f"{doc}: end pattern not found after start: {parts[1]!r}")
        e = m2.end()
    return len(text[:s].encode("utf-8")), len(text[:e].encode("utf-8"))


def trim(doc, start, end):
    """Shrinks [start, end) so that it neither starts nor ends with whitespace (NBSP and BOM
    included)."""
    text = read_doc(doc)[start:end].decode("utf-8")
    lead = len(text) - len(text.lstrip(WHITESPACE))
    tail = len(text) - len(text.rstrip(WHITESPACE))
    return (start + len(text[:lead].encode("utf-8")),
            end - len(text[len(text) - tail:].encode("utf-8")))


def cmd_locate(args):
    s, e = find_span(args.doc, args.pattern)
    print(f"{s}\t{e}\t{span_text(args.doc, s, e)}")
    return 0


def cmd_build(args):
    """SPEC.tsv: doc_a, pattern_a, doc_b, pattern_b, label (a working file kept outside the
    repository, since its patterns quote the documents)."""
    out = []
    with open(args.spec, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 5:
                raise SystemExit(f"{args.spec}:{n}: {len(cols)} columns, want 5")
            sa, ea = trim(cols[0], *find_span(cols[0], cols[1]))
            sb, eb = trim(cols[2], *find_span(cols[2], cols[3]))
            out.append({"doc_a": cols[0], "start_a": sa, "end_a": ea, "doc_b": cols[2],
                        "start_b": sb, "end_b": eb, "label": int(cols[4])})
    write_rows(args.all, out)
    print(f"{len(out)} rows to {args.all}")
    return 0


_SENT_END = re.compile(r"(?<=[.!?;])[\"”’)]?\s+(?=[\"“(]?[A-Z])")


def sentences(doc):
    """(start_char, end_char, clean text) of each sentence; HTML by text between tags."""
    text = read_doc(doc).decode("utf-8", errors="replace")
    blocks = []
    if is_html(doc):
        for m in re.finditer(r"<[Pp][ >][^>]*>(.*?)</[Pp]>", text, re.S):
            blocks.append((m.start(1), m.group(1)))
    else:
        body = text
        if body.startswith("---"):  # YAML front matter of wh-briefings
            end = body.find("\n---", 3)
            body = " " * (end + 4) + body[end + 4:] if end > 0 else body
        for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", body):
            blocks.append((m.start(), m.group(0)))
    out = []
    for off, block in blocks:
        pos = 0
        for m in list(_SENT_END.finditer(block)) + [None]:
            end = m.start() if m else len(block)
            piece = block[pos:end]
            t = clean(piece, is_html(doc))
            if len(t.split()) >= 5:
                # Spans start and end on text, not on whitespace or (HTML) tags.
                edge = r"(?:<[^>]*>|[\s\ufeff])*" if is_html(doc) else r"[\s\ufeff]*"
                lead = re.match(edge, piece).end()
                trail = re.search(edge + r"\Z", piece).start()
                out.append((off + pos + lead, off + pos + trail, t))
            pos = m.end() if m else len(block)
    return out


def expand(globs):
    docs = []
    for g in globs:
        hits = sorted(glob.glob(os.path.join(REPO, g)))
        docs += [os.path.relpath(h, REPO) for h in hits] if hits else [g]
    return docs


def byte_off(doc, char_off):
    return len(read_doc(doc).decode("utf-8", errors="replace")[:char_off].encode("utf-8"))


def cmd_near(args):
    from sklearn.metrics.pairwise import linear_kernel
    docs = expand(args.docs)
    if args.sample and len(docs) > args.sample:
        docs = random.Random(args.seed).sample(docs, args.sample)
    sents = [(d, s, e, t) for d in docs for s, e, t in sentences(d)]
    vec = vectorizer().fit([t for *_, t in sents] + args.query)
    all_sims = linear_kernel(vec.transform(args.query), vec.transform([t for *_, t in sents]))
    for query, sims in zip(args.query, all_sims):
        print(f"## {query}")
        for i in sims.argsort()[::-1][:args.top]:
            d, s, e, t = sents[i]
            print(f"{sims[i]:.3f}\t{d}\t{byte_off(d, s)}\t{byte_off(d, e)}\t{t[:args.width]}")
    return 0


def cmd_band(args):
    from sklearn.metrics.pairwise import linear_kernel
    docs = expand(args.docs)
    if args.sample and len(docs) > args.sample:
        docs = random.Random(args.seed).sample(docs, args.sample)
    sents = [(d, s, e, t) for d in docs for s, e, t in sentences(d)]
    m = vectorizer().fit_transform([t for *_, t in sents])
    sims = linear_kernel(m)
    hits = []
    for i in range(len(sents)):
        for j in range(i + 1, len(sents)):
            if sents[i][0] != sents[j][0] and args.lo <= sims[i, j] < args.hi:
                hits.append((sims[i, j], i, j))
    random.Random(args.seed).shuffle(hits)
    for c, i, j in hits[:args.limit]:
        print(f"{c:.3f}")
        for k in (i, j):
            d, s, e, t = sents[k]
            print(f"   {d}\t{byte_off(d, s)}\t{byte_off(d, e)}\t{t[:args.width]}")
    print(f"{len(hits)} pairs in [{args.lo}, {args.hi})", file=sys.stderr)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("files", nargs="*")
    c = sub.add_parser("stats")
    c.add_argument("files", nargs="*")
    c = sub.add_parser("split")
    c.add_argument("files", nargs="+", help="TSVs to merge and split (e.g. both halves)")
    c.add_argument("--out", default=HERE)
    c = sub.add_parser("build")
    c.add_argument("spec")
    c.add_argument("all")
    c = sub.add_parser("locate")
    c.add_argument("doc")
    c.add_argument("pattern")
    for name in ("near", "band"):
        c = sub.add_parser(name)
        c.add_argument("docs", nargs="+", help="paths or globs relative to the repo root")
        c.add_argument("--sample", type=int, default=0, help="use this many random docs")
        c.add_argument("--seed", type=int, default=1)
        c.add_argument("--width", type=int, default=220)
    sub.choices["near"].add_argument("-q", "--query", action="append", required=True,
                                     help="repeatable")
    sub.choices["near"].add_argument("--top", type=int, default=15)
    sub.choices["band"].add_argument("--lo", type=float, default=0.3)
    sub.choices["band"].add_argument("--hi", type=float, default=0.6)
    sub.choices["band"].add_argument("--limit", type=int, default=30)
    args = p.parse_args()
    os.chdir(REPO)
    return {"check": cmd_check, "stats": cmd_stats, "split": cmd_split, "build": cmd_build,
            "locate": cmd_locate, "near": cmd_near, "band": cmd_band}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
