/*
** data.h: where flank's files live: its data (data/patterns, data/pack),
** the generated part of the pack and the web UI. Each is the folder its
** variable names ($FLANK_DATA, $FLANK_GENPACK, $FLANK_WEB), else the one
** of an installed flank (PREFIX/share/flank/data, .../pack, .../web beside
** PREFIX/bin/flank: `make install`), else the source tree's, compiled in
** (FL_DATADIR, FL_PACKDIR, FL_WEBDIR). Every module that loads data asks
** here, so there is one rule (fl_path in flank.h is its public face).
*/
#ifndef FL_DATA_H
#define FL_DATA_H

const char *data_dir(void);        /* data/: patterns and the hand-written pack */
const char *data_pack_dir(void);   /* the generated pack ("" when none) */

#endif
