"""Tokenises the training corpora (UNGDC + wh-briefings; never china-mfa) into /tmp/emb/sents.npz."""
import glob, re, time, collections, resource, pickle
import numpy as np
import tok

t0 = time.time()
files = sorted(glob.glob("/work/shared/corpora/ungdc/TXT/*/*.txt")) + \
        sorted(glob.glob("/work/shared/corpora/wh-briefings/**/*.md", recursive=True))
files = [f for f in files if "README" not in f]
print(len(files), "files")

def clean_md(t):
    if t.startswith("---"):
        end = t.find("\n---", 3)
        if end > 0:
            t = t[end + 4:]
    t = re.sub(r"<[^>]*>", " ", t)
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"[*_#>|]+", " ", t)
    return t

vocab = {}
counts = collections.Counter()
flat, lens = [], []
nsent = 0
for i, f in enumerate(files):
    t = open(f, encoding="utf-8", errors="replace").read()
    if f.endswith(".md"):
        t = clean_md(t)
    # un-wrap lines inside paragraphs, keep blank lines as breaks
    t = re.sub(r"(?<!\n)\n(?!\s*\n)", " ", t)
    for s in tok.sentences(t):
        ts = tok.tokens(s)
        if len(ts) < 2:
            continue
        for w in ts:
            j = vocab.get(w)
            if j is None:
                j = vocab[w] = len(vocab)
            flat.append(j)
        lens.append(len(ts))
    if i % 2000 == 0:
        print(i, len(lens), len(flat), round(time.time() - t0), flush=True)
words = [None] * len(vocab)
for w, j in vocab.items():
    words[j] = w
flat = np.array(flat, dtype=np.int32)
np.savez("/tmp/emb/sents.npz", flat=flat, lens=np.array(lens, dtype=np.int32))
pickle.dump(words, open("/tmp/emb/words.pkl", "wb"))
print("sentences", len(lens), "tokens", len(flat), "types", len(words),
      "secs", round(time.time() - t0), "maxrss MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
