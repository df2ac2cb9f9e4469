# t5100-kb.sh: `flank kb show|check|add`: the pack as shipped checks clean,
# a broken file is refused with its file and line, a clash is reported,
# and an added file is used by the next extraction.
. "$(dirname "$0")/lib.sh"

expect_ok "kb check" "$FLANK" kb check
contains "counts" "$OUT" "alias clashes"
contains "no clash in the shipped pack" "$OUT" " 0 alias clashes"
expect_ok "kb check --json" "$FLANK" kb check --json
equals "json ok" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["ok"], d["entities"] > 1000, d["clashes"])')" "True True []"

expect_ok "kb show" "$FLANK" kb show country:LY
contains "name and type" "$OUT" "country:LY  Libya (country)"
contains "where it is defined" "$OUT" "defined: "
expect_ok "kb show --json" "$FLANK" kb show --json org:nato
equals "json fields" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["type"], d["line"] > 0, isinstance(d["facts"], list))')" "org:nato organization True True"
expect_fail "unknown entity" "$FLANK" kb show group:nobody
contains "says what to do" "$ERR" "flank: group:nobody: no such entity in the knowledge pack"

# A row with a missing column: refused with file and line, nothing copied.
printf 'id\ttype\tname\taliases\tattrs\ngroup:ok\tgroup\tOk Group\tOk Group\t\ngroup:bad\tgroup\n' >"$SCRATCH/bad.tsv"
expect_fail "kb check refuses a broken file" "$FLANK" kb check "$SCRATCH/bad.tsv"
contains "names file and line" "$ERR" "bad.tsv:3"
expect_fail "kb add refuses it too" "$FLANK" kb add "$SCRATCH/bad.tsv"
equals "nothing copied" "$(ls "$SCRATCH/packs" 2>/dev/null | wc -l | tr -d ' ')" "0"

# An alias another entity already has: a clash, and a failing check.
printf 'id\ttype\tname\taliases\tattrs\ngroup:copycat\tgroup\tCopycat Front\tWagner Group\t\n' >"$SCRATCH/clash.tsv"
expect_fail "kb check reports a clash" "$FLANK" kb check "$SCRATCH/clash.tsv"
contains "the clash" "$OUT" "is also an alias of group:wagner"

# A new group: added beside the database and linked from then on.
printf 'id\ttype\tname\taliases\tattrs\ngroup:sandstorm\tgroup\tSandstorm Brigade\tSandstorm Brigade|Sandstorm\t\n' >"$SCRATCH/new.tsv"
printf 'Report\n\nThe Sandstorm Brigade attacked a convoy near Gao in Mali.\n' >"$SCRATCH/report.txt"
expect_ok "unknown before" "$FLANK" extract --json "$SCRATCH/report.txt"
lacks "not linked yet" "$OUT" "group:sandstorm"
expect_ok "kb add" "$FLANK" kb add "$SCRATCH/new.tsv"
contains "says where" "$OUT" "added 1 file to $SCRATCH/packs"
expect_ok "linked after kb add" "$FLANK" extract --json "$SCRATCH/report.txt"
contains "the new entity" "$OUT" "group:sandstorm"
expect_fail "a folder is refused" "$FLANK" kb add "$SCRATCH/packs"
contains "says what to do" "$ERR" "one by one"
