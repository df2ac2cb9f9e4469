/* test_parse.c: the syntactic stage: the UD tokenizer, the CoNLL-U reader
** and writer (a round trip over the treebank's dev file), hand-checked
** trees of sentences written for this test, long sentences cut in pieces,
** and broken model files refused with their name. */
#include <unistd.h>

#include "unit.h"
#include "parse.h"
#include "parse_int.h"
#include "read.h"

/* ---- the tokenizer ------------------------------------------------------- */

typedef struct tok_case {
    const char *text;
    const char *tokens;   /* joined with '|' */
} tok_case;

static const tok_case tok_cases[] = {
    {"NATO's ships don't sail.", "NATO|'s|ships|do|n't|sail|."},
    {"We can't and won't; they cannot.", "We|ca|n't|and|wo|n't|;|they|can|not|."},
    {"The U.S. Army met Gen. Smith (in Rome).", "The|U.S.|Army|met|Gen.|Smith|(|in|Rome|)|."},
    {"\"Yes,\" she said: 1,000 troops cost $5.5 million.",
     "\"|Yes|,|\"|she|said|:|1,000|troops|cost|$|5.5|million|."},
    {"fault-finding and/or non-stop AK-47s", "fault|-|finding|and|/|or|non-stop|AK-47s"},
    {"See http://example.org/a-b. Or mail a@b.org!", "See|http://example.org/a-b|.|Or|mail|a@b.org|!"},
    {"the soldiers' rifles, I'm sure", "the|soldiers|'|rifles|,|I|'m|sure"},
    {"\xE2\x80\x9CWe\xE2\x80\x99re here\xE2\x80\x9D \xE2\x80\x94 he said\xE2\x80\xA6",
     "\xE2\x80\x9C|We|\xE2\x80\x99re|here|\xE2\x80\x9D|\xE2\x80\x94|he|said|\xE2\x80\xA6"},
    {"Wait... what?!", "Wait|...|what|?|!"},
    {"the U.S.-led force, 3.5% of it", "the|U.S.|-|led|force|,|3.5|%|of|it"},
    {"", ""},
};

static void tokenizes(void **state) {
    (void)state;
    parse_sent s;
    parse_sent_init(&s);
    buf got;
    buf_init(&got, BUF_NO_LIMIT);
    for (size_t c = 0; c < sizeof tok_cases / sizeof *tok_cases; c++) {
        const char *text = tok_cases[c].text;
        s.n = 0;
        assert_int_equal(parse_tokenize(text, 0, strlen(text), &s), FL_OK);
        buf_reset(&got);
        for (size_t i = 0; i < s.n; i++) {
            if (i) buf_putc(&got, '|');
            buf_append(&got, text + s.tok[i].start, s.tok[i].end - s.tok[i].start);
        }
        if (strcmp(buf_cstr(&got), tok_cases[c].tokens) != 0)
            fail_msg("case %zu: got '%s', want '%s'", c, buf_cstr(&got), tok_cases[c].tokens);
    }
    buf_release(&got);
    parse_sent_release(&s);
}

/* ---- CoNLL-U --------------------------------------------------------------- */

static const char small_conllu[] =
    "# sent_id = 1\n"
    "# text = Russia's troops didn't leave.\n"
    "1\tRussia\tRussia\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tSpaceAfter=No\n"
    "2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n"
    "3\ttroops\ttroop\tNOUN\tNNS\t_\t6\tnsubj\t_\t_\n"
    "4-5\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "4\tdid\tdo\tAUX\tVBD\t_\t6\taux\t_\t_\n"
    "5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_\n"
    "6\tleave\tleave\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "6.1\tgone\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_\n"
    "\n";

static void reads_conllu(void **state) {
    (void)state;
    parse_sent s;
    parse_sent_init(&s);
    buf text;
    buf_init(&text, BUF_NO_LIMIT);
    size_t pos = 0;
    assert_int_equal(parse_conllu_read(small_conllu, strlen(small_conllu), &pos, &text, &s, NULL), FL_OK);
    assert_int_equal(s.n, 7);
    assert_string_equal(buf_cstr(&text), "Russia's troops didn't leave.");
    assert_int_equal(s.tok[3].start, 16);
    assert_int_equal(s.tok[3].end, 19);
    assert_int_equal(s.tok[0].head, 2);
    assert_int_equal(s.tok[5].head, -1);
    assert_string_equal(s.tok[0].deprel, "nmod:poss");
    assert_string_equal(s.tok[4].lemma, "not");
    assert_int_equal(s.tok[2].upos, UPOS_NOUN);
    assert_int_equal(parse_conllu_read(small_conllu, strlen(small_conllu), &pos, &text, &s, NULL), FL_OK);
    assert_int_equal(s.n, 0);   /* the end */
    buf_release(&text);
    parse_sent_release(&s);
}

