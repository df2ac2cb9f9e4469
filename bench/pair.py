# pair.py: paired timing of two flank servers, old and new, on the same
# requests (bench/README.md, "Map by predicate and dossier at 20,000
# documents"). On a loaded machine the load moves both alike when their
# requests alternate.
#
#   python3 bench/pair.py OLD_PORT NEW_PORT PATH...
#
# Each PATH: one warm-up on both, then 7 requests on each, alternating;
# prints the medians.
import sys, time, urllib.request

ROUNDS = 7


def get(port, path):
    t = time.time()
    with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, path), timeout=120) as r:
        r.read()
    return time.time() - t


old, new = sys.argv[1], sys.argv[2]
for path in sys.argv[3:]:
    get(old, path), get(new, path)
    a, b = [], []
    for _ in range(ROUNDS):
        a.append(get(old, path))
        b.append(get(new, path))
    a.sort(), b.sort()
    print("%-60s old %7.1f ms  new %7.1f ms" % (path[:60], a[ROUNDS // 2] * 1e3, b[ROUNDS // 2] * 1e3), flush=True)
