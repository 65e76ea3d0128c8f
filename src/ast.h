/* ast.h — the syntax tree: one Node type, allocated from a reference-counted arena.
 *
 * The parser builds nodes into an AstArena; everything parsed from one Source lives in
 * one arena and is freed at once. User functions keep their arena (and so their body and
 * its Source) alive by holding a reference. Nodes carry the Span they were read from so
 * every runtime error can point at its operand or operator. The resolve pass (resolve.c)
 * rewrites N_NAME nodes into N_LOCAL / N_GLOBAL with slot numbers before evaluation. */
#ifndef MLM_AST_H
#define MLM_AST_H

#include <stdbool.h>
#include "source.h"

typedef enum NodeKind {
    /* expressions */
    N_NUM,        /* num */
    N_STR,        /* name = text (unescaped) */
    N_NAME,       /* name; before resolve */
    N_LOCAL,      /* name, slot: frame slot */
    N_GLOBAL,     /* name, slot: global slot */
    N_END,        /* `end` inside an index */
    N_ALL,        /* bare `:` inside an index */
    N_BINARY,     /* op, a, b; flag = written .* or .^ (element by element, explicitly) */
    N_UNARY,      /* op (OP_NEG, OP_POS, OP_NOT), a */
    N_AND, N_OR,  /* a, b (short-circuit) */
    N_COMPARE,    /* op, a, b; flag = chained onto a */
    N_APPROX,     /* a ≈ b */
    N_POWSUP,     /* a ^ superscript: num = exponent (A⁻¹ on a matrix is inv) or b = name */
    N_TRANSPOSE,  /* a' aᵀ a^T */
    N_ABS,        /* |a| */
    N_NORM,       /* ||a||, op = NORM_2 / NORM_1 / NORM_INF / NORM_FRO */
    N_CALL,       /* a = callee, list = args */
    N_INDEX,      /* a = indexed, list = indices */
    N_FIELD,      /* a.name: a part of a result with several (eig(A).values) */
    N_RANGE,      /* a = start, b = stop, c = step or NULL */
    N_VECTOR,     /* list = elements  [1, 2, 3] */
    N_MATRIX,     /* list = rows, each an N_VECTOR   [1, 2; 3, 4] */
    N_IF_EXPR,    /* a = cond, b = then, c = else */
    N_LAMBDA,     /* list = params (N_NAME), a = body; slot = frame size after resolve */
    N_SUM,        /* op = OP_SUM/OP_PROD, name = index var, slot = its local, a = from, b = to, c = body */
    N_GIVEN,      /* a | b  inside P(...) */
    N_PROB,       /* P(...) query: a = event expr (N_GIVEN or event); see prob.h */
    /* statements */
    N_ASSIGN,     /* a = target (N_NAME/N_GLOBAL/N_LOCAL), b = value */
    N_INDEX_ASSIGN, /* a = N_INDEX target, b = value */
    N_FUNCDEF,    /* name, list = params, a = body (expr or N_BLOCK); slot = frame size */
    N_FACT,       /* a = event expr (P's argument), b = value: P(A | B) = 0.9 */
    N_EXPR_STMT,  /* a; flag = silenced by ';' */
    N_BLOCK,      /* list = statements */
    N_FOR,        /* name = var, a = iterable, b = body block */
    N_WHILE,      /* a = cond, b = body */
    N_IF,         /* a = cond, b = then block, c = else block / N_IF or NULL */
    N_RETURN,     /* a = value or NULL */
    N_BREAK, N_CONTINUE,
    N_CHECK,      /* op = CHECK_APPROX/CHECK_EQ/CHECK_TRUE, a, b, c = tolerance or NULL; name = source text */
    N_ASSERT,     /* a = condition; name = source text */
    N_WHY,        /* a = N_PROB */
    N_IMPORT,     /* name = path */
    N_COMMAND,    /* REPL command: name = command word, list = arguments (N_NAME) */
    N_TIME,       /* time stmt / @time stmt: a = the statement measured */
} NodeKind;

enum {
    OP_ADD = 1, OP_SUB, OP_MUL, OP_DIV, OP_POW, OP_MOD, OP_MATMUL, OP_DOT, OP_LDIV,
    OP_NEG, OP_POS, OP_NOT,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_SUM, OP_PROD,
    NORM_2, NORM_1, NORM_INF, NORM_FRO,
    CHECK_APPROX, CHECK_EQ, CHECK_TRUE,
    OP_INTERSECT, OP_UNION,
    /* node kinds that read as operators, so the operator table (ops.h) covers them too */
    OP_AND, OP_OR, OP_APPROX, OP_ARROW, OP_GIVEN,
    OP_TIMES,     /* × : a product of numbers; between two arrays refused (matrix or element-wise?) */
    OP_COUNT
};

typedef struct Node Node;
struct Node {
    NodeKind kind;
    int op;
    Span span;
    Node *a, *b, *c;
    Node **list;
    int nlist;
    double num;
    const char *name; /* arena-owned */
    int slot;         /* after resolve */
    int frame_size;   /* top-level statement: slots its frame needs (Σ indices, captures) */
    bool flag;
    bool parenthesized; /* the expression was written inside ( ) */
    signed char prog_state; /* prog.c's cache: 0 not tried, 1 compiled, -1 cannot compile */
    struct Prog *prog;      /* arena memory: the compiled element-wise program */
};

typedef struct AstArena AstArena;

/* Returns a new arena (refcount 1) that holds a reference to src. */
AstArena *ast_arena_new(Source *src);
AstArena *ast_arena_retain(AstArena *arena);
void ast_arena_release(AstArena *arena);
Source *ast_arena_source(const AstArena *arena);

/* Node constructors: memory belongs to the arena. */
Node *ast_node(AstArena *arena, NodeKind kind, Span span);
Node *ast_binary(AstArena *arena, int op, Node *a, Node *b, Span op_span);
/* The span from the first to the last byte of expression n and its operands, for errors
 * about a whole argument (n->span of a binary expression is its operator). */
Span node_extent(const Node *n);
/* True when p points into memory of arena (a debug check: walks its blocks). */
bool ast_arena_owns(const AstArena *arena, const void *p);
/* size bytes of arena memory (16-byte aligned), freed with the arena. */
void *ast_alloc(AstArena *arena, size_t size);
/* Copies len bytes into the arena, NUL-terminated. */
const char *ast_strdup(AstArena *arena, const char *text, size_t len);
/* Appends item to node's list (arena memory). */
void ast_append(AstArena *arena, Node *node, Node *item);

/* Debug/test rendering as an S-expression, e.g. "(+ 1 (* 2 x))"; writes into buf. */
const char *ast_to_sexpr(const Node *node, char *buf, size_t size);

#endif
