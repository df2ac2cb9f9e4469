/*
** annot.h: the annotation records every annotate stage produces and the
** later stages (store, query, JSON) consume. Offsets are byte offsets into
** the document's normalised text. Predicate names and the ids of pack
** entities point into storage owned by the loaded knowledge pack or by
** static tables, which live as long as the process; the ids of the
** document's own entities (names the pack lacks, names.h) point into the
** gaz_result that holds them (gaz_local, gazetteer.h), which lives as long
** as the document (fl_doc.ents). Records never own strings: copy an id to
** keep it past its document.
*/
#ifndef FL_ANNOT_H
#define FL_ANNOT_H

#include <stddef.h>

/* One occurrence of a known entity. */
typedef struct annot_mention {
    size_t start, end;
    const char *id;          /* "country:LY": the pack's, or the document's (see above) */
} annot_mention;

/* The index of the first of M[0..N) (sorted by start) that starts at or
** after byte POS; N when none does. */
static inline size_t annot_mention_at(const annot_mention *m, size_t n, size_t pos) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m[mid].start < pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* A temporal expression, normalised to ISO 8601 with its precision:
** "2024", "2024-07", "2024-07-01", a week "2025-W26", a decade
** "1990/1999" (a range of years is two dates, date.h). */
typedef struct annot_date {
    size_t start, end;
    char value[32];
} annot_date;

enum annot_modality { MOD_ASSERTED, MOD_ALLEGED, MOD_NEGATED, MOD_PLANNED };

typedef struct annot_relation {
    const char *subject;     /* entity id */
    const char *predicate;   /* one of data/patterns/cameo.tsv (vocab.h) */
    const char *object;      /* entity id, or NULL (e.g. "established") */
    char date[32];           /* as annot_date.value, or "" */
    int modality;            /* enum annot_modality */
    size_t start, end;       /* the sentence it comes from */
} annot_relation;

enum annot_claim_kind { CLAIM_RECOMMENDATION, CLAIM_ASSESSMENT, CLAIM_QUOTE };

#define CLAIM_ABOUT_MAX 16

typedef struct annot_claim {
    int kind;                /* enum annot_claim_kind */
    const char *speaker;     /* person entity id for quotes, or NULL */
    size_t start, end;       /* the claim's text span */
    const char *about[CLAIM_ABOUT_MAX];   /* the entities mentioned in the span, */
    size_t n_about;                       /* its speaker aside, the first 16 */
} annot_claim;

#endif
