/* test_extract.c: main-content extraction. Tables of small pages with the
** body and metadata they must give; bad input (empty, no article, deep
** nesting, invalid bytes, a huge page); the two seeds against their gold
** bodies by word F1, as written and hard-wrapped; the golden pages of
** tests/golden/extract. */
#include "unit.h"
#include "extract.h"
#include "html.h"

#include <ctype.h>
#include <dirent.h>

/* ---- word F1 ------------------------------------------------------------ */

typedef struct span { const char *p; size_t n; } span;

static int span_cmp(const void *a, const void *b) {
    const span *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->p, y->p, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Words as Python's \w+ sees them (UTF-8 bytes count as word bytes). */
static span *words(const char *s, size_t *count) {
    size_t cap = 16, n = 0;
    span *w = malloc(cap * sizeof *w);
    for (size_t i = 0; s[i];) {
        unsigned char c = (unsigned char)s[i];
        if (!(isalnum(c) || c == '_' || c >= 0x80)) { i++; continue; }
        size_t j = i;
        while (s[j] && (isalnum((unsigned char)s[j]) || s[j] == '_' || (unsigned char)s[j] >= 0x80)) j++;
        if (n == cap) w = realloc(w, (cap *= 2) * sizeof *w);
        w[n].p = s + i;
        w[n++].n = j - i;
        i = j;
    }
    qsort(w, n, sizeof *w, span_cmp);
    *count = n;
    return w;
}

static double word_f1(const char *gold, const char *got) {
    size_t ng, nt, i = 0, j = 0, tp = 0;
    span *g = words(gold, &ng), *t = words(got, &nt);
    while (i < ng && j < nt) {
        int c = span_cmp(&g[i], &t[j]);
        if (c == 0) { tp++; i++; j++; }
        else if (c < 0) i++;
        else j++;
    }
    free(g);
    free(t);
    if (!tp) return 0;
    double p = (double)tp / nt, r = (double)tp / ng;
    return 2 * p * r / (p + r);
}

/* ---- small pages -------------------------------------------------------- */

#define PARA1 "The council met on Tuesday to discuss the harbour, the budget and the new ferry timetable, " \
              "which residents had asked about for months."
#define PARA2 "Officials said the work would begin in spring, and that the old pier, closed since the storm, " \
              "would reopen to walkers by the summer."
#define PARA3 "Residents who attended the meeting said they welcomed the plan, though several asked how " \
              "the ferry fares would change next year."

typedef struct html_case {
    const char *name;
    const char *html;
    const char *body;       /* expected body, exactly */
} html_case;

static const html_case body_cases[] = {
    {"article among chrome",
     "<html><head><title>Harbour plan | Town News</title><script>var x = 'no';</script>"
     "<style>p{}</style></head><body>"
     "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>"
     "<div class=cookie-banner>We use cookies to improve your experience on this site.</div>"
     "<article><h1>Harbour plan</h1><p class=byline>By Ann Lee</p>"
     "<p>" PARA1 "</p><!-- a comment that is not text --><p>" PARA2 "</p>"
     "<div class=share-tools><a href=#>Share on Facebook</a><a href=#>Tweet</a></div>"
     "<p>" PARA3 "</p></article>"
     "<aside><p>Most read: the mayor's cat, the school fair, and other news from the week.</p></aside>"
     "<footer><p>Copyright Town News, all rights reserved, contact us for reprints.</p></footer>"
     "</body></html>",
     PARA1 "\n\n" PARA2 "\n\n" PARA3},
    {"headings and list items stay lines",
     "<body><div id=content><p>" PARA1 "</p><h2>What changes</h2>"
     "<ul><li>Ferries every hour, starting at six in the morning.</li>"
     "<li>A new pier, with benches, lights and a ramp for wheelchairs.</li></ul>"
     "<p>" PARA2 "</p></div>"
     "<div class=related-links><h3>Related</h3><ul><li><a href=/a>Other story one about town</a></li>"
     "<li><a href=/b>Other story two about town</a></li></ul></div></body>",
     PARA1 "\n\nWhat changes\n\nFerries every hour, starting at six in the morning.\n"
     "A new pier, with benches, lights and a ramp for wheelchairs.\n\n" PARA2},
    {"text and line breaks in a div",
     "<body><div class=post-body>" PARA1 "<br><br>" PARA2 "<br>" PARA3 "</div>"
     "<div class=sidebar>Sign up for our newsletter and get the best stories of the week.</div></body>",
     PARA1 "\n" PARA2 "\n" PARA3},
    {"hidden parts and advertisements",
     "<body><main><p>" PARA1 "</p><div style='display: none'>Hidden text that a reader never sees on the page.</div>"
     "<p>Advertisement</p><p>" PARA2 "</p>"
     "<p>Updated Nov 19, 2019, 6:55 AM</p></main></body>",
     PARA1 "\n\n" PARA2},
    {"home page of links has no article",
     "<body><ul><li><a href=/1>Harbour plan approved by the council after long debate</a></li>"
     "<li><a href=/2>School fair raises money for the new library and playground</a></li>"
     "<li><a href=/3>Weather: storms expected along the coast this weekend</a></li></ul></body>",
     ""},
    {"login page has no article",
     "<body><form action=/login><h1>Sign in</h1><label>Email</label><input name=e>"
     "<label>Password</label><input type=password name=p><button>Sign in</button>"
     "<p><a href=/forgot>Forgot your password?</a></p></form></body>",
     ""},
};

static void html_bodies(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof body_cases / sizeof *body_cases; i++) {
        const html_case *c = &body_cases[i];
        extract_result r;
        char *err = NULL;
        int rc = extract_html(c->html, strlen(c->html), &r, &err);
        if (rc != FL_OK) fail_msg("%s: rc %d (%s)", c->name, rc, err ? err : "");
        if (strcmp(r.body, c->body) != 0)
            fail_msg("%s:\n got [%s]\nwant [%s]", c->name, r.body, c->body);
        assert_int_equal(r.body_len, strlen(r.body));
        extract_release(&r);
    }
}