/* The treebank's dev file, uncompressed, into RAW (the tests below read it). */
static void read_dev_treebank(buf *raw) {
    char *err = NULL;
    if (read_source(FL_DATADIR "/ud/en_ewt-ud-dev.conllu.gz", (size_t)1 << 30, raw, &err) != FL_OK) fail_msg("%s", err);
}

/* Every sentence of the dev file read, written, read again: the same
** forms, tags, lemmas, heads and labels. */
static void round_trips_treebank(void **state) {
    (void)state;
    buf raw, text, out, text2;
    char *err = NULL;
    read_dev_treebank(&raw);
    buf_init(&text, BUF_NO_LIMIT);
    buf_init(&text2, BUF_NO_LIMIT);
    buf_init(&out, BUF_NO_LIMIT);
    parse_sent a, b;
    parse_sent_init(&a);
    parse_sent_init(&b);
    size_t pos = 0, n_sents = 0;
    for (;;) {
        if (parse_conllu_read(raw.data, raw.len, &pos, &text, &a, &err) != FL_OK) fail_msg("%s", err);
        if (a.n == 0) break;
        n_sents++;
        buf_reset(&out);
        assert_int_equal(parse_conllu_write(text.data, &a, &out), FL_OK);
        size_t p2 = 0;
        if (parse_conllu_read(out.data, out.len, &p2, &text2, &b, &err) != FL_OK) fail_msg("%s", err);
        assert_int_equal(b.n, a.n);
        assert_string_equal(buf_cstr(&text2), buf_cstr(&text));
        for (size_t i = 0; i < a.n; i++) {
            assert_int_equal(b.tok[i].start, a.tok[i].start);
            assert_int_equal(b.tok[i].end, a.tok[i].end);
            assert_int_equal(b.tok[i].upos, a.tok[i].upos);
            assert_int_equal(b.tok[i].head, a.tok[i].head);
            assert_string_equal(b.tok[i].deprel, a.tok[i].deprel);
            assert_string_equal(b.tok[i].lemma, a.tok[i].lemma);
        }
    }
    assert_int_equal(n_sents, 2001);
    parse_sent_release(&a);
    parse_sent_release(&b);
    buf_release(&raw);
    buf_release(&text);
    buf_release(&text2);
    buf_release(&out);
}

static const char *const bad_conllu[] = {
    "1\tword\n",                                             /* not 10 columns */
    "2\tword\tword\tNOUN\t_\t_\t0\troot\t_\t_\n",            /* out of sequence */
    "1\tword\tword\tNOUNISH\t_\t_\t0\troot\t_\t_\n",         /* unknown UPOS */
    "1\tword\tword\tNOUN\t_\t_\t7\troot\t_\t_\n",            /* head past the end */
    "1\tword\tword\tNOUN\t_\t_\tx\troot\t_\t_\n",            /* bad head */
    "1-x\tab\t_\t_\t_\t_\t_\t_\t_\t_\n",                     /* bad range */
    "1\t\tword\tNOUN\t_\t_\t0\troot\t_\t_\n",                /* empty form */
};

static void refuses_bad_conllu(void **state) {
    (void)state;
    parse_sent s;
    parse_sent_init(&s);
    buf text;
    buf_init(&text, BUF_NO_LIMIT);
    for (size_t c = 0; c < sizeof bad_conllu / sizeof *bad_conllu; c++) {
        char *err = NULL;
        size_t pos = 0;
        int rc = parse_conllu_read(bad_conllu[c], strlen(bad_conllu[c]), &pos, &text, &s, &err);
        if (rc != FL_EINVAL || !err || strncmp(err, "line 1: ", 8) != 0)
            fail_msg("case %zu: rc %d, '%s'", c, rc, err ? err : "(no message)");
        free(err);
    }
    buf_release(&text);
    parse_sent_release(&s);
}

/* ---- trees --------------------------------------------------------------------- */

