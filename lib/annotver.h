/*
** annotver.h: the version of the annotations this flank makes: a digest
** of everything the annotate stages read (the program's version, the data
** folder with its patterns and pack, the generated pack, the user pack
** folders with their rejections). A stored document annotated under
** another version is stale: `flank relink` annotates it again. The
** store records which documents were made under which version.
*/
#ifndef FL_ANNOTVER_H
#define FL_ANNOTVER_H

/* 16 hex digits, computed once per process (thread-safe); "" when the
** files cannot be read (every document then counts as stale). */
const char *annot_version(void);

#endif
