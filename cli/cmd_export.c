/*
** cmd_export.c: `flank export` — the stored relations, entities and claims
** in a format other tools read (fl_export), to stdout or a file written
** whole or not at all.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank export [--db PATH] [--format FORMAT] [--entity ID] [--predicate P]\n"
    "                    [--since DATE] [--until DATE] [--query Q] [--with-documents] [-o FILE] [--json]\n\n"
    "Writes the stored relations (each with its sentence and source), the\n"
    "entities they name and the claims, as they are read (docs/export.md).\n\n"
    "  --format FORMAT   jsonl (default): a JSON object a line, for pandas and import;\n"
    "                    csv: one header, a row per entity, relation and claim (RFC 4180);\n"
    "                    stix: a STIX 2.1 bundle; gexf, graphml: the graph of entities\n"
    "                    and facts, for Gephi and other graph tools; md, html: a brief\n"
    "                    of the entity or query, with numbered sources\n"
    "  --entity ID       relations with this entity (an id or a name) at either end,\n"
    "                    claims it speaks or is named in\n"
    "  --predicate P     relations of this predicate only ('flank kb predicates'), no claims\n"
    "  --since DATE      relations dated (else published) on or after DATE (2024, 2024-07...)\n"
    "  --until DATE      ... on or before DATE\n"
    "  --query Q         only documents with a sentence matching Q (search syntax)\n"
    "  --with-documents  jsonl: each document with its text first, so that\n"
    "                    'flank import --with-documents' restores it into another database\n"
    "  -o FILE           write FILE (replaced only once the export is whole), not stdout;\n"
    "                    a device or pipe (/dev/stdout, a FIFO) is written directly\n"
    "  --json            the same as --format jsonl\n"
    "  --db PATH         database (default $FLANK_DB or ./flank.db)\n";

static int write_file(void *ctx, const char *data, size_t n) {
    return fwrite(data, 1, n, ctx) == n ? 0 : -1;
}

/* Exports into the file PATH, as it is opened for writing. */
static int export_into(fl_db *db, const fl_export_opts *o, const char *path, char **errmsg) {
    FILE *f = fopen(path, "wb");
    if (!f) {
        cli_error(path, "cannot write: %s", strerror(errno));
        return FL_EIO;
    }
    int rc = fl_export(db, o, write_file, f, errmsg);
    if (fclose(f) != 0 && rc == FL_OK) {
        cli_error(path, "cannot write: %s", strerror(errno));
        rc = FL_EIO;
    }
    return rc;
}

/* Exports into a temporary file beside PATH, renamed over it when whole;
** straight into PATH when it is not a regular file (a device such as
** /dev/null, a pipe, a terminal), which a rename would replace. */
static int export_to_file(fl_db *db, const fl_export_opts *o, const char *path, char **errmsg) {
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            cli_error(path, "is a directory; give -o a file name");
            return FL_EINVAL;
        }
        return export_into(db, o, path, errmsg);
    }
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        cli_error(path, "path too long");
        return FL_EINVAL;
    }
    int rc = export_into(db, o, tmp, errmsg);
    if (rc == FL_OK && rename(tmp, path) != 0) {
        cli_error(path, "cannot write: %s", strerror(errno));
        rc = FL_EIO;
    }
    if (rc != FL_OK) remove(tmp);
    return rc;
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *out = NULL;
    fl_export_opts o = {0};
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (strcmp(a, "--db") == 0 && has) db_opt = argv[++i];
        else if (strcmp(a, "--format") == 0 && has) o.format = argv[++i];
        else if (strcmp(a, "--entity") == 0 && has) o.entity = argv[++i];
        else if (strcmp(a, "--predicate") == 0 && has) o.predicate = argv[++i];
        else if (strcmp(a, "--since") == 0 && has) o.since = argv[++i];
        else if (strcmp(a, "--until") == 0 && has) o.until = argv[++i];
        else if (strcmp(a, "--query") == 0 && has) o.query = argv[++i];
        else if (strcmp(a, "-o") == 0 && has) out = argv[++i];
        else if (strcmp(a, "--with-documents") == 0) o.with_documents = 1;
        else if (strcmp(a, "--json") == 0) json = 1;
        else {
            cli_error(a, "unknown argument; see 'flank export --help'");
            return EXIT_USAGE;
        }
    }
    if (json && o.format && strcmp(o.format, "jsonl") != 0) {
        cli_error("--json", "an export is in its --format: --json is --format jsonl");
        return EXIT_USAGE;
    }
    if (!o.format) o.format = "jsonl";
    if (!fl_export_type(o.format, NULL)) {
        cli_error(o.format, "not an export format; see 'flank export --help'");
        return EXIT_USAGE;
    }
    if ((o.since && cli_check_date(o.since)) || (o.until && cli_check_date(o.until))) return EXIT_USAGE;
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL;
    int rc = out ? export_to_file(db, &o, out, &errmsg) : fl_export(db, &o, write_file, stdout, &errmsg);
    fl_db_close(db);
    if (rc == FL_OK && !out && fflush(stdout) != 0) {
        cli_error(NULL, "cannot write the output: %s", strerror(errno));
        return EXIT_FAIL;
    }
    if (rc != FL_OK && errmsg) return cli_fail(NULL, rc, errmsg);
    return rc == FL_OK ? EXIT_OK : EXIT_FAIL;
}

const command cmd_export = {"export", "relations, entities and claims as JSONL, CSV, STIX, graphs or a brief",
                            usage, run};