static const parse_model *model(void) {
    const parse_model *m = NULL;
    char *err = NULL;
    if (parse_default(&m, &err) != FL_OK) fail_msg("%s", err);
    return m;
}

typedef struct tree_case {
    const char *text;
    const char *tree;   /* per token "form/UPOS/head/deprel" joined with ' ', heads 1-based */
} tree_case;

static const tree_case trees[] = {
    {"The soldiers crossed the river at night.",
     "The/DET/2/det soldiers/NOUN/3/nsubj crossed/VERB/0/root the/DET/5/det river/NOUN/3/obj at/ADP/7/case "
     "night/NOUN/3/obl ./PUNCT/3/punct"},
    {"The minister said that the talks would resume.",
     "The/DET/2/det minister/NOUN/3/nsubj said/VERB/0/root that/SCONJ/8/mark the/DET/6/det talks/NOUN/8/nsubj "
     "would/AUX/8/aux resume/VERB/3/ccomp ./PUNCT/3/punct"},
    {"She did not sign the treaty.",
     "She/PRON/4/nsubj did/AUX/4/aux not/PART/4/advmod sign/VERB/0/root the/DET/6/det "
     "treaty/NOUN/4/obj ./PUNCT/4/punct"},
    {"The ship was seized by the navy.",
     "The/DET/2/det ship/NOUN/4/nsubj:pass was/AUX/4/aux:pass seized/VERB/0/root by/ADP/7/case "
     "the/DET/7/det navy/NOUN/4/obl:agent ./PUNCT/4/punct"},
    {"Our country's ministers met yesterday.",
     "Our/PRON/2/nmod:poss country/NOUN/4/nmod:poss 's/PART/2/case ministers/NOUN/5/nsubj "
     "met/VERB/0/root yesterday/NOUN/5/obl:unmarked ./PUNCT/5/punct"},
};

static void parses_hand_checked_trees(void **state) {
    (void)state;
    const parse_model *m = model();
    parse_sent s;
    parse_sent_init(&s);
    buf got;
    buf_init(&got, BUF_NO_LIMIT);
    for (size_t c = 0; c < sizeof trees / sizeof *trees; c++) {
        const char *text = trees[c].text;
        assert_int_equal(parse_sentence(m, text, 0, strlen(text), &s, NULL), FL_OK);
        buf_reset(&got);
        for (size_t i = 0; i < s.n; i++)
            buf_printf(&got, "%s%.*s/%s/%d/%s", i ? " " : "", (int)(s.tok[i].end - s.tok[i].start),
                       text + s.tok[i].start, parse_upos_name(s.tok[i].upos), s.tok[i].head + 1, s.tok[i].deprel);
        if (strcmp(buf_cstr(&got), trees[c].tree) != 0)
            fail_msg("case %zu:\n got  %s\n want %s", c, buf_cstr(&got), trees[c].tree);
    }
    /* lemmas: rules and exceptions */
    const char *text = "The ministers were sending better ships.";
    assert_int_equal(parse_sentence(m, text, 0, strlen(text), &s, NULL), FL_OK);
    assert_int_equal(s.n, 7);
    assert_string_equal(s.tok[1].lemma, "minister");
    assert_string_equal(s.tok[2].lemma, "be");
    assert_string_equal(s.tok[3].lemma, "send");
    assert_string_equal(s.tok[4].lemma, "good");
    assert_string_equal(s.tok[5].lemma, "ship");
    buf_release(&got);
    parse_sent_release(&s);
}

/* A sentence of 1000 words is parsed in pieces: each token's head lies in
** its own piece, each piece has one root, and the sentence says so. */
static void cuts_long_sentences(void **state) {
    (void)state;
    const parse_model *m = model();
    buf text;
    buf_init(&text, BUF_NO_LIMIT);
    for (int i = 0; i < 1000; i++) buf_puts(&text, i % 7 == 6 ? "and " : "ships ");
    parse_sent s;
    parse_sent_init(&s);
    assert_int_equal(parse_sentence(m, text.data, 0, text.len, &s, NULL), FL_OK);
    assert_int_equal(s.n, 1000);
    assert_true(s.truncated);
    size_t roots = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.tok[i].head < 0) {
            roots++;
            continue;
        }
        assert_int_equal((size_t)s.tok[i].head / PARSE_MAX_TOKENS, i / PARSE_MAX_TOKENS);
    }
    assert_int_equal(roots, (1000 + PARSE_MAX_TOKENS - 1) / PARSE_MAX_TOKENS);
    /* the same sentence object takes a short one after */
    assert_int_equal(parse_sentence(m, "Ships sail.", 0, 11, &s, NULL), FL_OK);
    assert_int_equal(s.n, 3);
    assert_false(s.truncated);
    parse_sent_release(&s);
    buf_release(&text);
}

