/* keywords.c — the reserved words (see keywords.h). */
#include "keywords.h"

#include <string.h>

#include "parser.h"

static const Keyword table[] = {
    {"if", KW_KEYWORD, TK_IF},         {"then", KW_KEYWORD, TK_THEN},     {"else", KW_KEYWORD, TK_ELSE},
    {"for", KW_KEYWORD, TK_FOR},       {"in", KW_KEYWORD, TK_IN},         {"while", KW_KEYWORD, TK_WHILE},
    {"return", KW_KEYWORD, TK_RETURN}, {"break", KW_KEYWORD, TK_BREAK},   {"continue", KW_KEYWORD, TK_CONTINUE},
    {"check", KW_KEYWORD, TK_CHECK},   {"assert", KW_KEYWORD, TK_ASSERT}, {"within", KW_KEYWORD, TK_WITHIN},
    {"why", KW_KEYWORD, TK_WHY},       {"import", KW_KEYWORD, TK_IMPORT}, {"end", KW_KEYWORD, TK_END},
    {"and", KW_KEYWORD, TK_AND},       {"or", KW_KEYWORD, TK_OR},         {"not", KW_KEYWORD, TK_NOT},
    {"help", KW_COMMAND, 0},           {"vars", KW_COMMAND, 0},           {"clear", KW_COMMAND, 0},
    {"quit", KW_COMMAND, 0},           {"exit", KW_COMMAND, 0},           {"time", KW_STATEMENT, 0},
};

const Keyword *keyword_at(int i) {
    return i >= 0 && (size_t)i < sizeof table / sizeof table[0] ? &table[i] : NULL;
}

const Keyword *keyword_find(const char *text, size_t len) {
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strlen(table[i].word) == len && strncmp(table[i].word, text, len) == 0) return &table[i];
    return NULL;
}

bool keyword_is_command(const char *text, size_t len) {
    const Keyword *k = keyword_find(text, len);
    return k && k->kind == KW_COMMAND;
}
