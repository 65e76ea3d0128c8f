/* subscript.c — splitting y_i and yᵢ into a base and an index (see subscript.h). */
#include "subscript.h"

#include <string.h>

/* Unicode's subscript letters (U+2090–U+209C, U+1D62–U+1D65, U+2C7C) and what they read as. */
static const struct { const char *utf8, *ascii; } sub_letters[] = {
    {"ₐ", "a"}, {"ₑ", "e"}, {"ₒ", "o"}, {"ₓ", "x"}, {"ₕ", "h"}, {"ₖ", "k"}, {"ₗ", "l"},
    {"ₘ", "m"}, {"ₙ", "n"}, {"ₚ", "p"}, {"ₛ", "s"}, {"ₜ", "t"}, {"ᵢ", "i"}, {"ᵣ", "r"},
    {"ᵤ", "u"}, {"ᵥ", "v"}, {"ⱼ", "j"},
};

/* The subscript letter ending at s + len, its length in *n and its reading; NULL if none. */
static const char *trailing_sub(const char *s, size_t len, size_t *n) {
    for (size_t i = 0; i < sizeof sub_letters / sizeof sub_letters[0]; i++) {
        size_t k = strlen(sub_letters[i].utf8);
        if (len >= k && memcmp(s + len - k, sub_letters[i].utf8, k) == 0) {
            *n = k;
            return sub_letters[i].ascii;
        }
    }
    return NULL;
}

bool subscript_split(const char *name, size_t *base_len, char *index, size_t index_size) {
    size_t len = strlen(name);
    /* yᵢ, xᵢⱼ: a run of subscript letters */
    size_t end = len, n;
    char rev[32];
    size_t nrev = 0;
    const char *r;
    while (end > 0 && nrev + 1 < sizeof rev && (r = trailing_sub(name, end, &n)) != NULL) {
        rev[nrev++] = r[0];
        end -= n;
    }
    if (nrev > 0 && end > 0) {
        if (nrev + 1 > index_size) return false;
        for (size_t i = 0; i < nrev; i++) index[i] = rev[nrev - 1 - i];
        index[nrev] = '\0';
        *base_len = end;
        return true;
    }
    /* y_i: after the last underscore */
    const char *us = strrchr(name, '_');
    if (!us || us == name || us[1] == '\0') return false;
    size_t k = len - (size_t)(us + 1 - name);
    if (k + 1 > index_size) return false;
    memcpy(index, us + 1, k + 1);
    *base_len = (size_t)(us - name);
    return true;
}
