#!/usr/bin/python3
"""The sentences the parser's speed is measured on (bench/RESULTS.md, "Parser"): every
wh-briefings document's body (front matter dropped), paragraphs joined and cut at sentence
ends, sentences of three words or more, shuffled with seed 1; the first N (default 20,000).

    bench/parser/wh_statements.py ../shared/corpora/wh-briefings > /tmp/wh_statements.txt
"""
import os
import random
import re
import sys


def main():
    root = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    sentences = []
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith(".md") or "README" in name:
                continue
            text = open(os.path.join(folder, name), encoding="utf-8", errors="replace").read()
            if text.startswith("---"):
                end = text.find("\n---", 3)
                text = text[end + 4:] if end > 0 else text
            for paragraph in re.split(r"\n\s*\n", text):
                paragraph = " ".join(paragraph.split()).lstrip("#>*- ").strip()
                for sentence in re.split(r'(?<=[.!?])\s+(?=[A-Z"\u201c])', paragraph):
                    if len(sentence.split()) >= 3:
                        sentences.append(sentence)
    random.Random(1).shuffle(sentences)
    sys.stdout.write("\n".join(sentences[:limit]) + "\n")


if __name__ == "__main__":
    main()
