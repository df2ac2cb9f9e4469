/*
** read.h: the read stage. Turns a source (a path, "-" for stdin, or bytes)
** into UTF-8 text and a format: gunzips, refuses binary data, strips a BOM,
** honours a declared HTML charset, and transcodes legacy text (Windows-1252,
** UTF-16 with a BOM) with a note. It also walks folders for ingest.
*/
#ifndef FL_READ_H
#define FL_READ_H

#include <stddef.h>

#include "buf.h"

#define READ_DEFAULT_MAX ((size_t)64 << 20)

enum read_format { READ_TEXT, READ_HTML, READ_MARKDOWN };

/* Reads PATH ("-" for stdin) whole into OUT, gunzipping when the bytes are
** gzip; fails with FL_ETOOBIG past MAX bytes (compressed or not). */
int read_source(const char *path, size_t max, buf *out, char **errmsg);

/* Guesses the format from the name (.html, .htm, .xhtml; .md, .markdown;
** gzipped too) and, for HTML, the bytes. */
int read_detect_format(const char *path, const char *data, size_t n);

/* Decodes DATA into UTF-8 in OUT. *note receives a malloc'd remark when the
** input was transcoded (else NULL). Fails with FL_EBINARY, FL_EEMPTY or
** FL_EENCODING. */
int read_decode(const char *data, size_t n, int format, buf *out, char **note,
                char **errmsg);

/* Transcodes DATA[0..N) from the charset DECLARED (by an HTML meta tag, an
** HTTP Content-Type) into OUT, which must be empty, and returns 1; 0 when
** it declares UTF-8, when the bytes are valid UTF-8 anyway (*note then may
** say so) or when they do not decode as declared: the caller reads them
** as undeclared. */
int read_decode_declared(const char *declared, const char *data, size_t n, buf *out, char **note);

/* Offset of the first byte of DATA that is not UTF-8, or N when all is. */
size_t utf8_check(const char *data, size_t n);

/* NAME (a file name, an upload's name) as UTF-8, for JSON and the store:
** each byte that is not UTF-8 written \xHH (a Latin-1 name "caf\xe9.txt"),
** so the original bytes can be read back. Caller frees; NULL when out of
** memory. */
char *read_utf8_name(const char *name);

/* Folder walking is public: fl_walk() in flank.h. */

#endif
