/* prog.c — compiling element-wise expressions and running them on scalars or fused over
 * blocks of arrays (see prog.h). */
#include "prog.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "elementwise.h"
#include "func.h"
#include "kernels.h"

enum {
    BLOCK = 256,        /* elements per block: 2 KiB per operand, the whole stack stays in L1 */
    MAX_DEPTH = 24,     /* operand stack */
    MAX_LEAVES = 32,    /* distinct variables */
    MAX_GUARDS = 16,    /* functions the program inlined or calls */
    MAX_OPS = 512,
    MAX_INLINE = 8,     /* nesting of inlined user functions */
};

typedef enum PCode {
    P_CONST,    /* push k */
    P_LOAD,     /* push variable `leaf` */
    P_END,      /* push the length of dimension aux of leaf (leaf < 0: the frame's `end`) */
    P_BIN,      /* pop b, a; push a (sub: KernelBinary) b */
    P_UN,       /* top = f(top) (sub: KernelUnary) */
    P_POWK,     /* top = top ^ k; aux = 1 when written as a superscript −1 (A⁻¹ of a matrix is inv) */
    P_MAP,      /* top = fn(top) for a builtin without a kernel */
    P_INDEX1,   /* top = leaf[top] (a vector) */
    P_INDEX2,   /* pop j, i; push leaf[i, j] (a matrix) */
} PCode;

typedef struct POp {
    uint8_t code;
    uint8_t sub;
    int16_t leaf;
    int aux;
    double k;
    double (*fn)(double);
    const Node *node;   /* for error positions */
} POp;

typedef struct PLeaf {
    bool local;
    int slot;
    bool loaded;        /* used as an operand (its shape broadcasts to the result's) */
    bool indexed;       /* used as the base of an index */
} PLeaf;

typedef struct PGuard {
    int slot;           /* global slot of a called function */
    const void *expect; /* the Builtin or Func it held when compiled */
    unsigned long serial; /* and the Func's serial (an address may be reused after a free) */
} PGuard;

/* The scalar machine runs its own copy of the program in which a constant or a variable
 * followed by a binary operator is one instruction (fewer dispatches on the hot path). */
typedef enum SCode {
    S_CONST, S_LOADG, S_LOADL, S_OTHER,
    S_STOREG, S_STOREL, /* loops: pop into a variable; that statement is done */
    S_LOADR,            /* loops: push the value the latest store wrote (kept in a register) */
    /* binary operators: S_BIN + 5 × operand form (stack, constant k, global, local, the
     * latest store's value) + operator class (+, −, ×, ÷, any other KernelBinary in sub) */
    S_BIN,
    /* loops: the same binary operators followed by the store of their statement (one
     * dispatch fewer per statement): + 25, then 5 × form + class as above */
    S_BIN_STORE = S_BIN + 25,
    S_CODES = S_BIN_STORE + 25,
} SCode;

enum { FORM_STACK, FORM_CONST, FORM_GLOBAL, FORM_LOCAL, FORM_RECENT };

static uint8_t bin_code(int form, int kb) {
    int cls = kb == KB_ADD ? 0 : kb == KB_SUB ? 1 : kb == KB_MUL ? 2 : kb == KB_DIV ? 3 : 4;
    return (uint8_t)(S_BIN + 5 * form + cls);
}

typedef struct SOp {
    uint8_t code;    /* SCode */
    uint8_t sub;     /* KernelBinary for S_BIN* */
    const Prog *prog; /* S_OTHER: the program op belongs to */
    int slot;        /* S_LOADG/S_LOADL/S_BING/S_BINL */
    double k;        /* S_CONST/S_BINK */
    const POp *op;   /* S_OTHER: the general instruction */
    bool store_local; /* S_BIN_STORE…: store into a local (else a global) */
    int store_slot;   /* S_BIN_STORE…: the variable the statement assigns */
} SOp;

struct Prog {
    Node *owner;        /* the node whose cache this is (reset when a guard fails) */
    int nops, nleaves, nguards, nsops;
    SOp *sops;
    bool has_superscript_inverse;
    bool has_power;     /* a ^ or superscript power not written .^: refused for a square matrix */
    POp *ops;
    PLeaf *leaves;
    PGuard *guards;
};

/* {===================== compiling */

typedef struct Inline {
    Node **params;      /* N_LOCAL parameter nodes of the inlined function */
    Node **args;        /* the caller's argument expressions */
    int *uses;          /* how often each parameter was compiled */
    int nparams;
    const struct Inline *outer;
    int depth;
} Inline;

typedef struct Compiler {
    Interp *in;
    POp ops[MAX_OPS];
    int nops;
    PLeaf leaves[MAX_LEAVES];
    int nleaves;
    PGuard guards[MAX_GUARDS];
    int nguards;
    int sp, max_sp;
    int depth;          /* recursion depth of compile */
    bool failed;
    bool superscript_inverse;
    bool power;
} Compiler;

static void emit(Compiler *c, POp op, int stack_effect) {
    if (c->nops >= MAX_OPS) { c->failed = true; return; }
    c->ops[c->nops++] = op;
    c->sp += stack_effect;
    if (c->sp > c->max_sp) c->max_sp = c->sp;
    if (c->max_sp > MAX_DEPTH) c->failed = true;
}

static int leaf_of(Compiler *c, bool local, int slot) {
    for (int i = 0; i < c->nleaves; i++)
        if (c->leaves[i].local == local && c->leaves[i].slot == slot) return i;
    if (c->nleaves >= MAX_LEAVES) { c->failed = true; return 0; }
    c->leaves[c->nleaves] = (PLeaf){local, slot, false, false};
    return c->nleaves++;
}

static void guard(Compiler *c, int slot, const void *expect, unsigned long serial) {
    for (int i = 0; i < c->nguards; i++)
        if (c->guards[i].slot == slot) return;
    if (c->nguards >= MAX_GUARDS) { c->failed = true; return; }
    c->guards[c->nguards++] = (PGuard){slot, expect, serial};
}

/* The variable a name refers to, following inlined parameters to the caller's argument.
 * Returns false if the name is an inlined parameter bound to something other than a name. */
static bool variable_of(const Node *n, const Inline *ctx, bool *local, int *slot) {
    while (n->kind == N_LOCAL && ctx) {
        const Node *arg = NULL;
        for (int i = 0; i < ctx->nparams; i++)
            if (ctx->params[i]->slot == n->slot) { arg = ctx->args[i]; ctx->uses[i]++; }
        if (!arg) return false;
        n = arg;
        ctx = ctx->outer;
    }
    if (n->kind == N_LOCAL && !ctx) { *local = true; *slot = n->slot; return true; }
    if (n->kind == N_GLOBAL) { *local = false; *slot = n->slot; return true; }
    return false;
}

static void compile(Compiler *c, Node *n, const Inline *ctx, int end_leaf, int end_dim);
static void compile_node(Compiler *c, Node *n, const Inline *ctx, int end_leaf, int end_dim);

