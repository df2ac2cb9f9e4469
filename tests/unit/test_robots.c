/* test_robots.c: robots.txt answers per agent and path (RFC 9309's
** groups, longest match, Allow on a tie, "*" and "$"). */
#include "unit.h"
#include "robots.h"

typedef struct robots_case {
    const char *txt, *agent, *path;
    int allowed;
} robots_case;

static const robots_case cases[] = {
    {"", "flank", "/a", 1},
    {"User-agent: *\nDisallow: /private/\n", "flank", "/private/x.html", 0},
    {"User-agent: *\nDisallow: /private/\n", "flank", "/public/x.html", 1},
    {"User-agent: *\nDisallow: /\n\nUser-agent: flank\nDisallow: /no\n", "flank", "/yes", 1},
    {"User-agent: *\nDisallow: /\n\nUser-agent: flank\nDisallow: /no\n", "flank", "/no/x", 0},
    {"User-agent: otherbot\nDisallow: /\n", "flank", "/x", 1},
    {"User-agent: FLANK\nUser-agent: otherbot\nDisallow: /x\n", "flank", "/x", 0},
    {"User-agent: *\nDisallow: /a\nAllow: /a/b\n", "flank", "/a/b/c", 1},
    {"User-agent: *\nDisallow: /a\nAllow: /a/b\n", "flank", "/a/c", 0},
    {"User-agent: *\nDisallow: /a\nAllow: /a\n", "flank", "/a", 1},
    {"User-agent: *\nDisallow: /*.pdf$\n", "flank", "/r/x.pdf", 0},
    {"User-agent: *\nDisallow: /*.pdf$\n", "flank", "/r/x.pdf?y", 1},
    {"User-agent: *\nDisallow: /*/private\n", "flank", "/a/b/private/c", 0},
    {"User-agent: *\nDisallow:\n", "flank", "/x", 1},
    {"# comment\r\nUser-agent: * # all\r\nDisallow: /tmp # temp\r\n", "flank", "/tmp/1", 0},
    {"User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*b\n", "flank",
     "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1},
};

static void answers(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const robots_case *c = &cases[i];
        int got = robots_allows(c->txt, strlen(c->txt), c->agent, c->path);
        if (got != c->allowed) fail_msg("case %zu (%s on %s): got %d", i, c->agent, c->path, got);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(answers)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
