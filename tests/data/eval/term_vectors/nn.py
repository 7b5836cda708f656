"""Nearest neighbours of probe words. usage: nn.py vec_5.npz [dims] [p(0 or 0.5)]"""
import sys, numpy as np, tok
d = np.load(sys.argv[1]); k = int(sys.argv[2]) if len(sys.argv) > 2 else 300
p = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
E = d["U"][:, :k] * d["S"][:k] ** p
E /= np.linalg.norm(E, axis=1, keepdims=True) + 1e-9
words = list(d["words"]); idx = {w: i for i, w in enumerate(words)}
for w in "politicization origin seats members coordinate cooperation mechanism framework strengthen promote moscow coronavirus tightened opportunities intensify enhance reaffirm reiterate ironclad unwavering".split():
    t = tok.tokens(w)[0] if w != "coronavirus" else "xcoronavirus"
    if t not in idx: print(w, "OOV"); continue
    s = E @ E[idx[t]]
    o = np.argsort(-s)[1:9]
    print(f"{w}({t}):", ", ".join(f"{words[j]} {s[j]:.2f}" for j in o))
