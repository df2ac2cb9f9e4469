# t0001-readme.sh: README.md's usage lines ("## Using it") against each
# command's --help: every option of a command's usage paragraph is in the
# README's lines for it, every option the README gives it is in its
# --help, every command is there, and the batch size the README states is
# the one --help states (issue 17: they disagreed).
. "$(dirname "$0")/lib.sh"

README=$REPO/README.md
python3 - "$README" "$FLANK" >"$SCRATCH/readme.out" 2>&1 <<'PY'
import re, subprocess, sys

readme, flank = sys.argv[1], sys.argv[2]
text = open(readme, encoding="utf-8").read()
section = text.split("## Using it", 1)[1]
block = section.split("```sh", 1)[1].split("```", 1)[0]
OPT = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b")

# README lines per command: "flank CMD ..." and its indented continuations.
readme_opts, cmd = {}, None
for line in block.splitlines():
    m = re.match(r"flank (\w+)", line)
    if m:
        cmd = m.group(1)
    elif not line.startswith(" "):
        cmd = None
    if cmd:
        usage = line.split("#", 1)[0]
        readme_opts.setdefault(cmd, set()).update(OPT.findall(usage))

top = subprocess.run([flank, "--help"], capture_output=True, text=True).stdout
commands = re.findall(r"^  (\w+) ", top, re.M)
for c in commands:
    print(("ok" if c in readme_opts else "not ok") + " README lists flank %s" % c)
for c, opts in sorted(readme_opts.items()):
    helptext = subprocess.run([flank, c, "--help"], capture_output=True, text=True).stdout
    usage = helptext.split("\n\n", 1)[0]
    missing = sorted(set(OPT.findall(usage)) - opts - {"-h", "--help"})
    print(("not ok" if missing else "ok") + " README has every option of flank %s's usage%s"
          % (c, ": missing " + " ".join(missing) if missing else ""))
    unknown = sorted(o for o in opts if not re.search(r"(?<![\w-])%s\b" % re.escape(o), helptext))
    print(("not ok" if unknown else "ok") + " flank %s --help knows the README's options%s"
          % (c, ": not in --help " + " ".join(unknown) if unknown else ""))

# The batch size: "every N documents or S seconds" against "default N, or S seconds".
rb = re.search(r"every ([\d,]+) documents or (\S+) seconds", text)
hb = re.search(r"default ([\d,]+), or (\S+) seconds",
               subprocess.run([flank, "ingest", "--help"], capture_output=True, text=True).stdout)
same = rb and hb and rb.group(1).replace(",", "") == hb.group(1).replace(",", "") and rb.group(2) == hb.group(2)
print(("ok" if same else "not ok") + " README and ingest --help state one batch size (%s / %s)"
      % (rb and rb.group(0), hb and hb.group(0)))
PY
grep -E '^(not )?ok ' "$SCRATCH/readme.out" >>"$TALLY"
grep -q '^ok' "$SCRATCH/readme.out" || not_ok "readme check ran: $(cat "$SCRATCH/readme.out")"
