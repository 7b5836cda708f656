"""Shared tokenisation: aliases (as refrain's built-in table), lower case, stop words, Snowball stem."""
import re
import Stemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

GROUPS = [
    ["United Nations", "UN", "U.N."],
    ["United States", "US", "U.S.", "U.S", "USA", "U.S.A.", "United States of America"],
    ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    ["European Union", "EU", "E.U."],
    ["Second World War", "WWII", "WW2", "World War II", "World War Two", "World War 2"],
    ["First World War", "WWI", "WW1", "World War I", "World War One", "World War 1"],
    ["Shanghai Cooperation Organization", "SCO", "Shanghai Cooperation Organisation"],
    ["BRICS"],
    ["Association of Southeast Asian Nations", "ASEAN"],
    ["North Atlantic Treaty Organization", "NATO", "North Atlantic Treaty Organisation"],
    ["World Health Organization", "WHO", "World Health Organisation"],
    ["Republic of Korea", "ROK", "South Korea"],
    ["Democratic People's Republic of Korea", "DPRK", "North Korea"],
    ["People's Republic of China", "PRC"],
    ["Security Council", "UNSC", "UN Security Council", "United Nations Security Council"],
    ["General Assembly", "UNGA", "UN General Assembly", "United Nations General Assembly"],
    ["Group of Twenty", "G20", "G-20"],
    ["Group of Seven", "G7", "G-7"],
    ["Asia-Pacific Economic Cooperation", "APEC"],
    ["Belt and Road Initiative", "BRI"],
    ["Collective Security Treaty Organization", "CSTO"],
    ["Eurasian Economic Union", "EAEU", "EEU"],
    ["Joint Comprehensive Plan of Action", "JCPOA"],
    ["coronavirus", "COVID-19", "COVID", "Covid-19", "novel coronavirus"],
]

def _term(canon):
    return "x" + re.sub(r"[^a-z0-9]+", "", canon.lower())  # one token per group, never stemmed

_forms = []
for g in GROUPS:
    t = _term(g[0])
    for f in g:
        _forms.append((f, t))
_forms.sort(key=lambda ft: -len(ft[0]))
_parts = []
for f, t in _forms:
    exact = not any(c.islower() for c in f)
    pat = r"\s+".join(re.escape(w) for w in f.split())
    _parts.append(("(?-i:" + pat + ")" if exact else pat, t))
_alias_re = re.compile("|".join(r"(?<![A-Za-z0-9])(" + p + r")(?![A-Za-z0-9])" for p, _ in _parts), re.I)
_alias_terms = [t for _, t in _parts]

def apply_aliases(text):
    return _alias_re.sub(lambda m: " " + _alias_terms[m.lastindex - 1] + " ", text)

STOP = frozenset(ENGLISH_STOP_WORDS)
_stem = Stemmer.Stemmer("english")
_cache = {}
_word_re = re.compile(r"[a-z][a-z0-9]*")

def tokens(text):
    text = apply_aliases(text.replace("\u2019", "'").replace("\u2018", "'"))
    text = re.sub(r"'s\b", "", text.lower())
    out = []
    for w in _word_re.findall(text):
        if w in STOP or len(w) < 2:
            continue
        s = _cache.get(w)
        if s is None:
            s = w if w.startswith("x") and w in _alias_set else _stem.stemWord(w)
            _cache[w] = s
        out.append(s)
    return out

_alias_set = set(_alias_terms)

_sent_re = re.compile(r"(?<=[.!?])[\"'\u201d)]*\s+(?=[\"'\u201c(]*[A-Z])|\n\s*\n")

def sentences(text):
    return [s for s in _sent_re.split(text) if s and s.strip()]

_clause_re = re.compile(r"[;:]\s+|,\s+(?=(?:and|but|while|whereas|which)\b)")

def clauses(text, min_words=5):
    parts = [p.strip() for p in _clause_re.split(text) if p and p.strip()]
    parts = [p for p in parts if len(p.split()) >= min_words]
    return parts if len(parts) > 1 else [text]