static void compile_call(Compiler *c, Node *n, const Inline *ctx, int end_leaf, int end_dim) {
    if (n->a->kind != N_GLOBAL) { c->failed = true; return; }
    int slot = n->a->slot;
    Value callee = c->in->globals[slot].value;
    if (callee.kind == VAL_BUILTIN) {
        const Builtin *b = callee.as.builtin;
        guard(c, slot, b, 0);
        if (b->map && n->nlist == 1) {
            compile(c, n->list[0], ctx, end_leaf, end_dim);
            if (b->unary_kernel != KU_NONE) emit(c, (POp){.code = P_UN, .sub = (uint8_t)b->unary_kernel, .node = n}, 0);
            else emit(c, (POp){.code = P_MAP, .fn = b->map, .node = n}, 0);
            return;
        }
        KernelBinary kb = n->nlist == 2 ? b->binary_kernel : KB_NONE;
        if (kb == KB_NONE) { c->failed = true; return; }
        compile(c, n->list[0], ctx, end_leaf, end_dim);
        compile(c, n->list[1], ctx, end_leaf, end_dim);
        emit(c, (POp){.code = P_BIN, .sub = (uint8_t)kb, .node = n}, -1);
        return;
    }
    if (callee.kind == VAL_FUNC) {
        const Func *f = callee.as.fn;
        int depth = ctx ? ctx->depth + 1 : 1;
        if (f->body->kind == N_BLOCK || f->ncaptured > 0 || f->nparams != n->nlist || depth > MAX_INLINE) {
            c->failed = true;
            return;
        }
        guard(c, slot, f, f->serial);
        /* parameters inside the body stand for the caller's argument expressions; an
         * argument the body never uses would not be evaluated (nor its errors seen): no inlining */
        int uses[16] = {0};
        if (f->nparams > 16) { c->failed = true; return; }
        Inline inner = {f->params, n->list, uses, f->nparams, ctx, depth};
        compile(c, f->body, &inner, -1, 0);
        for (int i = 0; i < f->nparams; i++)
            if (uses[i] == 0) c->failed = true;
        return;
    }
    c->failed = true;
}

static void compile(Compiler *c, Node *n, const Inline *ctx, int end_leaf, int end_dim) {
    if (c->failed) return;
    /* a chain deeper than any program we keep fails at once (never walk a 10,000-term sum) */
    if (!interp_stack_ok(c->in) || c->nops >= MAX_OPS || ++c->depth > MAX_OPS) { c->failed = true; return; }
    compile_node(c, n, ctx, end_leaf, end_dim);
    c->depth--;
}

static void compile_node(Compiler *c, Node *n, const Inline *ctx, int end_leaf, int end_dim) {
    switch (n->kind) {
    case N_NUM:
        emit(c, (POp){.code = P_CONST, .k = n->num, .node = n}, 1);
        return;
    case N_LOCAL:
        if (ctx) {
            /* an inlined parameter: compile the caller's argument in the caller's context */
            for (int i = 0; i < ctx->nparams; i++)
                if (ctx->params[i]->slot == n->slot) {
                    ctx->uses[i]++;
                    compile(c, ctx->args[i], ctx->outer, end_leaf, end_dim);
                    return;
                }
            c->failed = true;
            return;
        }
        /* fall through */
    case N_GLOBAL: {
        int leaf = leaf_of(c, n->kind == N_LOCAL, n->slot);
        c->leaves[leaf].loaded = true;
        emit(c, (POp){.code = P_LOAD, .leaf = (int16_t)leaf, .node = n}, 1);
        return;
    }
    case N_END:
        emit(c, (POp){.code = P_END, .leaf = (int16_t)end_leaf, .aux = end_dim, .node = n}, 1);
        return;
    case N_BINARY: {
        int kb = op_kernel(n->op);
        if (kb == KB_NONE) { c->failed = true; return; }
        if (kb == KB_POW && !n->flag) c->power = true;
        compile(c, n->a, ctx, end_leaf, end_dim);
        if (kb == KB_POW && n->b->kind == N_NUM) {
            emit(c, (POp){.code = P_POWK, .k = n->b->num, .node = n}, 0);
            return;
        }
        compile(c, n->b, ctx, end_leaf, end_dim);
        emit(c, (POp){.code = P_BIN, .sub = (uint8_t)kb, .node = n}, -1);
        return;
    }
    case N_COMPARE: {
        if (n->flag) { c->failed = true; return; }
        compile(c, n->a, ctx, end_leaf, end_dim);
        compile(c, n->b, ctx, end_leaf, end_dim);
        emit(c, (POp){.code = P_BIN, .sub = (uint8_t)op_kernel(n->op), .node = n}, -1);
        return;
    }
    case N_UNARY:
        compile(c, n->a, ctx, end_leaf, end_dim);
        if (n->op == OP_NEG) emit(c, (POp){.code = P_UN, .sub = KU_NEG, .node = n}, 0);
        else if (n->op == OP_NOT) emit(c, (POp){.code = P_UN, .sub = KU_NOT, .node = n}, 0);
        return;
    case N_POWSUP:
        compile(c, n->a, ctx, end_leaf, end_dim);
        if (n->num == -1) c->superscript_inverse = true;
        c->power = true;
        emit(c, (POp){.code = P_POWK, .k = n->num, .aux = n->num == -1, .node = n}, 0);
        return;
    case N_ABS:
        compile(c, n->a, ctx, end_leaf, end_dim);
        emit(c, (POp){.code = P_UN, .sub = KU_ABS, .node = n}, 0);
        return;
    case N_CALL:
        compile_call(c, n, ctx, end_leaf, end_dim);
        return;
    case N_INDEX: {
        bool local;
        int slot;
        if ((n->nlist != 1 && n->nlist != 2) || !variable_of(n->a, ctx, &local, &slot)) { c->failed = true; return; }
        int leaf = leaf_of(c, local, slot);
        c->leaves[leaf].indexed = true;
        for (int i = 0; i < n->nlist; i++) {
            if (n->list[i]->kind == N_ALL) { c->failed = true; return; }
            compile(c, n->list[i], ctx, leaf, i);
        }
        emit(c, (POp){.code = n->nlist == 1 ? P_INDEX1 : P_INDEX2, .leaf = (int16_t)leaf, .node = n},
             n->nlist == 1 ? 0 : -1);
        return;
    }
    default:
        c->failed = true;
        return;
    }
}

