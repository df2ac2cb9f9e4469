#!/usr/bin/env python3
"""gen_big.py: writes one large plain-text document of about MB megabytes
to OUT for the memory benchmark (bench/README.md, "Memory of a large
input"). Sentences are drawn from the text files under each SOURCE at run
time (nothing of them is stored in the repo), mixed across files in
shuffled order, their numbers and place names varied so almost every
sentence is distinct; one sentence in 50 is the same boilerplate line, so
a parse cache has something to find but not much.

usage: gen_big.py MB OUT SOURCE...
"""
import os
import random
import re
import sys

NAMES = ["Libya", "Tunisia", "Algeria", "Morocco", "Egypt", "Mali", "Niger", "Chad",
         "Sudan", "Mauritania", "Jordan", "Lebanon", "Syria", "Iraq", "Yemen", "Qatar",
         "Bahrain", "Kuwait", "Oman", "Turkey", "Greece", "Italy", "Spain", "France"]
BOILER = "The views expressed in this report are those of the authors alone."


def sentences(path):
    data = open(path, "rb").read()
    if path.endswith(".gz"):
        import gzip
        data = gzip.decompress(data)
    text = re.sub(r"<[^>]+>", " ", data.decode("utf-8", "replace"))
    out = []
    for p in re.split(r"\n+", text):
        out.extend(s.strip() for s in re.split(r"(?<=[.!?]) ", p) if len(s.strip()) > 30)
    return out


def number(rng, digits):
    """A number like DIGITS: a year stays a plausible year."""
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return str(rng.randint(1990, 2026))
    return str(rng.randint(1, 10 ** len(digits) - 1))


def main():
    size, out = int(float(sys.argv[1]) * 1e6), sys.argv[2]
    pool = []
    for src in sys.argv[3:]:
        for root, _, files in os.walk(src):
            for f in sorted(files):
                if f.endswith((".txt", ".md", ".html", ".gz")) and f != "README.md":
                    pool.extend(sentences(os.path.join(root, f)))
    rng = random.Random(20261205)
    name_re = re.compile(r"\b(%s)\b" % "|".join(map(re.escape, NAMES)))
    num_re = re.compile(r"\d+")
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        f.write("Memory benchmark document\n\n")
        while n < size:
            para = []
            for _ in range(rng.randint(3, 8)):
                if rng.random() < 0.02:
                    para.append(BOILER)
                    continue
                s = rng.choice(pool)
                s = name_re.sub(lambda m: rng.choice(NAMES), s)
                s = num_re.sub(lambda m: number(rng, m.group()), s)
                if not num_re.search(s) or rng.random() < 0.5:
                    s = "On %d %s %d, %s" % (rng.randint(1, 28), rng.choice(
                        ["March", "May", "July", "October"]), rng.randint(1990, 2026),
                        s)
                para.append(s)
            p = " ".join(para) + "\n\n"
            f.write(p)
            n += len(p.encode())


if __name__ == "__main__":
    main()
