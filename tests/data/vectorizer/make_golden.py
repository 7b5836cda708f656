#!/usr/bin/python3
"""Makes the golden TF-IDF weights that tests/vectorizer_test.cpp compares refrain to.

scikit-learn is given refrain's own tokens (so the test checks the weighting, n-grams,
df pruning and norms, not the tokenizer) and builds the matrix with TfidfVectorizer for
several option sets. Steps:
  1. statements.txt: every non-empty line of corpus/seed/*.txt, files in name order;
  2. tokens_<tokenizer>.txt: refrain's tokens of each statement (TAB-separated), written
     by the hidden test case "[.dump-tokens]" of the vectorizer_test binary;
  3. golden.json: for each option set, scikit-learn's vocabulary, idf and weights.

Needs Debian's scikit-learn: run with /usr/bin/python3 from the repository root, after
building vectorizer_test:
  /usr/bin/python3 tests/data/vectorizer/make_golden.py build/tests/vectorizer_test
"""
import json
import os
import pathlib
import subprocess
import sys

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]

# name, tokenizer (which tokens file), TfidfVectorizer arguments. vectorizer_test.cpp
# maps the same names to refrain's VectorizerOptions.
CONFIGS = [
    ("defaults", "plain", dict(ngram_range=(1, 2), sublinear_tf=True)),
    ("min_df_2", "plain", dict(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
    ("max_df_0.5", "plain", dict(ngram_range=(1, 2), sublinear_tf=True, max_df=0.5)),
    ("max_df_10", "plain", dict(ngram_range=(1, 2), sublinear_tf=True, max_df=10)),
    ("raw_tf", "plain", dict(ngram_range=(1, 2), sublinear_tf=False)),
    ("norm_none", "plain", dict(ngram_range=(1, 2), sublinear_tf=True, norm=None)),
    ("no_idf_unigrams", "plain", dict(ngram_range=(1, 1), sublinear_tf=True, use_idf=False)),
    ("stop_stem_1_3_l1_sharp_idf", "stop_stem",
     dict(ngram_range=(1, 3), sublinear_tf=True, smooth_idf=False, norm="l1", min_df=0.01)),
    ("bigrams_only", "plain", dict(ngram_range=(2, 2), sublinear_tf=True)),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    test_binary = os.path.abspath(sys.argv[1])

    statements = []
    for path in sorted((ROOT / "corpus" / "seed").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                statements.append(line)
    (HERE / "statements.txt").write_text("".join(s + "\n" for s in statements), encoding="utf-8")

    subprocess.run([test_binary, "[.dump-tokens]"], check=True, cwd=ROOT,
                   env=dict(os.environ, REFRAIN_TOKENS_OUT=str(HERE)))

    golden = dict(sklearn=sklearn.__version__, statements=len(statements), configs=[])
    for name, tokens_name, kwargs in CONFIGS:
        lines = (HERE / f"tokens_{tokens_name}.txt").read_text(encoding="utf-8").split("\n")[:-1]
        assert len(lines) == len(statements), (tokens_name, len(lines), len(statements))
        vec = TfidfVectorizer(tokenizer=lambda s: s.split("\t") if s else [], lowercase=False,
                              preprocessor=lambda s: s, token_pattern=None, **kwargs)
        X = vec.fit_transform(lines).tocsr()
        X.sort_indices()
        terms = vec.get_feature_names_out().tolist()
        entry = dict(name=name, tokens=tokens_name,
                     options={k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()},
                     terms=terms,
                     idf=vec.idf_.tolist() if vec.use_idf else [],
                     indptr=X.indptr.tolist(), indices=X.indices.tolist(),
                     data=[float(x) for x in X.data])
        golden["configs"].append(entry)
        print(f"{name}: {X.shape[0]} x {X.shape[1]}, {X.nnz} non-zeros")
    with open(HERE / "golden.json", "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