Prog *prog_of(Interp *in, Frame *fr, Node *n) {
    if (n->prog_state == 1) return n->prog;
    if (n->prog_state < 0 || !fr->arena) return NULL;
    Compiler *c = malloc(sizeof *c);
    if (!c) return NULL;
    c->in = in;
    c->nops = c->nleaves = c->nguards = c->sp = c->max_sp = c->depth = 0;
    c->failed = false;
    c->superscript_inverse = false;
    c->power = false;
    compile(c, n, NULL, -1, 0);
    if (c->failed || c->sp != 1) {
        free(c);
        n->prog_state = -1;
        return NULL;
    }
    /* the program is arena memory cached on n: it must live exactly as long as n does */
    assert(ast_arena_owns(fr->arena, n));
    Prog *p = ast_alloc(fr->arena, sizeof *p);
    p->owner = n;
    p->nops = c->nops;
    p->nleaves = c->nleaves;
    p->nguards = c->nguards;
    p->has_superscript_inverse = c->superscript_inverse;
    p->has_power = c->power;
    p->ops = ast_alloc(fr->arena, (size_t)c->nops * sizeof *p->ops);
    memcpy(p->ops, c->ops, (size_t)c->nops * sizeof *p->ops);
    p->leaves = ast_alloc(fr->arena, (size_t)(c->nleaves ? c->nleaves : 1) * sizeof *p->leaves);
    memcpy(p->leaves, c->leaves, (size_t)c->nleaves * sizeof *p->leaves);
    p->guards = ast_alloc(fr->arena, (size_t)(c->nguards ? c->nguards : 1) * sizeof *p->guards);
    memcpy(p->guards, c->guards, (size_t)c->nguards * sizeof *p->guards);
    free(c);
    /* the scalar program, with constant/variable operands folded into binary operators */
    p->sops = ast_alloc(fr->arena, (size_t)p->nops * sizeof *p->sops);
    int k = 0;
    for (int i = 0; i < p->nops; i++) {
        const POp *op = &p->ops[i];
        const POp *next = i + 1 < p->nops ? &p->ops[i + 1] : NULL;
        SOp so = {S_OTHER, 0, p, 0, 0, op};
        if (op->code == P_CONST) { so.code = S_CONST; so.k = op->k; }
        if (op->code == P_LOAD) {
            const PLeaf *l = &p->leaves[op->leaf];
            so.code = l->local ? S_LOADL : S_LOADG;
            so.slot = l->slot;
        }
        if (next && next->code == P_BIN && (so.code == S_CONST || so.code == S_LOADG || so.code == S_LOADL)) {
            so.code = bin_code(so.code == S_CONST ? FORM_CONST : so.code == S_LOADG ? FORM_GLOBAL : FORM_LOCAL, next->sub);
            so.sub = next->sub;
            i++;
        } else if (op->code == P_BIN) {
            so.code = bin_code(FORM_STACK, op->sub);
            so.sub = op->sub;
        }
        p->sops[k++] = so;
    }
    p->nsops = k;
    n->prog = p;
    n->prog_state = 1;
    return p;
}

/* False when a function the program inlined or calls has been redefined: the cache is
 * dropped so the next use compiles afresh. */
static bool guards_hold(Interp *in, const Prog *p) {
    for (int i = 0; i < p->nguards; i++) {
        Value v = in->globals[p->guards[i].slot].value;
        const void *now = v.kind == VAL_BUILTIN ? (const void *)v.as.builtin : v.kind == VAL_FUNC ? (const void *)v.as.fn : NULL;
        unsigned long serial = v.kind == VAL_FUNC ? v.as.fn->serial : 0;
        if (now != p->guards[i].expect || serial != p->guards[i].serial) {
            p->owner->prog_state = 0;
            return false;
        }
    }
    return true;
}

static inline Value leaf_value(Interp *in, Frame *fr, const PLeaf *l) {
    return l->local ? fr->slots[l->slot] : in->globals[l->slot].value;
}

/* }===================== */

/* {===================== scalars */

static inline double bin_scalar(int op, double x, double y) {
    switch (op) {
    case KB_ADD: return x + y;
    case KB_SUB: return x - y;
    case KB_MUL: return x * y;
    case KB_DIV: return x / y;
    default: return kernel_binary_scalar((KernelBinary)op, x, y);
    }
}

static inline double powk_scalar(double x, double k) {
    return k == 2 ? x * x : k == 1 ? x : k == -1 ? 1 / x : pow(x, k);
}

/* Length of dimension dim of an array value (dim 0: a vector's length or a matrix's rows). */
static bool dim_length(Value v, int dim, double *out) {
    if (v.kind != VAL_ARR) return false;
    const Array *a = v.as.arr;
    *out = (double)(a->ndim == 1 ? a->len : dim == 0 ? a->rows : a->cols);
    return true;
}

/* The instructions the scalar machine does not specialise. */
static ProgResult scalar_other(Interp *in, Frame *fr, const Prog *p, const POp *op, double *st, int *sp_io) {
    int sp = *sp_io;
    switch (op->code) {
    case P_END:
        if (op->leaf < 0) {
            if (!fr->has_end) return PROG_NO;
            st[sp++] = fr->end_value;
        } else if (!dim_length(leaf_value(in, fr, &p->leaves[op->leaf]), op->aux, &st[sp++])) {
            return PROG_NO;
        }
        break;
    case P_UN:
        st[sp - 1] = kernel_unary_scalar((KernelUnary)op->sub, st[sp - 1]);
        break;
    case P_POWK:
        st[sp - 1] = powk_scalar(st[sp - 1], op->k);
        break;
    case P_MAP:
        st[sp - 1] = op->fn(st[sp - 1]);
        break;
    case P_INDEX1: {
        Value v = leaf_value(in, fr, &p->leaves[op->leaf]);
        if (v.kind != VAL_ARR || v.as.arr->ndim != 1) return PROG_NO;
        size_t pos;
        if (!eval_check_index(in, op->node->list[0]->span, st[sp - 1], v.as.arr->len, &pos)) return PROG_ERROR;
        st[sp - 1] = array_at(v.as.arr, pos);
        break;
    }
    case P_INDEX2: {
        Value v = leaf_value(in, fr, &p->leaves[op->leaf]);
        if (v.kind != VAL_ARR || v.as.arr->ndim != 2) return PROG_NO;
        const Array *a = v.as.arr;
        size_t r, c;
        if (!eval_check_index(in, op->node->list[0]->span, st[sp - 2], a->rows, &r) ||
            !eval_check_index(in, op->node->list[1]->span, st[sp - 1], a->cols, &c))
            return PROG_ERROR;
        sp--;
        st[sp - 1] = a->data[r * a->cols + c];
        break;
    }
    default:
        return PROG_NO;
    }
    *sp_io = sp;
    return PROG_OK;
}

/* The scalar machine: runs sops [so, end) with the stack st (depth *sp_io on entry and
 * exit; the top of the stack lives in the register `top`), counting completed stores in
 * *stores. Dispatch is by computed goto, one handler per operator and operand form. With
 * `checked` false the caller has verified that every variable read holds a number (a loop
 * whose only writes are these numeric stores), so loads skip the kind test. */
typedef struct LoopRun {
    Value *var;          /* the loop variable */
    double start, step;
    size_t i, count;     /* the iteration running, and how many in all */
    double recent;       /* what S_LOADR reads before the iteration's first store */
} LoopRun;

