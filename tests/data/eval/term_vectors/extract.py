# Writes /tmp/emb/pairs.json: span texts of the tune pairs (kept in /tmp only).
import json, sys
sys.path.insert(0, "/work/main/tests/data/eval")
import labels
rows = []
for line_no, line in enumerate(open("/work/main/tests/data/eval/labels-tune.tsv", encoding="utf-8").read().split("\n")[1:], start=2):
    if not line.strip(): continue
    da, sa, ea, db, sb, eb, lab = line.split("\t")
    rows.append(dict(line=line_no, doc_a=da, doc_b=db, label=int(lab),
                     a=labels.span_text(da, int(sa), int(ea)), b=labels.span_text(db, int(sb), int(eb))))
tj = {p["line"]: p for p in json.load(open("/tmp/tune.json"))["pairs"]}
for r in rows:
    p = tj[r["line"]]
    assert p["label"] == r["label"]
    r.update(cur_score=p["score"], cur_cos=p["cosine"], different=p["different"],
             shared=[s["term"] for s in p["shared"]])
json.dump(rows, open("/tmp/emb/pairs.json", "w"), indent=1)
print(len(rows))
