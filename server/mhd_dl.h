/*
** mhd_dl.h: libmicrohttpd, opened when `flank serve` starts rather than by
** the dynamic loader at every command. The library and what it pulls in
** (gnutls, nettle, gmp, p11-kit, ...: a dozen shared objects) cost each
** one-shot command, `flank search` or `flank extract`, several
** milliseconds of mapping and relocation it never used.
**
** mhd_dl.c defines the MHD_* functions the server calls, each forwarding
** to the library's own, so the server code reads as plain libmicrohttpd.
*/
#ifndef FL_MHD_DL_H
#define FL_MHD_DL_H

/* Opens the library and resolves the functions the server calls (dl.h):
** FL_OK, or FL_EIO with what is wrong and what to install in *ERRMSG. Call
** it before any MHD_* function; a second call does nothing. */
int mhd_dl_open(char **errmsg);

#endif
