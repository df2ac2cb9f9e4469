/*
** data.h: where flank's data files (data/patterns, data/pack) live: the
** folder named by $FLANK_DATA, else the one compiled in (FL_DATADIR).
** Every module that loads data asks here, so there is one rule.
*/
#ifndef FL_DATA_H
#define FL_DATA_H

const char *data_dir(void);

#endif
