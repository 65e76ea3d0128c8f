/* textwidth.h — how many terminal columns UTF-8 text takes, for aligned columns (vars): a
 * combining mark takes none (x̄, θ̂), an East Asian wide character two, others one. */
#ifndef MLM_TEXTWIDTH_H
#define MLM_TEXTWIDTH_H

#include <stdio.h>

/* Columns s (valid UTF-8, NUL-terminated) takes. */
int text_display_width(const char *s);

/* Writes s and then spaces up to width columns (none when s is wider). */
void text_put_padded(FILE *out, const char *s, int width);

#endif
