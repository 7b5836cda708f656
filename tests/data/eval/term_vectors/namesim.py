"""Vector similarity of the 'different' names in each tune pair to the other side's tokens."""
import json, numpy as np, tok, sys
d = np.load(sys.argv[1] if len(sys.argv) > 1 else "/tmp/emb/vec_sent.npz"); k = 100
E = d["U"][:, :k] * d["S"][:k] ** 0.5; E /= np.linalg.norm(E, axis=1, keepdims=True)
idx = {w: i for i, w in enumerate(d["words"])}
def sim(a, b):
    if a == b: return 1.0
    return float(E[idx[a]] @ E[idx[b]]) if a in idx and b in idx else 0.0
for p in json.load(open("/tmp/emb/pairs.json")):
    if not p["different"]: continue
    ta, tb = set(tok.tokens(p["a"])), set(tok.tokens(p["b"]))
    diff = set("x" + w.replace(" ", "") if " " in w else w for w in p["different"])
    out = []
    for w in sorted(diff):
        other = tb if w in ta else ta
        best = max(other, key=lambda o: sim(w, o)) if other else None
        out.append(f"{w}->{best}:{sim(w, best):.2f}" if best else f"{w}:?")
    print(p["line"], p["label"], " ".join(out))
