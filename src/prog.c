/* prog.c — compiling element-wise expressions and running them on scalars or fused over
 * blocks of arrays (see prog.h). */
#include "prog.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "elementwise.h"
#include "func.h"
#include "kernels.h"
#include "x86jit.h"

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
    const Node *range;  /* a range written in place (1:N): its elements, never stored */
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
    S_LOADI,            /* loops: push the loop variable (kept in a register) */
    /* loops: indexing an array bound when the loop starts (slot: its LoopRun.arrays entry;
     * op: the P_INDEX instruction, for the error positions) */
    S_IDX1,             /* top = a[top] (a vector) */
    S_IDX1V,            /* push a[loop variable] */
    S_IDX2,             /* pop j; top = a[top, j] (a matrix) */
    S_JUMPF,            /* loops: pop a condition; false: go to op slot (nan: an error) */
    S_JUMP,             /* loops: go to op slot (the end of the body: the next iteration) */
    S_BREAK,            /* loops: leave the loop */
    /* loops: stores into an element of a bound array (slot; cond: the N_INDEX_ASSIGN) */
    S_ISTORE1,          /* pop i, v: a[i] = v */
    S_ISTORE1V,         /* pop v: a[loop variable] = v */
    S_ISTORE2,          /* pop j, i, v: a[i, j] = v */
    /* loops inside a compiled loop (sub: the nesting level, 0 the innermost of none; cond:
     * the N_FOR or N_WHILE node; store_local/store_slot: a for loop's variable) */
    S_FOR_INIT,         /* pop the range's start, end (and step): none to run → go to slot */
    S_FOR_NEXT,         /* the next iteration of the loop → go to slot (its body), or on */
    S_WHILE_BACK,       /* poll the interrupt flag, go to slot (the condition) */
    S_RETURN,           /* pop the value the function returns: the loop ends */
    /* binary operators: S_BIN + 5 × operand form (stack, constant k, global, local, the
     * latest store's value, loops only: a bound array at the loop variable) + operator class
     * (+, −, ×, ÷, any other KernelBinary in sub) */
    S_BIN,
    /* loops: the same binary operators followed by the store of their statement (one
     * dispatch fewer per statement): + 30, then 5 × form + class as above */
    S_BIN_STORE = S_BIN + 30,
    S_CODES = S_BIN_STORE + 30,
} SCode;

enum { FORM_STACK, FORM_CONST, FORM_GLOBAL, FORM_LOCAL, FORM_RECENT, FORM_IDXV };

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
    const Node *cond; /* S_JUMPF: the condition (its span for "condition is nan") */
} SOp;

