# t1300-walk-links.sh: folder walks and links (issue 20, items 2 and 11):
# link loops end, links out of the tree are not followed unless asked,
# and `flank ingest .` does not read the database's own files.
. "$(dirname "$0")/lib.sh"

# Two links to "." made about 2^40 paths.
mkdir -p "$SCRATCH/loop/sub"
printf 'Loop note\nMalta hosted the envoys.\n' >"$SCRATCH/loop/a.txt"
printf 'Deeper note\nCyprus sent observers.\n' >"$SCRATCH/loop/sub/b.txt"
ln -s . "$SCRATCH/loop/x"; ln -s . "$SCRATCH/loop/y"; ln -s .. "$SCRATCH/loop/sub/up"
timeout 60 "$FLANK" ingest "$SCRATCH/loop" >"$SCRATCH/out" 2>"$SCRATCH/err"
equals "a folder with links to itself ends, exit 0" "$?" 0
contains "each file once" "$(cat "$SCRATCH/err")" "2 added, 0 unchanged, 0 failed"

# A link inside the tree to one of its folders: its files are read once.
mkdir -p "$SCRATCH/inner/real"
printf 'Inner note\nGreece and Italy met.\n' >"$SCRATCH/inner/real/c.txt"
ln -s real "$SCRATCH/inner/alias"
expect_ok "a link to a folder of the tree is no error" "$FLANK" ingest --json "$SCRATCH/inner"
equals "its file once" "$(printf '%s\n' "$OUT" | grep -c c.txt)" 1

# A link out of the tree: reported, not followed, unless --follow-links.
mkdir -p "$SCRATCH/outside" "$SCRATCH/tree"
printf 'Outside note\nSpain and Portugal agreed.\n' >"$SCRATCH/outside/d.txt"
printf 'Tree note\nFrance met Tunisia.\n' >"$SCRATCH/tree/e.txt"
ln -s ../outside "$SCRATCH/tree/out"
"$FLANK" ingest --json "$SCRATCH/tree" >"$SCRATCH/out" 2>"$SCRATCH/err"
equals "a link out of the tree: exit 3" "$?" 3
contains "says it was not followed" "$(cat "$SCRATCH/err")" "tree/out: a link to a folder outside the tree, not followed"
lacks "its file not read" "$(cat "$SCRATCH/out")" "d.txt"
expect_ok "--follow-links follows it" "$FLANK" ingest --json --follow-links "$SCRATCH/tree"
contains "its file read" "$OUT" "out/d.txt"

# `flank ingest .` where the database lives: its files are not sources.
mkdir -p "$SCRATCH/here"
printf 'Here note\nMorocco met Mauritania.\n' >"$SCRATCH/here/f.txt"
printf '%064d' 0 >"$SCRATCH/here/flank.db.token"
cd "$SCRATCH/here" || exit 1
expect_ok "ingest . beside the database" "$FLANK" ingest --db flank.db --json .
expect_ok "again, with the database there" "$FLANK" ingest --db flank.db --json .
contains "the text file is read" "$OUT" '"status":"unchanged"'
lacks "not the database" "$OUT" "flank.db"
cd "$REPO" || exit 1
