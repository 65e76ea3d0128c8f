/* manpage.h — mlm(1), written from the tables `help` reads (the usage text, the builtin rows,
 * the library's `#:` comments, the notation table), so `man mlm`, `mlm --help` and `help` never
 * drift. `mlm --man` prints it; `make install` installs it. */
#ifndef MLM_MANPAGE_H
#define MLM_MANPAGE_H

#include <stdio.h>

/* Writes the man page in roff to out; usage writes the synopsis text (main.c's). */
void manpage_write(FILE *out, const char *version, void (*usage)(FILE *out));

#endif
