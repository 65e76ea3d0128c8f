/* fuzz_parse.c — libFuzzer harness for the lexer and parser (see tests/fuzz/README.md).
 *
 * Each input is any bytes: it becomes one Source (source_new copies it and adds the NUL the
 * lexer's sentinel needs; NUL bytes inside are the lexer's business) and is parsed with the
 * default nesting limit. A syntax error is a normal outcome; what must never happen is a
 * crash, a sanitizer report or a leak. A successful parse is also rendered with
 * ast_to_sexpr, which walks every node the parser built. */
#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "parse.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Source *src = source_new("<fuzz>", (const char *)data, size);
    AstArena *arena = ast_arena_new(src);
    Diagnostic diag = {0};
    bool incomplete = false;
    Node *program = parse_source(arena, src, 0, &diag, &incomplete);
    if (program) {
        char buf[4096];
        ast_to_sexpr(program, buf, sizeof buf);
    }
    ast_arena_release(arena);
    source_release(src);
    return 0;
}
