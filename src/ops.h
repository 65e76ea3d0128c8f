/* ops.h — the operator table: for every operator of ast.h (OP_*), its spellings, its
 * precedence and associativity, the kernel (kernels.h) that computes it element-wise, its
 * LaTeX, and the words `explain` reads it with. Everything that needs to know what an
 * operator means or how it is written asks here: the evaluators (scalar, element-wise,
 * fused), messages, the AST printer, help. The scalar meaning of a kernel is
 * kernel_binary_scalar / kernel_unary_scalar (kernels.c), the one definition of the
 * arithmetic.
 *
 * Precedence levels follow docs/LANGUAGE.md (low to high); the grammar (parser.y) encodes the
 * same order, and the printer's round-trip tests check that the two agree. */
#ifndef MLM_OPS_H
#define MLM_OPS_H

#include <stdbool.h>

#include "ast.h"
#include "kernels.h"

typedef enum OpPrec {
    PREC_LAMBDA = 1,   /* x -> body */
    PREC_IF,           /* if c then a else b */
    PREC_GIVEN,        /* A | B inside P(…) */
    PREC_OR,
    PREC_AND,
    PREC_NOT,
    PREC_COMPARE,      /* == != < <= > >= ≈ */
    PREC_RANGE,        /* a:b a:s:b */
    PREC_ADD,          /* + - */
    PREC_SUM,          /* Σ_{i=a}^{b} body, ∏ */
    PREC_MUL,          /* * / · × @ \ % ∩ */
    PREC_IMPMUL,       /* 2x */
    PREC_UNARY,        /* - + √ not (as prefix) */
    PREC_POW,          /* ^ (right) */
    PREC_POSTFIX,      /* ' ᵀ ² calls indexing .field */
    PREC_ATOM,
} OpPrec;

/* The reductions the fused engine runs and builtins declare (one enum for all). */
typedef enum Reduce { REDUCE_NONE = 0, REDUCE_SUM, REDUCE_PROD, REDUCE_MEAN, REDUCE_MIN, REDUCE_MAX,
                      REDUCE_VAR, REDUCE_STD /* sample (n − 1), of a vector: the statistics pillar */ } Reduce;

typedef struct OpInfo {
    int op;               /* OP_* */
    const char *text;     /* the ASCII spelling used in messages: "+", "*", "<=" */
    const char *symbol;   /* how the printer writes it in mlm's Unicode style: "+", "·"?, "≤" */
    const char *spellings;/* every spelling the lexer accepts, for help: "* ×" */
    int prec;             /* OpPrec */
    bool right_assoc;
    bool unary;           /* a prefix operator */
    int kernel;           /* KernelBinary (binary) or KernelUnary (unary); KB_NONE/KU_NONE (0) when none */
    bool elementwise;     /* computed element by element with broadcasting */
    const char *latex;    /* "+", "\\cdot", "\\le" */
    const char *words;    /* how `explain` reads it between operands: "plus", "times" */
    const char *noun;     /* what `explain` calls its result: "sum", "product" */
} OpInfo;

/* The rows, indexed by OP_*; a row with a NULL text is no operator. */
extern const OpInfo ops_table[OP_COUNT];
extern const OpInfo ops_unknown;

/* The entry of op (an OP_*); an entry with text "?" for an unknown op. */
static inline const OpInfo *op_info(int op) {
    return op > 0 && op < OP_COUNT && ops_table[op].text ? &ops_table[op] : &ops_unknown;
}

/* The kernel computing binary op element-wise (KB_*), or KB_NONE when op has none. */
static inline int op_kernel(int op) { return op_info(op)->kernel; }

/* The scalar meaning of an element-wise binary operator: kernel_binary_scalar of its kernel. */
double op_apply(int op, double x, double y);

#endif
