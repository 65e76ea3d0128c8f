/* ast.c — the node arena and node constructors. An arena is a chain of 64 KiB blocks;
 * nodes are never freed one by one. */
#include "ast.h"
#include "ops.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 64 * 1024 };

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, size;
    max_align_t data[];
} ArenaBlock;

struct AstArena {
    int refcount;
    Source *src;          /* owned reference */
    ArenaBlock *blocks;   /* owned chain */
};

static void *out_of_memory(void) {
    fputs("mlm: out of memory\n", stderr);
    abort();
}

AstArena *ast_arena_new(Source *src) {
    AstArena *arena = calloc(1, sizeof *arena);
    if (!arena) return out_of_memory();
    arena->refcount = 1;
    arena->src = src ? source_retain(src) : NULL;
    return arena;
}

AstArena *ast_arena_retain(AstArena *arena) {
    arena->refcount++;
    return arena;
}

void ast_arena_release(AstArena *arena) {
    if (!arena || --arena->refcount > 0) return;
    ArenaBlock *b = arena->blocks;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    source_release(arena->src);
    free(arena);
}

Source *ast_arena_source(const AstArena *arena) { return arena->src; }

static void *arena_alloc(AstArena *arena, size_t size) {
    size = (size + 15) & ~(size_t)15;
    ArenaBlock *b = arena->blocks;
    if (!b || b->used + size > b->size) {
        size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b) return out_of_memory();
        b->size = cap;
        b->used = 0;
        b->next = arena->blocks;
        arena->blocks = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

void *ast_alloc(AstArena *arena, size_t size) { return arena_alloc(arena, size); }

bool ast_arena_owns(const AstArena *arena, const void *p) {
    for (const ArenaBlock *b = arena->blocks; b; b = b->next)
        if ((const char *)p >= (const char *)b->data && (const char *)p < (const char *)b->data + b->used) return true;
    return false;
}

Node *ast_node(AstArena *arena, NodeKind kind, Span span) {
    Node *n = arena_alloc(arena, sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->span = span;
    n->slot = -1;
    return n;
}

Node *ast_binary(AstArena *arena, int op, Node *a, Node *b, Span op_span) {
    Node *n = ast_node(arena, N_BINARY, op_span);
    n->op = op;
    n->a = a;
    n->b = b;
    return n;
}

const char *ast_strdup(AstArena *arena, const char *text, size_t len) {
    char *s = arena_alloc(arena, len + 1);
    memcpy(s, text, len);
    s[len] = '\0';
    return s;
}

void ast_append(AstArena *arena, Node *node, Node *item) {
    /* Lists grow by doubling; capacity is the next power of two at or above nlist. */
    int n = node->nlist;
    if ((n & (n - 1)) == 0) {
        int cap = n == 0 ? 4 : n * 2;
        if (n >= 4 || n == 0) {
            Node **list = arena_alloc(arena, (size_t)cap * sizeof *list);
            if (n) memcpy(list, node->list, (size_t)n * sizeof *list);
            node->list = list;
        }
    }
    node->list[node->nlist++] = item;
}

/* The S-expression head of an operator: the table's spelling, with words for the prefix and
 * big operators so (neg x) and (sum i …) cannot be mistaken for binary ones. */
static const char *op_text(int op) {
    switch (op) {
    case OP_NEG: return "neg"; case OP_POS: return "pos";
    case OP_SUM: return "sum"; case OP_PROD: return "prod";
    case OP_TIMES: return "*"; /* × is a product too (refused only between two arrays) */
    default: return op_info(op)->text;
    }
}

typedef struct Out { char *buf; size_t size, used; } Out;

static void put(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Out *o, const char *fmt, ...) {
    if (o->used >= o->size) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->used, o->size - o->used, fmt, ap);
    va_end(ap);
    if (n > 0) o->used += (size_t)n;
    if (o->used >= o->size) o->used = o->size - 1;
}

static void sexpr(Out *o, const Node *n) {
    if (!n) { put(o, "nil"); return; }
    switch (n->kind) {
    case N_NUM: put(o, "%.15g", n->num); return;
    case N_STR: put(o, "\"%s\"", n->name); return;
    case N_NAME: case N_LOCAL: case N_GLOBAL: put(o, "%s", n->name); return;
    case N_END: put(o, "end"); return;
    case N_ALL: put(o, ":"); return;
    case N_BINARY: put(o, "(%s ", n->flag ? (n->op == OP_POW ? ".^" : ".*") : op_text(n->op)); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_UNARY: put(o, "(%s ", op_text(n->op)); sexpr(o, n->a); put(o, ")"); return;
    case N_AND: put(o, "(and "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_OR: put(o, "(or "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_COMPARE: put(o, "(%s ", op_text(n->op)); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_APPROX: put(o, "(≈ "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_POWSUP: put(o, "(^ "); sexpr(o, n->a); put(o, " %.15g)", n->num); return;
    case N_TRANSPOSE: put(o, "(' "); sexpr(o, n->a); put(o, ")"); return;
    case N_FIELD: put(o, "(. "); sexpr(o, n->a); put(o, " %s)", n->name); return;
    case N_ABS: put(o, "(abs "); sexpr(o, n->a); put(o, ")"); return;
    case N_NORM: put(o, "(norm%s ", n->op == NORM_1 ? "1" : n->op == NORM_INF ? "inf" : n->op == NORM_FRO ? "fro" : ""); sexpr(o, n->a); put(o, ")"); return;
    case N_GIVEN: put(o, "(| "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_RANGE: put(o, "(: "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); if (n->c) { put(o, " "); sexpr(o, n->c); } put(o, ")"); return;
    case N_IF_EXPR: put(o, "(if "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, " "); sexpr(o, n->c); put(o, ")"); return;
    case N_SUM: put(o, "(%s %s ", op_text(n->op), n->name); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, " "); sexpr(o, n->c); put(o, ")"); return;
    case N_CALL: case N_INDEX: case N_PROB:
        put(o, "(%s ", n->kind == N_CALL ? "call" : n->kind == N_INDEX ? "index" : "P");
        sexpr(o, n->a);
        for (int i = 0; i < n->nlist; i++) { put(o, " "); sexpr(o, n->list[i]); }
        put(o, ")");
        return;
    case N_VECTOR: case N_MATRIX:
        put(o, "[");
        for (int i = 0; i < n->nlist; i++) { if (i) put(o, n->kind == N_MATRIX ? "; " : " "); sexpr(o, n->list[i]); }
        put(o, "]");
        return;
    case N_LAMBDA:
        put(o, "(lambda (");
        for (int i = 0; i < n->nlist; i++) { if (i) put(o, " "); sexpr(o, n->list[i]); }
        put(o, ") "); sexpr(o, n->a); put(o, ")");
        return;
    case N_ASSIGN: put(o, "(= "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_INDEX_ASSIGN: put(o, "(=[] "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_FUNCDEF:
        put(o, "(def %s (", n->name);
        for (int i = 0; i < n->nlist; i++) { if (i) put(o, " "); sexpr(o, n->list[i]); }
        put(o, ") "); sexpr(o, n->a); put(o, ")");
        return;
    case N_FACT: put(o, "(fact "); sexpr(o, n->a); put(o, " "); sexpr(o, n->b); put(o, ")"); return;
    case N_EXPR_STMT: sexpr(o, n->a); if (n->flag) put(o, ";"); return;
    case N_BLOCK:
        put(o, "{");
        for (int i = 0; i < n->nlist; i++) { if (i) put(o, " "); sexpr(o, n->list[i]); }
        put(o, "}");
        return;
    default: put(o, "<stmt %d>", (int)n->kind); return;
    }
}

const char *ast_to_sexpr(const Node *node, char *buf, size_t size) {
    Out o = {buf, size, 0};
    if (size) buf[0] = '\0';
    sexpr(&o, node);
    return buf;
}

static void extent_visit(const Node *n, const Node **first, unsigned *end) {
    if (!n) return;
    if (n->span.src == (*first)->span.src) {
        if (n->span.offset < (*first)->span.offset) *first = n;
        if (n->span.offset + n->span.length > *end) *end = n->span.offset + n->span.length;
    }
    extent_visit(n->a, first, end);
    extent_visit(n->b, first, end);
    if (n->kind != N_LAMBDA) extent_visit(n->c, first, end); /* a lambda's c: its captures */
    for (int i = 0; i < n->nlist; i++) extent_visit(n->list[i], first, end);
}

Span node_extent(const Node *n) {
    const Node *first = n;
    unsigned end = n->span.offset + n->span.length;
    extent_visit(n, &first, &end);
    Span s = first->span;
    s.length = end - s.offset;
    return s;
}
