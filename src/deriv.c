/* deriv.c — symbolic differentiation (see deriv.h). */
#include "deriv.h"

#include <stdio.h>
#include <string.h>

#include "astprint.h"
#include "ops.h"
#include "resolve.h"
#include "simplify.h"

#define MAX_DERIV_DEPTH 400

static Node *fail(Deriv *d, Span span, const char *fmt, const char *arg) {
    interp_error(d->in, span, fmt, arg);
    return NULL;
}

/* shorthands over d->sym */
#define NUM(x) sym_num(&d->sym, (x))
#define BIN(op, a, b) sym_bin(&d->sym, (op), (a), (b))
#define MUL(a, b) BIN(OP_MUL, (a), (b))
#define DIV(a, b) BIN(OP_DIV, (a), (b))
#define ADD(a, b) BIN(OP_ADD, (a), (b))
#define SUB(a, b) BIN(OP_SUB, (a), (b))
#define POW(a, b) BIN(OP_POW, (a), (b))
#define NEG(a) sym_neg(&d->sym, (a))
#define CALL1(f, a) sym_call1(&d->sym, (f), (a))
#define CALL2(f, a, b) sym_call2(&d->sym, (f), (a), (b))
#define COPY(n) sym_copy(&d->sym, (n))

static void report(Deriv *d, const char *rule, const Node *n, Node *result) {
    if (!d->trace || !result) return;
    Sym light = d->sym;
    light.light = true;
    Node *shown = simplify(&light, sym_copy(&d->sym, result));
    d->trace(d->trace_ctx, d->depth, rule, n, shown);
}

/* The value of a global callee name, or NULL when it is not a global. */
static const Global *callee_global(Deriv *d, const Node *callee) {
    const char *name = sym_name_of(callee);
    if (!name || callee->kind == N_LOCAL) return NULL;
    int slot = interp_find_global(d->in, name);
    return slot >= 0 ? &d->in->globals[slot] : NULL;
}

/* True when the global still holds the prelude's own definition of its name. */
static bool is_prelude(const Global *g) {
    return g && g->value.kind == VAL_FUNC && g->builtin.kind == VAL_FUNC && g->value.as.fn == g->builtin.as.fn;
}

static bool is_builtin(const Global *g) { return g && g->value.kind == VAL_BUILTIN; }

/* The outer derivative f′(u) of a one-argument function by name, or NULL if none. */
static Node *outer_rule(Deriv *d, const char *f, Node *u, const char **rule) {
    *rule = "chain rule";
    if (!strcmp(f, "sqrt")) return DIV(NUM(1), MUL(NUM(2), CALL1("sqrt", u)));
    if (!strcmp(f, "exp")) return CALL1("exp", u);
    if (!strcmp(f, "log") || !strcmp(f, "ln")) return DIV(NUM(1), u);
    if (!strcmp(f, "log2")) return DIV(NUM(1), MUL(u, CALL1("log", NUM(2))));
    if (!strcmp(f, "log10")) return DIV(NUM(1), MUL(u, CALL1("log", NUM(10))));
    if (!strcmp(f, "sin")) return CALL1("cos", u);
    if (!strcmp(f, "cos")) return NEG(CALL1("sin", u));
    if (!strcmp(f, "tan")) return DIV(NUM(1), POW(CALL1("cos", u), NUM(2)));
    if (!strcmp(f, "asin")) return DIV(NUM(1), CALL1("sqrt", SUB(NUM(1), POW(u, NUM(2)))));
    if (!strcmp(f, "acos")) return NEG(DIV(NUM(1), CALL1("sqrt", SUB(NUM(1), POW(COPY(u), NUM(2))))));
    if (!strcmp(f, "atan")) return DIV(NUM(1), ADD(NUM(1), POW(u, NUM(2))));
    if (!strcmp(f, "sinh")) return CALL1("cosh", u);
    if (!strcmp(f, "cosh")) return CALL1("sinh", u);
    if (!strcmp(f, "tanh")) return SUB(NUM(1), POW(CALL1("tanh", u), NUM(2)));
    if (!strcmp(f, "abs")) { *rule = "chain rule (|u|′ = sign(u), 0 at 0)"; return CALL1("sign", u); }
    if (!strcmp(f, "asinh")) return DIV(NUM(1), CALL1("sqrt", ADD(POW(u, NUM(2)), NUM(1))));
    if (!strcmp(f, "acosh")) return DIV(NUM(1), CALL1("sqrt", SUB(POW(u, NUM(2)), NUM(1))));
    if (!strcmp(f, "atanh")) return DIV(NUM(1), SUB(NUM(1), POW(u, NUM(2))));
    if (!strcmp(f, "cbrt")) return DIV(NUM(1), MUL(NUM(3), POW(CALL1("cbrt", u), NUM(2))));
    if (!strcmp(f, "erf")) return MUL(DIV(NUM(2), CALL1("sqrt", sym_name(&d->sym, "pi"))), CALL1("exp", NEG(POW(u, NUM(2)))));
    if (!strcmp(f, "erfc"))
        return NEG(MUL(DIV(NUM(2), CALL1("sqrt", sym_name(&d->sym, "pi"))), CALL1("exp", NEG(POW(u, NUM(2))))));
    if (!strcmp(f, "deg2rad")) return DIV(sym_name(&d->sym, "pi"), NUM(180));
    if (!strcmp(f, "rad2deg")) return DIV(NUM(180), sym_name(&d->sym, "pi"));
    if (!strcmp(f, "fract")) { *rule = "chain rule (fract′ = 1 between whole numbers)"; return NUM(1); }
    return NULL;
}