static ProgResult run_sops(Interp *in, Frame *fr, const SOp *so, const SOp *end, double *st, int *sp_io,
                           int *stores, bool checked, LoopRun *loop) {
#define OPERATORS(FORM) &&FORM##_add, &&FORM##_sub, &&FORM##_mul, &&FORM##_div, &&FORM##_gen
    static void *const dispatch[S_CODES] = {
        &&s_const, &&s_loadg, &&s_loadl, &&s_other, &&s_storeg, &&s_storel, &&s_loadr,
        OPERATORS(stack), OPERATORS(konst), OPERATORS(global), OPERATORS(local), OPERATORS(recent),
        OPERATORS(stack_st), OPERATORS(konst_st), OPERATORS(global_st), OPERATORS(local_st),
        OPERATORS(recent_st),
    };
#undef OPERATORS
    Global *globals = in->globals;
    Value *locals = fr->slots;
    int sp = *sp_io;            /* entries below the top */
    double top = sp > 0 ? st[--sp] : 0;
    bool empty = *sp_io == 0;
    Value *v;
    double y;
#define NEXT() do { if (++so == end) goto done; goto *dispatch[so->code]; } while (0)
#define NUMBER(place) do { v = (place); if (checked && v->kind != VAL_NUM) goto bail; y = v->as.num; } while (0)
#define PUSH(x) do { if (!empty) st[sp++] = top; empty = false; top = (x); } while (0)
    /* the loop's counters live in registers here, written back on the way out */
    size_t iter = loop ? loop->i : 0, count = loop ? loop->count : 0;
    double loop_start = loop ? loop->start : 0, loop_step = loop ? loop->step : 0;
    Value *loop_var = loop ? loop->var : NULL;
    /* the value of the latest store: a statement reading what the one before it wrote takes
     * it from here, not through memory (the store-to-load latency was the loop's critical path) */
    double recent = loop ? loop->recent : 0;
    const SOp *first = so;
    if (so == end) goto done;
    goto *dispatch[so->code];
s_const: PUSH(so->k); NEXT();
s_loadg: NUMBER(&globals[so->slot].value); PUSH(y); NEXT();
s_loadl: NUMBER(&locals[so->slot]); PUSH(y); NEXT();
s_loadr: PUSH(recent); NEXT();
s_storeg: v = &globals[so->slot].value; goto store;
s_storel: v = &locals[so->slot];
store:
    recent = top;
    /* a number over a number: only the double is written (an 8-byte store the next load of
     * the variable can take straight from the store buffer) */
    if (v->kind == VAL_NUM) v->as.num = top;
    else {
        if (v->kind > VAL_NUM) value_release(*v);
        *v = value_num(top);
    }
    if (sp > 0) top = st[--sp];
    else empty = true;
    (*stores)++;
    NEXT();
s_other: {
        if (!empty) st[sp++] = top;
        ProgResult r = scalar_other(in, fr, so->prog, so->op, st, &sp);
        if (r != PROG_OK) { *sp_io = sp; if (loop) loop->i = iter; return r == PROG_ERROR ? PROG_ERROR : PROG_NO; }
        empty = sp == 0;
        if (!empty) top = st[--sp];
        NEXT();
    }
#define HANDLERS(FORM, FETCH)                                                              \
FORM##_add: FETCH; top += y; NEXT();                                                     \
FORM##_sub: FETCH; top -= y; NEXT();                                                     \
FORM##_mul: FETCH; top *= y; NEXT();                                                     \
FORM##_div: FETCH; top /= y; NEXT();                                                     \
FORM##_gen: FETCH; top = kernel_binary_scalar((KernelBinary)so->sub, top, y); NEXT();
    /* stack form: the right operand is the top, the left is below it */
#define STACK_FETCH (y = top, top = st[--sp])
    HANDLERS(stack, STACK_FETCH)
    HANDLERS(konst, (y = so->k))
    HANDLERS(global, NUMBER(&globals[so->slot].value))
    HANDLERS(local, NUMBER(&locals[so->slot]))
    HANDLERS(recent, (y = recent))
    /* the fused forms: compute, then store the statement's value */
#define STORE_AFTER v = so->store_local ? &locals[so->store_slot] : &globals[so->store_slot].value; goto store
#define HANDLERS_ST(FORM, FETCH)                                                           \
FORM##_st_add: FETCH; top += y; STORE_AFTER;                                             \
FORM##_st_sub: FETCH; top -= y; STORE_AFTER;                                             \
FORM##_st_mul: FETCH; top *= y; STORE_AFTER;                                             \
FORM##_st_div: FETCH; top /= y; STORE_AFTER;                                             \
FORM##_st_gen: FETCH; top = kernel_binary_scalar((KernelBinary)so->sub, top, y); STORE_AFTER;
    HANDLERS_ST(stack, STACK_FETCH)
    HANDLERS_ST(konst, (y = so->k))
    HANDLERS_ST(global, NUMBER(&globals[so->slot].value))
    HANDLERS_ST(local, NUMBER(&locals[so->slot]))
    HANDLERS_ST(recent, (y = recent))
#undef STORE_AFTER
#undef HANDLERS_ST
#undef STACK_FETCH
#undef HANDLERS
#undef NEXT
#undef NUMBER
#undef PUSH
done:
    if (loop && ++iter < count) {
        /* the next iteration of a compiled loop */
        if (interp_interrupt_pending(in)) { *stores = -1; goto bail; }
        *stores = 0;
        loop_var->as.num = loop_start + (double)iter * loop_step;   /* a number since the start */
        so = first;
        goto *dispatch[so->code];
    }
    if (loop) loop->i = iter;
    if (!empty) st[sp++] = top;
    *sp_io = sp;
    return PROG_OK;
bail:
    if (loop) loop->i = iter;
    if (!empty) st[sp++] = top;
    *sp_io = sp;
    return PROG_NO;
}

ProgResult prog_scalar(Interp *in, Frame *fr, const Prog *p, double *out) {
    if (p->nguards && !guards_hold(in, p)) return PROG_NO;
    double st[MAX_DEPTH + 1];
    int sp = 0, stores = 0;
    ProgResult r = run_sops(in, fr, p->sops, p->sops + p->nsops, st, &sp, &stores, true, NULL);
    if (r == PROG_OK) *out = st[0];
    return r;
}

/* }===================== */

/* {===================== blocks */

typedef enum BindKind { BIND_UNIFORM, BIND_DATA, BIND_AFFINE } BindKind;

/* How an array operand's elements lie over the domain (NumPy broadcasting). */
typedef enum Spread {
    SPREAD_FULL,    /* the domain's shape: element k is its element k */
    SPREAD_ROW,     /* one row (1 × cols, or a vector) repeated down the rows: k mod cols */
    SPREAD_COL,     /* one column (rows × 1) repeated across the columns: k div cols */
} Spread;

typedef struct Bind {
    BindKind kind;
    Spread spread;        /* BIND_DATA and BIND_AFFINE */
    size_t cols;          /* the domain's row length (SPREAD_ROW and SPREAD_COL) */
    double u;             /* uniform value */
    const double *data;   /* array storage */
    double start, step;   /* affine: start + i·step */
    bool pin_last;        /* … except element last_index, which is last (linspace's end) */
    size_t last_index;
    double last;
    const Array *arr;     /* the array (for indexing) */
} Bind;

typedef struct Domain {
    bool any;             /* an array operand fixed the shape */
    int ndim;
    size_t rows, cols, len;
} Domain;

/* Binds every leaf; index_slot (≥ 0) is the Σ index, an affine sequence over the domain.
 * The domain is the shape the loaded arrays broadcast to (ew_broadcast_dims, as the general
 * engine does operator by operator); operands that do not broadcast leave it to the general
 * engine, which names the shapes in its error. */
