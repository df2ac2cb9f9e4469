# t0020-demo.sh: `make demo` (scripts/demo.sh) stands on the project's own
# samples and says what it used: without ../shared it says the seeds are
# not there and still finds, shows a dossier and a dated timeline; with
# them it says it added them.
. "$(dirname "$0")/lib.sh"

FLANK_DEMO_DB=$SCRATCH/demo.db FLANK_DEMO_SEEDS=$SCRATCH/no-shared \
    expect_ok "demo without ../shared" sh "$REPO/scripts/demo.sh" "$FLANK"
contains "says it uses the samples" "$OUT" "sample documents of samples/"
contains "says the seeds are not there" "$OUT" "$SCRATCH/no-shared is not here"
lacks "does not claim the seeds" "$OUT" "ingest --db $SCRATCH/demo.db samples/... $SCRATCH/no-shared"
contains "ingests every sample" "$ERR" "6 added, 0 unchanged, 0 failed"
contains "the phrase search finds a sample" "$OUT" "«naval base»"
contains "the timeline has dated events" "$OUT" "ended_cooperation"
if [ -d "$SEEDS" ]; then
    FLANK_DEMO_DB=$SCRATCH/demo2.db FLANK_DEMO_SEEDS=$SEEDS expect_ok "demo with the seeds" sh "$REPO/scripts/demo.sh" "$FLANK"
    contains "says it adds the seeds" "$OUT" "adds the seed documents of $SEEDS"
fi
