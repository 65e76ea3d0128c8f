/* subscript.h — subscripts as books write them: y_i, yᵢ, y_{i} (read as y_i by latex_in.c)
 * mean y[i] inside Σ_{i=…} and ∏ (and in a function whose parameter is i).
 *
 * The rule, applied by the resolver (resolve.c) to a name N that is not a variable:
 * N splits into base + index, the index being what follows the last '_' (y_i, ŷ_i, x_k) or
 * a trailing run of subscript letters (yᵢ, xₖ; ᵢ ⱼ ₖ ₙ ₘ ₜ … read as i j k n m t); when the
 * index is a Σ/∏ index or a parameter in scope and the base is a variable, N means
 * base[index]. A name that is itself a variable is never split, so learning_rate, x_0 = 1
 * and a user's own y_i keep their meaning. */
#ifndef MLM_SUBSCRIPT_H
#define MLM_SUBSCRIPT_H

#include <stdbool.h>
#include <stddef.h>

/* Splits name into base (its first *base_len bytes) and an index name written into index
 * (NUL-terminated, ASCII for subscript letters). False when name has no subscript form. */
bool subscript_split(const char *name, size_t *base_len, char *index, size_t index_size);

#endif
