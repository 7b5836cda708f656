"""Scores every tune pair under many variants and prints the metrics table. usage: score.py [--dump VARIANT]"""
import sys, json, pickle, itertools, collections
import numpy as np, scipy.sparse as sp
import tok, evalib

pairs = json.load(open("/tmp/emb/pairs.json"))
y = np.array([p["label"] for p in pairs])

# idf over training sentences (all types, no min count)
d = np.load("/tmp/emb/sents.npz"); flat, lens = d["flat"], d["lens"]
words_all = pickle.load(open("/tmp/emb/words.pkl", "rb"))
sid = np.repeat(np.arange(len(lens)), lens)
N = len(lens)
df = np.bincount(np.unique(sid.astype(np.int64) * len(words_all) + flat) % len(words_all), minlength=len(words_all))
idf_map = dict(zip(words_all, np.log((N + 1) / (df + 1)) + 1))
idf_unseen = np.log(N + 1) + 1
prob_map = dict(zip(words_all, np.bincount(flat, minlength=len(words_all)) / len(flat)))
def idf(w): return idf_map.get(w, idf_unseen)

def tfidf(ts):
    c = collections.Counter(ts)
    return {w: n * idf(w) for w, n in c.items()}

def cos(a, b):
    num = sum(v * b.get(w, 0) for w, v in a.items())
    na = np.sqrt(sum(v * v for v in a.values())); nb = np.sqrt(sum(v * v for v in b.values()))
    return num / (na * nb) if na and nb else 0.0

class Emb:
    def __init__(self, path, k, p):
        d = np.load(path)
        E = d["U"][:, :k] * (d["S"][:k] ** p)
        self.E = E / (np.linalg.norm(E, axis=1, keepdims=True) + 1e-9)
        self.idx = {w: i for i, w in enumerate(d["words"])}
    def sim(self, a, b):
        if a == b: return 1.0
        i, j = self.idx.get(a), self.idx.get(b)
        if i is None or j is None: return 0.0
        return float(self.E[i] @ self.E[j])

def soft(a, b, emb, cut, pw):
    terms = sorted(set(a) | set(b))
    n = len(terms)
    S = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            s = emb.sim(terms[i], terms[j])
            if s >= cut:
                S[i, j] = S[j, i] = s ** pw
    va = np.array([a.get(t, 0.0) for t in terms]); vb = np.array([b.get(t, 0.0) for t in terms])
    den = np.sqrt((va @ S @ va) * (vb @ S @ vb))
    return float(va @ S @ vb / den) if den else 0.0

def sif_vec(ts, emb, weight, pc):
    v = np.zeros(emb.E.shape[1])
    for w in ts:
        i = emb.idx.get(w)
        if i is None: continue
        v += (idf(w) if weight == "idf" else 1e-3 / (1e-3 + prob_map.get(w, 0))) * emb.E[i]
    if pc is not None:
        v -= (v @ pc) * pc
    return v

def sif_pc(emb, weight):
    rng = np.random.default_rng(0)
    starts = np.concatenate([[0], np.cumsum(lens)])
    vs = []
    for s in rng.choice(N, 20000, replace=False):
        ts = [words_all[j] for j in flat[starts[s]:starts[s + 1]]]
        vs.append(sif_vec(ts, emb, weight, None))
    _, _, vt = np.linalg.svd(np.array(vs), full_matrices=False)
    return vt[0]

def vcos(u, v):
    n = np.linalg.norm(u) * np.linalg.norm(v)
    return float(u @ v / n) if n else 0.0

# token lists per pair: whole spans and clauses
P = []
for p in pairs:
    P.append(dict(whole=(tok.tokens(p["a"]), tok.tokens(p["b"])),
                  cl=([tok.tokens(c) for c in tok.clauses(p["a"])], [tok.tokens(c) for c in tok.clauses(p["b"])])))
mismatch = np.array([0.25 if p["different"] else 1.0 for p in pairs])

def pairscore(fn, level):
    out = []
    for q in P:
        if level == "whole":
            out.append(fn(*q["whole"]))
        else:
            out.append(max(fn(a, b) for a in q["cl"][0] for b in q["cl"][1]))
    return np.array(out)

results = {}
results["current refrain score (tune.json)"] = np.array([p["cur_score"] for p in pairs])
results["current refrain cosine (tune.json)"] = np.array([p["cur_cos"] for p in pairs])
for level in ("whole", "clause"):
    results[f"a tfidf cos {level}"] = pairscore(lambda a, b: cos(tfidf(a), tfidf(b)), level)
    results[f"a tfidf cos {level} +mm"] = results[f"a tfidf cos {level}"] * mismatch

cfgs = [(win, k, p) for win in ("5", "sent") for k in (100, 300) for p in (0.5, 0.0)]
for win, k, p in cfgs:
    emb = Emb(f"/tmp/emb/vec_{win}.npz", k, p)
    tag = f"w={win} k={k} S^{p}"
    for level in ("whole", "clause"):
        for cut, pw in ((0.3, 1), (0.3, 2), (0.4, 1), (0.4, 2), (0.5, 1), (0.5, 2), (0.6, 1)):
            s = pairscore(lambda a, b: soft(tfidf(a), tfidf(b), emb, cut, pw), level)
            results[f"b soft {tag} cut={cut} p={pw} {level}"] = s
            results[f"d soft {tag} cut={cut} p={pw} {level} +mm"] = s * mismatch
        for weight in ("sif", "idf"):
            for rm in (False, True):
                pc = sif_pc(emb, weight) if rm else None
                s = pairscore(lambda a, b: vcos(sif_vec(a, emb, weight, pc), sif_vec(b, emb, weight, pc)), level)
                nm = f"c avg {weight}{'-pc' if rm else ''} {tag} {level}"
                results[nm] = s
                results["d " + nm[2:] + " +mm"] = s * mismatch
    print("done", tag, file=sys.stderr, flush=True)

np.savez("/tmp/emb/scores.npz", names=np.array(list(results)), S=np.array(list(results.values())), y=y)
rows = []
for name, s in results.items():
    p, r, f, t = evalib.best_f1(s, y)
    p9 = evalib.p90(s, y)
    acc, lp, lr, lf, tsd = evalib.loo(s, y)
    rows.append((f, name, p, r, t, p9, acc, lp, lr, lf))
rows.sort(key=lambda r: -r[0])
print(f"{'variant':60s} bestF1   P     R    thr  | P>=.9: R    thr  | LOO acc  P    R    F1")
for f, name, p, r, t, p9, acc, lp, lr, lf in rows:
    print(f"{name:60s} {f:.3f} {p:.3f} {r:.3f} {t:.3f} | {p9[1]:.3f} {p9[3]:.3f} | {acc:.3f} {lp:.3f} {lr:.3f} {lf:.3f}")
