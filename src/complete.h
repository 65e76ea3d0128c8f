/* complete.h — what Tab offers at the prompt: names (keywords, builtins, the library and the
 * user's own variables), file names inside the string argument of `import`/`load`, and
 * LaTeX-like symbol names that turn into the Unicode symbol (`\Sigma` → Σ, `\hat{y}` → ŷ,
 * `\^2` → ², `\_1` → ₁), as the Julia prompt does.
 *
 * The generator is pure: it looks at the text before the cursor and the session's globals,
 * and knows nothing of readline (repl.c applies the result), so it is unit tested directly. */
#ifndef MLM_COMPLETE_H
#define MLM_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#include "interp.h"

typedef enum CompleteKind {
    COMPLETE_NONE,        /* nothing to offer here */
    COMPLETE_NAME,        /* items are names that start with the word before the cursor */
    COMPLETE_SYMBOL,      /* items[0] is the Unicode text of a complete \name: replace, done */
    COMPLETE_SYMBOL_NAME, /* items are \names that start with the typed \prefix */
    COMPLETE_FILE,        /* items are paths (directories end in '/') inside a string */
} CompleteKind;

typedef struct Completion {
    CompleteKind kind;
    int start, end;  /* the bytes [start, end) of the line the items replace; end = the cursor */
    int count, cap;
    char **items;    /* owned, each owned; sorted, no duplicates */
} Completion;

/* Fills out with what completes line[0..point) in session in (borrowed; may be NULL, then
 * only keywords are names). Always call completion_free afterwards. */
void complete_line(const Interp *in, const char *line, int point, Completion *out);
void completion_free(Completion *c);

/* The longest common prefix of the items, cut at a whole UTF-8 character; malloc'd. */
char *completion_common_prefix(const Completion *c);

/* The Unicode text of a symbol form (the whole of text[0..len), starting with '\'):
 * `\alpha`, `\hat{y}`, `\bar{\theta}`, `\^-1`, `\_12`. Writes it NUL-terminated into buf
 * and returns true; false if text is not a complete symbol form or buf is too small. */
bool complete_symbol(const char *text, size_t len, char *buf, size_t size);

/* Symbol table iteration for listings: the index-th \name and its text, or NULL past the end. */
const char *complete_symbol_at(int index, const char **text);

#endif
