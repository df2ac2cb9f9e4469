#!/usr/bin/env python3
"""gen_corpus.py: writes a benchmark corpus of N documents into DIR by
replicating and varying the seed and sample documents at run time (their
text is never stored in the repo). Each document draws paragraphs from the
pool, shuffles their sentences, swaps place and country names, and adds
numbered rare words so the vocabulary grows as a real corpus does.

usage: gen_corpus.py N DIR SOURCE...
"""
import os
import random
import re
import sys

NAMES = ["Libya", "Tunisia", "Algeria", "Morocco", "Egypt", "Mali", "Niger", "Chad",
         "Sudan", "Mauritania", "Jordan", "Lebanon", "Syria", "Iraq", "Yemen", "Qatar",
         "Bahrain", "Kuwait", "Oman", "Turkey", "Greece", "Italy", "Spain", "France",
         "Russia", "China", "Iran", "Israel", "Burkina Faso", "Senegal", "Nigeria"]


def paragraphs(path):
    data = open(path, "rb").read()
    if path.endswith(".gz"):
        import gzip
        data = gzip.decompress(data)
    text = data.decode("utf-8", "replace")
    text = re.sub(r"<[^>]+>", " ", text)
    return [p.strip() for p in re.split(r"\n+", text) if len(p.strip()) > 60]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    pool = []
    for src in sys.argv[3:]:
        for root, _, files in os.walk(src):
            for f in sorted(files):
                if f.endswith((".txt", ".md", ".html", ".gz")) and f != "README.md":
                    pool.extend(paragraphs(os.path.join(root, f)))
    rng = random.Random(20261125)
    os.makedirs(out, exist_ok=True)
    name_re = re.compile("|".join(map(re.escape, NAMES)))
    for i in range(n):
        paras = rng.sample(pool, min(len(pool), rng.randint(8, 20)))
        body = []
        for p in paras:
            sents = re.split(r"(?<=[.!?]) ", p)
            rng.shuffle(sents)
            p = " ".join(sents)
            p = name_re.sub(lambda m: rng.choice(NAMES), p)
            p += " Ref%d-%d term%d." % (i, rng.randint(0, 999), rng.randint(0, 50000))
            body.append(p)
        title = "Bench document %d on %s and %s" % (i, rng.choice(NAMES), rng.choice(NAMES))
        sub = os.path.join(out, "%03d" % (i // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "doc%05d.txt" % i), "w", encoding="utf-8") as f:
            f.write(title + "\n\n" + "\n\n".join(body) + "\n")


if __name__ == "__main__":
    main()
