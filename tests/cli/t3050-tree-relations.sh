# t3050-tree-relations.sh: relations read from the dependency tree by
# `flank extract --json` (parser, predicate lexicon, modality, anaphors), on
# sentences written for the test; and what happens without a lexicon.
. "$(dirname "$0")/lib.sh"

cat >"$SCRATCH/tree.txt" <<'TXT'
Sahel report

Russia reportedly deployed troops to Mali in 2023. Chad will not join the Economic Community of West African States. The Wagner Group, which is led by Russia, trains the army of Mali.

NATO Secretary General Jens Stoltenberg met with the King of Jordan. Tensions between Morocco and Algeria rose. The Houthis attacked Israel, and the United States sanctioned them.
TXT
expect_ok "extract with the tree stage" "$FLANK" extract --json "$SCRATCH/tree.txt"
printf '%s' "$OUT" >"$SCRATCH/tree.json"
rels=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["relations"]:
    print(r["subject"], r["predicate"], r["object"], r["modality"], r["date"])' "$SCRATCH/tree.json")
contains "verb, oblique, hedge, date" "$rels" "country:RU military_presence country:ML alleged 2023"
contains "relative clause in the passive" "$rels" "group:wagner controlled_by country:RU asserted"
contains "proxy noun object" "$rels" "group:wagner trains country:ML asserted"
contains "negation wins over the future" "$rels" "country:TD member_of org:ecowas negated"
contains "title" "$rels" "person:jens-stoltenberg appointed org:nato asserted"
contains "between A and B" "$rels" "country:MA tension_with country:DZ asserted"
contains "coordinated clause" "$rels" "group:houthis attacked country:IL asserted"
lacks "no relation without a predicate word" "$rels" "country:TD member_of org:nato"

# a news dateline ("CITY, Country – ") is no subject: the sentence starts
# after its dash
cat >"$SCRATCH/dateline.txt" <<'TXT'
Command news

MADRID, Spain – Africa Command opened its headquarters in Germany on 3 May 2019.
TXT
expect_ok "extract after a dateline" "$FLANK" extract --json "$SCRATCH/dateline.txt"
printf '%s' "$OUT" >"$SCRATCH/dateline.json"
rels=$(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["relations"]:
    print(r["subject"], r["predicate"], r["object"])' "$SCRATCH/dateline.json")
contains "dateline: its is the subject's" "$rels" "org:africa-command located_in country:DE"
lacks "dateline: the place is no subject" "$rels" "place:madrid located_in"

# the same text twice in one process (ingest): the second parse comes from
# the cache, the relations are the same
mkdir -p "$SCRATCH/twice"
cp "$SCRATCH/tree.txt" "$SCRATCH/twice/a.txt"
sed 's/^Sahel report/Sahel report, again/' "$SCRATCH/tree.txt" >"$SCRATCH/twice/b.txt"
expect_ok "ingest twice" "$FLANK" ingest --quiet --db "$SCRATCH/t.db" "$SCRATCH/twice"
equals "both documents give the relation" "$(python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("select count(*) from relations where subject = ? and predicate = ? and object = ?",
                 ("country:RU", "military_presence", "country:ML")).fetchone()[0])' "$SCRATCH/t.db")" "2"

# a malformed lexicon names its file and line
mkdir -p "$SCRATCH/data/patterns"
cp -r "$REPO/data/." "$SCRATCH/data/"
printf 'frame deploy V subj nowhere military_presence asserted\n' >>"$SCRATCH/data/patterns/predicates.tsv"
expect_fail "bad lexicon" env FLANK_DATA="$SCRATCH/data" "$FLANK" extract --json "$SCRATCH/tree.txt"
contains "bad lexicon: file and line" "$ERR" "predicates.tsv:"
