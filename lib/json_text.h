/*
** json_text.h: JSON text written into a buf, byte for byte what
** json_dumps writes with JSON_INDENT(n) or JSON_COMPACT (other flags are
** not honoured; object keys come in insertion order, as jansson keeps
** them): from jansson values (json_text), or element by element with a
** writer, for answers built straight from C structs (a search's page:
** building a jansson tree of it cost more than writing it). About ten
** times faster than json_dumps, which formats every integer with snprintf
** and hands every piece of a string to a callback.
*/
#ifndef FL_JSON_TEXT_H
#define FL_JSON_TEXT_H

#include <jansson.h>
#include <stdint.h>

#include "buf.h"

/* Appends V to OUT; FL_OK or OUT's sticky error. Strings are written as
** they are held: jansson checked them as UTF-8 when they were made. */
int json_text(buf *out, const json_t *v, size_t flags);

/* A writer of one JSON value into OUT. Containers are opened (jw_object,
** jw_array) and closed (jw_end); inside an object each value follows its
** jw_key. Separators and indents are the writer's. Errors are OUT's
** sticky error; nesting deeper than JW_MAX_DEPTH sets FL_ETOOBIG. */
#define JW_MAX_DEPTH 128

typedef struct json_writer {
    buf *out;
    size_t flags;                         /* JSON_INDENT(n) or JSON_COMPACT */
    size_t depth;                         /* containers open */
    unsigned char open[JW_MAX_DEPTH];     /* each one's kind and whether it has an element */
} json_writer;

void jw_init(json_writer *w, buf *out, size_t flags);
void jw_object(json_writer *w);
void jw_array(json_writer *w);
void jw_end(json_writer *w);
void jw_key(json_writer *w, const char *key, size_t n);
/* S (N bytes) must be UTF-8, as jansson's strings are. */
void jw_string(json_writer *w, const char *s, size_t n);
void jw_int(json_writer *w, int64_t v);
void jw_real(json_writer *w, double v);
void jw_literal(json_writer *w, const char *word);   /* "null", "true" or "false" */
void jw_value(json_writer *w, const json_t *v);

#endif
