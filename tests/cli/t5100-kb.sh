# t5100-kb.sh: `flank kb show|check|add|predicates`: the pack as shipped
# checks clean, a broken file is refused with its file and line, a clash
# is reported, an added file is used by the next extraction; the relation
# vocabulary is listed, a fact of its v2 part reaches the dossier with its
# classes, and a fact outside it fails the check.
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

# The relation vocabulary, v2 included, with CAMEO and PLOVER classes.
expect_ok "kb predicates" "$FLANK" kb predicates
for p in member_of tension_with fights attacked sanctioned supplies met_with; do
    contains "lists $p" "$OUT" "
$p "
done
contains "a class" "$OUT" "sanctioned         163   SANCTION"
expect_ok "kb predicates --json" "$FLANK" kb predicates --json
equals "twenty" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin)["predicates"]; print(len(d), d[19]["name"], d[19]["plover"])')" "20 met_with CONSULT"

# A fact with a v2 predicate: checked, added, in the dossier with its classes.
printf 'subject\tpredicate\tobject\tstart\tend\tsource\ncountry:US\tsupplies\tcountry:SO\t2024\t\tflank test, written for it\n' >"$SCRATCH/aid.tsv"
expect_ok "kb check takes a v2 fact" "$FLANK" kb check "$SCRATCH/aid.tsv"
contains "no unknown predicate" "$OUT" " 0 unknown predicates"
expect_ok "kb add a v2 fact" "$FLANK" kb add "$SCRATCH/aid.tsv"
printf "Somalia asked for help.\n" >"$SCRATCH/somalia.txt"
expect_ok "a database to read" "$FLANK" ingest -q "$SCRATCH/somalia.txt"
expect_ok "dossier shows it" "$FLANK" dossier country:SO
contains "in the background" "$OUT" "United States supplies Somalia since 2024"
expect_ok "dossier --json" "$FLANK" dossier --json country:SO
equals "with its classes" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([(b["predicate"], b["cameo"], b["plover"]) for b in json.load(sys.stdin)["background"] if b["predicate"] == "supplies"])')" "[('supplies', '07', 'AID')]"

# A predicate the vocabulary lacks fails the check, with file and line.
printf 'subject\tpredicate\tobject\tstart\tend\tsource\ncountry:US\tdelivers\tcountry:SO\t2024\t\tflank test\n' >"$SCRATCH/odd.tsv"
expect_fail "kb check refuses an unknown predicate" "$FLANK" kb check "$SCRATCH/odd.tsv"
contains "names it" "$OUT" "odd.tsv:2: predicate delivers is not in the vocabulary"