typedef struct meta_case {
    const char *name;
    const char *html;
    const char *title, *author0, *published, *site, *lang, *canonical;
    size_t n_authors;
} meta_case;

static const meta_case meta_cases[] = {
    {"meta tags",
     "<html lang=en-GB><head><title>Harbour | Town News</title>"
     "<meta property='og:title' content='Harbour plan approved'>"
     "<meta property='og:site_name' content='Town News'>"
     "<meta property='article:published_time' content='2025-07-01T09:30:00+02:00'>"
     "<meta name=author content='Ann Lee and Bo Chen'>"
     "<link rel=canonical href='https://example.org/harbour'></head><body><p>" PARA1 "</p></body></html>",
     "Harbour plan approved", "Ann Lee", "2025-07-01T09:30:00+02:00", "Town News", "en-GB",
     "https://example.org/harbour", 2},
    {"JSON-LD when meta is silent",
     "<html><head><title>Harbour</title><script type='application/ld+json'>"
     "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},"
     "{\"@type\":\"NewsArticle\",\"headline\":\"Harbour plan\",\"datePublished\":\"2024-03-05\","
     "\"inLanguage\":\"fr\",\"author\":[{\"@type\":\"Person\",\"name\":\"Claire Dupont\"}],"
     "\"publisher\":{\"name\":\"Le Port\"}}]}</script></head>"
     "<body><span class=byline>By Someone Else</span><p>" PARA1 "</p></body></html>",
     "Harbour plan", "Claire Dupont", "2024-03-05", "Le Port", "fr", NULL, 1},
    {"visible byline and time last",
     "<html><head><title>Harbour plan</title></head><body><article>"
     "<div class=byline>By <a rel=author href=/ann>Ann Lee</a></div>"
     "<time datetime='2023-11-19T06:55:00Z'>Nov 19</time><p>" PARA1 "</p></article></body></html>",
     "Harbour plan", "Ann Lee", "2023-11-19T06:55:00Z", NULL, NULL, NULL, 1},
};

