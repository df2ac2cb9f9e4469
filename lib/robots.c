/*
** robots.c: reads robots.txt for one agent and path (see robots.h). The
** text is scanned in place, line by line, once per question: files are
** small and a host's answer is asked once per page.
*/
#include "robots.h"

#include <string.h>
#include <strings.h>

#include "banned.h"

/* Does PATTERN[0..N) ("*" any run, a final "$" the end) match a prefix
** of PATH (or all of it, with "$")? The glob walk that backs up to the
** last "*": linear in practice, never exponential on a hostile file. */
static int pattern_matches(const char *pat, size_t n, const char *path) {
    int anchored = n && pat[n - 1] == '$';
    if (anchored) n--;
    size_t p = 0, s = 0, len = strlen(path), star = (size_t)-1, mark = 0;
    while (s < len) {
        if (p < n && pat[p] == '*') star = p++, mark = s;
        else if (p < n && pat[p] == path[s]) p++, s++;
        else if (p == n && !anchored) return 1;
        else if (star != (size_t)-1) p = star + 1, s = ++mark;
        else return 0;
    }
    while (p < n && pat[p] == '*') p++;
    return p == n;
}

/* One line's field and value, trimmed, with its comment cut. */
typedef struct line {
    const char *key, *val;
    size_t nkey, nval;
} line;

static size_t next_line(const char *t, size_t n, size_t at, line *l) {
    size_t end = at;
    while (end < n && t[end] != '\n' && t[end] != '\r') end++;
    size_t stop = at;
    while (stop < end && t[stop] != '#') stop++;
    const char *colon = memchr(t + at, ':', stop - at);
    l->nkey = l->nval = 0;
    if (colon) {
        size_t k = at, ke = (size_t)(colon - t), v = ke + 1;
        while (k < ke && (t[k] == ' ' || t[k] == '\t')) k++;
        while (ke > k && (t[ke - 1] == ' ' || t[ke - 1] == '\t')) ke--;
        while (v < stop && (t[v] == ' ' || t[v] == '\t')) v++;
        while (stop > v && (t[stop - 1] == ' ' || t[stop - 1] == '\t')) stop--;
        l->key = t + k, l->nkey = ke - k, l->val = t + v, l->nval = stop - v;
    }
    return end < n ? end + 1 : n;
}

static int key_is(const line *l, const char *name) {
    return l->nkey == strlen(name) && strncasecmp(l->key, name, l->nkey) == 0;
}

/* Does the User-agent value V[0..N) name AGENT? "*" is handled apart. */
static int names_agent(const char *v, size_t n, const char *agent) {
    size_t a = strlen(agent);
    for (size_t i = 0; i + a <= n; i++)
        if (strncasecmp(v + i, agent, a) == 0) return 1;
    return 0;
}

/* The verdict of the groups naming AGENT (or "*" when STAR): -1 when no
** group applied, else 1 allowed, 0 disallowed. */
static int verdict(const char *t, size_t n, const char *agent, int star, const char *path) {
    int in_group = 0, had_rules = 1, applied = 0;
    long best = -1;
    int allowed = 1;
    for (size_t at = 0; at < n;) {
        line l;
        at = next_line(t, n, at, &l);
        if (!l.nkey) continue;
        if (key_is(&l, "user-agent")) {
            if (had_rules) in_group = 0;   /* a new group starts */
            had_rules = 0;
            if (star ? l.nval == 1 && l.val[0] == '*' : names_agent(l.val, l.nval, agent)) in_group = 1, applied = 1;
            continue;
        }
        int allow = key_is(&l, "allow"), disallow = key_is(&l, "disallow");
        if (!allow && !disallow) continue;
        had_rules = 1;
        if (!in_group || l.nval == 0) continue;   /* "Disallow:" alone allows all */
        if (pattern_matches(l.val, l.nval, path) &&
            ((long)l.nval > best || ((long)l.nval == best && allow))) {
            best = (long)l.nval;
            allowed = allow;
        }
    }
    return applied ? allowed : -1;
}

int robots_allows(const char *txt, size_t n, const char *agent, const char *path) {
    int v = verdict(txt, n, agent, 0, path);
    if (v < 0) v = verdict(txt, n, agent, 1, path);
    return v != 0;
}
