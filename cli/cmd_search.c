/*
** cmd_search.c: `flank search` — ranked sentences grouped by document.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank search [--db PATH] [--json] [--limit N] [--offset N] [--sentences] [--facets]\n"
    "                    [FILTERS] QUERY\n\n"
    "Finds documents matching QUERY, ranked by BM25, each with its best\n"
    "matching sentences. With filters, QUERY may be left out: the filtered\n"
    "documents are listed, newest first.\n\n"
    "Query syntax:\n"
    "  Derna Russia         both words (AND is implied)\n"
    "  \"naval base\"         the phrase\n"
    "  milit*               words starting with milit\n"
    "  Libya OR Sudan, Libya NOT Russia, Libya -Russia, (Mali OR Niger) France\n"
    "  Operators are upper case; matching ignores case and accents.\n\n"
    "  --db PATH   database (default $FLANK_DB or ./flank.db)\n"
    "  --json      print the results as JSON (see docs/api.md)\n"
    "  --limit N   documents to show (default 10)\n"
    "  --offset N  documents to skip, for paging\n"
    "  --sentences the whole query must match within one sentence; documents\n"
    "              rank by their best sentence (BM25 over the sentence index)\n"
    "  --facets    also count the matching documents by entity type, country\n"
    "              and year (over the newest 2,000 when more match)\n\n"
    "Filters:\n"
    "  --entity ID     documents that mention the entity (see 'flank entities')\n"
    "  --type TYPE     documents that mention an entity of this type\n"
    "  --since DATE, --until DATE   by publication date (2024, 2024-07, 2024-07-01)\n"
    "  --source TEXT   documents whose source path or URL contains TEXT\n";

/* Prints a snippet with its highlighted ranges bold on a terminal, in
** «guillemets» otherwise. */
static void print_snippet(json_t *hit, int tty) {
    const char *s = json_string_value(json_object_get(hit, "snippet"));
    json_t *ranges = json_object_get(hit, "highlights");
    size_t pos = 0, i;
    json_t *r;
    json_array_foreach(ranges, i, r) {
        size_t a = (size_t)json_integer_value(json_array_get(r, 0));
        size_t b = (size_t)json_integer_value(json_array_get(r, 1));
        if (a < pos || b < a || b > strlen(s)) continue;   /* ranges come sorted and disjoint */
        fwrite(s + pos, 1, a - pos, stdout);
        fputs(tty ? "\033[1m" : "«", stdout);
        fwrite(s + a, 1, b - a, stdout);
        fputs(tty ? "\033[0m" : "»", stdout);
        pos = b;
    }
    fputs(s + pos, stdout);
}

/* One facet on a line: "types: country 12, organization 9". */
static void print_facet(json_t *facets, const char *name, const char *label_key) {
    json_t *items = json_object_get(facets, name), *item;
    size_t i;
    if (!json_array_size(items)) return;
    printf("%s:", name);
    json_array_foreach(items, i, item)
        printf("%s %s %lld", i ? "," : "", json_string_value(json_object_get(item, label_key)),
               json_integer_value(json_object_get(item, "count")));
    putchar('\n');
}

static void print_facets(json_t *facets) {
    if (!facets) return;
    printf("\nfacets over %lld documents\n", json_integer_value(json_object_get(facets, "documents")));
    print_facet(facets, "types", "type");
    print_facet(facets, "countries", "name");
    print_facet(facets, "years", "year");
}

static void print_results(json_t *res) {
    int tty = isatty(1);
    json_t *results = json_object_get(res, "results");
    long long total = json_integer_value(json_object_get(res, "total"));
    long long offset = json_integer_value(json_object_get(res, "offset"));
    if (total == 0) {
        printf("no matches\n");
        return;
    }
    size_t i, k;
    json_t *doc, *hit;
    json_array_foreach(results, i, doc) {
        printf("%lld. ", offset + (long long)i + 1);
        cli_print_source(doc);
        printf("  %s\n", json_string_value(json_object_get(doc, "source")));
        json_array_foreach(json_object_get(doc, "hits"), k, hit) {
            fputs("   ", stdout);
            print_snippet(hit, tty);
            putchar('\n');
        }
    }
    long long shown = offset + (long long)json_array_size(results);
    int about = json_is_true(json_object_get(res, "total_estimated"));
    long long window = json_integer_value(json_object_get(res, "ranked_window"));
    if (json_array_size(results) == 0)
        printf("nothing at --offset %lld: %s%lld documents match", offset, about ? "about " : "", total);
    else printf("\n%lld of %s%lld documents", shown, about ? "about " : "", total);
    if (window && shown >= window)
        printf("; only the newest %lld are ranked: narrow the query or add a filter", window);
    else if (shown < total) printf("; more with --offset %lld", shown);
    putchar('\n');
    print_facets(json_object_get(res, "facets"));
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *query = NULL;
    int json = 0;
    fl_search_opts opts = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--sentences") == 0) opts.sentences = 1;
        else if (strcmp(argv[i], "--facets") == 0) opts.facets = 1;
        else if ((strcmp(argv[i], "--limit") == 0 || strcmp(argv[i], "--offset") == 0) && i + 1 < argc) {
            int *dst = argv[i][2] == 'l' ? &opts.limit : &opts.offset;
            if (cli_count(argv[i], argv[i + 1], dst)) return EXIT_USAGE;
            i++;
        } else if (strcmp(argv[i], "--entity") == 0 && i + 1 < argc) opts.entity = argv[++i];
        else if (strcmp(argv[i], "--type") == 0 && i + 1 < argc) opts.type = argv[++i];
        else if (strcmp(argv[i], "--source") == 0 && i + 1 < argc) opts.source = argv[++i];
        else if ((strcmp(argv[i], "--since") == 0 || strcmp(argv[i], "--until") == 0) && i + 1 < argc) {
            if (cli_check_date(argv[i + 1])) return EXIT_USAGE;
            *(argv[i][2] == 's' ? &opts.since : &opts.until) = argv[i + 1];
            i++;
        } else if (strcmp(argv[i], "--") == 0 && i + 1 < argc && !query) query = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1] == '-') {
            cli_error(argv[i], "unknown option; see 'flank search --help'");
            return EXIT_USAGE;
        } else if (query) {
            cli_error("search", "put the query in quotes: flank search 'naval base'");
            return EXIT_USAGE;
        } else query = argv[i];
    }
    if (!query && !opts.entity && !opts.type && !opts.since && !opts.until && !opts.source) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL, *out = NULL;
    int rc = fl_search_json(db, query, &opts, &out, &errmsg);
    fl_db_close(db);
    return cli_answer(rc, out, errmsg, json, print_results);
}

const command cmd_search = {"search", "find sentences and documents (BM25)", usage, run};