/* Prelude activations differentiated by name (their textbook derivatives). */
static Node *prelude_rule(Deriv *d, const char *f, Node *u) {
    if (!strcmp(f, "sigmoid")) return MUL(CALL1("sigmoid", u), SUB(NUM(1), CALL1("sigmoid", COPY(u))));
    if (!strcmp(f, "relu")) {
        Node *c = ast_node(d->sym.arena, N_COMPARE, d->sym.span);
        c->op = OP_GT;
        c->a = u;
        c->b = NUM(0);
        c->parenthesized = true;
        return c;
    }
    if (!strcmp(f, "softplus")) return CALL1("sigmoid", u);
    return NULL;
}

static Node *deriv_call(Deriv *d, const Node *n) {
    const char *f = sym_name_of(n->a);
    const Global *g = callee_global(d, n->a);
    if (!f || !g || (g->value.kind != VAL_BUILTIN && g->value.kind != VAL_FUNC))
        return fail(d, node_extent(n), "cannot differentiate a call of %s: only named functions and builtins",
                    f ? f : "an expression");
    int argc = n->nlist;
    Node *const *args = n->list;
    const char *rule = "chain rule";
    if (is_builtin(g) || is_prelude(g)) {
        /* one-argument rules with the chain rule */
        if (argc == 1) {
            Node *u = args[0];
            Node *outer = is_builtin(g) ? outer_rule(d, f, COPY(u), &rule) : prelude_rule(d, f, COPY(u));
            if (outer) {
                if (!sym_depends(u, d->var)) return NUM(0);
                d->depth++;
                Node *du = deriv_expr(d, u);
                d->depth--;
                if (!du) return NULL;
                Node *r = MUL(outer, du);
                if (d->trace) {
                    char text[128];
                    snprintf(text, sizeof text, "%s, outer %s", rule, f);
                    rule = ast_strdup(d->sym.arena, text, strlen(text));
                }
                report(d, rule, n, r);
                return r;
            }
        }
        if (is_prelude(g) && !strcmp(f, "softmax") && argc == 1) {
            /* softmax(u)′ = softmax(u)(u′ − Σ softmax(u) u′), the Jacobian applied to u′ */
            Node *du = deriv_expr(d, args[0]);
            if (!du) return NULL;
            d->reduces = true;
            Node *sm = CALL1("softmax", COPY(args[0]));
            Node *r = MUL(sm, SUB(du, CALL1("sum", MUL(CALL1("softmax", COPY(args[0])), sym_copy(&d->sym, du)))));
            report(d, "chain rule, outer softmax", n, r);
            return r;
        }
        if (is_builtin(g)) {
            if (!strcmp(f, "floor") || !strcmp(f, "ceil") || !strcmp(f, "round") || !strcmp(f, "sign") ||
                !strcmp(f, "trunc") || !strcmp(f, "factorial") || !strcmp(f, "choose") || !strcmp(f, "perm") ||
                !strcmp(f, "gcd") || !strcmp(f, "lcm") ||
                !strcmp(f, "size") || !strcmp(f, "length") || !strcmp(f, "numel") || !strcmp(f, "zeros") ||
                !strcmp(f, "ones") || !strcmp(f, "eye"))
                return NUM(0); /* piecewise constant: 0 except at jumps (deriv.h) */
            bool linear = !strcmp(f, "sum") || !strcmp(f, "mean") || !strcmp(f, "cumsum") || !strcmp(f, "transpose");
            d->reduces = d->reduces || (linear && strcmp(f, "transpose") != 0) || !strcmp(f, "prod") || !strcmp(f, "dot") ||
                         !strcmp(f, "norm");
            if (linear && argc == 1) {
                Node *du = deriv_expr(d, args[0]);
                if (!du) return NULL;
                Node *r = CALL1(f, du);
                report(d, "linearity", n, r);
                return r;
            }
            if ((!strcmp(f, "sum") || !strcmp(f, "prod")) && argc == 4 && sym_name_of(args[0])) {
                /* sum(i, a, b, body) is Σ_{i=a}^{b} body */
                Node *sum = ast_node(d->sym.arena, N_SUM, n->span);
                sum->op = !strcmp(f, "sum") ? OP_SUM : OP_PROD;
                sum->name = sym_name_of(args[0]);
                sum->a = args[1];
                sum->b = args[2];
                sum->c = args[3];
                return deriv_expr(d, sum);
            }
            if (!strcmp(f, "log") && argc == 2) {
                Node *q = DIV(CALL1("log", COPY(args[0])), CALL1("log", COPY(args[1])));
                return deriv_expr(d, q);
            }
            if (!strcmp(f, "prod") && argc == 1) {
                Node *du = deriv_expr(d, args[0]);
                if (!du) return NULL;
                return MUL(COPY(n), CALL1("sum", DIV(du, COPY(args[0]))));
            }
            if ((!strcmp(f, "dot")) && argc == 2) {
                Node *da = deriv_expr(d, args[0]), *db = da ? deriv_expr(d, args[1]) : NULL;
                if (!db) return NULL;
                Node *r = ADD(CALL2("dot", da, COPY(args[1])), CALL2("dot", COPY(args[0]), db));
                report(d, "product rule", n, r);
                return r;
            }
            if (!strcmp(f, "norm") && argc == 1) {
                Node *du = deriv_expr(d, args[0]);
                if (!du) return NULL;
                return DIV(CALL1("sum", MUL(COPY(args[0]), du)), COPY(n));
            }
            if (!strcmp(f, "atan2") && argc == 2) {
                Node *y = args[0], *x = args[1];
                Node *dy = deriv_expr(d, y), *dx = dy ? deriv_expr(d, x) : NULL;
                if (!dx) return NULL;
                Node *r = DIV(SUB(MUL(COPY(x), dy), MUL(COPY(y), dx)), ADD(POW(COPY(x), NUM(2)), POW(COPY(y), NUM(2))));
                report(d, "atan2 rule", n, r);
                return r;
            }
            if (!strcmp(f, "hypot") && argc == 2) {
                Node *da = deriv_expr(d, args[0]), *db = da ? deriv_expr(d, args[1]) : NULL;
                if (!db) return NULL;
                return DIV(ADD(MUL(COPY(args[0]), da), MUL(COPY(args[1]), db)), COPY(n));
            }
            if (!strcmp(f, "clamp") && argc == 3) {
                /* clamp(u, lo, hi): u′ inside, the bound's derivative outside */
                Node *du = deriv_expr(d, args[0]), *dl = du ? deriv_expr(d, args[1]) : NULL;
                Node *dh = dl ? deriv_expr(d, args[2]) : NULL;
                if (!dh) return NULL;
                Node *below = ast_node(d->sym.arena, N_COMPARE, d->sym.span);
                below->op = OP_LT;
                below->a = COPY(args[0]);
                below->b = COPY(args[1]);
                Node *above = ast_node(d->sym.arena, N_COMPARE, d->sym.span);
                above->op = OP_GT;
                above->a = COPY(args[0]);
                above->b = COPY(args[2]);
                Node *inner = ast_node(d->sym.arena, N_IF_EXPR, d->sym.span);
                inner->a = above;
                inner->b = dh;
                inner->c = du;
                Node *r = ast_node(d->sym.arena, N_IF_EXPR, d->sym.span);
                r->a = below;
                r->b = dl;
                r->c = inner;
                report(d, "piecewise", n, r);
                return r;
            }
            if ((!strcmp(f, "max") || !strcmp(f, "min")) && argc == 2) {
                Node *da = deriv_expr(d, args[0]), *db = da ? deriv_expr(d, args[1]) : NULL;
                if (!db) return NULL;
                Node *c = ast_node(d->sym.arena, N_COMPARE, d->sym.span);
                c->op = !strcmp(f, "max") ? OP_GE : OP_LE;
                c->a = COPY(args[0]);
                c->b = COPY(args[1]);
                Node *r = ast_node(d->sym.arena, N_IF_EXPR, d->sym.span);
                r->a = c;
                r->b = da;
                r->c = db;
                report(d, "piecewise", n, r);
                return r;
            }
            return fail(d, node_extent(n), "%s has no derivative rule (differentiate an expression of "
                        "element-wise functions, sums and products)", f);
        }
    }
    /* a user or prelude function: differentiate its body with the arguments put in */
    const Func *fn = g->value.as.fn;
    if (fn->body->kind == N_BLOCK)
        return fail(d, node_extent(n), "cannot differentiate %s: its body is a block of statements (write it as "
                    "one expression)", fn->name);
    if (fn->nparams != argc || argc > 16) return fail(d, node_extent(n), "cannot differentiate this call of %s: "
                                                     "wrong number of arguments", fn->name);
    const char *names[16];
    bool var_is_param = false;
    for (int i = 0; i < argc; i++) {
        names[i] = fn->params[i]->name;
        var_is_param = var_is_param || strcmp(names[i], d->var) == 0;
    }
    if (!var_is_param && sym_depends(fn->body, d->var))
        return fail(d, node_extent(n), "cannot differentiate through %s: its body uses the global of the same name as "
                    "the variable of differentiation", fn->name);
    if (d->depth > MAX_DERIV_DEPTH)
        return fail(d, node_extent(n), "expression too deep to differentiate (through %s)", fn->name);
    Node *body = sym_subst(&d->sym, fn->body, argc, names, args);
    d->depth++;
    Node *r = deriv_expr(d, body);
    d->depth--;
    if (r) report(d, "inline the definition", n, r);
    return r;
}