static void check_str(const char *name, const char *what, const char *got, const char *want) {
    if (!want && !got) return;
    if (!want || !got || strcmp(got, want) != 0)
        fail_msg("%s: %s: got [%s] want [%s]", name, what, got ? got : "(null)", want ? want : "(null)");
}

static void html_metadata(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof meta_cases / sizeof *meta_cases; i++) {
        const meta_case *c = &meta_cases[i];
        extract_result r;
        char *err = NULL;
        assert_int_equal(extract_html(c->html, strlen(c->html), &r, &err), FL_OK);
        check_str(c->name, "title", r.title, c->title);
        check_str(c->name, "author", r.n_authors ? r.authors[0] : NULL, c->author0);
        if (r.n_authors != c->n_authors)
            fail_msg("%s: %zu authors, want %zu", c->name, r.n_authors, c->n_authors);
        check_str(c->name, "published", r.published, c->published);
        check_str(c->name, "site", r.site_name, c->site);
        check_str(c->name, "language", r.language, c->lang);
        check_str(c->name, "canonical", r.canonical_url, c->canonical);
        extract_release(&r);
    }
}

/* ---- bad input ---------------------------------------------------------- */

static void empty_and_broken(void **state) {
    (void)state;
    static const char *const inputs[] = {
        "", "<", "<html", "</p></p></div>", "<!--", "<script>", "<p>\xff\xfe\xc3(\x80 bad bytes</p>",
        "<table><tr><td><table><td><p>x</table>", "<a href='", "\0\0\0<p>nul</p>",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        extract_result r;
        char *err = NULL;
        size_t n = i == 9 ? 13 : strlen(inputs[i]);   /* the one with NULs */
        assert_int_equal(extract_html(inputs[i], n, &r, &err), FL_OK);
        assert_non_null(r.body);
        extract_release(&r);
        assert_int_equal(extract_text(inputs[i], n, &r, &err), FL_OK);
        assert_non_null(r.body);
        extract_release(&r);
    }
}

static char *repeat(const char *head, const char *unit, size_t times, const char *mid,
                    const char *unit2, size_t times2, size_t *len) {
    size_t hl = strlen(head), ul = strlen(unit), ml = strlen(mid), u2 = strlen(unit2);
    size_t n = hl + ul * times + ml + u2 * times2;
    char *p = malloc(n + 1), *q = p;
    memcpy(q, head, hl), q += hl;
    for (size_t i = 0; i < times; i++) memcpy(q, unit, ul), q += ul;
    memcpy(q, mid, ml), q += ml;
    for (size_t i = 0; i < times2; i++) memcpy(q, unit2, u2), q += u2;
    *q = '\0';
    *len = n;
    return p;
}

static void deep_nesting(void **state) {
    (void)state;
    static const char *const openers[] = {"<div>", "<b>", "<span><i>", "<table><tr><td>", "<ul><li>"};
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
        size_t n;
        char *p = repeat("<body>", openers[k], 100000, "<p>" PARA1 "</p>", "</div>", 100000, &n);
        extract_result r;
        char *err = NULL;
        assert_int_equal(extract_html(p, n, &r, &err), FL_OK);
        if (!strstr(r.body, "The council met")) fail_msg("%s: text lost", openers[k]);
        extract_release(&r);
        free(p);
    }
    /* the tree itself stays within the cap */
    size_t n;
    char *p = repeat("", "<div>", 100000, "x", "", 0, &n);
    html_doc *d = NULL;
    char *err = NULL;
    assert_int_equal(html_parse(p, n, &d, &err), FL_OK);
    size_t depth = 0, max = 0;
    for (html_id i = 0; i < html_count(d); i++) {
        depth = 0;
        for (html_id a = i; a != HTML_NONE; a = html_parent(d, a)) depth++;
        if (depth > max) max = depth;
    }
    assert_true(max <= HTML_MAX_DEPTH + 8);
    html_free(d);
    free(p);
}

