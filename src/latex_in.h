/* latex_in.h — LaTeX typed or pasted is read as mlm: a layer between the re2c lexer and the
 * parser's token filter (parse.c) that turns `\frac{a}{b}`, `\sum_{i=1}^{n}`, `\sqrt{x}`,
 * `\cdot`, `\hat{y}`, `\alpha`, `x^\top`, `\|x\|`, `\left( \right)`, `y_{i}` … into the
 * tokens mlm's own spelling would give. Tokens keep the spans of the LaTeX they came from,
 * so an error points at the text as typed. An unsupported command is an LX_ERROR naming it;
 * so is malformed LaTeX (`\frac{a}` without its denominator).
 *
 * A backslash glued to a name is LaTeX where an operand is expected, after a space, or when the
 * name is a LaTeX command this layer knows; glued after an operand an unknown `\name` stays the
 * left division it always was (A\b). Operands side by side (XᵀX, λ‖w‖²) get a zero-length @
 * between them: juxtaposition as print. Merged names (ŷ from \hat{y}, y_i from y_{i}) and
 * error messages are copied into the parse arena; the layer itself allocates nothing. */
#ifndef MLM_LATEX_IN_H
#define MLM_LATEX_IN_H

#include "ast.h"
#include "lex.h"

enum { LATEX_QUEUE = 16, LATEX_DEPTH = 512 };

typedef struct LatexLayer {
    Lexer *lx;
    AstArena *arena;
    Token in[LATEX_QUEUE];   /* raw tokens read ahead from the lexer */
    int nin;
    Token out[LATEX_QUEUE];  /* translated tokens not yet handed on */
    int nout, outpos;
    char stack[LATEX_DEPTH]; /* open braces: b (a brace), P (^{…} → ( )), N/D (\frac's two
                                groups), Q (\sqrt{…}), I (x_{…} → x[…]) */
    unsigned open_at[LATEX_DEPTH], open_len[LATEX_DEPTH]; /* where each brace is */
    int depth;
    int prev;                /* kind of the last token handed on */
    int sum_state;           /* 1: after Σ/∏/∫, 2: in its _{…}, 3: its ^ may come, 4: ^ came, 5: a bare lower bound comes (∫_0) */
    int sum_depth;
    unsigned bound_at;       /* 1 + the offset of a Σ head's unbraced upper bound (\sum_{i=1}^n x) */
    bool prev_is_bound;      /* the last token handed on was that bound */
    int open_integrals;      /* ∫ signs whose closing dx has not come yet (no juxtaposition before it) */
    bool prev_prime;         /* …and was a ' (f'(x): a derivative called, not Xᵀ(…) multiplied) */
    int matrix;              /* open \begin{bmatrix} */
    bool latex_line;         /* a LaTeX command was read on this line */
    int brackets;            /* open [ ] (juxtaposition is off inside) */
    int norms;               /* open ‖ */
    bool prev_closes;        /* the last token closed a ‖ */
    bool no_juxt;            /* a command word started this statement */
    bool word_before;        /* the last token was a statement word (time, explain, latex) */
} LatexLayer;

void latex_init(LatexLayer *L, Lexer *lx, AstArena *arena);
/* Drops what was read ahead (the lexer's cursor was moved by the caller). */
void latex_reset(LatexLayer *L);
/* The next token for the filter: like lexer_next, with LaTeX translated. */
int latex_next(LatexLayer *L, Token *tok);

/* The Unicode letter a LaTeX letter command stands for ("alpha" → "α"), or NULL. */
const char *latex_letter(const char *name, size_t len);

#endif