static ProgResult bind_leaves(Interp *in, Frame *fr, const Prog *p, Bind *binds, Domain *dom,
                              int index_slot, double from) {
    for (int i = 0; i < p->nleaves; i++) {
        const PLeaf *l = &p->leaves[i];
        Bind *b = &binds[i];
        memset(b, 0, sizeof *b);
        if (index_slot >= 0 && l->local && l->slot == index_slot) {
            if (l->indexed) return PROG_NO;
            b->kind = BIND_AFFINE;
            b->start = from;
            b->step = 1;
            continue;
        }
        Value v = leaf_value(in, fr, l);
        if (v.kind == VAL_NUM) {
            if (l->indexed) return PROG_NO;
            b->kind = BIND_UNIFORM;
            b->u = v.as.num;
            continue;
        }
        if (v.kind != VAL_ARR) return PROG_NO;
        const Array *a = v.as.arr;
        b->arr = a;
        if (a->lazy) {
            b->kind = BIND_AFFINE;
            b->start = a->lazy_start;
            b->step = a->lazy_step;
            b->pin_last = a->lazy_pin_last;
            b->last_index = a->len - 1;
            b->last = a->lazy_last;
        }
        else { b->kind = BIND_DATA; b->data = a->data; }
        if (!l->loaded) continue;
        if (index_slot >= 0) return PROG_NO; /* a Σ body must be a scalar of the index */
        if (!dom->any) {
            dom->any = true;
            dom->ndim = a->ndim;
            dom->rows = a->rows;
            dom->cols = a->cols;
        } else if (!ew_broadcast_dims(dom->ndim, dom->rows, dom->cols, a->ndim, a->rows, a->cols,
                                      &dom->ndim, &dom->rows, &dom->cols)) {
            return PROG_NO;
        }
    }
    if (!dom->any) return PROG_OK;
    if (p->has_superscript_inverse && dom->ndim == 2) return PROG_NO;
    /* over a square matrix a power may mean the matrix power: the general path decides */
    if (p->has_power && dom->ndim == 2 && dom->rows == dom->cols && dom->rows > 1) return PROG_NO;
    dom->len = dom->rows * dom->cols;
    for (int i = 0; i < p->nleaves; i++) {
        Bind *b = &binds[i];
        const Array *a = b->arr;
        if (!a || !p->leaves[i].loaded || (a->rows == dom->rows && a->cols == dom->cols)) continue;
        if (a->len == 1) {   /* one element over the whole domain */
            b->u = array_at(a, 0);
            b->kind = BIND_UNIFORM;
        } else {
            b->spread = a->rows == 1 ? SPREAD_ROW : SPREAD_COL;
            b->cols = dom->cols;
        }
    }
    return PROG_OK;
}

typedef struct Entry {
    const double *p;  /* block values, or NULL when uniform */
    double u;
} Entry;

/* Points e at elements [first, first + n) of the domain taken from b, an operand spread as a
 * row or a column; z is scratch for them. A column is uniform across a block within one row,
 * and a stored row is read in place there. */
static void load_spread(const Bind *b, size_t first, size_t n, double *z, Entry *e) {
    const Array *a = b->arr;
    size_t cols = b->cols, r = first / cols, c = first % cols;
    if (b->spread == SPREAD_COL) {
        if (c + n <= cols) { e->p = NULL; e->u = array_at(a, r); return; }
        for (size_t j = 0; j < n; r++, c = 0) {
            size_t run = cols - c < n - j ? cols - c : n - j;
            double v = array_at(a, r);
            for (size_t k = 0; k < run; k++) z[j + k] = v;
            j += run;
        }
    } else {
        if (c + n <= cols && b->kind == BIND_DATA) { e->p = b->data + c; e->u = 0; return; }
        for (size_t j = 0; j < n; c = 0) {
            size_t run = cols - c < n - j ? cols - c : n - j;
            if (b->kind == BIND_DATA) memcpy(z + j, b->data + c, run * sizeof *z);
            else for (size_t k = 0; k < run; k++) z[j + k] = array_at(a, c + k);
            j += run;
        }
    }
    e->p = z;
}

/* Runs the program on elements [first, first + n) of the domain; the result is *top. */
static ProgResult run_block(Interp *in, Frame *fr, const Prog *p, const Bind *binds, size_t first,
                            size_t n, double (*scratch)[BLOCK], Entry *top) {
    Entry st[MAX_DEPTH + 1];
    int sp = 0;
    for (int i = 0; i < p->nops; i++) {
        const POp *op = &p->ops[i];
        switch (op->code) {
        case P_CONST:
            st[sp].p = NULL;
            st[sp++].u = op->k;
            break;
        case P_LOAD: {
            const Bind *b = &binds[op->leaf];
            if (b->kind == BIND_UNIFORM) { st[sp].p = NULL; st[sp].u = b->u; }
            else if (b->spread != SPREAD_FULL) load_spread(b, first, n, scratch[sp], &st[sp]);
            else if (b->kind == BIND_DATA) st[sp].p = b->data + first;
            else {
                kernel_affine(scratch[sp], b->start, b->step, first, n);
                if (b->pin_last && b->last_index >= first && b->last_index < first + n)
                    scratch[sp][b->last_index - first] = b->last;
                st[sp].p = scratch[sp];
            }
            sp++;
            break;
        }
        case P_END: {
            double len;
            if (op->leaf < 0) {
                if (!fr->has_end) return PROG_NO;
                len = fr->end_value;
            } else {
                const Array *a = binds[op->leaf].arr;
                len = (double)(a->ndim == 1 ? a->len : op->aux == 0 ? a->rows : a->cols);
            }
            st[sp].p = NULL;
            st[sp++].u = len;
            break;
        }
        case P_BIN: {
            Entry *a = &st[sp - 2], *b = &st[sp - 1];
            double *z = scratch[sp - 2];
            if (!a->p && !b->p) a->u = bin_scalar(op->sub, a->u, b->u);
            else if (!a->p) { kernel_binary_sv((KernelBinary)op->sub, z, a->u, b->p, n); a->p = z; }
            else if (!b->p) { kernel_binary_vs((KernelBinary)op->sub, z, a->p, b->u, n); a->p = z; }
            else { kernel_binary((KernelBinary)op->sub, z, a->p, b->p, n); a->p = z; }
            sp--;
            break;
        }
        case P_UN: {
            Entry *a = &st[sp - 1];
            if (!a->p) a->u = kernel_unary_scalar((KernelUnary)op->sub, a->u);
            else { kernel_unary((KernelUnary)op->sub, scratch[sp - 1], a->p, n); a->p = scratch[sp - 1]; }
            break;
        }
        case P_POWK: {
            Entry *a = &st[sp - 1];
            if (!a->p) a->u = powk_scalar(a->u, op->k);
            else { kernel_powk(scratch[sp - 1], a->p, op->k, n); a->p = scratch[sp - 1]; }
            break;
        }
        case P_MAP: {
            Entry *a = &st[sp - 1];
            if (!a->p) a->u = op->fn(a->u);
            else {
                double *z = scratch[sp - 1];
                for (size_t j = 0; j < n; j++) z[j] = op->fn(a->p[j]);
                a->p = z;
            }
            break;
        }
        case P_INDEX1: {
            const Array *base = binds[op->leaf].arr;
            if (!base || base->ndim != 1) return PROG_NO;
            Entry *a = &st[sp - 1];
            Span at = op->node->list[0]->span;
            size_t pos;
            if (!a->p) {
                if (!eval_check_index(in, at, a->u, base->len, &pos)) return PROG_ERROR;
                a->u = array_at(base, pos);
                break;
            }
            double *z = scratch[sp - 1];
            for (size_t j = 0; j < n; j++) {
                if (!eval_check_index(in, at, a->p[j], base->len, &pos)) return PROG_ERROR;
                z[j] = array_at(base, pos);
            }
            a->p = z;
            break;
        }
        case P_INDEX2: {
            const Array *base = binds[op->leaf].arr;
            if (!base || base->ndim != 2) return PROG_NO;
            Entry *ri = &st[sp - 2], *ci = &st[sp - 1];
            Span rat = op->node->list[0]->span, cat = op->node->list[1]->span;
            double *z = scratch[sp - 2];
            bool uniform = !ri->p && !ci->p;
            size_t count = uniform ? 1 : n;
            for (size_t j = 0; j < count; j++) {
                size_t r, c;
                if (!eval_check_index(in, rat, ri->p ? ri->p[j] : ri->u, base->rows, &r) ||
                    !eval_check_index(in, cat, ci->p ? ci->p[j] : ci->u, base->cols, &c))
                    return PROG_ERROR;
                z[j] = base->data[r * base->cols + c];
            }
            if (uniform) { ri->u = z[0]; ri->p = NULL; }
            else ri->p = z;
            sp--;
            break;
        }
        }
    }
    *top = st[0];
    return PROG_OK;
}