/* ---- the parser's shortcuts change no parse ------------------------------------ */

static void score_isa(int isa, const pm_table *t, const uint64_t *f, size_t nf, int32_t *scores) {
    pm_list one = {f, nf, scores};
    pm_score_lists_isa(isa, t, &one, 1);
}

/* The best legal action of the state, every feature scored afresh with the
** bucket search ISA: the parse as it is without the memo of group scores
** and without the vector search. */
static int plain_best_action(const parse_model *m, int isa, const dep_state *st, const ptok *t) {
    uint64_t f[DEP_MAX_FEATS];
    int32_t score[PM_STRIDE(DEP_MAX_ACTIONS)] = {0};
    score_isa(isa, &m->parser, f, dep_features(st, t, f), score);
    int best = -1;
    for (int a = 0; a < (int)m->parser.n_classes; a++)
        if (dep_legal(st, a) && (best < 0 || score[a] > score[best])) best = a;
    return best;
}

/* The treebank's dev sentences (gold tokens) parsed by parse_tokens and
** by plain_best_action, with the scalar search and with each vector one
** the CPU has: the same trees. */
static void memo_changes_no_parse(void **state) {
    (void)state;
    const parse_model *m = model();
    buf raw, text;
    char *err = NULL;
    read_dev_treebank(&raw);
    buf_init(&text, BUF_NO_LIMIT);
    parse_sent g, p;
    parse_sent_init(&g);
    parse_sent_init(&p);
    int isas[] = {PM_ISA_SCALAR, PM_ISA_AVX2, PM_ISA_AVX512};
    size_t pos = 0, n_sents = 0, n_isas = (size_t)pm_isa_best() + 1;
    for (;;) {
        if (parse_conllu_read(raw.data, raw.len, &pos, &text, &g, &err) != FL_OK) fail_msg("%s", err);
        if (g.n == 0) break;
        if (g.n > PARSE_MAX_TOKENS) continue;
        n_sents++;
        assert_int_equal(parse_sent_reserve(&p, g.n), FL_OK);
        for (size_t i = 0; i < g.n; i++) p.tok[i] = (parse_tok){g.tok[i].start, g.tok[i].end, 0, -1, NULL, NULL};
        p.n = g.n;
        assert_int_equal(parse_tokens(m, text.data, &p, NULL), FL_OK);
        ptok *t = calloc(g.n, sizeof *t);
        int *scratch = calloc(dep_state_ints(g.n), sizeof *scratch);
        pt_fill(text.data, p.tok, g.n, t);
        for (size_t i = 0; i < g.n; i++) t[i].tag = p.tok[i].upos;
        for (size_t k = 0; k < n_isas; k++) {
            dep_state st;
            dep_state_init(&st, g.n, scratch);
            for (int a; !dep_done(&st) && (a = plain_best_action(m, isas[k], &st, t)) >= 0;) dep_apply(&st, a);
            dep_finish(&st, t, m->punct_label, m->other_label);
            for (size_t i = 0; i < g.n; i++) {
                if (st.head[i] != p.tok[i].head || strcmp(m->labels[st.label[i]], p.tok[i].deprel) != 0)
                    fail_msg("sentence %zu, token %zu, isa %d: %d %s, without the memo %d %s", n_sents, i + 1,
                             isas[k], p.tok[i].head, p.tok[i].deprel, st.head[i], m->labels[st.label[i]]);
            }
        }
        free(t);
        free(scratch);
    }
    assert_true(n_sents > 1900);
    parse_sent_release(&g);
    parse_sent_release(&p);
    buf_release(&raw);
    buf_release(&text);
}

