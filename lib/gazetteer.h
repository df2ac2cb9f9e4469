/*
** gazetteer.h: the knowledge pack and entity linking.
**
** The pack is data (DESIGN.md, "Knowledge pack"): tab-separated files whose
** header line says what they hold.
**
**   id  type  name  aliases  attrs           entities (data/pack/entities)
**   extends  name  aliases  attrs            more names/attrs for an id
**   subject  predicate  object  start  end  source     known facts
**   kind  word                               context words for linking
**
** Aliases are separated by "|"; each may end with "@LANG" (its language)
** and "{FLAGS}" (comma-separated): "def" (counts only once the entity is
** otherwise present in the document, e.g. an acronym it defines),
** "ctx=ID" (counts only when entity ID is present: "the Alliance" in a
** NATO text), "given" (also a personal name: "Chad", "Jordan"; dropped
** next to an unknown capitalised word), "nocase". Attrs are "key=value"
** pairs separated by ";" (iso2=LY; lat=..; lon=..; metonym=country:RU ...).
** Case rules come from how an alias is written: all-capital aliases of up
** to six letters ("CAR", "U.S.") need the same capitals in the text;
** capitalised words of an alias need a capital in the text; lower-case
** words match any case. docs/internals/gazetteer.md has the details.
**
** Where packs come from: gaz_default() loads, once per process,
** $FLANK_DATA/pack (else FL_DATADIR/pack), the generated pack in
** $FLANK_GENPACK (else FL_PACKDIR, made by `make` from iso-codes and
** geonames) and every folder or file in $FLANK_PACKS (colon-separated;
** unset: the folder packs/ beside the database $FLANK_DB or ./flank.db,
** when it exists; `flank kb add` copies files there).
** A pack is read-only once loaded and may be shared by threads.
**
** The matcher folds text with tokenize.h, looks word sequences up in a
** trie keyed by 64-bit hashes of folded words, and keeps the leftmost
** longest match; its time is linear in the text.
*/
#ifndef FL_GAZETTEER_H
#define FL_GAZETTEER_H

#include <stddef.h>

#include "annot.h"
#include "tokenize.h"

typedef struct gaz_pack gaz_pack;

typedef struct gaz_entity {
    const char *id, *type, *name;
    const char *aliases;     /* as written in the pack(s), "|"-separated */
    const char *attrs;       /* "k=v;k=v" */
    const char *file;        /* where it was defined */
    size_t line;
    int prio;                /* 2 hand-made, 1 bulk generated (src=...) */
} gaz_entity;

typedef struct gaz_fact {
    const char *subject, *predicate, *object;   /* object may be "" */
    const char *start, *end, *source;           /* years or "" */
    const char *file;
    size_t line;
} gaz_fact;

/* Loads every pack path in PATHS (folders are searched for *.tsv, sorted;
** files are read as they are). Errors name the file and line. On failure
** *out is NULL and nothing of a previously loaded pack changes. Free with
** gaz_free(). */
int gaz_load(const char *const *paths, size_t n_paths, gaz_pack **out,
             char **errmsg);
void gaz_free(gaz_pack *pack);

/* The process-wide pack (see above), loaded on first use; thread-safe.
** The pack lives until exit. */
int gaz_default(const gaz_pack **out, char **errmsg);

/* The pack paths gaz_default() would load, NULL-terminated, static. */
const char *const *gaz_default_paths(void);

size_t gaz_entity_count(const gaz_pack *pack);
const gaz_entity *gaz_entity_at(const gaz_pack *pack, size_t i);
/* An entity by id, or NULL. */
const gaz_entity *gaz_get(const gaz_pack *pack, const char *id);
/* The value of attribute KEY (not NUL-terminated: *len bytes), or NULL. */
const char *gaz_attr(const gaz_entity *e, const char *key, size_t *len);

size_t gaz_fact_count(const gaz_pack *pack);
const gaz_fact *gaz_fact_at(const gaz_pack *pack, size_t i);

/* Problems that do not stop loading but that `flank kb check` reports:
** two hand-made entities sharing an alias. Calls FN once per clash. */
void gaz_clashes(const gaz_pack *pack, void *ctx,
                 void (*fn)(void *ctx, const char *alias,
                            const gaz_entity *a, const gaz_entity *b));

/* Lower-case words the pack's context files name (context.tsv and the
** generated common-words.tsv), for the name finder (names.h). */
enum { GAZ_WORD_STOP = 1, GAZ_WORD_CONNECTOR = 2, GAZ_WORD_COMMON = 4 };

/* The GAZ_WORD_* classes of the folded word FOLD[0..N). */
int gaz_word_class(const gaz_pack *pack, const char *fold, size_t n);

/* An entity of one document that the pack does not know (names.h finds
** them). The result that holds it owns its strings, and the mentions'
** ids point at ID: they live as long as the result. */
typedef struct gaz_local {
    char *id;                /* "person:charles-bouchard" */
    char *name;              /* its fullest form in the document */
    const char *type;        /* static: "person", "organization", ... */
} gaz_local;

/* The linking result: mentions of known entities and of the document's own
** (LOCALS, whose ids the pack lacks), and candidates (capitalised phrases
** that look like names nothing typed; their id is NULL). Mentions and
** candidates are sorted by start offset. */
typedef struct gaz_result {
    annot_mention *mentions;
    size_t n_mentions;
    annot_mention *candidates;
    size_t n_candidates;
    gaz_local *locals;
    size_t n_locals;
} gaz_result;

/* The document entity of R whose id is ID, or NULL (the id is the pack's).
** R's locals are sorted by id (names_find leaves them so). */
const gaz_local *gaz_result_local(const gaz_result *r, const char *id);

/* Finds and resolves entity mentions in TEXT[0..N), whose words are WORDS
** (tok_words_make of the same text). */
int gaz_annotate(const gaz_pack *pack, const char *text, size_t n, const tok_words *words,
                 gaz_result *out, char **errmsg);
void gaz_result_release(gaz_result *r);

#endif
