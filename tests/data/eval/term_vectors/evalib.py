"""Threshold metrics for scores vs labels: best F1, P>=0.9 operating point, leave-one-out threshold choice."""
import numpy as np

def prf(s, y, t):
    pred = s >= t
    tp = np.sum(pred & (y == 1)); fp = np.sum(pred & (y == 0)); fn = np.sum(~pred & (y == 1))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f

def cands(s):
    u = np.unique(s)
    return np.concatenate([[u[0] - 1e-6], (u[:-1] + u[1:]) / 2, [u[-1] + 1e-6]])

def best_f1(s, y):
    best = None
    for t in cands(s):
        p, r, f = prf(s, y, t)
        if best is None or f > best[2] + 1e-12:
            best = (p, r, f, t)
    return best

def p90(s, y):
    best = None
    for t in cands(s):
        p, r, f = prf(s, y, t)
        if p >= 0.9 and (best is None or r > best[1]):
            best = (p, r, f, t)
    return best or (float("nan"),) * 4

def loo(s, y):
    """Threshold chosen by best F1 on the other n-1 pairs; returns accuracy and pooled P/R/F1."""
    n = len(s); pred = np.zeros(n, bool); ts = []
    for i in range(n):
        m = np.arange(n) != i
        t = best_f1(s[m], y[m])[3]; ts.append(t)
        pred[i] = s[i] >= t
    acc = np.mean(pred == (y == 1))
    tp = np.sum(pred & (y == 1)); fp = np.sum(pred & (y == 0)); fn = np.sum(~pred & (y == 1))
    p = tp / (tp + fp) if tp + fp else 1.0; r = tp / (tp + fn)
    return acc, p, r, (2 * p * r / (p + r) if p + r else 0), np.std(ts)