/* The bucket search's versions agree on the tagger's features of the
** treebank's dev text and on keys no model has (misses, spilled buckets). */
static void bucket_searches_agree(void **state) {
    (void)state;
    const parse_model *m = model();
    buf raw, text;
    char *err = NULL;
    read_dev_treebank(&raw);
    buf_init(&text, BUF_NO_LIMIT);
    parse_sent g;
    parse_sent_init(&g);
    size_t pos = 0, compared = 0;
    int best = pm_isa_best();
    uint64_t f[TAG_MAX_FEATS];
    for (int sents = 0; sents < 300; sents++) {
        if (parse_conllu_read(raw.data, raw.len, &pos, &text, &g, &err) != FL_OK) fail_msg("%s", err);
        if (g.n == 0) break;
        ptok *t = calloc(g.n, sizeof *t);
        pt_fill(text.data, g.tok, g.n, t);
        for (size_t i = 0; i < g.n; i++) t[i].tag = g.tok[i].upos;
        for (size_t i = 0; i < g.n; i++) {
            size_t nf = tag_features(t, g.n, i, f);
            int32_t want[PM_STRIDE(UPOS_COUNT)] = {0};
            score_isa(PM_ISA_SCALAR, &m->tagger, f, nf, want);
            for (int isa = PM_ISA_AVX2; isa <= best; isa++) {
                int32_t got[PM_STRIDE(UPOS_COUNT)] = {0};
                score_isa(isa, &m->tagger, f, nf, got);
                assert_memory_equal(got, want, sizeof want);
                compared++;
            }
        }
        free(t);
    }
    uint64_t x = 12345;
    for (int r = 0; r < 20000; r++) {
        for (size_t i = 0; i < TAG_MAX_FEATS; i++) f[i] = x = pk_mix(x + 1);
        int32_t want[PM_STRIDE(DEP_MAX_ACTIONS)] = {0};
        score_isa(PM_ISA_SCALAR, &m->parser, f, TAG_MAX_FEATS, want);
        for (int isa = PM_ISA_AVX2; isa <= best; isa++) {
            int32_t got[PM_STRIDE(DEP_MAX_ACTIONS)] = {0};
            score_isa(isa, &m->parser, f, TAG_MAX_FEATS, got);
            assert_memory_equal(got, want, sizeof want);
        }
    }
    assert_true(best == PM_ISA_SCALAR || compared > 1000);
    parse_sent_release(&g);
    buf_release(&raw);
    buf_release(&text);
}

/* ---- broken models -------------------------------------------------------------- */

static void write_file(const char *path, const void *p, size_t n) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

/* PATH must be refused with a message naming it. */
static void refused(const char *path, int want) {
    parse_model *m = (parse_model *)1;
    char *err = NULL;
    int rc = parse_model_load(path, &m, &err);
    if (rc != want || m != NULL || !err || !strstr(err, path))
        fail_msg("%s: rc %d, message '%s'", path, rc, err ? err : "(none)");
    free(err);
}

static void refuses_broken_models(void **state) {
    (void)state;
    char *err = NULL;
    buf good;
    assert_int_equal(read_source(FL_DATADIR "/model/" PARSE_MODEL_FILE, (size_t)1 << 30, &good, &err), FL_OK);
    char path[64];
    snprintf(path, sizeof path, "/tmp/test-parse-%d.bin", (int)getpid());
    refused("/nonexistent/model.bin", FL_EIO);
    write_file(path, "", 0);
    refused(path, FL_EINVAL);
    write_file(path, "FLPARSE1 but nothing else of a model", 36);
    refused(path, FL_EINVAL);
    /* cut at many lengths: every one refused */
    for (size_t cut = 1; cut < good.len; cut = cut * 3 / 2 + 1) {
        write_file(path, good.data, cut);
        refused(path, FL_EINVAL);
    }
    /* a byte changed: the checksum says so */
    good.data[good.len / 2] ^= 0x5a;
    write_file(path, good.data, good.len);
    refused(path, FL_EINVAL);
    good.data[good.len / 2] ^= 0x5a;
    /* the whole file loads */
    write_file(path, good.data, good.len);
    parse_model *m = NULL;
    assert_int_equal(parse_model_load(path, &m, &err), FL_OK);
    parse_model_free(m);
    parse_model_free(NULL);
    unlink(path);
    buf_release(&good);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenizes),
        cmocka_unit_test(reads_conllu),
        cmocka_unit_test(round_trips_treebank),
        cmocka_unit_test(refuses_bad_conllu),
        cmocka_unit_test(parses_hand_checked_trees),
        cmocka_unit_test(cuts_long_sentences),
        cmocka_unit_test(memo_changes_no_parse),
        cmocka_unit_test(bucket_searches_agree),
        cmocka_unit_test(refuses_broken_models),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
