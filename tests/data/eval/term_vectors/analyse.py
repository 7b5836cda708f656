"""Family summaries, nested leave-one-out (variant + threshold chosen on 55 pairs), error listing."""
import sys, json, re
import numpy as np, evalib
d = np.load("/tmp/emb/scores.npz"); names = list(d["names"]); S = d["S"]; y = d["y"]
pairs = json.load(open("/tmp/emb/pairs.json"))
cur = np.array([p["cur_cos"] for p in pairs])
mine = S[names.index("a tfidf cos clause")]; mw = S[names.index("a tfidf cos whole")]
print("sanity: corr(my clause cos, refrain cos) %.3f, mean abs diff %.3f; whole %.3f" % (
    np.corrcoef(mine, cur)[0, 1], np.mean(np.abs(mine - cur)), np.corrcoef(mw, cur)[0, 1]))

def fam(n):
    return n.split(" ")[0] + (" +mm" if n.endswith("+mm") else "") + (" " + n.split(" ")[1] if n[0] in "bcd" else "")
fams = {}
for i, n in enumerate(names):
    fams.setdefault(fam(n), []).append(i)

def nested(idx):
    n = len(y); pred = np.zeros(n, bool)
    for i in range(n):
        m = np.arange(n) != i
        best = max(((evalib.best_f1(S[j][m], y[m]), j) for j in idx), key=lambda t: t[0][2])
        (p, r, f, t), j = best
        pred[i] = S[j][i] >= t
    tp = np.sum(pred & (y == 1)); fp = np.sum(pred & (y == 0)); fn = np.sum(~pred & (y == 1))
    P = tp / (tp + fp); R = tp / (tp + fn)
    return np.mean(pred == (y == 1)), P, R, 2 * P * R / (P + R)

print(f"{'family':28s} n  bestF1 max/median | nested-LOO acc P R F1")
for f, idx in sorted(fams.items()):
    bf = [evalib.best_f1(S[j], y)[2] for j in idx]
    a, P, R, F = nested(idx)
    print(f"{f:28s} {len(idx):3d} {max(bf):.3f}/{np.median(bf):.3f} | {a:.3f} {P:.3f} {R:.3f} {F:.3f}")

if len(sys.argv) > 1:
    j = names.index(sys.argv[1]); s = S[j]; t = evalib.best_f1(s, y)[3]
    lex = S[names.index("a tfidf cos clause +mm")]
    print("\n", sys.argv[1], "threshold", round(t, 3))
    for i in np.argsort(s):
        p = pairs[i]
        wrong = (s[i] >= t) != (y[i] == 1)
        if wrong or (y[i] == 1 and s[i] < t + 0.08) or (y[i] == 0 and s[i] > t - 0.08):
            print(f"{'WRONG' if wrong else 'near '} line {p['line']} y={y[i]} score {s[i]:.3f} lex+mm {lex[i]:.3f} mm={bool(p['different'])} | {p['a'][:90]} || {p['b'][:90]}")
