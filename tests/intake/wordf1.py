#!/usr/bin/env python3
"""wordf1.py: word-level F1 of a text against the text expected (bags of words).

usage: wordf1.py EXPECTED ACTUAL   prints "F1 PRECISION RECALL"
"""
import collections
import re
import sys


def words(path):
    with open(path, encoding="utf-8") as f:
        return collections.Counter(re.findall(r"\w+", f.read().lower()))


def main():
    want, got = words(sys.argv[1]), words(sys.argv[2])
    common = sum((want & got).values())
    p = common / max(1, sum(got.values()))
    r = common / max(1, sum(want.values()))
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print("%.4f %.4f %.4f" % (f1, p, r))


if __name__ == "__main__":
    main()
