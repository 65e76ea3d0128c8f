/* astprint.h — the one printer of syntax trees, in three styles:
 *
 *   AST_MLM    mlm's own notation in Unicode (`2x + 3`, `x²`, `Σ_{i=1}^{n} (y[i] − ŷ[i])²`,
 *              `‖x‖`, `Xᵀ`): what the REPL shows for formulas and function bodies. It parses
 *              back to the same tree (tests/unit/test_astprint.c checks every node kind).
 *   AST_LATEX  LaTeX as a book would set it (`\frac{a}{b}`, `\sum_{i=1}^{n}`, `\hat{y}_{i}`,
 *              `\lVert x \rVert`, `x^{\top}`, `\begin{bmatrix}`).
 *   AST_WORDS  the expression read aloud (`the sum, for i from 1 to n, of …`), for explain.
 *
 * Parentheses come from precedence and associativity in the operator table (ops.h): a
 * subexpression is bracketed only where its operator binds more loosely than its place needs.
 * Works on resolved and unresolved trees alike (N_LOCAL / N_GLOBAL keep their names). */
#ifndef MLM_ASTPRINT_H
#define MLM_ASTPRINT_H

#include <stddef.h>
#include <stdio.h>

#include "ast.h"

typedef enum AstStyle { AST_MLM, AST_LATEX, AST_WORDS } AstStyle;

/* Writes expression or statement n to out in the given style (no trailing newline). */
void ast_print(FILE *out, const Node *n, AstStyle style);

/* The same into buf (of size bytes, NUL-terminated, cut at size − 1); returns buf. */
const char *ast_print_text(const Node *n, AstStyle style, char *buf, size_t size);

/* The precedence of n as an operand (ops.h OpPrec): PREC_ATOM for names and brackets. */
int ast_node_prec(const Node *n);

#endif