#if defined(__SANITIZE_ADDRESS__)
#define HUGE_MB 12    /* the sanitizers make a 50 MB page take minutes */
#else
#define HUGE_MB 50
#endif

static void huge_page(void **state) {
    (void)state;
    const char *unit = "<div class=item><p>" PARA1 "</p></div>\n";
    size_t times = ((size_t)HUGE_MB << 20) / strlen(unit), n;
    char *p = repeat("<html><body>", unit, times, "", "", 0, &n);
    extract_result r;
    char *err = NULL;
    assert_int_equal(extract_html(p, n, &r, &err), FL_OK);
    assert_true(r.body_len > 1000);
    extract_release(&r);
    free(p);
}

/* ---- plain text and the seeds ------------------------------------------ */

static void text_title_and_paragraphs(void **state) {
    (void)state;
    const char *in = "# Harbour plan\n\nThe council met on Tuesday to discuss\nthe harbour and the budget.\n\n"
                     "- first item\n- second item\n\nPhoto: Town News\n";
    extract_result r;
    char *err = NULL;
    assert_int_equal(extract_text(in, strlen(in), &r, &err), FL_OK);
    assert_string_equal(r.title, "Harbour plan");
    assert_string_equal(r.body, "Harbour plan\n\n"
                                "The council met on Tuesday to discuss the harbour and the budget.\n\n"
                                "- first item\n- second item");
    extract_release(&r);
    /* a title written again under itself is read once */
    const char *twice = "Harbour plan\n\nHarbour plan\n\nThe council met on Tuesday to discuss the harbour.\n";
    assert_int_equal(extract_text(twice, strlen(twice), &r, &err), FL_OK);
    assert_string_equal(r.body, "Harbour plan\n\nThe council met on Tuesday to discuss the harbour.");
    extract_release(&r);
}

/* Markdown in, the body's text out: markup goes, the words stay. */
static const struct {
    const char *markdown, *body;
} markdown_cases[] = {
    {"Plain *emphasis*, **strong**, __also__ and _this_ words here.",
     "Plain emphasis, strong, also and this words here."},
    {"Keep snake_case_names, 2 * 3 and a lone * star here.",
     "Keep snake_case_names, 2 * 3 and a lone * star here."},
    {"See [the report](https://example.org/a_(b)) and ![a map](m.png) now.", "See the report and a map now."},
    {"Code `a*b_c` stays, \\*escaped\\* stars too, in this line.",
     "Code a*b_c stays, *escaped* stars too, in this line."},
    {"> Quoted words from someone, in a block quote.", "Quoted words from someone, in a block quote."},
    {"Intro line of the article, long enough.\n\n## A section ##\n\nMore text of the article here.",
     "Intro line of the article, long enough.\n\nA section\n\nMore text of the article here."},
    {"Intro line of the article, long enough.\n\n* one item of the list\n+ two items of it\n\n---\n\nEnd of it.",
     "Intro line of the article, long enough.\n\n- one item of the list\n- two items of it\n\nEnd of it."},
    {"Intro line of the article, long enough.\n\n```\nx = *y* [z](w)\n```\n\nEnd of it.",
     "Intro line of the article, long enough.\n\nx = *y* [z](w)\n\nEnd of it."},
    {"Unclosed *star and [bracket](here are kept as they are.",
     "Unclosed *star and [bracket](here are kept as they are."},
};