Node *deriv_expr(Deriv *d, const Node *n) {
    if (!n) return NUM(0);
    if (!interp_stack_ok(d->in) || d->depth > MAX_DERIV_DEPTH)
        return fail(d, node_extent(n), "expression too deep to differentiate%s", "");
    if (n->kind == N_LAMBDA)
        return fail(d, node_extent(n), "this is a function, not a formula: differentiate it with f' or ∂f/∂x%s", "");
    if (!sym_depends(n, d->var)) return NUM(0);
    const char *name = sym_name_of(n);
    if (name) return NUM(1); /* depends, so it is the variable itself */
    d->depth++;
    Node *r = NULL;
    switch (n->kind) {
    case N_UNARY: {
        Node *da = deriv_expr(d, n->a);
        if (!da) break;
        if (n->op == OP_NEG) r = NEG(da);
        else if (n->op == OP_POS) r = da;
        else r = NUM(0); /* not: piecewise constant */
        break;
    }
    case N_BINARY: {
        const Node *a = n->a, *b = n->b;
        if (n->op == OP_POW) {
            bool va = sym_depends(a, d->var), vb = sym_depends(b, d->var);
            if (!vb) {
                Node *da = deriv_expr(d, a);
                if (!da) break;
                r = MUL(MUL(COPY(b), POW(COPY(a), SUB(COPY(b), NUM(1)))), da);
                report(d, "power rule", n, r);
            } else if (!va) {
                Node *db = deriv_expr(d, b);
                if (!db) break;
                const char *base = sym_name_of(a);
                Node *lnb = base && !strcmp(base, "e") ? NUM(1) : CALL1("log", COPY(a));
                r = MUL(MUL(COPY(n), lnb), db);
                report(d, "exponential rule", n, r);
            } else {
                /* (a^b)' = a^b (b′ ln a + b a′ / a) */
                Node *da = deriv_expr(d, a), *db = da ? deriv_expr(d, b) : NULL;
                if (!db) break;
                r = MUL(COPY(n), ADD(MUL(db, CALL1("log", COPY(a))), DIV(MUL(COPY(b), da), COPY(a))));
                report(d, "logarithmic differentiation", n, r);
            }
            break;
        }
        Node *da = deriv_expr(d, a);
        Node *db = da ? deriv_expr(d, b) : NULL;
        if (!db) break;
        switch (n->op) {
        case OP_ADD: r = ADD(da, db); report(d, "sum rule", n, r); break;
        case OP_SUB: r = SUB(da, db); report(d, "sum rule", n, r); break;
        case OP_MUL: case OP_MATMUL: case OP_DOT:
            if (n->op != OP_MUL) d->reduces = true;
            r = ADD(BIN(n->op, da, COPY(b)), BIN(n->op, COPY(a), db));
            if (!sym_depends(a, d->var)) r = BIN(n->op, COPY(a), db);
            else if (!sym_depends(b, d->var)) r = BIN(n->op, da, COPY(b));
            report(d, sym_depends(a, d->var) && sym_depends(b, d->var) ? "product rule" : "constant factor", n, r);
            break;
        case OP_DIV:
            if (!sym_depends(b, d->var)) {
                r = DIV(da, COPY(b));
                report(d, "constant factor", n, r);
            } else {
                r = DIV(SUB(MUL(da, COPY(b)), MUL(COPY(a), db)), POW(COPY(b), NUM(2)));
                report(d, "quotient rule", n, r);
            }
            break;
        case OP_MOD:
            r = SUB(da, MUL(CALL1("floor", DIV(COPY(a), COPY(b))), db));
            break;
        default:
            fail(d, n->span, "cannot differentiate the operator %s", op_info(n->op)->text);
            break;
        }
        break;
    }
    case N_POWSUP: {
        Node *da = deriv_expr(d, n->a);
        if (!da) break;
        r = MUL(MUL(NUM(n->num), POW(COPY(n->a), NUM(n->num - 1))), da);
        report(d, "power rule", n, r);
        break;
    }
    case N_TRANSPOSE: {
        Node *da = deriv_expr(d, n->a);
        if (!da) break;
        r = ast_node(d->sym.arena, N_TRANSPOSE, d->sym.span);
        r->a = da;
        break;
    }
    case N_ABS: {
        Node *da = deriv_expr(d, n->a);
        if (!da) break;
        r = MUL(CALL1("sign", COPY(n->a)), da);
        report(d, "chain rule (|u|′ = sign(u), 0 at 0)", n, r);
        break;
    }
    case N_NORM: {
        d->reduces = true;
        Node *da = deriv_expr(d, n->a);
        if (!da) break;
        if (n->op == NORM_1) r = CALL1("sum", MUL(CALL1("sign", COPY(n->a)), da));
        else if (n->op == NORM_2 || n->op == NORM_FRO) r = DIV(CALL1("sum", MUL(COPY(n->a), da)), COPY(n));
        else fail(d, node_extent(n), "the max-norm ‖x‖∞ has no derivative formula here%s", "");
        break;
    }
    case N_COMPARE: case N_AND: case N_OR: case N_APPROX:
        r = NUM(0); /* piecewise constant */
        break;
    case N_IF_EXPR: {
        Node *db = deriv_expr(d, n->b), *dc = db ? deriv_expr(d, n->c) : NULL;
        if (!dc) break;
        r = ast_node(d->sym.arena, N_IF_EXPR, d->sym.span);
        r->a = COPY(n->a);
        r->b = db;
        r->c = dc;
        report(d, "piecewise", n, r);
        break;
    }
    case N_SUM: {
        if (sym_depends(n->a, d->var) || sym_depends(n->b, d->var)) {
            fail(d, node_extent(n), "cannot differentiate a %s whose bounds depend on the variable",
                 n->op == OP_SUM ? "Σ" : "∏");
            break;
        }
        Node *dc = deriv_expr(d, n->c);
        if (!dc) break;
        Node *s = ast_node(d->sym.arena, N_SUM, d->sym.span);
        s->op = OP_SUM;
        s->name = ast_strdup(d->sym.arena, n->name, strlen(n->name));
        s->a = COPY(n->a);
        s->b = COPY(n->b);
        if (n->op == OP_SUM) {
            s->c = dc;
            r = s;
            report(d, "sum rule (term by term)", n, r);
        } else {
            s->c = DIV(dc, COPY(n->c)); /* (∏ f)' = ∏ f · Σ f′/f */
            r = MUL(COPY(n), s);
            report(d, "product rule (∏ f · Σ f′/f)", n, r);
        }
        break;
    }
    case N_CALL:
        r = deriv_call(d, n);
        break;
    case N_VECTOR: case N_MATRIX: {
        r = ast_node(d->sym.arena, n->kind, d->sym.span);
        for (int i = 0; i < n->nlist; i++) {
            Node *di = deriv_expr(d, n->list[i]);
            if (!di) { r = NULL; break; }
            ast_append(d->sym.arena, r, di);
        }
        break;
    }
    case N_INDEX:
        if (sym_depends(n->a, d->var))
            fail(d, node_extent(n), "'%s' is indexed here: differentiating with respect to an array needs ∇ "
                 "(the gradient)", d->var);
        else
            r = NUM(0); /* the index is a whole number: piecewise constant */
        break;
    default:
        fail(d, node_extent(n), "this expression cannot be differentiated%s", "");
        break;
    }
    d->depth--;
    return r;
}

