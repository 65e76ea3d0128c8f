/* help_topics.h — help for the notation a learner sees that is not a builtin: operators,
 * keywords, commands and the symbols of printed maths (Σ, ∂, ℝ, ŷ …), and the table of
 * names learners bring from NumPy, Octave and R (std, shape, len, np. …) with what mlm
 * writes instead. All tables are static data; nothing here allocates. */
#ifndef MLM_HELP_TOPICS_H
#define MLM_HELP_TOPICS_H

#include <stdbool.h>
#include <stdio.h>

/* Prints the help of a symbol, operator or keyword written as the learner typed it
 * ("@", "^", "⁻¹", "‖", "for", "Σ", "\\sum"); false when there is none. */
bool help_notation(const char *topic, FILE *out);

/* One line per operator and keyword, for `help notation` (and the man page). */
void help_notation_list(FILE *out);

/* What mlm writes for a name a learner brought from another language ("std", "len",
 * "np"), as a sentence for an error's parenthesis; NULL when the name is not in the table.
 * exists(name) says whether mlm has a name (a builtin or a prelude function) so the
 * sentence can point at it. */
const char *learner_hint(const char *name, bool (*exists)(const char *name, void *ctx), void *ctx);

/* The same for a field written after a value: "shape", "size", "ndim", "mean" (x.shape). */
const char *learner_field_hint(const char *field);

#endif
