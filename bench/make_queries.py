#!/usr/bin/env python3
"""make_queries.py: writes N search queries for the latency benchmark,
drawn from the words of the bench corpus: common and rare single words,
two-word AND, phrases, OR, NOT and prefix queries, in a fixed mix.

usage: make_queries.py N CORPUS_DIR > queries.txt
"""
import collections
import os
import random
import re
import sys

n, root = int(sys.argv[1]), sys.argv[2]
words = collections.Counter()
bigrams = collections.Counter()
for d, _, files in os.walk(root):
    for f in files[:40]:
        toks = re.findall(r"[A-Za-z]{4,}", open(os.path.join(d, f), encoding="utf-8").read())
        words.update(toks)
        bigrams.update(zip(toks, toks[1:]))
common = [w for w, _ in words.most_common(200)]
rare = [w for w, c in words.items() if c <= 3][:2000]
pairs = [" ".join(p) for p, c in bigrams.most_common(400) if c > 2]
rng = random.Random(7)
kinds = [
    lambda: rng.choice(common),
    lambda: rng.choice(rare),
    lambda: rng.choice(common) + " " + rng.choice(common),
    lambda: '"%s"' % rng.choice(pairs),
    lambda: "%s OR %s" % (rng.choice(common), rng.choice(rare)),
    lambda: "%s NOT %s" % (rng.choice(common), rng.choice(common)),
    lambda: rng.choice(common)[:4] + "*",
    lambda: "%s %s %s" % (rng.choice(rare), rng.choice(common), rng.choice(common)),
]
for i in range(n):
    print(kinds[i % len(kinds)]())