/* The scratch blocks: one per stack level, 64-byte aligned. */
typedef struct Scratch {
    _Alignas(64) double block[MAX_DEPTH + 1][BLOCK];
} Scratch;

typedef struct Reducer {
    Reduce how;
    double acc, comp;  /* Neumaier-compensated sum across blocks */
    bool nan;
    double count, mean, m2; /* REDUCE_VAR / REDUCE_STD: the moments so far (Chan et al.), */
    double shift;           /* of x − shift */
} Reducer;

/* Each reduction leaves this many values per block: the moments take two (mean, M2). */
static size_t block_width(Reduce how) { return how == REDUCE_VAR || how == REDUCE_STD ? 2 : 1; }

/* One block's mean of x − shift and Σ(x − mean)², two passes over the block (in cache). The
 * shift (the first element) keeps the block means small, so merging them loses nothing to a
 * large common offset (1e9 + small values). */
static void block_moments(const Entry *e, size_t n, double shift, double *mean, double *m2) {
    if (!e->p) { *mean = e->u - shift; *m2 = 0; return; }
    const double *x = e->p;
    double m = kernel_sum(x, n) / (double)n, s = 0, c = 0;
    for (size_t j = 0; j < n; j++) {
        double d = x[j] - m;
        s += d * d;
        c += d;
    }
    *mean = (m - shift) + c / (double)n;
    *m2 = s - c * c / (double)n;
}

/* Merges a block of n elements with moments (mean, m2) into r, in block order. */
static void moments_combine(Reducer *r, double n, double mean, double m2) {
    if (isnan(mean) || isnan(m2)) r->nan = true;
    if (r->count == 0) {
        r->count = n;
        r->mean = mean;
        r->m2 = m2;
        return;
    }
    double total = r->count + n, delta = mean - r->mean;
    r->mean += delta * n / total;
    r->m2 += m2 + delta * delta * r->count * n / total;
    r->count = total;
}

/* One block's share of the reduction: its sum, product, min or max. */
static double block_value(Reduce how, const Entry *e, size_t n, double (*tmp)[BLOCK]) {
    const double *x = e->p;
    if (!x) {
        for (size_t j = 0; j < n; j++) (*tmp)[j] = e->u;
        x = *tmp;
    }
    switch (how) {
    case REDUCE_NONE: case REDUCE_SUM: case REDUCE_MEAN: return kernel_sum(x, n);
    case REDUCE_PROD: return kernel_prod(x, n);
    case REDUCE_MIN: return kernel_min(x, n);
    case REDUCE_MAX: return kernel_max(x, n);
    case REDUCE_VAR: case REDUCE_STD: break; /* block_moments */
    }
    return NAN;
}

/* Adds one block's value to the running result; blocks are always combined in order, so
 * the result does not depend on how many threads computed the blocks. */
static void reduce_combine(Reducer *r, double part) {
    switch (r->how) {
    case REDUCE_NONE: case REDUCE_SUM: case REDUCE_MEAN: neumaier_add(&r->acc, &r->comp, part); return;
    case REDUCE_PROD: r->acc *= part; return;
    case REDUCE_MIN: if (isnan(part)) r->nan = true; else if (part < r->acc) r->acc = part; return;
    case REDUCE_MAX: if (isnan(part)) r->nan = true; else if (part > r->acc) r->acc = part; return;
    case REDUCE_VAR: case REDUCE_STD: return; /* moments_combine */
    }
}

static double reducer_result(const Reducer *r, size_t len) {
    if (r->nan) return NAN;
    switch (r->how) {
    case REDUCE_SUM: return r->acc + r->comp;
    case REDUCE_MEAN: return (r->acc + r->comp) / (double)len;
    case REDUCE_VAR: return r->m2 / (r->count - 1);
    case REDUCE_STD: return sqrt(r->m2 / (r->count - 1));
    default: return r->acc;
    }
}

static Reducer reducer_new(Reduce how) {
    Reducer r = {how, 0, 0, false};
    if (how == REDUCE_PROD) r.acc = 1;
    if (how == REDUCE_MIN) r.acc = INFINITY;
    if (how == REDUCE_MAX) r.acc = -INFINITY;
    return r;
}

/* {===================== blocks on several threads
 * A large evaluation splits its blocks into contiguous runs, one per thread; element results
 * go straight to their place in the output, reductions leave one value per block, which the
 * calling thread combines in block order (the same sums as on one thread). Workers never
 * touch the session: a program that can raise an error (an index) runs on one thread, and a
 * worker that sees Ctrl-C only stops; the calling thread reports it. */

enum {
    PAR_MIN_BLOCKS = 256,   /* 65,536 elements per thread at least: less costs more than it saves */
    PAR_MAX_THREADS = 64,
    PAR_ROUND_BLOCKS = 8192, /* blocks per thread per round of a reduction (2M elements) */
};

typedef struct Share {
    Interp *in;
    Frame *fr;
    const Prog *p;
    const Bind *binds;
    size_t len, first_block, end_block;
    double *out;            /* element results, or NULL */
    double *partials;       /* one value per block (reductions), or NULL */
    Reduce how;
    ProgResult res;
    bool interrupted;
    double shift;           /* REDUCE_VAR / REDUCE_STD: subtracted before the block means */
} Share;

static void *run_share(void *arg) {
    Share *sh = arg;
    Scratch *s = aligned_alloc(64, sizeof *s);
    sh->res = s ? PROG_OK : PROG_NO;
    for (size_t b = sh->first_block; s && b < sh->end_block; b++) {
        if ((b & 255) == 255 && interp_interrupt_pending(sh->in)) {
            sh->interrupted = true;
            break;
        }
        size_t first = b * BLOCK, n = sh->len - first < BLOCK ? sh->len - first : BLOCK;
        Entry top;
        sh->res = run_block(sh->in, sh->fr, sh->p, sh->binds, first, n, s->block, &top);
        if (sh->res != PROG_OK) break;
        if (sh->out) {
            if (top.p) memcpy(sh->out + first, top.p, n * sizeof(double));
            else for (size_t j = 0; j < n; j++) sh->out[first + j] = top.u;
        } else {
            if (block_width(sh->how) == 2) block_moments(&top, n, sh->shift, &sh->partials[2 * b], &sh->partials[2 * b + 1]);
            else sh->partials[b] = block_value(sh->how, &top, n, &s->block[MAX_DEPTH]);
        }
    }
    free(s);
    return NULL;
}

/* How many threads this evaluation of p over nblocks blocks gets (1: run it here). */
static int threads_for(Interp *in, const Prog *p, size_t nblocks) {
    if (nblocks < 2 * PAR_MIN_BLOCKS) return 1;
    for (int i = 0; i < p->nops; i++)
        if (p->ops[i].code == P_INDEX1 || p->ops[i].code == P_INDEX2) return 1;
    size_t most = nblocks / PAR_MIN_BLOCKS;
    int threads = interp_threads(in);
    if ((size_t)threads > most) threads = (int)most;
    return threads > PAR_MAX_THREADS ? PAR_MAX_THREADS : threads;
}

