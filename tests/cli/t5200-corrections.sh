# t5200-corrections.sh: corrections take effect (issue 17). A missing
# user pack folder fails no ingest and `kb add` creates it; `relink`
# links a new entity in stored documents, batch by batch, and a killed
# relink leaves the database whole and is finished by the next run;
# `kb reject` removes an entity everywhere or from one document after a
# relink; `entities --find` looks names up (aliases, other languages,
# accents folded) and commands take a name where they want an id.
. "$(dirname "$0")/lib.sh"

export FLANK_PACKS=$SCRATCH/no/such/packs
printf 'Convoy report\n\nThe Quillfeather Column attacked a convoy near Gao in Mali in 2021.\n' >"$SCRATCH/a.txt"
printf 'Border report\n\nIn 2022 the Quillfeather Column deployed forces to Niger.\n' >"$SCRATCH/b.txt"
expect_ok "ingest with a missing user pack folder" "$FLANK" ingest -q "$SCRATCH/a.txt" "$SCRATCH/b.txt"
expect_ok "nothing to relink" "$FLANK" relink --pending
contains "counts none" "$OUT" "0 documents to relink"

printf 'id\ttype\tname\taliases\tattrs\ngroup:quillfeather\tgroup\tQuillfeather Column\tQuillfeather Column|Colonne Quillfeather@fr\t\n' \
    >"$SCRATCH/quill.tsv"
expect_ok "kb add creates the folder" "$FLANK" kb add "$SCRATCH/quill.tsv"
contains "says it created it" "$ERR" "created the user pack folder"
contains "says relink is needed" "$OUT" "flank relink"
[ -f "$FLANK_PACKS/quill.tsv" ] && ok "file in the new folder" || not_ok "no $FLANK_PACKS/quill.tsv"
expect_ok "stored documents not linked yet" "$FLANK" dossier group:quillfeather
contains "no source yet" "$OUT" "no stored document mentions it yet"
expect_ok "relink --pending" "$FLANK" relink --pending
contains "both documents are stale" "$OUT" "2 documents to relink"
expect_ok "relink" "$FLANK" relink --batch 1
contains "progress" "$ERR" "relinked 2 of 2 documents"
expect_ok "linked after relink" "$FLANK" dossier group:quillfeather
contains "first document" "$OUT" "Convoy report"
contains "second document" "$OUT" "Border report"
expect_ok "relink again" "$FLANK" relink
contains "nothing left" "$ERR" "every document is up to date"
expect_ok "check after relink" "$FLANK" check
printf 'Later report\n\nThe Quillfeather Column withdrew from Gao.\n' >"$SCRATCH/c.txt"
expect_ok "ingest after the change" "$FLANK" ingest -q "$SCRATCH/c.txt"
expect_ok "new documents are current" "$FLANK" relink --pending
contains "none stale" "$OUT" "0 documents to relink"

# Names where ids are wanted.
expect_ok "entities --find" "$FLANK" entities --find "quillfeather column"
contains "finds it" "$OUT" "group:quillfeather"
expect_ok "find by an alias in another language" "$FLANK" entities --find "colonne quillfeather"
contains "alias found" "$OUT" "group:quillfeather"
expect_ok "find with accents folded" "$FLANK" entities --find "Republique du Niger"
contains "accent-free name finds the country" "$OUT" "country:NE"
expect_ok "find json" "$FLANK" entities --json --find Libye
contains "exact match in json" "$OUT" '"id": "country:LY"'
expect_ok "dossier by name" "$FLANK" dossier Niger
contains "the country's dossier" "$OUT" "Niger (country:NE, country)"
expect_ok "timeline by name" "$FLANK" timeline --entity "Quillfeather Column"
contains "its events" "$OUT" "Quillfeather Column"
expect_ok "search filter by name" "$FLANK" search --entity "Quillfeather Column" convoy
contains "finds the document" "$OUT" "Convoy report"
expect_fail "an ambiguous name" "$FLANK" dossier Tripoli
contains "lists the candidates" "$ERR" "place:tripoli-lb"
expect_fail "an unknown name" "$FLANK" dossier "Nowhere Brigade"
contains "says so" "$ERR" "no entity has this name"

# Rejections: one document, then everywhere.
DOC_B=$("$FLANK" search --json Border | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
expect_ok "kb reject in one document" "$FLANK" kb reject --doc "$DOC_B" "Quillfeather Column"
contains "says where" "$OUT" "rejections.txt"
expect_ok "relink after the rejection" "$FLANK" relink -q
expect_ok "dossier after it" "$FLANK" dossier group:quillfeather
lacks "gone from that document" "$OUT" "Border report"
contains "kept in the others" "$OUT" "Convoy report"
expect_ok "kb reject everywhere" "$FLANK" kb reject --reason "not a real group" group:quillfeather
expect_ok "relink again" "$FLANK" relink -q
expect_ok "dossier after the global rejection" "$FLANK" dossier group:quillfeather
contains "gone everywhere" "$OUT" "no stored document mentions it yet"
expect_ok "search by entity finds nothing" "$FLANK" search --entity group:quillfeather
contains "no matches" "$OUT" "no matches"
expect_ok "extract no longer links it" "$FLANK" extract --json "$SCRATCH/a.txt"
lacks "rejected in new documents" "$OUT" "group:quillfeather"
expect_ok "check after the rejections" "$FLANK" check

# A killed relink: each batch whole, the next run finishes.
unset FLANK_PACKS
export FLANK_DB=$SCRATCH/kill/flank.db
mkdir -p "$SCRATCH/kill/corpus"
i=0
while [ $i -lt 600 ]; do
    { cat "$SCRATCH/a.txt"; echo; echo "Copy $i of the relink kill test."; } >"$SCRATCH/kill/corpus/d$i.txt"
    i=$((i + 1))
done
"$FLANK" ingest -q "$SCRATCH/kill/corpus"
mkdir -p "$SCRATCH/kill/packs" && cp "$SCRATCH/quill.tsv" "$SCRATCH/kill/packs/"
"$FLANK" relink --batch 20 2>"$SCRATCH/kill/progress" &
pid=$!
tries=0
while ! grep -q "relinked [1-9]" "$SCRATCH/kill/progress" && [ $tries -lt 600 ]; do sleep 0.05; tries=$((tries + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
expect_ok "check after a killed relink" "$FLANK" check
left=$("$FLANK" relink --pending | cut -d' ' -f1)
[ "$left" -lt 600 ] && ok "killed relink kept its batches ($left of 600 left)" || not_ok "nothing kept: $left left"
expect_ok "the next relink finishes" "$FLANK" relink -q
expect_ok "none left" "$FLANK" relink --pending
contains "zero" "$OUT" "0 documents to relink"
linked=$(sqlite3 "$FLANK_DB" "select count(*) from mentions where entity = 'group:quillfeather'")
equals "every document linked once" "$linked" "600"
expect_ok "check after the finish" "$FLANK" check
