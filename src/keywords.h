/* keywords.h — the table of mlm's reserved words: the keywords the lexer reserves, the commands
 * that are words only at the start of a statement (help, vars, …), and `time`. Completion
 * offers them, the token filter classifies commands by it, and a unit test checks that the
 * lexer agrees with every keyword row (tests/unit/test_lexer.c). Help topics for them live in
 * commands.c. */
#ifndef MLM_KEYWORDS_H
#define MLM_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum KeywordKind {
    KW_KEYWORD,   /* reserved everywhere: the lexer returns its own token */
    KW_COMMAND,   /* a command at the start of a statement followed by names or nothing */
    KW_STATEMENT, /* a statement word at the start of a statement (`time stmt`) */
} KeywordKind;

typedef struct Keyword {
    const char *word;
    KeywordKind kind;
    int token;    /* KW_KEYWORD: the TK_* token the lexer gives it */
} Keyword;

/* Row i of the table, or NULL past the end. */
const Keyword *keyword_at(int i);
/* The row for the len bytes at text, or NULL. */
const Keyword *keyword_find(const char *text, size_t len);
/* True when the len bytes at text are a command word (help, vars, clear, quit, exit). */
bool keyword_is_command(const char *text, size_t len);

#endif
