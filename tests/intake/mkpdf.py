#!/usr/bin/env python3
"""mkpdf.py: writes the PDF reports of the intake tests, by hand (no library).

usage: mkpdf.py OUT.pdf WORDS.txt [--pages N] [--scanned] [--no-info]

A report of N pages (default 3) in Helvetica: a running header and footer
on every page ("Mediterranean Security Review - Draft" and "Page K of N"),
a title on the first page, then paragraphs wrapped at 88 characters with
long words hyphenated at line ends. WORDS.txt receives the text the test
put in (title and paragraphs, words unsplit), for a word-level F1.
--scanned writes pages holding only an image, as a scanner does.
--no-info leaves out the document information dictionary (title, author,
date), so the reader must take the title from the first page.
"""
import random
import sys
import zlib

WORDS = ("the ministry said talks would continue next week while delegations from both countries agreed "
         "to establish a joint commission on maritime security and border management officials noted "
         "that cooperation had deepened after months of negotiations over fishing rights migration "
         "routes energy infrastructure and counterterrorism training programmes international observers "
         "welcomed the announcement although several parliamentarians questioned whether commitments "
         "would be implemented before elections regional organisations called for transparency").split()
TITLE = "Maritime Cooperation in the Central Mediterranean"
HEADER = "Mediterranean Security Review - Draft"
WIDTH = 88
LINES_PER_PAGE = 46


def sentence(rng):
    n = rng.randint(9, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraphs(rng, pages):
    out = []
    for _ in range(pages * 6):
        out.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 4))))
    return out


def wrap(par):
    """Lines of at most WIDTH characters; a long word that does not fit is split with a hyphen."""
    lines, line = [], ""
    for w in par.split():
        if not line:
            line = w
        elif len(line) + 1 + len(w) <= WIDTH:
            line += " " + w
        elif len(w) >= 9 and len(line) + 1 + 5 <= WIDTH:
            cut = min(len(w) - 3, WIDTH - len(line) - 2)
            lines.append(line + " " + w[:cut] + "-")
            line = w[cut:]
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_page(lines, k, n):
    ops = ["BT /F1 9 Tf 72 770 Td (%s) Tj ET" % esc(HEADER)]
    ops.append("BT /F1 11 Tf 14 TL 72 740 Td")
    for ln in lines:
        ops.append("(%s) Tj T*" % esc(ln) if ln else "T*")
    ops.append("ET")
    ops.append("BT /F1 9 Tf 280 40 Td (Page %d of %d) Tj ET" % (k, n))
    return "\n".join(ops).encode("latin-1")


def image_page():
    return b"q 468 0 0 648 72 72 cm /Im1 Do Q"


def build(pages_content, scanned, info):
    objs = []   # (number, bytes)

    def add(b):
        objs.append(b)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    img = None
    if scanned:
        raw = zlib.compress(bytes(random.Random(7).randrange(256) for _ in range(64 * 64)))
        img = add(b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                  b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(raw) + raw +
                  b"\nendstream")
    pages_num = len(objs) + 1 + 2 * len(pages_content)
    kids = []
    for content in pages_content:
        data = zlib.compress(content)
        c = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        res = b"/Font << /F1 %d 0 R >>" % font
        if img:
            res += b" /XObject << /Im1 %d 0 R >>" % img
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << %s >> "
                        b"/Contents %d 0 R >>" % (pages_num, res, c)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_num
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_num)
    info_ref = None
    if info:
        info_ref = add(b"<< /Title (%s) /Author (Jane Analyst) /CreationDate (D:20240315120000Z) >>" %
                       esc(TITLE).encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, b in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + b + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R" % (len(objs) + 1, catalog)
    if info_ref:
        out += b" /Info %d 0 R" % info_ref
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def main():
    args = sys.argv[1:]
    out, words_out = args[0], args[1]
    pages = int(args[args.index("--pages") + 1]) if "--pages" in args else 3
    scanned = "--scanned" in args
    rng = random.Random(pages)
    pars = paragraphs(rng, pages)
    lines = [TITLE, ""]
    for p in pars:
        lines += wrap(p) + [""]
    chunks = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)][:pages]
    used = sum(len(c) for c in chunks)
    content = [image_page() if scanned else text_page(c, k + 1, len(chunks)) for k, c in enumerate(chunks)]
    with open(out, "wb") as f:
        f.write(build(content, scanned, "--no-info" not in args))
    # The words put in: the lines used, hyphenated words joined again.
    text = "\n".join(lines[:used])
    text = text.replace("-\n", "")
    with open(words_out, "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