static void markdown_made_plain(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof markdown_cases / sizeof *markdown_cases; i++) {
        extract_result r;
        char *err = NULL;
        const char *in = markdown_cases[i].markdown;
        assert_int_equal(extract_markdown(in, strlen(in), &r, &err), FL_OK);
        if (strcmp(r.body, markdown_cases[i].body) != 0) fail_msg("case %zu: got \"%s\"", i, r.body);
        extract_release(&r);
    }
    /* Input is not NUL-terminated: a line that is all rule marks at the
    ** very end must not be read past (a fuzzer found strspn doing so). */
    char *bare = malloc(3);
    memcpy(bare, "***", 3);
    extract_result b;
    char *berr = NULL;
    extract_markdown(bare, 3, &b, &berr);
    extract_release(&b);
    free(berr);
    free(bare);
    const char *titled = "# The *title* here\n\nA first paragraph of the text, with words.\n";
    extract_result r;
    char *err = NULL;
    assert_int_equal(extract_markdown(titled, strlen(titled), &r, &err), FL_OK);
    assert_string_equal(r.title, "The title here");
    assert_string_equal(r.body, "The title here\n\nA first paragraph of the text, with words.");
    extract_release(&r);
}

static const char *const seeds[] = {"mediterranean-blind-spot", "training-missions-qa"};

/* Hard-wraps TEXT at about 72 columns, blank lines between paragraphs. */
static char *hard_wrap(const char *text) {
    size_t n = strlen(text);
    char *o = malloc(n * 2 + 2), *q = o;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        size_t col = 0;
        for (const char *s = p; s < e; s++) {
            if (*s == ' ' && col > 60) { *q++ = '\n'; col = 0; continue; }
            *q++ = *s;
            col++;
        }
        if (e > p) { *q++ = '\n'; *q++ = '\n'; }
        p = *e ? e + 1 : e;
    }
    *q = '\0';
    return o;
}

static void seeds_match_gold(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s.txt", unit_shared("corpus/seeds"), seeds[i]);
        size_t n;
        char *text = unit_slurp(path, &n);
        snprintf(path, sizeof path, "%s/%s.body.txt", unit_shared("gold"), seeds[i]);
        char *gold = unit_slurp(path, NULL);
        char *wrapped = hard_wrap(text);
        const char *variants[] = {text, wrapped};
        for (int v = 0; v < 2; v++) {
            extract_result r;
            char *err = NULL;
            assert_int_equal(extract_text(variants[v], strlen(variants[v]), &r, &err), FL_OK);
            double f1 = word_f1(gold, r.body);
            if (f1 < 0.98) fail_msg("%s%s: word F1 %.3f < 0.98", seeds[i], v ? " (wrapped)" : "", f1);
            assert_non_null(r.title);
            extract_release(&r);
        }
        free(wrapped);
        free(gold);
        free(text);
    }
}

/* tests/golden/extract/NAME.html against NAME.body.txt, exactly (the
** expected file ends with one newline, as `flank extract --body` prints):
** pages written for the project, one per kind of page that main-content
** extraction gets wrong on sites it was not tuned on (issue 21). */
static void golden_pages(void **state) {
    (void)state;
    const char *dir = "tests/golden/extract";
    DIR *dh = opendir(dir);
    if (!dh) fail_msg("cannot open %s", dir);
    size_t pages = 0;
    for (struct dirent *e; (e = readdir(dh));) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".html") != 0) continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *html = unit_slurp(path, &len);
        snprintf(path, sizeof path, "%s/%.*s.body.txt", dir, (int)(n - 5), e->d_name);
        char *want = unit_slurp(path, NULL);
        size_t wn = strlen(want);
        if (wn && want[wn - 1] == '\n') want[--wn] = '\0';
        extract_result r;
        char *err = NULL;
        assert_int_equal(extract_html(html, len, &r, &err), FL_OK);
        if (strcmp(r.body, want) != 0)
            fail_msg("%s: body differs\n--- got ---\n%s\n--- want ---\n%s", e->d_name, r.body, want);
        extract_release(&r);
        free(want);
        free(html);
        pages++;
    }
    closedir(dh);
    assert_true(pages >= 8);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_bodies),
        cmocka_unit_test(html_metadata),
        cmocka_unit_test(empty_and_broken),
        cmocka_unit_test(deep_nesting),
        cmocka_unit_test(huge_page),
        cmocka_unit_test(text_title_and_paragraphs),
        cmocka_unit_test(markdown_made_plain),
        cmocka_unit_test(seeds_match_gold),
        cmocka_unit_test(golden_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