static bool is_jump(int code);
static bool inner_runs_alone(Interp *in, Frame *fr, Node *loop);

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
    c->leaves[c->nleaves] = (PLeaf){local, slot, false, false, NULL};
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
    case N_RANGE: {
        /* a range whose bounds are numbers or names: an affine operand (no array is made) */
        const Node *parts[3] = {n->a, n->b, n->c};
        for (int k = 0; k < 3; k++)
            if (parts[k] && parts[k]->kind != N_NUM && parts[k]->kind != N_GLOBAL &&
                !(parts[k]->kind == N_LOCAL && !ctx)) { c->failed = true; return; }
        if (c->nleaves >= MAX_LEAVES) { c->failed = true; return; }
        int leaf = c->nleaves++;
        c->leaves[leaf] = (PLeaf){false, -1, true, false, n};
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
        if (op->code == P_LOAD && !p->leaves[op->leaf].range) {
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
enum { MAX_BOUND = 16, MAX_NEST = 8 }; /* arrays a compiled loop indexes, loops in it */

typedef struct LoopRun {
    Value *var;          /* the loop variable */
    double start, step;
    size_t i, count;     /* the iteration running, and how many in all */
    double recent;       /* what S_LOADR reads before the iteration's first store */
    bool broke;          /* ended by S_BREAK (i: the iterations run, this one included) */
    bool returned;       /* ended by S_RETURN, with the value ret */
    double ret;
    struct Bound {
        const Array *arr;       /* borrowed from a variable the loop never assigns */
        const double *data;     /* its elements, NULL for a lazy range (array_at) */
        double first_len;       /* the length of its first index's dimension */
        bool safe;              /* every value the loop variable takes is a valid first index */
    } bound[MAX_BOUND];
} LoopRun;

/* S_IDX*'s bounds check: a whole number in 1..len (NaN fails the first test); what fails
 * goes to eval_check_index for the general path's message. */
static inline bool index_fast(double x, double len, size_t *pos) {
    if (!(x >= 1 && x <= len)) return false;
    int64_t p = (int64_t)x;
    if ((double)p != x) return false;
    *pos = (size_t)p - 1;
    return true;
}

static inline double element(const struct Bound *b, size_t pos) {
    return b->data ? b->data[pos] : array_at(b->arr, pos);
}

static ProgResult run_sops(Interp *in, Frame *fr, const SOp *so, const SOp *end, double *st, int *sp_io,
                           int *stores, bool checked, LoopRun *loop) {
#define OPERATORS(FORM) &&FORM##_add, &&FORM##_sub, &&FORM##_mul, &&FORM##_div, &&FORM##_gen
    static void *const dispatch[S_CODES] = {
        &&s_const, &&s_loadg, &&s_loadl, &&s_other, &&s_storeg, &&s_storel, &&s_loadr,
        &&s_loadi, &&s_idx1, &&s_idx1v, &&s_idx2, &&s_jumpf, &&s_jump, &&s_break,
        &&s_istore1, &&s_istore1v, &&s_istore2, &&s_for_init, &&s_for_next, &&s_while_back,
        &&s_return,
        OPERATORS(stack), OPERATORS(konst), OPERATORS(global), OPERATORS(local), OPERATORS(recent),
        OPERATORS(idxv),
        OPERATORS(stack_st), OPERATORS(konst_st), OPERATORS(global_st), OPERATORS(local_st),
        OPERATORS(recent_st), OPERATORS(idxv_st),
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
    double ivar = loop ? loop_start + (double)iter * loop_step : 0;
    const struct Bound *bound = loop ? loop->bound : NULL, *bd;
    struct { double start, step; size_t i, count; } inner[MAX_NEST];
    unsigned polls = 0;   /* back-edges of inner loops, for their interrupt polls */
    size_t pos, pos2;
    double x;
    const SOp *first = so;
    if (so == end) goto done;
    goto *dispatch[so->code];
s_const: PUSH(so->k); NEXT();
s_loadg: NUMBER(&globals[so->slot].value); PUSH(y); NEXT();
s_loadl: NUMBER(&locals[so->slot]); PUSH(y); NEXT();
s_loadr: PUSH(recent); NEXT();
s_loadi: PUSH(ivar); NEXT();
/* a bound array at the loop variable: checked once for the whole loop when `safe` */
#define IDXV(out) do {                                                                     \
        bd = &bound[so->slot];                                                             \
        if (bd->safe) pos = (size_t)ivar - 1;                                              \
        else if (!index_fast(ivar, bd->first_len, &pos)) { x = ivar; goto index_error; }  \
        (out) = element(bd, pos);                                                          \
    } while (0)
s_idx1v: IDXV(y); PUSH(y); NEXT();
s_idx1:
    bd = &bound[so->slot];
    if (!index_fast(top, bd->first_len, &pos)) { x = top; goto index_error; }
    top = element(bd, pos);
    NEXT();
s_idx2:
    bd = &bound[so->slot];
    if (!index_fast(st[sp - 1], bd->first_len, &pos)) { x = st[sp - 1]; goto index_error; }
    if (!index_fast(top, (double)bd->arr->cols, &pos2) &&
        !eval_check_index(in, so->op->node->list[1]->span, top, bd->arr->cols, &pos2))
        goto error;
    sp--;
    top = element(bd, pos * bd->arr->cols + pos2);
    NEXT();
s_istore1:
    bd = &bound[so->slot];
    if (!index_fast(top, bd->first_len, &pos)) {
        eval_check_index(in, so->cond->a->list[0]->span, top, (size_t)bd->first_len, &pos);
        goto error;
    }
    ((double *)bd->data)[pos] = st[sp - 1];
    sp--;
    goto istored;
s_istore1v:
    bd = &bound[so->slot];
    if (bd->safe) pos = (size_t)ivar - 1;
    else if (!index_fast(ivar, bd->first_len, &pos)) {
        eval_check_index(in, so->cond->a->list[0]->span, ivar, (size_t)bd->first_len, &pos);
        goto error;
    }
    ((double *)bd->data)[pos] = top;
    goto istored;
s_istore2:
    bd = &bound[so->slot];
    if (!index_fast(st[sp - 1], bd->first_len, &pos)) {
        eval_check_index(in, so->cond->a->list[0]->span, st[sp - 1], (size_t)bd->first_len, &pos);
        goto error;
    }
    if (!index_fast(top, (double)bd->arr->cols, &pos2)) {
        eval_check_index(in, so->cond->a->list[1]->span, top, bd->arr->cols, &pos2);
        goto error;
    }
    ((double *)bd->data)[pos * bd->arr->cols + pos2] = st[sp - 2];
    sp -= 2;
istored:
    /* the statement is done: the stack is empty again */
    if (sp > 0) top = st[--sp];
    else empty = true;
    (*stores)++;
    NEXT();
s_for_init: {
        int nest = so->sub;
        double a, e, step = 1;
        if (so->k != 0) { step = top; top = st[--sp]; }
        e = top;
        a = st[--sp];
        if (sp > 0) top = st[--sp];
        else empty = true;
        size_t n, from = 0;
        if (!eval_range_check(in, so->cond->a, a, step, e, &n)) goto error;
        if (n == 0) goto s_jump;
        if (JIT_AVAILABLE && prog_native_enabled && n >= prog_native_min_iterations &&
            inner_runs_alone(in, fr, (Node *)so->cond)) {
            /* a long inner loop of plain statements runs as a loop of its own (natively when
             * it can); stopped before an iteration (an interrupt, a variable that is not a
             * number), it goes on here from that iteration */
            int stmt = -1;
            ProgResult r = prog_loop(in, fr, (Node *)so->cond, a, step, n, &from, &stmt);
            if (r == PROG_ERROR) goto error;
            if (r == PROG_OK || from >= n) goto s_jump;
        }
        inner[nest].start = a;
        inner[nest].step = step;
        inner[nest].i = from;
        inner[nest].count = n;
        v = so->store_local ? &locals[so->store_slot] : &globals[so->store_slot].value;
        if (v->kind > VAL_NUM) value_release(*v);
        *v = value_num(a + (double)from * step);
        NEXT();
    }
s_for_next: {
        int nest = so->sub;
        if (++inner[nest].i >= inner[nest].count) NEXT();
        /* as the general path: SIGINT/--timeout noticed at the inner loop's next iteration */
        if ((++polls & 1023) == 0 && interp_interrupt_pending(in) && interp_check_interrupt(in, so->cond->span))
            goto error;
        v = so->store_local ? &locals[so->store_slot] : &globals[so->store_slot].value;
        v->as.num = inner[nest].start + (double)inner[nest].i * inner[nest].step;
        goto s_jump;
    }
s_while_back:
    if ((++polls & 1023) == 0 && interp_interrupt_pending(in) && interp_check_interrupt(in, so->cond->span))
        goto error;
    goto s_jump;
s_jumpf:
    x = top;
    if (sp > 0) top = st[--sp];
    else empty = true;
    if (isnan(x)) {
        interp_error(in, so->cond->span, "condition is nan");
        goto error;
    }
    if (x != 0) NEXT();
    /* fall through: not taken */
s_jump:
    so = first + so->slot;
    if (so == end) goto done;
    goto *dispatch[so->code];
s_return:
    loop->returned = true;
    loop->ret = top;
    if (sp > 0) top = st[--sp];
    else empty = true;
    /* fall through: the loop ends */
s_break:
    /* the loop ends here, its variable keeping this iteration's value */
    loop->i = iter + 1;
    loop->broke = true;
    if (!empty) st[sp++] = top;
    *sp_io = sp;
    return PROG_OK;
index_error:
    /* the first index failed the fast test: the general path's message and position (the
     * two tests agree, so this records the error) */
    eval_check_index(in, so->op->node->list[0]->span, x, (size_t)bd->first_len, &pos);
    goto error;
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
    HANDLERS(idxv, IDXV(y))
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
    HANDLERS_ST(idxv, IDXV(y))
#undef IDXV
#undef STORE_AFTER
#undef HANDLERS_ST
#undef STACK_FETCH
#undef HANDLERS
#undef NEXT
#undef NUMBER
#undef PUSH
done:
    if (loop && ++iter < count) {
        /* the next iteration of a compiled loop; SIGINT and --timeout are polled every 1024
         * iterations (a few µs of scalar work each at most) */
        if ((iter & 1023) == 0 && interp_interrupt_pending(in)) { *stores = -1; goto bail; }
        *stores = 0;
        ivar = loop_start + (double)iter * loop_step;
        if (loop_var) loop_var->as.num = ivar;   /* a number since the start (none: a while loop) */
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
error:
    if (loop) loop->i = iter;
    *sp_io = 0;
    return PROG_ERROR;
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
        if (l->range) {
            /* a row of count elements start + k·step, laid over the domain's full shape only */
            size_t count;
            if (index_slot >= 0 || !eval_range_quiet(in, fr, l->range, &b->start, &b->step, &count)) return PROG_NO;
            b->kind = BIND_AFFINE;
            if (!dom->any) {
                dom->any = true;
                dom->ndim = 1;
                dom->rows = 1;
                dom->cols = count;
            } else if (dom->rows != 1 || dom->cols != count) {
                return PROG_NO;
            }
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
        if (p->leaves[i].range && (dom->ndim != 1 || dom->rows != 1)) return PROG_NO; /* would spread */
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
            if (!a->p && !b->p) a->u = kernel_binary_scalar((KernelBinary)op->sub, a->u, b->u);
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

bool prog_loops_enabled = true;
unsigned long prog_loop_iterations;
bool prog_native_enabled = true;
size_t prog_native_min_iterations = 4096;
unsigned long prog_native_iterations;

typedef struct LoopProg {
    int nsops;
    SOp *sops;          /* every statement's program followed by its store */
    /* The last statement's target: before an iteration's first store, S_LOADR (and the
     * recent operand form) stands for it, so it must hold a number when the loop starts. */
    bool last_local;
    int last_slot;
    bool reads_last_first;  /* some op reads it so before the first store */
    /* the arrays S_IDX* index (variables no statement of the body assigns), bound when the
     * loop starts; each must then be an array of ndim dimensions */
    bool var_local;     /* the loop variable */
    int var_slot;
    bool jumps;         /* branches: no fallback mid-iteration, no forwarding across ops that join */
    int nprogs;         /* the programs the ops come from (guards checked at every start) */
    Prog **progs;
    int nassigns;       /* every assignment of the body */
    Node **assigns;
    int nbound;
    PLeaf bound[MAX_BOUND];
    int bound_ndim[MAX_BOUND];
    bool bound_written[MAX_BOUND];  /* some element is stored into (made unique at the start) */
} LoopProg;

/* Whether a statement of the body assigns the variable (local, slot). */
static Node *assigned_name(Node *st);

static bool body_assigns(const LoopProg *lp, bool local, int slot) {
    for (int k = 0; k < lp->nassigns; k++) {
        const Node *t = assigned_name(lp->assigns[k]);
        if ((t->kind == N_LOCAL) == local && t->slot == slot) return true;
    }
    return false;
}

/* Turns indexing of arrays the body never assigns into S_IDX* (bound at the loop's start)
 * and reads of the loop variable into S_LOADI; `y[i]` becomes one S_IDX1V. Returns the new
 * number of ops (the array is rewritten in place). */
static int loop_bind_arrays(LoopProg *lp, const Node *loop, SOp *so, int n) {
    bool var_local = loop->c && loop->c->kind == N_LOCAL;
    int var_slot = loop->c ? loop->c->slot : -1, k = 0;
    /* where each op lands (jump targets are statements' first ops, never merged away) */
    int *moved = malloc(((size_t)n + 1) * sizeof *moved);
    if (!moved) return n;
    for (int i = 0; i < n; i++) {
        SOp op = so[i];
        if (op.code == S_OTHER && (op.op->code == P_INDEX1 || op.op->code == P_INDEX2)) {
            const PLeaf *l = &op.prog->leaves[op.op->leaf];
            int ndim = op.op->code == P_INDEX1 ? 1 : 2, b = 0;
            while (b < lp->nbound && !(lp->bound[b].local == l->local && lp->bound[b].slot == l->slot)) b++;
            bool usable = !body_assigns(lp, l->local, l->slot) &&
                          (b < lp->nbound ? lp->bound_ndim[b] == ndim : b < MAX_BOUND);
            if (usable) {
                if (b == lp->nbound) {
                    lp->bound[b] = *l;
                    lp->bound_ndim[b] = ndim;
                    lp->nbound++;
                }
                op.code = ndim == 1 ? S_IDX1 : S_IDX2;
                op.slot = b;
                if (ndim == 1 && k > 0 && so[k - 1].code == S_LOADI) {
                    k--;
                    op.code = S_IDX1V;
                }
            }
        } else if (op.code == S_ISTORE1 || op.code == S_ISTORE2) {
            /* the array written must be bound (as written: ndim from the indices) */
            int ndim = op.code == S_ISTORE1 ? 1 : 2, b = 0;
            while (b < lp->nbound && !(lp->bound[b].local == op.store_local && lp->bound[b].slot == op.store_slot)) b++;
            if (b == MAX_BOUND || (b < lp->nbound && lp->bound_ndim[b] != ndim) ||
                body_assigns(lp, op.store_local, op.store_slot)) {
                free(moved);
                return -1;
            }
            if (b == lp->nbound) {
                lp->bound[b] = (PLeaf){op.store_local, op.store_slot, false, true, NULL};
                lp->bound_ndim[b] = ndim;
                lp->nbound++;
            }
            lp->bound_written[b] = true;
            op.slot = b;
            if (ndim == 1 && k > 0 && so[k - 1].code == S_LOADI) {
                k--;
                op.code = S_ISTORE1V;
            }
        } else if (k > 0 && so[k - 1].code == S_IDX1V &&
                   ((op.code >= S_BIN && op.code < S_BIN + 5) || (op.code >= S_BIN_STORE && op.code < S_BIN_STORE + 5))) {
            /* a[i] OP: one op reading its right operand from a bound array */
            op.code = (uint8_t)(op.code + 5 * FORM_IDXV);
            op.slot = so[k - 1].slot;
            op.op = so[k - 1].op;
            k--;
        } else if ((op.code == S_LOADG && !var_local && op.slot == var_slot) ||
                   (op.code == S_LOADL && var_local && op.slot == var_slot)) {
            op.code = S_LOADI;
        }
        moved[i] = k;
        so[k++] = op;
    }
    moved[n] = k;
    for (int i = 0; i < k; i++)
        if (is_jump(so[i].code)) so[i].slot = moved[so[i].slot];
    free(moved);
    return k;
}

/* Ops whose slot is an op index to go to. */
static bool is_jump(int code) {
    return code == S_JUMPF || code == S_JUMP || code == S_FOR_INIT || code == S_FOR_NEXT || code == S_WHILE_BACK;
}

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
    /* with branches the latest store is known only within straight runs of ops: tracking
     * starts afresh after a jump and at a jump's target (and never wraps around) */
    bool *target = NULL;
    if (lp->jumps) {
        target = calloc((size_t)lp->nsops + 1, sizeof *target);
        if (!target) return;
        for (int i = 0; i < lp->nsops; i++)
            if (is_jump(lp->sops[i].code)) target[lp->sops[i].slot] = true;
        slot = -1;
    }
    for (int i = 0; i < lp->nsops; i++) {
        SOp *so = &lp->sops[i];
        if (target && (target[i] || (i > 0 && (is_jump(so[-1].code) || so[-1].code == S_BREAK)))) slot = -1;
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
    free(target);
}

/* How many values op takes from the stack (the scalar machine's ops before loop rewriting). */
static int sop_pops(const SOp *so) {
    switch (so->code) {
    case S_CONST: case S_LOADG: case S_LOADL: return 0;
    case S_OTHER: return so->op->code == P_END || so->op->code == P_LOAD ? 0 : so->op->code == P_INDEX2 ? 2 : 1;
    default: return so->code >= S_BIN && so->code < S_BIN + 5 ? 2 : 1;
    }
}

/* `X + E` or `X * E` with X a constant or a variable and E anything becomes E then one op
 * adding X (so that the statement's value stays in a register, not spilled under E): n ops
 * at so, rewritten in place. IEEE addition and multiplication are commutative, results
 * included (only which NaN comes out of NaN + NaN may differ, as C leaves it to the compiler). */
static int loop_commute(SOp *so, int n) {
    if (n < 3) return n;
    SOp x = so[0], *last = &so[n - 1];
    bool simple = x.code == S_CONST || x.code == S_LOADG || x.code == S_LOADL;
    bool commutes = last->code == S_BIN + 0 || last->code == S_BIN + 2; /* stack +, × */
    if (!simple || !commutes) return n;
    int depth = 0;
    for (int i = 1; i < n - 1; i++) {
        int pops = sop_pops(&so[i]);
        if (pops > depth) return n;   /* E would reach into X */
        depth += 1 - pops;
    }
    if (depth != 1) return n;
    int form = x.code == S_CONST ? FORM_CONST : x.code == S_LOADG ? FORM_GLOBAL : FORM_LOCAL;
    SOp op = *last;
    op.code = bin_code(form, op.sub);
    op.slot = x.slot;
    op.k = x.k;
    memmove(so, so + 1, (size_t)(n - 2) * sizeof *so);
    so[n - 2] = op;
    return n - 1;
}

/* The name an assignment (N_ASSIGN) or an inner loop (N_FOR) assigns. */
static Node *assigned_name(Node *st) { return st->kind == N_FOR ? st->c : st->a; }

/* Compiling a loop's body: the statements, flattened, and the programs they use. */
typedef struct LoopBuild {
    Interp *in;
    Frame *fr;
    Node *loop;
    Node *assigns[256];     /* every assignment, nested ones included */
    int nassigns;
    Prog *progs[512];       /* every program (right-hand sides and conditions) */
    int nprogs;
    int total;              /* ops needed, at most */
    bool jumps;             /* if/else, break or continue */
    bool istores;           /* stores into array elements */
    int nest;               /* loops the statement being compiled is inside (0: the loop's body) */
} LoopBuild;

/* First pass: the body is assignments of scalar programs to names, `if`/`else` with scalar
 * conditions around such bodies, `break` and `continue`. */
static bool loop_collect(LoopBuild *b, Node *st) {
    switch (st->kind) {
    case N_ASSIGN:
        if ((st->a->kind != N_GLOBAL && st->a->kind != N_LOCAL) || b->nassigns >= 256 || b->nprogs >= 512) return false;
        if (!prog_of(b->in, b->fr, st->b)) return false;
        b->assigns[b->nassigns++] = st;
        b->progs[b->nprogs++] = st->b->prog;
        b->total += st->b->prog->nsops + 1;
        return true;
    case N_INDEX_ASSIGN: {
        /* name[i] = e, name[i, j] = e: the value, then the indices (the general path's order) */
        const Node *t = st->a;
        if ((t->a->kind != N_GLOBAL && t->a->kind != N_LOCAL) || (t->nlist != 1 && t->nlist != 2) ||
            b->nprogs + 3 > 512)
            return false;
        if (!prog_of(b->in, b->fr, st->b)) return false;
        b->progs[b->nprogs++] = st->b->prog;
        b->total += st->b->prog->nsops + 1;
        for (int k = 0; k < t->nlist; k++) {
            if (t->list[k]->kind == N_ALL || !prog_of(b->in, b->fr, t->list[k])) return false;
            b->progs[b->nprogs++] = t->list[k]->prog;
            b->total += t->list[k]->prog->nsops;
        }
        b->istores = true;
        return true;
    }
    case N_BLOCK:
        for (int k = 0; k < st->nlist; k++)
            if (!loop_collect(b, st->list[k])) return false;
        return true;
    case N_IF:
        if (b->nprogs >= 512 || !prog_of(b->in, b->fr, st->a)) return false;
        b->progs[b->nprogs++] = st->a->prog;
        b->total += st->a->prog->nsops + 2;
        b->jumps = true;
        return loop_collect(b, st->b) && (!st->c || loop_collect(b, st->c));
    case N_FOR: {
        /* a loop over a range whose ends and step are scalar programs */
        Node *r = st->a;
        if (r->kind != N_RANGE || (st->c->kind != N_GLOBAL && st->c->kind != N_LOCAL) ||
            b->nest + 1 >= MAX_NEST || b->nassigns >= 256 || b->nprogs + 3 > 512)
            return false;
        Node *parts[3] = {r->a, r->b, r->c};
        for (int k = 0; k < 3; k++) {
            if (!parts[k]) continue;
            if (!prog_of(b->in, b->fr, parts[k])) return false;
            b->progs[b->nprogs++] = parts[k]->prog;
            b->total += parts[k]->prog->nsops;
        }
        b->assigns[b->nassigns++] = st;   /* it assigns its variable (st->c, as N_ASSIGN's a) */
        b->total += 2;
        b->jumps = true;
        b->nest++;
        bool ok = loop_collect(b, st->b);
        b->nest--;
        return ok;
    }
    case N_WHILE: {
        if (b->nest + 1 >= MAX_NEST || b->nprogs >= 512 || !prog_of(b->in, b->fr, st->a)) return false;
        b->progs[b->nprogs++] = st->a->prog;
        b->total += st->a->prog->nsops + 2;
        b->jumps = true;
        b->nest++;
        bool ok = loop_collect(b, st->b);
        b->nest--;
        return ok;
    }
    case N_RETURN:
        if (!st->a || b->nprogs >= 512 || !prog_of(b->in, b->fr, st->a)) return false;
        b->progs[b->nprogs++] = st->a->prog;
        b->total += st->a->prog->nsops + 1;
        b->jumps = true;
        return true;
    case N_BREAK:
    case N_CONTINUE:
        b->total++;
        b->jumps = true;
        return true;
    default:
        return false;
    }
}

/* break and continue of the loop at nesting level `nest`, emitted as jumps whose targets are
 * set when that loop's end is known */
enum { BREAK_MARK = -2, CONTINUE_MARK = -2 - MAX_NEST };

static void loop_patch(LoopProg *lp, int from, int nest, int break_to, int continue_to) {
    for (int i = from; i < lp->nsops; i++) {
        SOp *so = &lp->sops[i];
        if (so->code != S_JUMP) continue;
        if (so->slot == BREAK_MARK - nest) so->slot = break_to;
        else if (so->slot == CONTINUE_MARK - nest) so->slot = continue_to;
    }
}

/* Second pass: the ops. A conditional jump's and a jump's target is an op index (slot);
 * `continue` jumps to the end of the body, `break` is S_BREAK. */
static void loop_emit(LoopBuild *b, LoopProg *lp, Node *st) {
    switch (st->kind) {
    case N_ASSIGN: {
        Prog *p = st->b->prog;
        memcpy(lp->sops + lp->nsops, p->sops, (size_t)p->nsops * sizeof *p->sops);
        int n = loop_commute(lp->sops + lp->nsops, p->nsops);
        lp->nsops += n;
        SOp *last = n > 0 ? &lp->sops[lp->nsops - 1] : NULL;
        if (last && last->code >= S_BIN && last->code < S_BIN_STORE) {
            /* the statement ends in a binary operator: it stores as it computes */
            last->code = (uint8_t)(last->code + (S_BIN_STORE - S_BIN));
            last->store_local = st->a->kind != N_GLOBAL;
            last->store_slot = st->a->slot;
            return;
        }
        SOp store = {st->a->kind == N_GLOBAL ? S_STOREG : S_STOREL, 0, NULL, st->a->slot, 0, NULL, false, 0, NULL};
        lp->sops[lp->nsops++] = store;
        return;
    }
    case N_INDEX_ASSIGN: {
        const Node *t = st->a;
        const Prog *parts[3] = {st->b->prog, t->list[0]->prog, t->nlist == 2 ? t->list[1]->prog : NULL};
        for (int k = 0; k < 3 && parts[k]; k++) {
            memcpy(lp->sops + lp->nsops, parts[k]->sops, (size_t)parts[k]->nsops * sizeof *parts[k]->sops);
            lp->nsops += parts[k]->nsops;
        }
        lp->sops[lp->nsops++] = (SOp){.code = t->nlist == 1 ? S_ISTORE1 : S_ISTORE2, .cond = st,
                                      .store_local = t->a->kind == N_LOCAL, .store_slot = t->a->slot, .slot = -1};
        return;
    }
    case N_BLOCK:
        for (int k = 0; k < st->nlist; k++) loop_emit(b, lp, st->list[k]);
        return;
    case N_IF: {
        Prog *p = st->a->prog;
        memcpy(lp->sops + lp->nsops, p->sops, (size_t)p->nsops * sizeof *p->sops);
        lp->nsops += p->nsops;
        int test = lp->nsops++;
        lp->sops[test] = (SOp){.code = S_JUMPF, .cond = st->a};
        loop_emit(b, lp, st->b);
        if (st->c) {
            int over = lp->nsops++;
            lp->sops[over] = (SOp){.code = S_JUMP};
            lp->sops[test].slot = lp->nsops;
            loop_emit(b, lp, st->c);
            lp->sops[over].slot = lp->nsops;
        } else {
            lp->sops[test].slot = lp->nsops;
        }
        return;
    }
    case N_FOR: {
        Node *r = st->a;
        Node *parts[3] = {r->a, r->b, r->c};
        for (int k = 0; k < 3; k++)
            if (parts[k]) {
                memcpy(lp->sops + lp->nsops, parts[k]->prog->sops, (size_t)parts[k]->prog->nsops * sizeof(SOp));
                lp->nsops += parts[k]->prog->nsops;
            }
        int nest = ++b->nest;
        int init = lp->nsops++;
        lp->sops[init] = (SOp){.code = S_FOR_INIT, .sub = (uint8_t)nest, .k = r->c ? 1 : 0, .cond = st,
                               .store_local = st->c->kind == N_LOCAL, .store_slot = st->c->slot};
        int body = lp->nsops;
        loop_emit(b, lp, st->b);
        int next = lp->nsops++;
        lp->sops[next] = (SOp){.code = S_FOR_NEXT, .sub = (uint8_t)nest, .slot = body, .cond = st,
                               .store_local = st->c->kind == N_LOCAL, .store_slot = st->c->slot};
        lp->sops[init].slot = lp->nsops;
        loop_patch(lp, body, nest, lp->nsops, next);
        b->nest--;
        return;
    }
    case N_WHILE: {
        int cond = lp->nsops;
        Prog *p = st->a->prog;
        memcpy(lp->sops + lp->nsops, p->sops, (size_t)p->nsops * sizeof *p->sops);
        lp->nsops += p->nsops;
        int nest = ++b->nest;
        int test = lp->nsops++;
        lp->sops[test] = (SOp){.code = S_JUMPF, .cond = st->a};
        loop_emit(b, lp, st->b);
        int back = lp->nsops++;
        lp->sops[back] = (SOp){.code = S_WHILE_BACK, .slot = cond, .cond = st};
        lp->sops[test].slot = lp->nsops;
        loop_patch(lp, test + 1, nest, lp->nsops, back);
        b->nest--;
        return;
    }
    case N_RETURN: {
        Prog *p = st->a->prog;
        memcpy(lp->sops + lp->nsops, p->sops, (size_t)p->nsops * sizeof *p->sops);
        lp->nsops += p->nsops;
        lp->sops[lp->nsops++] = (SOp){.code = S_RETURN};
        return;
    }
    case N_BREAK:
        if (b->nest == 0) lp->sops[lp->nsops++] = (SOp){.code = S_BREAK};
        else lp->sops[lp->nsops++] = (SOp){.code = S_JUMP, .slot = BREAK_MARK - b->nest};
        return;
    case N_CONTINUE:
        lp->sops[lp->nsops++] = (SOp){.code = S_JUMP, .slot = CONTINUE_MARK - b->nest};
        return;
    default:
        return;
    }
}

static LoopProg *loop_compile(Interp *in, Frame *fr, Node *loop) {
    Node *body = loop->b;
    bool is_while = loop->kind == N_WHILE;
    if (body->kind != N_BLOCK || body->nlist == 0) return NULL;
    LoopBuild *b = malloc(sizeof *b);
    if (!b) return NULL;
    b->in = in;
    b->fr = fr;
    b->loop = loop;
    b->nassigns = b->nprogs = b->total = 0;
    b->jumps = b->istores = false;
    b->nest = 0;
    LoopProg *lp = NULL;
    if (!loop_collect(b, body)) goto out;
    if (is_while) {
        /* the condition, tested at the top of every iteration */
        if (b->nprogs >= 512 || !prog_of(in, fr, loop->a)) goto out;
        b->progs[b->nprogs++] = loop->a->prog;
        b->total += loop->a->prog->nsops + 3;
        b->jumps = true;
    }
    for (int k = 0; k < b->nassigns; k++) {
        Node *t = assigned_name(b->assigns[k]);
        /* a statement that rebinds a name the programs depend on (a called function, the
         * loop variable, an inner loop's variable) would invalidate them */
        for (int j = 0; j < b->nprogs; j++) {
            const Prog *q = b->progs[j];
            for (int g = 0; g < q->nguards; g++)
                if (t->kind == N_GLOBAL && q->guards[g].slot == t->slot) goto out;
        }
        if (loop->c && loop->c->kind == t->kind && t->slot == loop->c->slot) goto out;
        if (b->assigns[k]->kind == N_FOR)
            for (int j = 0; j < b->nassigns; j++) {
                Node *u = assigned_name(b->assigns[j]);
                if (j != k && u->kind == t->kind && u->slot == t->slot) goto out;
            }
    }
    if (b->jumps) {
        /* with branches, a mid-iteration fallback could not say where to resume: every op
         * must run to completion or stop with an error (no unbound index, no `end`) */
        for (int j = 0; j < b->nprogs; j++)
            for (int i = 0; i < b->progs[j]->nops; i++) {
                int code = b->progs[j]->ops[i].code;
                if (code == P_END) goto out;
                if (code == P_INDEX1 || code == P_INDEX2) {
                    const PLeaf *l = &b->progs[j]->leaves[b->progs[j]->ops[i].leaf];
                    for (int k = 0; k < b->nassigns; k++) {
                        const Node *t = assigned_name(b->assigns[k]);
                        if ((t->kind == N_LOCAL) == l->local && t->slot == l->slot) goto out;
                    }
                }
            }
    }
    lp = ast_alloc(fr->arena, sizeof *lp);
    lp->sops = ast_alloc(fr->arena, (size_t)b->total * sizeof *lp->sops);
    lp->nsops = 0;
    lp->jumps = b->jumps;
    lp->nprogs = b->nprogs;
    lp->progs = ast_alloc(fr->arena, (size_t)b->nprogs * sizeof *lp->progs);
    memcpy(lp->progs, b->progs, (size_t)b->nprogs * sizeof *lp->progs);
    lp->nassigns = b->nassigns;
    lp->assigns = ast_alloc(fr->arena, (size_t)b->nassigns * sizeof *lp->assigns);
    memcpy(lp->assigns, b->assigns, (size_t)b->nassigns * sizeof *lp->assigns);
    int test = -1;
    if (is_while) {
        Prog *p = loop->a->prog;
        memcpy(lp->sops, p->sops, (size_t)p->nsops * sizeof *p->sops);
        lp->nsops = p->nsops;
        test = lp->nsops++;
        lp->sops[test] = (SOp){.code = S_JUMPF, .cond = loop->a};
    }
    loop_emit(b, lp, body);
    if (is_while) {
        /* [condition] [false: to the break] [body] [to the end: the next iteration] [break] */
        lp->sops[lp->nsops++] = (SOp){.code = S_JUMP, .slot = CONTINUE_MARK};
        lp->sops[test].slot = lp->nsops;
        lp->sops[lp->nsops++] = (SOp){.code = S_BREAK};
        loop_patch(lp, 0, 0, -1, lp->nsops);   /* continue: the end (the next iteration) */
    } else {
        loop_patch(lp, 0, 0, -1, lp->nsops);   /* continue: the end of the body */
    }
    lp->nbound = 0;
    lp->var_local = loop->c && loop->c->kind == N_LOCAL;
    lp->var_slot = loop->c ? loop->c->slot : -1;
    memset(lp->bound_written, 0, sizeof lp->bound_written);
    lp->nsops = loop_bind_arrays(lp, loop, lp->sops, lp->nsops);
    if (lp->nsops < 0) {
        lp = NULL;
        goto out;
    }
    if (lp->jumps)
        for (int i = 0; i < lp->nsops; i++)
            if (lp->sops[i].code == S_OTHER && lp->sops[i].op->code != P_UN && lp->sops[i].op->code != P_POWK &&
                lp->sops[i].op->code != P_MAP) {
                lp = NULL;   /* an op that may fall back mid-iteration (arena memory, left) */
                goto out;
            }
    loop_forward_stores(lp);
out:
    free(b);
    return lp;
}

#if JIT_AVAILABLE
/* The native tier: the loop's ops as x86-64 code, one xmm register per stack entry (the
 * stack's depth at every op is known), xmm14 the loop variable, xmm15 the latest store's
 * value (S_LOADR and the recent form). It computes exactly what run_sops does, op for op:
 * the same IEEE operations on the same operands in the same order, the loop variable as
 * start + (double)iter · step, stores of doubles into variables that hold numbers, and the
 * same poll of the interrupt flag every 1024 iterations. Only ops with a plain SSE2 form are
 * taken (constants, variables, +, −, ×, ÷, the register forms, a bound array at the loop
 * variable when every index the loop takes is valid); anything else (a call, a power, a
 * checked index) keeps the loop in the interpreter. NULL when it cannot be compiled. */
static void *loop_native(Interp *in, Frame *fr, const LoopProg *lp, const LoopRun *run, size_t *size) {
    enum { IVAR = 14, RECENT = 15, MAX_REGS = 14 };
    static const int jit_ops[4] = {JIT_ADD, JIT_SUB, JIT_MUL, JIT_DIV};
    const SOp *first = lp->sops, *end = lp->sops + lp->nsops;
    /* native stores write the double alone: every target must hold a number already */
    for (const SOp *so = first; so < end; so++) {
        bool local;
        int slot;
        if (!op_stores(so, &local, &slot)) continue;
        const Value *v = local ? &fr->slots[slot] : &in->globals[slot].value;
        if (v->kind != VAL_NUM) return NULL;
    }
    Jit *j = malloc(sizeof *j);
    if (!j) return NULL;
    j->len = 0;
    j->failed = false;
#define VAR(local, slot) ((local) ? &fr->slots[slot].as.num : &in->globals[slot].value.as.num)
    if (lp->reads_last_first) {
        jit_mov_rax(j, VAR(lp->last_local, lp->last_slot));
        jit_load(j, RECENT);
    }
    /* The loop variable is computed (into IVAR, and into its variable, which a global or
     * local operand form may read) only when the body reads it; prog_loop writes its last
     * value afterwards. Bound arrays are read at r8, the element index, a whole number
     * stepping by the loop's step (every bound array read natively is `safe`). */
    bool reads_var = false, indexes = false;
    bool var_local = lp->var_local;
    for (const SOp *so = first; so < end; so++) {
        int rel = so->code >= S_BIN ? so->code - (so->code >= S_BIN_STORE ? S_BIN_STORE : S_BIN) : -1;
        int form = rel >= 0 ? rel / 5 : -1;
        bool var_form = (form == FORM_GLOBAL && !var_local) || (form == FORM_LOCAL && var_local);
        if (so->code == S_LOADI || (var_form && so->slot == lp->var_slot))
            reads_var = true;
        if (so->code == S_IDX1V || so->code == S_ISTORE1V || form == FORM_IDXV) indexes = true;
    }
    if (indexes && !(fabs(run->step) < 1e9)) { free(j); return NULL; }
    if (indexes) jit_mov_r8(j, (int64_t)(run->start + (double)run->i * run->step) - 1);
    size_t head;
    jit_loop_begin(j, &head);
    if (reads_var) {
        jit_rcx_to_double(j, IVAR);
        jit_mov_rax(j, &run->step);
        jit_op_mem(j, JIT_MUL, IVAR);
        jit_mov_rax(j, &run->start);
        jit_op_mem(j, JIT_ADD, IVAR);
        jit_mov_rax(j, &run->var->as.num);
        jit_store(j, IVAR);
    }
    int d = 0;   /* stack entries: xmm0 … xmm(d − 1) */
    bool ok = true;
    for (const SOp *so = first; so < end && ok; so++) {
        int code = so->code;
        if (code < S_BIN) {
            if (code == S_STOREG || code == S_STOREL) {
                if (d < 1) { ok = false; break; }
                jit_mov_rax(j, VAR(code == S_STOREL, so->slot));
                jit_store(j, d - 1);
                jit_move(j, RECENT, d - 1);
                d--;
                continue;
            }
            if (code == S_ISTORE1V) {
                const struct Bound *b = &run->bound[so->slot];
                if (d < 1 || !b->safe || !b->data) { ok = false; break; }
                jit_mov_rdx(j, b->data);
                jit_store_indexed(j, d - 1);
                d--;
                continue;
            }
            if (d >= MAX_REGS) { ok = false; break; }
            const SOp *next = so + 1 < end ? so + 1 : NULL;
            int nrel = next && next->code >= S_BIN ? next->code - (next->code >= S_BIN_STORE ? S_BIN_STORE : S_BIN) : -1;
            if (code == S_CONST && so->k == 2 && nrel >= 0 && nrel % 5 == 2 &&
                (nrel / 5 == FORM_GLOBAL || nrel / 5 == FORM_LOCAL || nrel / 5 == FORM_RECENT)) {
                /* 2 × v is v + v (the same double, overflow and NaN included), as C
                 * compilers emit it: an addition takes no microcode assist on subnormals */
                int form = nrel / 5;
                if (form == FORM_RECENT) jit_move(j, d, RECENT);
                else { jit_mov_rax(j, VAR(form == FORM_LOCAL, next->slot)); jit_load(j, d); }
                jit_op(j, JIT_ADD, d, d);
                so++;
                if (next->code >= S_BIN_STORE) {
                    jit_mov_rax(j, VAR(next->store_local, next->store_slot));
                    jit_store(j, d);
                    jit_move(j, RECENT, d);
                } else {
                    d++;
                }
                continue;
            }
            switch (code) {
            case S_CONST: jit_mov_rax(j, &so->k); jit_load(j, d); break;
            case S_LOADG: jit_mov_rax(j, VAR(false, so->slot)); jit_load(j, d); break;
            case S_LOADL: jit_mov_rax(j, VAR(true, so->slot)); jit_load(j, d); break;
            case S_LOADR: jit_move(j, d, RECENT); break;
            case S_LOADI: jit_move(j, d, IVAR); break;
            case S_IDX1V: {
                const struct Bound *b = &run->bound[so->slot];
                if (!b->safe || !b->data) { ok = false; break; }
                jit_mov_rdx(j, b->data);
                jit_load_indexed(j, d);
                break;
            }
            default: ok = false; break;
            }
            d++;
            continue;
        }
        bool store = code >= S_BIN_STORE;
        int rel = code - (store ? S_BIN_STORE : S_BIN), form = rel / 5, cls = rel % 5;
        if (cls == 4 || d < (form == FORM_STACK ? 2 : 1)) { ok = false; break; }
        int op = jit_ops[cls], dst = form == FORM_STACK ? d - 2 : d - 1;
        switch (form) {
        case FORM_STACK: jit_op(j, op, dst, d - 1); d--; break;
        case FORM_CONST:
            if (op == JIT_MUL && so->k == 2) { jit_op(j, JIT_ADD, dst, dst); break; } /* v × 2 = v + v */
            jit_mov_rax(j, &so->k);
            jit_op_mem(j, op, dst);
            break;
        case FORM_GLOBAL: jit_mov_rax(j, VAR(false, so->slot)); jit_op_mem(j, op, dst); break;
        case FORM_LOCAL: jit_mov_rax(j, VAR(true, so->slot)); jit_op_mem(j, op, dst); break;
        case FORM_RECENT: jit_op(j, op, dst, RECENT); break;
        case FORM_IDXV: {
            const struct Bound *b = &run->bound[so->slot];
            if (!b->safe || !b->data) { ok = false; break; }
            jit_mov_rdx(j, b->data);
            jit_op_indexed(j, op, dst);
            break;
        }
        default: ok = false; break;
        }
        if (store && ok) {
            jit_mov_rax(j, VAR(so->store_local, so->store_slot));
            jit_store(j, d - 1);
            jit_move(j, RECENT, d - 1);
            d--;
        }
    }
#undef VAR
    jit_loop_end(j, head, (const volatile int *)in->interrupted, indexes ? (int32_t)run->step : 0);
    void *code = ok && d == 0 ? jit_finish(j, size) : NULL;
    free(j);
    return code;
}
#endif

/* Whether an inner for loop compiles on its own into straight-line ops that never fall
 * back in the middle of an iteration (assignments and element stores of plain programs):
 * then prog_loop can run it from inside the outer loop's ops. */
static bool inner_runs_alone(Interp *in, Frame *fr, Node *loop) {
    if (loop->prog_state < 0) return false;
    if (loop->prog_state == 0) {
        LoopProg *compiled = loop_compile(in, fr, loop);
        if (!compiled) { loop->prog_state = -1; return false; }
        loop->prog = (Prog *)(void *)compiled;
        loop->prog_state = 1;
    }
    const LoopProg *lp = (const LoopProg *)(void *)loop->prog;
    if (lp->jumps) return false;
    for (int i = 0; i < lp->nsops; i++)
        if (lp->sops[i].code == S_OTHER && lp->sops[i].op->code != P_UN && lp->sops[i].op->code != P_POWK &&
            lp->sops[i].op->code != P_MAP)
            return false;
    return true;
}

ProgResult prog_loop(Interp *in, Frame *fr, Node *loop, double start, double step, size_t count,
                     size_t *iter, int *stmt) {
    *stmt = -1;
    if (loop->prog_state < 0 || !prog_loops_enabled) return PROG_NO;
    if (loop->prog_state == 0) {
        LoopProg *compiled = loop_compile(in, fr, loop);
        if (!compiled) { loop->prog_state = -1; return PROG_NO; }
        loop->prog = (Prog *)(void *)compiled; /* an N_FOR node caches a LoopProg */
        loop->prog_state = 1;
    }
    const LoopProg *lp = (const LoopProg *)(void *)loop->prog;
    for (int k = 0; k < lp->nprogs; k++) {
        const Prog *p = lp->progs[k];
        if (p->owner->prog_state != 1 || p->owner->prog != p || (p->nguards && !guards_hold(in, p))) {
            loop->prog_state = 0;
            return PROG_NO;
        }
    }
    Value *var = !loop->c ? NULL : loop->c->kind == N_LOCAL ? &fr->slots[loop->c->slot] : &in->globals[loop->c->slot].value;
    const SOp *first = lp->sops, *end = lp->sops + lp->nsops;
    double st[MAX_DEPTH + 1];
    /* Every variable the loop reads directly must hold a number now; the loop only ever
     * stores numbers, so the loads inside can skip the kind test. */
    for (const SOp *so = first; so < end; so++) {
        int c = so->code >= S_BIN_STORE ? so->code - (S_BIN_STORE - S_BIN) : so->code;
        bool global = c == S_LOADG || (c >= S_BIN + 5 * FORM_GLOBAL && c < S_BIN + 5 * FORM_GLOBAL + 5);
        bool local = c == S_LOADL || (c >= S_BIN + 5 * FORM_LOCAL && c < S_BIN + 5 * FORM_LOCAL + 5);
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
    LoopRun run = {var, start, step, *iter, count, recent, false, false, 0, {{0}}};
    for (int b = 0; b < lp->nbound; b++) {
        Value *v = lp->bound[b].local ? &fr->slots[lp->bound[b].slot] : &in->globals[lp->bound[b].slot].value;
        if (v->kind != VAL_ARR || v->as.arr->ndim != lp->bound_ndim[b]) return PROG_NO;
        if (lp->bound_written[b]) {
            /* copy-on-write as the general path's first store would (a copy nobody else
             * sees if no store runs), storage for a range */
            AllocStatus status;
            if (v->as.arr->lazy && !array_materialize(v->as.arr, &status)) return PROG_NO;
            if (!array_make_unique(&in->budget, &v->as.arr, &status)) return PROG_NO;
        }
        const Array *a = v->as.arr;
        size_t first_len = a->ndim == 1 ? a->len : a->rows;
        /* the loop variable runs over whole numbers start + k·step, k = *iter … count − 1:
         * when both ends are valid indices, every value between is */
        double lo = start + (double)*iter * step, hi = start + (double)(count - 1) * step;
        size_t dummy;
        bool whole = start == floor(start) && step == floor(step) && fabs(start) < 1e15 && fabs(hi) < 1e15;
        run.bound[b] = (struct Bound){a, a->data, (double)first_len,
                                      whole && index_fast(lo, (double)first_len, &dummy) &&
                                      index_fast(hi, (double)first_len, &dummy)};
    }
    if (var) {
        if (var->kind > VAL_NUM) value_release(*var);
        *var = value_num(start + (double)run.i * step);
    }
    int sp = 0, done = 0;
    size_t from = run.i;
#if JIT_AVAILABLE
    if (var && prog_native_enabled && count - run.i >= prog_native_min_iterations) {
        size_t size = 0;
        void *code = loop_native(in, fr, lp, &run, &size);
        if (code) {
            size_t (*native)(size_t, size_t);
            memcpy(&native, &code, sizeof native);
            size_t reached = native(run.i, count);
            jit_release(code, size);
            if (reached > from) var->as.num = start + (double)(reached - 1) * step;  /* its last value */
            prog_loop_iterations += reached - from;
            prog_native_iterations += reached - from;
            *iter = reached;
            if (reached >= count) return PROG_OK;
            return PROG_NO;   /* SIGINT or --timeout before iteration `reached` began (*stmt −1) */
        }
    }
#endif
    ProgResult r = run_sops(in, fr, first, end, st, &sp, &done, false, &run);
    prog_loop_iterations += run.i - from;
    *iter = run.i;
    if (r == PROG_ERROR) return PROG_ERROR;
    if (run.broke) {
        *iter = count;
        if (run.returned) {
            value_replace(&fr->ret, value_num(run.ret));
            *stmt = -2;
        }
        return PROG_OK;
    }
    if (r != PROG_OK) {
        *stmt = done; /* −1 when stopped for SIGINT before iteration i began */
        return PROG_NO;
    }
    *iter = count;
    return PROG_OK;
}

/* }===================== */

ProgResult prog_while(Interp *in, Frame *fr, Node *loop, bool *returned) {
    size_t iter = 0;
    int stmt = -1;
    ProgResult r = prog_loop(in, fr, loop, 0, 0, SIZE_MAX, &iter, &stmt);
    *returned = r == PROG_OK && stmt == -2;
    /* the loop ends only at its S_BREAK (the condition false, or `break`); PROG_NO comes
     * before an iteration begins (the general path goes on from the condition) */
    return r;
}