Node *deriv_formula(Interp *in, AstArena *arena, Span where, const Node *n, const char *var, int order,
                    bool *reduces) {
    Deriv d = {in, {arena, where}, var, 0, NULL, NULL, false};
    const Node *r = n; /* the first pass reads n itself, so errors point into its source */
    for (int k = 0; k < order && r; k++) {
        r = deriv_expr(&d, r);
        if (r) r = simplify(&d.sym, (Node *)r);
    }
    if (reduces) *reduces = d.reduces;
    return (Node *)r;
}

Func *deriv_make_func(Interp *in, AstArena *arena, const char *name, int nparams, const char *const *params,
                      Node *formula) {
    Sym s = {arena, formula->span};
    Node *lambda = ast_node(arena, N_LAMBDA, s.span);
    for (int i = 0; i < nparams; i++) ast_append(arena, lambda, sym_name(&s, params[i]));
    lambda->a = formula;
    Node *stmt = ast_node(arena, N_EXPR_STMT, s.span);
    stmt->a = lambda;
    if (!resolve_statement(in, arena, stmt)) return NULL;
    Func *f = func_new(++in->func_serial, ast_strdup(arena, name, strlen(name)), lambda->nlist, lambda->list,
                       lambda->a, lambda->slot, arena, 0, NULL, NULL);
    f->formula = FORMULA_BARE;
    return f;
}