/* Runs blocks [first_block, end_block) on `threads` threads; partials (reductions) is indexed
 * from first_block. */
static ProgResult run_shares(Interp *in, Frame *fr, const Prog *p, const Bind *binds, size_t len,
                             size_t first_block, size_t end_block, int threads, double *out,
                             double *partials, Reduce how, double shift, bool *interrupted) {
    Share shares[PAR_MAX_THREADS];
    pthread_t ids[PAR_MAX_THREADS];
    bool started[PAR_MAX_THREADS] = {false};
    size_t count = end_block - first_block;
    for (int t = 0; t < threads; t++)
        shares[t] = (Share){in, fr, p, binds, len, first_block + count * (size_t)t / (size_t)threads,
                            first_block + count * (size_t)(t + 1) / (size_t)threads, out,
                            partials ? partials - first_block * block_width(how) : NULL, how, PROG_OK, false,
                            shift};
    for (int t = 1; t < threads; t++) started[t] = pthread_create(&ids[t], NULL, run_share, &shares[t]) == 0;
    run_share(&shares[0]);
    for (int t = 1; t < threads; t++) {
        if (started[t]) pthread_join(ids[t], NULL);
        else run_share(&shares[t]);   /* no thread to be had: this one does it */
    }
    ProgResult res = PROG_OK;
    for (int t = 0; t < threads; t++) {
        if (shares[t].interrupted) *interrupted = true;
        if (res == PROG_OK && shares[t].res != PROG_OK) res = shares[t].res;
    }
    return res;
}

/* }===================== */

/* Runs blocks over [0, len) on as many threads as threads_for gives (often 1: then all on
 * this one); each result block goes to out (when non-NULL) or into r. */
static ProgResult run_blocks(Interp *in, Frame *fr, const Prog *p, const Bind *binds, size_t len,
                             Span span, double *out, Reducer *r) {
    size_t nblocks = (len + BLOCK - 1) / BLOCK;
    int threads = threads_for(in, p, nblocks);
    ProgResult res = PROG_OK;
    bool interrupted = false;
    if (out) {
        res = run_shares(in, fr, p, binds, len, 0, nblocks, threads, out, NULL, REDUCE_SUM, 0, &interrupted);
    } else {
        /* a reduction goes in rounds of PAR_ROUND_BLOCKS per thread, so the per-block values
         * take a fixed buffer however long the sum (Σ to 10^10 is 39 million blocks) */
        size_t round = (size_t)threads * PAR_ROUND_BLOCKS;
        double small[64];   /* arrays up to 16,384 elements (8,192 for moments): no allocation */
        size_t width = block_width(r->how);
        double *partials = nblocks * width <= 64 ? small
                         : malloc((nblocks < round ? nblocks : round) * width * sizeof *partials);
        if (!partials) return PROG_NO;
        for (size_t first = 0; first < nblocks && res == PROG_OK && !interrupted; first += round) {
            size_t end = nblocks - first < round ? nblocks : first + round;
            int t = threads;
            while (t > 1 && (end - first) / (size_t)t < PAR_MIN_BLOCKS) t--;   /* a short last round */
            res = run_shares(in, fr, p, binds, len, first, end, t, NULL, partials, r->how, r->shift, &interrupted);
            if (res == PROG_OK && !interrupted)
                for (size_t b = 0; b < end - first; b++) {
                    if (width == 1) { reduce_combine(r, partials[b]); continue; }
                    size_t n = len - (first + b) * BLOCK < BLOCK ? len - (first + b) * BLOCK : BLOCK;
                    moments_combine(r, (double)n, partials[2 * b], partials[2 * b + 1]);
                }
        }
        if (partials != small) free(partials);
    }
    /* stopped early for Ctrl-C: the caller reports it, or (flag already taken) the general
     * engine starts over */
    if (interrupted) res = interp_check_interrupt(in, span) ? PROG_ERROR : PROG_NO;
    return res;
}

ProgResult prog_array(Interp *in, Frame *fr, const Prog *p, Span span, Value *out) {
    if (!guards_hold(in, p)) return PROG_NO;
    Bind binds[MAX_LEAVES];
    Domain dom = {0};
    ProgResult res = bind_leaves(in, fr, p, binds, &dom, -1, 0);
    if (res != PROG_OK || !dom.any) return res == PROG_OK ? PROG_NO : res;
    Array *z = interp_new_array(in, span, dom.ndim, dom.rows, dom.cols);
    if (!z) return PROG_ERROR;
    res = run_blocks(in, fr, p, binds, dom.len, span, z->data, NULL);
    if (res != PROG_OK) { array_release(z); return res; }
    *out = value_arr(z);
    return PROG_OK;
}

ProgResult prog_reduce(Interp *in, Frame *fr, const Prog *p, Reduce how, Span span, double *out) {
    if (!guards_hold(in, p)) return PROG_NO;
    Bind binds[MAX_LEAVES];
    Domain dom = {0};
    ProgResult res = bind_leaves(in, fr, p, binds, &dom, -1, 0);
    if (res != PROG_OK || !dom.any) return res == PROG_OK ? PROG_NO : res;
    if (dom.len == 0 && how != REDUCE_SUM && how != REDUCE_PROD) return PROG_NO; /* the general path explains */
    /* the moments: a vector of at least 2 values without NaN; the rest (columns of a matrix,
     * the errors for NaN and one value) is the statistics builtin's */
    bool moments = block_width(how) == 2;
    if (moments && (dom.ndim != 1 || dom.len < 2)) return PROG_NO;
    Reducer r = reducer_new(how);
    if (moments) {
        /* the shift: the first element, from a one-element run */
        Scratch *s = aligned_alloc(64, sizeof *s);
        if (!s) return PROG_NO;
        Entry top;
        res = run_block(in, fr, p, binds, 0, 1, s->block, &top);
        double first = top.p ? top.p[0] : top.u;
        free(s);
        if (res != PROG_OK) return res;
        r.shift = isfinite(first) ? first : 0;
    }
    res = run_blocks(in, fr, p, binds, dom.len, span, NULL, &r);
    if (res == PROG_OK && moments && r.nan) return PROG_NO;
    if (res == PROG_OK) *out = reducer_result(&r, dom.len);
    return res;
}

ProgResult prog_index_reduce(Interp *in, Frame *fr, const Prog *p, int index_slot, double from,
                             double to, bool is_sum, Span span, double *out) {
    if (!guards_hold(in, p)) return PROG_NO;
    Bind binds[MAX_LEAVES];
    Domain dom = {0};
    ProgResult res = bind_leaves(in, fr, p, binds, &dom, index_slot, from);
    if (res != PROG_OK) return res;
    size_t len = to >= from ? (size_t)(to - from) + 1 : 0;
    Reducer r = reducer_new(is_sum ? REDUCE_SUM : REDUCE_PROD);
    res = run_blocks(in, fr, p, binds, len, span, NULL, &r);
    if (res == PROG_OK) *out = reducer_result(&r, len);
    return res;
}

/* }===================== */

/* {===================== scalar loops */

