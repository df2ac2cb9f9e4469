#!/usr/bin/env python3
"""mkdups.py: the near-duplicate test set of the intake tests, written here.

usage: mkdups.py DIR

Writes DIR/a-NN-original.html (NN = 01..06, articles of twelve paragraphs
each under one site's header and footer), for each two syndicated copies
(b-NN-copy1.html, c-NN-copy2.html: another site's header, menu and footer,
one paragraph rewritten) and a summary (d-NN-summary.txt: the lead and
four paragraphs quoted), and eight unrelated articles on the same subjects
(e-NN-other.html) that share a boilerplate paragraph with the originals.
DIR/expected.tsv lists "FILE<TAB>ORIGINAL" for each copy and summary,
"FILE<TAB>-" for the rest. File names sort in ingest order (originals first).
"""
import os
import random
import sys

VOCAB = """ministry delegation envoy summit talks agreement border security maritime patrol coast guard
migration route smuggling network fishing rights energy pipeline gas field electricity grid port
harbour naval exercise training mission advisers parliament election coalition budget reform
militia ceasefire monitoring observers humanitarian corridor refugees camp drought harvest prices
inflation currency loans investment infrastructure railway highway desert oasis garrison convoy
intelligence sharing counterterrorism cooperation partnership framework dialogue council statement
spokesman minister president prime general commander governor mayor province region capital city
village coastline island strait gulf sea river valley mountain plateau north south east west
announced agreed rejected warned praised criticised signed postponed resumed suspended expanded
reduced deployed withdrew hosted visited discussed reviewed proposed approved funded delivered
quickly slowly publicly privately jointly formally partially fully again later earlier today""".split()
BOILER = ("This article is part of our regional coverage programme, supported by readers and partner "
          "foundations, and is published under the terms of our editorial charter.")
SITES = [("Harbour Times", "Home | World | Region | Opinion | Subscribe"),
         ("Desert Courier", "Front page | Politics | Security | Economy | Contact"),
         ("Coastal Wire", "Latest | Analysis | Maps | Podcasts | About us")]


def sentence(rng):
    w = [rng.choice(VOCAB) for _ in range(rng.randint(10, 20))]
    return " ".join(w).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def page(site, title, pars):
    name, menu = site
    body = "".join("<p>%s</p>\n" % p for p in pars)
    return ("<!doctype html><html><head><meta charset='utf-8'><title>%s | %s</title>"
            "<meta property='og:site_name' content='%s'></head><body>"
            "<header><div class='logo'>%s</div><nav>%s</nav></header>"
            "<article><h1>%s</h1>\n%s</article>"
            "<footer><p>Copyright %s. All rights reserved. Terms | Privacy | Cookies</p></footer>"
            "</body></html>\n" % (title, name, name, name, menu, title, body, name))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(19)
    expected = []
    for k in range(1, 7):
        title = "Report %d on %s and %s" % (k, rng.choice(VOCAB), rng.choice(VOCAB))
        pars = [paragraph(rng) for _ in range(12)] + [BOILER]
        orig = "a-%02d-original.html" % k
        with open(os.path.join(out, orig), "w") as f:
            f.write(page(SITES[0], title, pars))
        expected.append((orig, "-"))
        for c, prefix in ((1, "b"), (2, "c")):
            edited = list(pars[:-1])
            edited[rng.randrange(len(edited))] = paragraph(rng)   # one paragraph rewritten
            name = "%s-%02d-copy%d.html" % (prefix, k, c)
            with open(os.path.join(out, name), "w") as f:
                f.write(page(SITES[c], title, edited))
            expected.append((name, orig))
        name = "d-%02d-summary.txt" % k
        with open(os.path.join(out, name), "w") as f:
            f.write("Summary: %s\n\n%s\n" % (title, "\n\n".join(pars[:5])))
        expected.append((name, orig))
    for k in range(1, 9):
        title = "Analysis %d of %s" % (k, rng.choice(VOCAB))
        name = "e-%02d-other.html" % k
        with open(os.path.join(out, name), "w") as f:
            f.write(page(SITES[k % 3], title, [paragraph(rng) for _ in range(10)] + [BOILER]))
        expected.append((name, "-"))
    with open(os.path.join(out, "expected.tsv"), "w") as f:
        for name, orig in expected:
            f.write("%s\t%s\n" % (name, orig))


if __name__ == "__main__":
    main()
