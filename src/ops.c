/* ops.c — the operator table (see ops.h): one row per operator. */
#include "ops.h"

#include "ast.h"

#define BIN(op, text, symbol, spellings, prec, kernel, latex, words, noun) \
    [op] = {op, text, symbol, spellings, prec, false, false, kernel, kernel != 0, latex, words, noun}

const OpInfo ops_table[OP_COUNT] = {
    BIN(OP_ADD, "+", "+", "+", PREC_ADD, KB_ADD, "+", "plus", "sum"),
    BIN(OP_SUB, "-", "−", "- −", PREC_ADD, KB_SUB, "-", "minus", "difference"),
    BIN(OP_MUL, "*", "*", "* ×", PREC_MUL, KB_MUL, "\\cdot", "times", "product"),
    BIN(OP_DIV, "/", "/", "/ ÷", PREC_MUL, KB_DIV, "/", "divided by", "quotient"),
    [OP_POW] = {OP_POW, "^", "^", "^ ** ² ³ ⁻¹", PREC_POW, true, false, KB_POW, true, "^", "to the power", "power"},
    BIN(OP_MOD, "%", "%", "%", PREC_MUL, KB_MOD, "\\bmod", "modulo", "remainder"),
    BIN(OP_MATMUL, "@", "@", "@", PREC_MUL, 0, "", "matrix-times", "matrix product"),
    BIN(OP_DOT, "·", "·", "· ⋅", PREC_MUL, 0, "\\cdot", "dot", "dot product"),
    BIN(OP_LDIV, "\\", "\\", "\\", PREC_MUL, 0, "\\backslash", "left-divided into", "solution"),
    [OP_NEG] = {OP_NEG, "-", "−", "- −", PREC_UNARY, false, true, KU_NEG, true, "-", "minus", "negation"},
    [OP_POS] = {OP_POS, "+", "+", "+", PREC_UNARY, false, true, 0, true, "+", "plus", "value"},
    [OP_NOT] = {OP_NOT, "not", "not ", "not ! ¬", PREC_NOT, false, true, KU_NOT, true, "\\lnot ", "not", "negation"},
    BIN(OP_EQ, "==", "==", "==", PREC_COMPARE, KB_EQ, "=", "equals", "equality"),
    BIN(OP_NE, "!=", "≠", "!= ≠", PREC_COMPARE, KB_NE, "\\ne", "is not equal to", "inequality"),
    BIN(OP_LT, "<", "<", "<", PREC_COMPARE, KB_LT, "<", "is less than", "comparison"),
    BIN(OP_LE, "<=", "≤", "<= ≤", PREC_COMPARE, KB_LE, "\\le", "is at most", "comparison"),
    BIN(OP_GT, ">", ">", ">", PREC_COMPARE, KB_GT, ">", "is greater than", "comparison"),
    BIN(OP_GE, ">=", "≥", ">= ≥", PREC_COMPARE, KB_GE, "\\ge", "is at least", "comparison"),
    [OP_SUM] = {OP_SUM, "Σ", "Σ", "Σ ∑ sum", PREC_SUM, true, true, 0, false, "\\sum", "the sum", "sum"},
    [OP_PROD] = {OP_PROD, "∏", "∏", "∏ Π prod", PREC_SUM, true, true, 0, false, "\\prod", "the product", "product"},
    BIN(OP_INTERSECT, "∩", "∩", "∩", PREC_MUL, 0, "\\cap", "and", "intersection"),
    BIN(OP_UNION, "∪", "∪", "∪", PREC_ADD, 0, "\\cup", "or", "union"),
    BIN(OP_AND, "and", "and", "and && ∧", PREC_AND, 0, "\\land", "and", "conjunction"),
    BIN(OP_OR, "or", "or", "or || ∨", PREC_OR, 0, "\\lor", "or", "disjunction"),
    BIN(OP_APPROX, "≈", "≈", "≈ ~=", PREC_COMPARE, 0, "\\approx", "is approximately", "comparison"),
    [OP_ARROW] = {OP_ARROW, "->", "→", "-> →", PREC_LAMBDA, true, false, 0, false, "\\mapsto", "maps to", "function"},
    BIN(OP_GIVEN, "|", "|", "|", PREC_GIVEN, 0, "\\mid", "given", "condition"),
    /* no kernel: between two arrays × is refused, so it is never fused */
    BIN(OP_TIMES, "×", "×", "×", PREC_MUL, 0, "\\times", "times", "product"),
    BIN(OP_IN, "∈", "∈", "∈ in \\in", PREC_COMPARE, 0, "\\in", "is in", "membership"),
};

const OpInfo ops_unknown = {0, "?", "?", "", PREC_ATOM, false, false, 0, false, "?", "?", "?"};


double op_apply(int op, double x, double y) {
    return kernel_binary_scalar((KernelBinary)op_info(op)->kernel, x, y);
}
