/*
** cmd_extract.c: `flank extract` — one document through the pipeline, no
** database: the main text (--body) or the annotation document (--json).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank extract [--body | --json] [--html | --markdown | --text] FILE\n\n"
    "Runs one document through flank's pipeline without storing it.\n"
    "FILE may be '-' for stdin and may be gzip-compressed.\n\n"
    "  --body    print the main content, paragraphs separated by a blank line\n"
    "            (the default)\n"
    "  --json    print the annotation document: metadata, text, sentences,\n"
    "            entities, dates, relations, claims\n"
    "  --html, --markdown, --text   treat FILE as HTML, Markdown or plain text\n"
    "                   (default: by its name, .html/.md, and its first bytes)\n";

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    int json = 0;
    const char *path = NULL;
    fl_read_opts opts = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--body") == 0) json = 0;
        else if (cli_format_option(argv[i], &opts.format)) continue;
        else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            cli_error(argv[i], "unknown option; see 'flank extract --help'");
            return EXIT_USAGE;
        } else if (path) {
            cli_error("extract", "one FILE at a time; see 'flank extract --help'");
            return EXIT_USAGE;
        } else path = argv[i];
    }
    if (!path) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    opts.text_only = !json;   /* the body needs no sentences nor the pack */
    fl_doc *doc = NULL;
    char *note = NULL, *errmsg = NULL;
    int rc = fl_doc_read(path, &opts, &doc, &note, &errmsg);
    if (rc != FL_OK) return cli_fail(path, rc, errmsg);
    if (note) cli_error(path, "%s", note);
    fl_free(note);
    size_t len;
    const char *text = fl_doc_text(doc, &len);
    if (len == 0) cli_error(path, "no main text found (a home, index or login page?)");
    if (json) {
        rc = fl_doc_json_write(doc, stdout, &errmsg);   /* as it goes: no copy of the whole */
        if (rc == FL_OK && (putchar('\n') == EOF || fflush(stdout) == EOF)) {
            cli_error(NULL, "cannot write the output: %s", strerror(errno));
            fl_doc_free(doc);
            return EXIT_FAIL;
        }
    } else if (len > 0) {
        fwrite(text, 1, len, stdout);
        fputc('\n', stdout);
    }
    fl_doc_free(doc);
    if (rc != FL_OK) return cli_fail(path, rc, errmsg);
    return EXIT_OK;
}

const command cmd_extract = {"extract", "print one document's main text or annotations", usage, run};
