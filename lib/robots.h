/*
** robots.h: robots.txt (RFC 9309) as a pure function of its text: does
** it let an agent fetch a path? Fetching and caching the file per host is
** fetch.c's; this module only reads it.
*/
#ifndef FL_ROBOTS_H
#define FL_ROBOTS_H

#include <stddef.h>

/* Does the robots.txt TXT[0..N) allow AGENT (its product token, "flank")
** to fetch PATH (path and query, from "/")? The group naming AGENT
** (case-insensitively) applies, else the "*" group, else everything is
** allowed. Within it the longest matching Allow or Disallow rule wins, an
** Allow on a tie; "*" matches any run of characters and a final "$" the
** end of the path. 1 when allowed. */
int robots_allows(const char *txt, size_t n, const char *agent, const char *path);

#endif
