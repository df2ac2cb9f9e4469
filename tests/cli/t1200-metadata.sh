# t1200-metadata.sh: sources keep their identity (issue 17). Front matter
# is metadata, not body text; a byline and a dateline fill what is
# missing; --title and the like describe one file, FILE.meta.json each
# file of a folder; search, dossier and timeline show the title, the
# publisher and the date next to the sentence, in text and in JSON.
. "$(dirname "$0")/lib.sh"

cat >"$SCRATCH/front.md" <<'DOC'
---
title: "Harbour talks: the northern quay"
date: 2023-04-26
publisher: Coast Wire
url: https://example.org/quay
authors: [Ann Lee, Bo Ray]
---
# Harbour talks

Officials in Libya said on Monday that the quay at Tobruk would reopen.
DOC
expect_ok "extract front matter" "$FLANK" extract --json "$SCRATCH/front.md"
contains "title from front matter" "$OUT" '"title": "Harbour talks: the northern quay"'
contains "date from front matter" "$OUT" '"published": "2023-04-26"'
contains "publisher from front matter" "$OUT" '"site_name": "Coast Wire"'
contains "url from front matter" "$OUT" '"url": "https://example.org/quay"'
contains "authors from front matter" "$OUT" '"Bo Ray"'
expect_ok "extract body" "$FLANK" extract --body "$SCRATCH/front.md"
lacks "front matter is not body text" "$OUT" "publisher"
lacks "no fence in the body" "$OUT" "---"
contains "body kept" "$OUT" "quay at Tobruk"

printf 'Harbour talks resume in the south\n\nBy Cy Dee\n\n24 Jan. 2017\n\nOfficials in Tunisia said the port of Sfax would expand.\n' >"$SCRATCH/dateline.txt"
expect_ok "extract byline and dateline" "$FLANK" extract --json "$SCRATCH/dateline.txt"
contains "dateline read" "$OUT" '"published": "2017-01-24"'
contains "byline read" "$OUT" '"Cy Dee"'

# The user's word for one file.
printf 'Officials in Egypt said the canal authority met Italian shipping firms.\n' >"$SCRATCH/one.txt"
expect_ok "ingest with metadata" "$FLANK" ingest -q --title "Canal meeting" --published 2022-03-03 \
    --publisher "River Post" --url https://example.org/canal --author "Dee Fay" "$SCRATCH/one.txt"
expect_ok "search it" "$FLANK" search --json canal
contains "given title stored" "$OUT" '"title": "Canal meeting"'
contains "given date stored" "$OUT" '"published": "2022-03-03"'
contains "publisher in search results" "$OUT" '"publisher": "River Post"'
mkdir -p "$SCRATCH/dir"
cp "$SCRATCH/one.txt" "$SCRATCH/dir/"
expect_fail "metadata options refuse a folder" "$FLANK" ingest --title T "$SCRATCH/dir"
contains "says why" "$ERR" "describe one document"
expect_fail "metadata options refuse two files" "$FLANK" ingest --title T "$SCRATCH/one.txt" "$SCRATCH/front.md"

# A folder with sidecars.
printf 'In 2019 Russia deployed forces to Libya, near Tobruk.\n' >"$SCRATCH/dir/side.txt"
cat >"$SCRATCH/dir/side.txt.meta.json" <<'JSON'
{"title": "Tobruk footholds", "published": "2020-05-04", "publisher": "Sidecar Daily",
 "authors": ["Eve Gold"], "url": "https://example.org/tobruk"}
JSON
echo '{not json' >"$SCRATCH/dir/one.txt.meta.json"
expect_fail "a bad sidecar fails its document" "$FLANK" ingest "$SCRATCH/dir"
contains "names the sidecar" "$ERR" "one.txt.meta.json"
contains "the others are stored" "$ERR" "1 added"
expect_ok "sidecar document searchable" "$FLANK" search --json Tobruk
contains "sidecar title" "$OUT" '"title": "Tobruk footholds"'
contains "sidecar publisher" "$OUT" '"publisher": "Sidecar Daily"'
lacks "sidecar not ingested as a document" "$OUT" "meta.json"

# Evidence shows where it comes from.
"$FLANK" ingest -q "$SCRATCH/front.md"
expect_ok "dossier" "$FLANK" dossier country:LY
contains "dossier evidence names its source" "$OUT" "Tobruk footholds, Sidecar Daily, 2020-05-04"
contains "dossier sources name the publisher" "$OUT" "Harbour talks: the northern quay, Coast Wire, 2023-04-26"
expect_ok "dossier json" "$FLANK" dossier --json country:LY
contains "evidence json has the publisher" "$OUT" '"publisher": "Sidecar Daily"'
expect_ok "timeline" "$FLANK" timeline --entity country:LY
contains "timeline evidence names its source" "$OUT" "Tobruk footholds, Sidecar Daily, 2020-05-04"
expect_ok "timeline json" "$FLANK" timeline --json --entity country:LY
contains "timeline json has the publisher" "$OUT" '"publisher": "Sidecar Daily"'
DOC_ONE=$("$FLANK" search --json canal | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
expect_ok "show" "$FLANK" show "$DOC_ONE"
contains "show names the publisher" "$OUT" "River Post"