typedef struct LoopProg {
    int nsops;
    SOp *sops;          /* every statement's program followed by its store */
    /* The last statement's target: before an iteration's first store, S_LOADR (and the
     * recent operand form) stands for it, so it must hold a number when the loop starts. */
    bool last_local;
    int last_slot;
    bool reads_last_first;  /* some op reads it so before the first store */
} LoopProg;

/* Where a loop op stores (its statement's target), or false. */
static bool op_stores(const SOp *so, bool *local, int *slot) {
    if (so->code == S_STOREG || so->code == S_STOREL) {
        *local = so->code == S_STOREL;
        *slot = so->slot;
        return true;
    }
    if (so->code >= S_BIN_STORE) {
        *local = so->store_local;
        *slot = so->store_slot;
        return true;
    }
    return false;
}

/* Rewrites every load of the variable the latest store wrote (in program order, wrapping
 * around from the loop's last statement) to read the register that store left: in
 * `g = 2x; x = x - lr*g` both the g of the second statement and the x of the first. */
static void loop_forward_stores(LoopProg *lp) {
    bool local = false;
    int slot = -1;
    for (int i = 0; i < lp->nsops; i++) op_stores(&lp->sops[i], &local, &slot);
    lp->last_local = local;
    lp->last_slot = slot;
    lp->reads_last_first = false;
    bool stored = false;
    for (int i = 0; i < lp->nsops; i++) {
        SOp *so = &lp->sops[i];
        int base = so->code >= S_BIN_STORE ? S_BIN_STORE : so->code >= S_BIN ? S_BIN : -1;
        int form = base >= 0 ? (so->code - base) / 5 : -1;
        bool reads = (so->code == S_LOADG && !local) || (so->code == S_LOADL && local) ||
                     (form == FORM_GLOBAL && !local) || (form == FORM_LOCAL && local);
        if (reads && so->slot == slot) {
            if (so->code == S_LOADG || so->code == S_LOADL) so->code = S_LOADR;
            else so->code = (uint8_t)(base + 5 * FORM_RECENT + (so->code - base) % 5);
            if (!stored) lp->reads_last_first = true;
        }
        if (op_stores(so, &local, &slot)) stored = true;
    }
}

static LoopProg *loop_compile(Interp *in, Frame *fr, Node *loop) {
    Node *body = loop->b;
    if (body->kind != N_BLOCK || body->nlist == 0 || body->nlist > 255) return NULL;
    for (int k = 0; k < body->nlist; k++) {
        Node *st = body->list[k];
        if (st->kind != N_ASSIGN || (st->a->kind != N_GLOBAL && st->a->kind != N_LOCAL)) return NULL;
        if (!prog_of(in, fr, st->b)) return NULL;
    }
    int total = 0;
    for (int k = 0; k < body->nlist; k++) {
        Node *st = body->list[k];
        const Prog *p = st->b->prog;
        /* a statement that rebinds a name the programs depend on (a called function, the
         * loop variable) would invalidate them */
        for (int j = 0; j < body->nlist; j++) {
            const Prog *q = body->list[j]->b->prog;
            for (int g = 0; g < q->nguards; g++)
                if (st->a->kind == N_GLOBAL && q->guards[g].slot == st->a->slot) return NULL;
        }
        if (loop->c->kind == st->a->kind && st->a->slot == loop->c->slot) return NULL;
        total += p->nsops + 1;
    }
    LoopProg *lp = ast_alloc(fr->arena, sizeof *lp);
    lp->sops = ast_alloc(fr->arena, (size_t)total * sizeof *lp->sops);
    lp->nsops = 0;
    for (int k = 0; k < body->nlist; k++) {
        Node *st = body->list[k];
        Prog *p = st->b->prog;
        memcpy(lp->sops + lp->nsops, p->sops, (size_t)p->nsops * sizeof *p->sops);
        lp->nsops += p->nsops;
        SOp *last = p->nsops > 0 ? &lp->sops[lp->nsops - 1] : NULL;
        if (last && last->code >= S_BIN && last->code < S_BIN_STORE) {
            /* the statement ends in a binary operator: it stores as it computes */
            last->code = (uint8_t)(last->code + (S_BIN_STORE - S_BIN));
            last->store_local = st->a->kind != N_GLOBAL;
            last->store_slot = st->a->slot;
            continue;
        }
        SOp store = {st->a->kind == N_GLOBAL ? S_STOREG : S_STOREL, 0, NULL, st->a->slot, 0, NULL, false, 0};
        lp->sops[lp->nsops++] = store;
    }
    loop_forward_stores(lp);
    return lp;
}

ProgResult prog_loop(Interp *in, Frame *fr, Node *loop, double start, double step, size_t count,
                     size_t *iter, int *stmt) {
    *stmt = -1;
    if (loop->prog_state < 0) return PROG_NO;
    if (loop->prog_state == 0) {
        LoopProg *compiled = loop_compile(in, fr, loop);
        if (!compiled) { loop->prog_state = -1; return PROG_NO; }
        loop->prog = (Prog *)(void *)compiled; /* an N_FOR node caches a LoopProg */
        loop->prog_state = 1;
    }
    const LoopProg *lp = (const LoopProg *)(void *)loop->prog;
    Node *body = loop->b;
    for (int k = 0; k < body->nlist; k++) {
        const Prog *p = body->list[k]->b->prog_state == 1 ? body->list[k]->b->prog : NULL;
        if (!p || (p->nguards && !guards_hold(in, p))) { loop->prog_state = 0; return PROG_NO; }
    }
    Value *var = loop->c->kind == N_LOCAL ? &fr->slots[loop->c->slot] : &in->globals[loop->c->slot].value;
    const SOp *first = lp->sops, *end = lp->sops + lp->nsops;
    double st[MAX_DEPTH + 1];
    /* Every variable the loop reads directly must hold a number now; the loop only ever
     * stores numbers, so the loads inside can skip the kind test. */
    for (const SOp *so = first; so < end; so++) {
        int c = so->code >= S_BIN_STORE ? so->code - (S_BIN_STORE - S_BIN) : so->code;
        bool global = c == S_LOADG || (c >= S_BIN + 10 && c < S_BIN + 15);
        bool local = c == S_LOADL || (c >= S_BIN + 15 && c < S_BIN + 20);
        if (global && in->globals[so->slot].value.kind != VAL_NUM) return PROG_NO;
        if (local && fr->slots[so->slot].kind != VAL_NUM) {
            /* a local the loop itself assigns before reading is fine only if already a number */
            return PROG_NO;
        }
    }
    if (*iter >= count) return PROG_OK;
    if (interp_interrupt_pending(in)) { *stmt = -1; return PROG_NO; }
    double recent = 0;
    if (lp->reads_last_first) {
        const Value *last = lp->last_local ? &fr->slots[lp->last_slot] : &in->globals[lp->last_slot].value;
        if (last->kind != VAL_NUM) return PROG_NO;
        recent = last->as.num;
    }
    if (var->kind > VAL_NUM) value_release(*var);
    LoopRun run = {var, start, step, *iter, count, recent};
    *var = value_num(start + (double)run.i * step);
    int sp = 0, done = 0;
    ProgResult r = run_sops(in, fr, first, end, st, &sp, &done, false, &run);
    *iter = run.i;
    if (r == PROG_ERROR) return PROG_ERROR;
    if (r != PROG_OK) {
        *stmt = done; /* −1 when stopped for SIGINT before iteration i began */
        return PROG_NO;
    }
    *iter = count;
    return PROG_OK;
}

/* }===================== */
