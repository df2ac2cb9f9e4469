#!/usr/bin/env python3
"""httpd.py: the loopback web server of the intake tests (tests/cli/t80*).

Serves, on 127.0.0.1 only and a port the kernel picks (written to PORTFILE),
fixtures this script writes itself: articles, redirects and a redirect loop,
404/500, a slow page, a 200 MB body, wrong charset headers, gzip and a gzip
bomb (100 MB), ETag/Last-Modified round trips, a robots.txt disallowing /private/.
Every request is logged to LOGFILE as "time path user-agent".

usage: httpd.py PORTFILE LOGFILE [FILES]

/files/NAME serves FILES/NAME (the PDFs a test made), typed by its extension.
"""
import gzip
import http.server
import os
import socket
import sys
import threading
import time

ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta name="author" content="Test Writer"><meta property="article:published_time" content="2024-03-0{day}">
</head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>{title}</h1>
<p>{lead} The ministry said on Tuesday that the talks in the capital would continue next week.</p>
<p>Officials from both delegations met for three hours and agreed to set up a joint working group on border
security, according to a statement published after the meeting.</p>
<p>Observers noted that the agreement follows months of tension over fishing rights and migration routes
across the central Mediterranean.</p>
</article><footer>Copyright the test site. All rights reserved.</footer></body></html>"""


def article(title, lead="Delegations met in Tunis.", day=1):
    return ARTICLE.format(title=title, lead=lead, day=day).encode()


PAGES = {
    "/page.html": article("Talks on border security continue"),
    "/second.html": article("A second report on the talks", "A second delegation arrived in Rabat.", 2),
    "/robots.txt": b"User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n",
    "/private/secret.html": article("Not for robots"),
}
ETAG = '"v1-page"'
LAST_MODIFIED = "Tue, 05 Mar 2024 10:00:00 GMT"
LATIN1 = ("<html><head><title>Caf\u00e9 talks</title></head><body><article><h1>Caf\u00e9 talks in Z\u00fcrich</h1>"
          "<p>The envoys met at a caf\u00e9 in Z\u00fcrich on Monday and spoke about the situation in the region"
          " for several hours.</p><p>They agreed to meet again before the end of the month, a spokesman said"
          " after the meeting.</p></article></body></html>")


CITIES = ["Tunis", "Rabat", "Algiers", "Tripoli", "Cairo", "Amman", "Beirut", "Niamey", "Bamako", "Nouakchott"]


def numbered(n):
    """The article /a/N.html: its own title and lead, so each is a new document."""
    city = CITIES[n % len(CITIES)]
    return article("Report %d from %s" % (n, city),
                   "Envoys met in %s for round %d of the talks on %s." % (city, n, CITIES[(n * 7) % len(CITIES)]),
                   1 + n % 9)


def rss(items, title="Test wire"):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
           '<channel><title>%s</title><link>http://example.invalid/</link>' % title]
    for i, (link, summary) in enumerate(items):
        out.append("<item><title>Item %d of the wire</title>" % i)
        if link:
            out.append("<link>%s</link>" % link)
        out.append("<guid>wire-%d</guid><pubDate>Tue, 0%d Apr 2024 09:00:00 GMT</pubDate>"
                   "<dc:creator>Wire Writer</dc:creator>" % (i, 1 + i % 9))
        if summary:
            out.append("<description><![CDATA[<p>%s</p>]]></description>" % summary)
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.invalid/"><title>RDF desk</title><link>http://example.invalid/</link></channel>
<item rdf:about="/a/21.html"><title>RDF item one</title><link>/a/21.html</link>
<dc:date>2024-05-02T08:00:00Z</dc:date><dc:creator>Desk Editor</dc:creator></item>
<item rdf:about="/a/22.html"><title>RDF item two</title><link>/a/22.html</link><dc:date>2024-05-03</dc:date></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom bulletin</title><id>urn:test:atom</id>
<entry><title>Atom entry one</title><id>urn:test:atom:1</id><link rel="alternate" href="/a/31.html"/>
<link rel="enclosure" href="/image.png"/><published>2024-06-01T10:00:00Z</published>
<author><name>Atom Author</name></author><summary>A short summary.</summary></entry>
<entry><title>Atom entry two</title><id>urn:test:atom:2</id><link href="/a/32.html"/>
<updated>2024-06-02T10:00:00Z</updated></entry>
</feed>"""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body go out in two writes: without this, the client's
        # delayed ACK holds the second for 40 ms on every kept-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with LOCK:
            LOG.write("%.3f %s %s\n" % (time.time(), self.path, self.headers.get("User-Agent", "")))
            LOG.flush()
        p = self.path
        if p.startswith("/redirect/"):
            n = int(p.rsplit("/", 1)[1])
            return self.send(302, headers=[("Location", "/redirect/%d" % (n - 1) if n > 1 else "/page.html")])
        if p == "/loop":
            return self.send(302, headers=[("Location", "/loop")])
        if p == "/error":
            return self.send(500, b"<html><body>server error</body></html>")
        if p == "/slow":
            time.sleep(4)
            return self.send(200, article("Too slow"))
        if p == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(200 << 20))
            self.end_headers()
            try:
                chunk = b"<p>" + b"x" * 65530 + b"</p>"
                for _ in range((200 << 20) // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if p == "/big-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                chunk = b"<p>" + b"y" * 65530 + b"</p>"
                for _ in range((200 << 20) // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if p == "/gzip.html":
            return self.send(200, gzip.compress(article("Compressed report")),
                             headers=[("Content-Encoding", "gzip")])
        if p == "/bomb.html":
            return self.send(200, bomb(), headers=[("Content-Encoding", "gzip")])
        if p == "/bad-gzip.html":
            return self.send(200, b"not gzip at all", headers=[("Content-Encoding", "gzip")])
        if p == "/latin1.html":
            return self.send(200, LATIN1.encode("latin-1"), "text/html; charset=ISO-8859-1")
        if p == "/wrong-charset.html":
            return self.send(200, LATIN1.encode("utf-8"), "text/html; charset=iso-8859-1")
        if p == "/image.png":
            return self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        if p == "/etag.html":
            if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                return self.send(304, headers=[("ETag", ETAG)])
            return self.send(200, article("A page with validators", "Validators were set.", 3),
                             headers=[("ETag", ETAG), ("Last-Modified", LAST_MODIFIED)])
        if p.startswith("/a/") and p.endswith(".html"):
            name = p[3:-5]
            n = int(name) if name.isdigit() else 100 + int.from_bytes(name.encode(), "big") % 100000
            return self.send(200, numbered(n))
        if p == "/feed/rss.xml":
            return self.send(200, rss([("/a/1.html", None), ("http://127.0.0.1:%d/a/2.html" % self.server.server_port,
                                       None), ("/missing", "The page is gone but the summary says the envoys met "
                                       "in Tunis on Monday."), ("/a/3.html", "A summary not needed.")]),
                             "application/rss+xml")
        if p == "/feed/rdf.xml":
            return self.send(200, RDF, "application/rdf+xml")
        if p == "/feed/atom.xml":
            return self.send(200, ATOM, "application/atom+xml")
        if p == "/feed/big.xml":
            return self.send(200, BIG_FEED[0] if BIG_FEED else big_feed(), "application/rss+xml")
        if p.startswith("/feed/pages/"):   # N items, each a page of its own (bench/intake.sh)
            n = int(p.rsplit("/", 1)[1].split(".")[0])
            return self.send(200, rss([("/a/%d.html" % i, None) for i in range(1, n + 1)], "Pages"),
                             "application/rss+xml")
        if p == "/feed/slow.xml":   # an item whose page takes 4 s
            return self.send(200, rss([("/slow", None)], "Slow desk"), "application/rss+xml")
        if p == "/feed/broken.xml":
            return self.send(200, b"<rss><channel><title>cut", "application/rss+xml")
        if p == "/feed/not-xml":
            return self.send(200, b"\x00\x01 not a feed at all", "application/rss+xml")
        if p.startswith("/feed/mixed/"):   # one good item, one broken link (no summary), one slow page
            k = p.rsplit("/", 1)[1].split(".")[0]
            return self.send(200, rss([("/a/%s1.html" % k, None), ("/missing-%s" % k, None),
                                       ("/a/%s2.html" % k, None)], "Mixed %s" % k), "application/rss+xml")
        if p.startswith("/files/") and FILES and "/" not in p[7:] and os.path.isfile(os.path.join(FILES, p[7:])):
            with open(os.path.join(FILES, p[7:]), "rb") as f:
                body = f.read()
            types = {".pdf": "application/pdf", ".html": "text/html", ".xml": "application/rss+xml"}
            return self.send(200, body, types.get(os.path.splitext(p)[1], "application/octet-stream"))
        if p in PAGES:
            ctype = "text/plain" if p.endswith(".txt") else "text/html; charset=utf-8"
            return self.send(200, PAGES[p], ctype)
        return self.send(404, b"<html><body>not found</body></html>")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass   # a client that hung up (a timeout, a size limit) is expected


LOCK = threading.Lock()
FILES = None
BOMB = []
BIG_FEED = []


def big_feed():
    """10,000 items, each with a summary and no link."""
    with LOCK:
        if not BIG_FEED:
            BIG_FEED.append(rss([(None, "Summary %d: delegations from %s met in %s." % (
                i, CITIES[i % 10], CITIES[(i * 3 + 1) % 10])) for i in range(10000)], "Big wire"))
        return BIG_FEED[0]


def bomb():
    """100 MB of spaces in 0.45 MB of gzip, made on first use."""
    with LOCK:
        if not BOMB:
            BOMB.append(gzip.compress(b"<p>" + b" " * (100 << 20), 1))
        return BOMB[0]


def main():
    global LOG, FILES
    portfile, logfile = sys.argv[1], sys.argv[2]
    FILES = sys.argv[3] if len(sys.argv) > 3 else None
    LOG = open(logfile, "a")
    server = Server(("127.0.0.1", 0), Handler)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()


if __name__ == "__main__":
    main()
