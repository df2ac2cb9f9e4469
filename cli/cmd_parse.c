/*
** cmd_parse.c: `flank parse` — what the syntactic stage reads in a text:
** each sentence's UD tokens, parts of speech, lemmas and dependency tree,
** as CoNLL-U or JSON. No database.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank parse [--json] [--html | --markdown | --text] FILE\n\n"
    "Reads FILE ('-' for stdin, may be gzip-compressed) as flank reads a\n"
    "document, splits it into sentences and prints each one's Universal\n"
    "Dependencies tokens, parts of speech, lemmas and dependency tree.\n\n"
    "  --json    print {\"model\", \"sentences\": [{\"start\", \"end\", \"text\",\n"
    "            \"truncated\", \"tokens\": [{\"id\", \"form\", \"start\", \"end\",\n"
    "            \"upos\", \"lemma\", \"head\", \"deprel\"}]}]} instead of CoNLL-U\n"
    "  --html, --markdown, --text   treat FILE as HTML, Markdown or plain text\n\n"
    "Sentences longer than 256 tokens are parsed in pieces of 256, each with\n"
    "its own root (\"truncated\": true; CoNLL-U: a '# truncated' comment).\n"
    "The model is data/model/parse-en_ewt.bin.gz unless $FLANK_PARSE_MODEL\n"
    "names another; it was trained on the Universal Dependencies English Web\n"
    "Treebank (CC BY-SA 4.0, see data/model/README.md).\n";

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    int json = 0;
    const char *path = NULL;
    fl_read_opts opts = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (cli_format_option(argv[i], &opts.format)) continue;
        else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            cli_error(argv[i], "unknown option; see 'flank parse --help'");
            return EXIT_USAGE;
        } else if (path) {
            cli_error("parse", "one FILE at a time; see 'flank parse --help'");
            return EXIT_USAGE;
        } else path = argv[i];
    }
    if (!path) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    opts.text_only = 1;
    fl_doc *doc = NULL;
    char *note = NULL, *errmsg = NULL, *out = NULL;
    int rc = fl_doc_read(path, &opts, &doc, &note, &errmsg);
    if (rc != FL_OK) return cli_fail(path, rc, errmsg);
    if (note) cli_error(path, "%s", note);
    fl_free(note);
    rc = fl_parse_doc(doc, json, &out, &errmsg);
    fl_doc_free(doc);
    if (rc != FL_OK) return cli_fail(NULL, rc, errmsg);
    fputs(out, stdout);
    fl_free(out);
    return EXIT_OK;
}

const command cmd_parse = {"parse", "print the sentences' dependency trees (CoNLL-U or JSON)", usage, run};
