"""PPMI + truncated SVD term vectors. usage: train.py WINDOW(int or 'sent') [DIMS] -> vec_<window>.npz"""
import sys, time, pickle, resource
import numpy as np, scipy.sparse as sp
from sklearn.utils.extmath import randomized_svd

window = sys.argv[1]
dims = int(sys.argv[2]) if len(sys.argv) > 2 else 300
MIN_COUNT, ALPHA = 10, 0.75
t0 = time.time()
d = np.load("/tmp/emb/sents.npz"); flat, lens = d["flat"], d["lens"]
words = pickle.load(open("/tmp/emb/words.pkl", "rb"))
cnt = np.bincount(flat, minlength=len(words))
keep = np.where(cnt >= MIN_COUNT)[0]
remap = -np.ones(len(words), dtype=np.int64); remap[keep] = np.arange(len(keep))
V = len(keep)
sid = np.repeat(np.arange(len(lens)), lens)
ids = remap[flat]
m = ids >= 0
ids, sid = ids[m], sid[m]          # out-of-vocabulary words dropped (positions close up)
print("V", V, "tokens", len(ids), flush=True)

if window == "sent":
    X = sp.csr_matrix((np.ones(len(ids), dtype=np.float32), (sid, ids)), shape=(len(lens), V))
    X.sum_duplicates()
    C = (X.T @ X).tocsr()
    C.setdiag(np.asarray(C.diagonal()) - np.asarray(X.multiply(X).sum(0)).ravel())  # drop self-pairs
    C.eliminate_zeros()
else:
    w = int(window)
    C = sp.csr_matrix((V, V), dtype=np.float32)
    for off in range(1, w + 1):
        same = sid[off:] == sid[:-off]
        a, b = ids[:-off][same], ids[off:][same]
        M = sp.csr_matrix((np.ones(len(a), dtype=np.float32), (a, b)), shape=(V, V))
        C = C + M + M.T
print("cooc nnz", C.nnz, round(time.time() - t0), "s", flush=True)

C = C.tocoo()
row_sum = np.asarray(C.sum(1)).ravel()
ctx = np.asarray(C.sum(0)).ravel() ** ALPHA
total = C.data.sum()
pw = row_sum / total
pc = ctx / ctx.sum()
pmi = np.log(C.data / total / (pw[C.row] * pc[C.col]))
keepm = pmi > 0
P = sp.csr_matrix((pmi[keepm].astype(np.float32), (C.row[keepm], C.col[keepm])), shape=(V, V))
print("ppmi nnz", P.nnz, round(time.time() - t0), "s", flush=True)
U, S, _ = randomized_svd(P, dims, n_iter=5, random_state=0)
print("svd done", round(time.time() - t0), "s", flush=True)
np.savez(f"/tmp/emb/vec_{window}.npz", U=U.astype(np.float32), S=S.astype(np.float32),
         words=np.array([words[i] for i in keep]), count=cnt[keep])
print("window", window, "V", V, "dims", dims, "secs", round(time.time() - t0),
      "maxrss MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
