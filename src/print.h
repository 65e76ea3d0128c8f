/* print.h — how values look: numbers with up to 15 significant digits (0.1 + 0.2 → 0.3),
 * integers without a point, vectors as [1, 2, 3], matrices as aligned rows written so
 * they can be pasted back as a literal, large arrays elided with … and their shape. */
#ifndef MLM_PRINT_H
#define MLM_PRINT_H

#include <stdio.h>
#include "value.h"

/* Formats x: "%.15g"-like, but "-0" → "0", inf → "inf"/"-inf", nan → "nan",
 * exponent form "1e+20" → "1e20", "1.5e-07" → "1.5e-7". Returns buf. */
const char *print_number(double x, char *buf, size_t size);

/* Writes v the way a result is shown at the prompt (no trailing newline for scalars and
 * vectors; matrices end without a newline too). Strings print without quotes. A function
 * with a one-expression body prints as its definition, `f(x) = x^2` or `x -> 2x` (a block
 * body as "<function f(x)>"); builtins as "<builtin sqrt>". Tuples print each part as "name = value"
 * on its own line. */
void print_value(FILE *out, Value v);

/* Like print_value but for use inside messages: strings quoted, arrays short. */
void print_value_brief(FILE *out, Value v);

#endif
