/*
** banned.h: calls that are easy to misuse become compile errors (as in
** git). Included last by every library and CLI source through the Makefile
** (-include), so a new file cannot forget it.
*/
#ifndef FL_BANNED_H
#define FL_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gets
#define gets(x) BANNED(gets)

#endif
