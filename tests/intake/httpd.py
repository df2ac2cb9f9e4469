#!/usr/bin/env python3
"""httpd.py: the loopback web server of the intake tests (tests/cli/t80*).

Serves, on 127.0.0.1 only and a port the kernel picks (written to PORTFILE),
fixtures this script writes itself: articles, redirects and a redirect loop,
404/500, a slow page, a 200 MB body, wrong charset headers, gzip and a gzip
bomb (100 MB), ETag/Last-Modified round trips, a robots.txt disallowing /private/.
Every request is logged to LOGFILE as "time path user-agent".

usage: httpd.py PORTFILE LOGFILE
"""
import gzip
import http.server
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


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

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
        if p in PAGES:
            ctype = "text/plain" if p.endswith(".txt") else "text/html; charset=utf-8"
            return self.send(200, PAGES[p], ctype)
        return self.send(404, b"<html><body>not found</body></html>")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass   # a client that hung up (a timeout, a size limit) is expected


LOCK = threading.Lock()
BOMB = []


def bomb():
    """100 MB of spaces in 0.45 MB of gzip, made on first use."""
    with LOCK:
        if not BOMB:
            BOMB.append(gzip.compress(b"<p>" + b" " * (100 << 20), 1))
        return BOMB[0]


def main():
    global LOG
    portfile, logfile = sys.argv[1], sys.argv[2]
    LOG = open(logfile, "a")
    server = Server(("127.0.0.1", 0), Handler)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()


if __name__ == "__main__":
    main()
