/*
** store_dedup.h: near-duplicate documents in the store (store_dedup.c):
** each document's MinHash signature (dedup.h) and band keys, and the link
** of a copy to its original, made as the copy is added. Counts of
** independent sources leave copies out (the view independent_documents).
*/
#ifndef FL_STORE_DEDUP_H
#define FL_STORE_DEDUP_H

#include <jansson.h>
#include <stdint.h>

#include "flank/flank.h"

/* The tables, as part of the store's schema. */
#define DEDUP_SCHEMA \
    "CREATE TABLE IF NOT EXISTS dup_sigs(doc_id INTEGER PRIMARY KEY, shingles INTEGER NOT NULL, sig BLOB NOT NULL);" \
    "CREATE TABLE IF NOT EXISTS dup_bands(key INTEGER NOT NULL, doc_id INTEGER NOT NULL);" \
    "CREATE INDEX IF NOT EXISTS dup_bands_by_key ON dup_bands(key);" \
    "CREATE TABLE IF NOT EXISTS dup_links(doc_id INTEGER PRIMARY KEY, original_id INTEGER NOT NULL," \
    "  similarity REAL NOT NULL);" \
    "CREATE INDEX IF NOT EXISTS dup_links_by_original ON dup_links(original_id);" \
    "CREATE VIEW IF NOT EXISTS independent_documents AS" \
    "  SELECT * FROM documents WHERE id NOT IN (SELECT doc_id FROM dup_links);"

/* The SQL expression of the document counted for the document id DOC: its
** original when it is a near-duplicate, else itself. */
#define INDEPENDENT_DOC(doc) "coalesce((SELECT original_id FROM dup_links WHERE doc_id = " doc "), " doc ")"

/* Deleting document ?1: its rows, and its copies become independent. */
#define DEDUP_DELETE \
    "DELETE FROM dup_sigs WHERE doc_id = ?1;" \
    "DELETE FROM dup_bands WHERE doc_id = ?1;" \
    "DELETE FROM dup_links WHERE doc_id = ?1 OR original_id = ?1;"

/* Records DOC, just stored as DOC_ID in the open transaction: its
** signature, and its link to the document it is a copy of, if any. */
int store_dedup_add(fl_db *db, const fl_doc *doc, int64_t doc_id, char **errmsg);

/* Adds to the document object DOC (of id DOC_ID) "copy_of" ({id, title,
** similarity} or null) and "copies" ([{id, title, similarity}]). A
** database without the tables gives none. */
int store_dedup_json(fl_db *db, int64_t doc_id, json_t *doc);

#endif
