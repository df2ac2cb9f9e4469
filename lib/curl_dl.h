/*
** curl_dl.h: libcurl, opened on first use (dl.h). Include this instead of
** <curl/curl.h>; call curl_dl_open() before any curl_* function.
*/
#ifndef FL_CURL_DL_H
#define FL_CURL_DL_H

#include <curl/curl.h>

#include "err.h"

/* Loads libcurl and initialises it once. FL_OK, or FL_EIO with *errmsg
** saying what to install. */
int curl_dl_open(char **errmsg);

#endif
