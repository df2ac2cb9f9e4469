# pair.py: paired timing of two flank servers, old and new, on the same
# requests (bench/README.md, "Map by predicate and dossier at 20,000
# documents"). On a loaded machine the load moves both alike when their
# requests alternate.
#
#   python3 bench/pair.py [--pids OLD_PID NEW_PID] OLD_PORT NEW_PORT PATH...
#
# Each PATH: one warm-up on both, then 7 requests on each, alternating;
# prints the medians. With --pids, also the median CPU time each server
# spent on a request (the run time of all its threads, from
# /proc/PID/task/*/schedstat): less moved by other programs than the wall
# time is.
import glob, sys, time, urllib.request

ROUNDS = 7


def cpu_ms(pid):
    t = 0
    for f in glob.glob("/proc/%s/task/*/schedstat" % pid):
        try:
            t += int(open(f).read().split()[0])
        except OSError:   # a thread that ended meanwhile
            pass
    return t / 1e6


def get(port, path, pid):
    c, t = cpu_ms(pid) if pid else 0, time.time()
    with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, path), timeout=120) as r:
        r.read()
    return time.time() - t, (cpu_ms(pid) - c if pid else 0)


args = sys.argv[1:]
pids = (None, None)
if args[:1] == ["--pids"]:
    pids, args = (args[1], args[2]), args[3:]
old, new = args[0], args[1]
for path in args[2:]:
    get(old, path, pids[0]), get(new, path, pids[1])
    a, b = [], []
    for _ in range(ROUNDS):
        a.append(get(old, path, pids[0]))
        b.append(get(new, path, pids[1]))
    med = lambda v, i: sorted(x[i] for x in v)[ROUNDS // 2]
    line = "%-60s old %7.1f ms  new %7.1f ms" % (path[:60], med(a, 0) * 1e3, med(b, 0) * 1e3)
    if pids[0]:
        line += "  cpu old %7.1f ms  new %7.1f ms" % (med(a, 1), med(b, 1))
    print(line, flush=True)
