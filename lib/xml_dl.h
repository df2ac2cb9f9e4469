/*
** xml_dl.h: libxml2, opened on first use (dl.h). Include this instead of
** <libxml/parser.h>; call xml_dl_open() before xmlReadMemory. Only the
** parse and the free are called: the tree is walked through its structs.
*/
#ifndef FL_XML_DL_H
#define FL_XML_DL_H

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "err.h"

/* Loads libxml2 once. FL_OK, or FL_EIO with *errmsg saying what to install. */
int xml_dl_open(char **errmsg);

#endif