bool deriv_is_formula(const Func *f) { return f && f->formula; }

void deriv_print_node(FILE *out, const Node *n, bool operand) {
    bool paren = operand && ast_node_prec(n) < PREC_ATOM && n->kind != N_CALL;
    if (paren) fputc('(', out);
    ast_print(out, n, AST_MLM);
    if (paren) fputc(')', out);
}

void deriv_print(FILE *out, const Func *f) {
    if (f->formula == FORMULA_NAMED) {
        fputs(f->name, out);
        if (strncmp(f->name, "∂", strlen("∂")) != 0 && strncmp(f->name, "∇", strlen("∇")) != 0) {
            fputc('(', out);
            for (int i = 0; i < f->nparams; i++) fprintf(out, "%s%s", i ? ", " : "", f->params[i]->name);
            fputc(')', out);
        }
        fputs(" = ", out);
    }
    ast_print(out, f->body, AST_MLM);
}

Func *deriv_func(Interp *in, const Func *f, int param, int order, Span where) {
    if (f->ncaptured > 0) {
        interp_error(in, where, "cannot differentiate a lambda that uses local variables of the function around it");
        return NULL;
    }
    if (f->body->kind == N_BLOCK) {
        interp_error(in, where, "cannot differentiate %s: its body is a block of statements (write it as one "
                     "expression)", f->name);
        return NULL;
    }
    AstArena *arena = ast_arena_new((Source *)where.src);
    const char *params[64];
    int np = f->nparams < 64 ? f->nparams : 64;
    for (int i = 0; i < np; i++) params[i] = f->params[i]->name;
    bool reduces = false;
    Node *formula = deriv_formula(in, arena, where, f->body, params[param], order, &reduces);
    Func *r = NULL;
    if (formula) {
        char name[256];
        const char *base = f->name && strcmp(f->name, "<lambda>") ? f->name : "f";
        if (np == 1) {
            snprintf(name, sizeof name, "%s%s", base, order == 1 ? "'" : order == 2 ? "''" : order == 3 ? "'''" : "⁽ⁿ⁾");
        } else {
            snprintf(name, sizeof name, "∂%s/∂%s", base, params[param]);
        }
        r = deriv_make_func(in, arena, name, np, params, formula);
        if (r) {
            r->scalar_args = reduces;
            r->formula = FORMULA_NAMED;
        }
    }
    ast_arena_release(arena);
    return r;
}
