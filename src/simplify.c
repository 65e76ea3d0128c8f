/* simplify.c — textbook form of a formula (see simplify.h).
 *
 * Bottom up: children first, then the node. A sum is flattened into terms, each a rational
 * coefficient times a product of factors; terms with equal factors are collected. A product
 * (of * and /, which are element-wise and commute) is flattened into a coefficient and
 * factors base^exponent with numeric exponents merged per base; it is rebuilt with the
 * number first, the numerator's factors in the order they came (names before calls), and a
 * denominator kept as a product. The work lists are bounded (MAXF); a formula larger than
 * that is left as it is at that node. */
#include "simplify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAXF = 64 };

typedef struct Coef {
    double num, den; /* den is a positive whole number; num is whole unless a decimal came in */
} Coef;

typedef struct Factor {
    Node *base;
    double exp;      /* numeric exponent (may be negative: a denominator factor) */
} Factor;

typedef struct Product {
    Coef c;
    Factor f[MAXF];
    int n;
    bool overflow;
} Product;

static bool whole(double x) { return x == floor(x) && fabs(x) < 9007199254740992.0; }

static double gcd(double a, double b) {
    a = fabs(a);
    b = fabs(b);
    while (b > 0) {
        double t = fmod(a, b);
        a = b;
        b = t;
    }
    return a;
}

static Coef coef_norm(Coef c) {
    if (c.den < 0) { c.den = -c.den; c.num = -c.num; }
    if (whole(c.num) && whole(c.den) && c.den > 0) {
        double g = gcd(c.num, c.den);
        if (g > 1) { c.num /= g; c.den /= g; }
    } else if (c.den != 1) {
        c.num /= c.den;
        c.den = 1;
    }
    return c;
}

static Coef coef_mul_num(Coef c, double x, bool divide) {
    if (divide) {
        if (whole(x) && x != 0) c.den *= x;
        else c.num /= x;
    } else {
        c.num *= x;
    }
    return coef_norm(c);
}

static Coef coef_add(Coef a, Coef b) {
    if (a.den == b.den) return coef_norm((Coef){a.num + b.num, a.den});
    return coef_norm((Coef){a.num * b.den + b.num * a.den, a.den * b.den});
}

/* {===================== products */

static void add_factor(Product *p, Node *base, double exp) {
    for (int i = 0; i < p->n; i++)
        if (sym_equal(p->f[i].base, base)) { p->f[i].exp += exp; return; }
    if (p->n == MAXF) { p->overflow = true; return; }
    p->f[p->n++] = (Factor){base, exp};
}

static void collect_product(Product *p, Node *n, bool divide) {
    if (n->kind == N_NUM) {
        p->c = coef_mul_num(p->c, n->num, divide);
        return;
    }
    if (n->kind == N_BINARY && n->op == OP_MUL) {
        collect_product(p, n->a, divide);
        collect_product(p, n->b, divide);
        return;
    }
    if (n->kind == N_BINARY && n->op == OP_DIV) {
        collect_product(p, n->a, divide);
        collect_product(p, n->b, !divide);
        return;
    }
    if (n->kind == N_UNARY && n->op == OP_NEG) {
        p->c.num = -p->c.num;
        collect_product(p, n->a, divide);
        return;
    }
    if (n->kind == N_BINARY && n->op == OP_POW && n->b->kind == N_NUM) {
        add_factor(p, n->a, divide ? -n->b->num : n->b->num);
        return;
    }
    if (n->kind == N_POWSUP) {
        add_factor(p, n->a, divide ? -n->num : n->num);
        return;
    }
    add_factor(p, n, divide ? -1 : 1);
}

static int factor_rank(const Node *n) {
    if (sym_name_of(n)) return 0;
    if ((n->kind == N_BINARY && n->op == OP_POW) || n->kind == N_POWSUP) return sym_name_of(n->a) ? 0 : 1;
    if (n->kind == N_BINARY && (n->op == OP_ADD || n->op == OP_SUB)) return 2;
    return 1;
}

/* base^exp; a whole exponent 2 to 9 as a superscript (x², as books print it). */
static Node *power(const Sym *s, Node *base, double exp) {
    if (exp == 1) return base;
    if (exp == floor(exp) && exp >= 2 && exp <= 9) {
        Node *n = ast_node(s->arena, N_POWSUP, s->span);
        n->a = base;
        n->num = exp;
        return n;
    }
    return sym_bin(s, OP_POW, base, sym_num(s, exp));
}

/* Multiplies the factors with exponents of the given sign (numerator: +1) in rank order. */
static Node *join_factors(const Sym *s, const Product *p, int sign, Node *lead) {
    Node *r = lead;
    for (int rank = 0; rank <= 2; rank++)
        for (int i = 0; i < p->n; i++) {
            double e = p->f[i].exp * sign;
            if (e <= 0 || factor_rank(p->f[i].base) != rank) continue;
            Node *f = power(s, p->f[i].base, e);
            r = r ? sym_bin(s, OP_MUL, r, f) : f;
        }
    return r;
}

/* The product without its sign: |coefficient| first. */
static Node *build_product(const Sym *s, const Product *p) {
    Coef c = p->c;
    if (c.num == 0) return sym_num(s, 0);
    double num = fabs(c.num);
    Node *top = join_factors(s, p, 1, num != 1 ? sym_num(s, num) : NULL);
    Node *bottom = join_factors(s, p, -1, c.den != 1 ? sym_num(s, c.den) : NULL);
    if (!top) top = sym_num(s, 1);
    return bottom ? sym_bin(s, OP_DIV, top, bottom) : top;
}

/* }===================== */

/* {===================== sums */

static Node *negate_leading(const Sym *s, Node *mag);

typedef struct Term {
    Product p;
    Node *key; /* the product without its coefficient, for finding like terms; NULL: a constant */
} Term;

typedef struct SumList {
    Term *t;
    int n;
    bool overflow;
} SumList;

static void add_term(const Sym *s, SumList *l, Node *n, bool negate) {
    if (l->overflow) return;
    if (n->kind == N_BINARY && (n->op == OP_ADD || n->op == OP_SUB)) {
        add_term(s, l, n->a, negate);
        add_term(s, l, n->b, n->op == OP_SUB ? !negate : negate);
        return;
    }
    if (n->kind == N_UNARY && n->op == OP_NEG) {
        add_term(s, l, n->a, !negate);
        return;
    }
    Term t;
    t.p.c = (Coef){negate ? -1 : 1, 1};
    t.p.n = 0;
    t.p.overflow = false;
    collect_product(&t.p, n, false);
    if (t.p.overflow) { l->overflow = true; return; }
    Product bare = t.p;
    bare.c = (Coef){1, 1};
    int nonzero = 0;
    for (int i = 0; i < bare.n; i++) nonzero += bare.f[i].exp != 0;
    t.key = nonzero ? build_product(s, &bare) : NULL;
    for (int i = 0; i < l->n; i++) {
        Term *u = &l->t[i];
        if ((!u->key && !t.key) || (u->key && t.key && sym_equal(u->key, t.key))) {
            u->p.c = coef_add(u->p.c, t.p.c);
            return;
        }
    }
    if (l->n == MAXF) { l->overflow = true; return; }
    l->t[l->n++] = t;
}

static Node *build_sum(const Sym *s, const SumList *l) {
    Node *r = NULL;
    /* variable terms in the order they came, the constant last — or first when the first
     * variable term is negative (1 − x, not −x + 1) */
    int first = -1, constant = -1;
    for (int i = 0; i < l->n; i++) {
        if (l->t[i].p.c.num == 0) continue;
        if (!l->t[i].key) constant = i;
        else if (first < 0) first = i;
    }
    bool constant_first = constant >= 0 && first >= 0 && l->t[first].p.c.num < 0 && l->t[constant].p.c.num > 0;
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < l->n; i++) {
            const Term *t = &l->t[i];
            if (t->p.c.num == 0) continue;
            bool is_const = t->key == NULL;
            if (pass == 0 && !(is_const && constant_first)) continue;
            if (pass == 1 && is_const) continue;
            if (pass == 2 && !(is_const && !constant_first)) continue;
            Node *mag = build_product(s, &t->p);
            bool neg = t->p.c.num < 0;
            if (!r) r = neg ? negate_leading(s, mag) : mag;
            else r = sym_bin(s, neg ? OP_SUB : OP_ADD, r, mag);
        }
    return r ? r : sym_num(s, 0);
}

static int node_count(const Node *n) {
    if (!n) return 0;
    int c = 1 + node_count(n->a) + node_count(n->b) + (n->kind == N_LAMBDA ? 0 : node_count(n->c));
    for (int i = 0; i < n->nlist; i++) c += node_count(n->list[i]);
    return c;
}

/* The product node n with its first sum factor (exponent 1) distributed over, or NULL. */
static Node *distribute(const Sym *s, Node *n) {
    if (n->kind == N_UNARY && n->op == OP_NEG) {
        Node *d = distribute(s, n->a);
        return d ? sym_neg(s, d) : NULL;
    }
    if (!(n->kind == N_BINARY && n->op == OP_MUL)) return NULL;
    Node *a = n->a, *b = n->b;
    bool a_sum = a->kind == N_BINARY && (a->op == OP_ADD || a->op == OP_SUB);
    bool b_sum = b->kind == N_BINARY && (b->op == OP_ADD || b->op == OP_SUB);
    if (b_sum) return sym_bin(s, b->op, sym_bin(s, OP_MUL, a, b->a), sym_bin(s, OP_MUL, a, b->b));
    if (a_sum) return sym_bin(s, a->op, sym_bin(s, OP_MUL, a->a, b), sym_bin(s, OP_MUL, a->b, b));
    Node *da = distribute(s, a);
    if (da) return sym_bin(s, OP_MUL, da, b);
    Node *db = distribute(s, b);
    return db ? sym_bin(s, OP_MUL, a, db) : NULL;
}

static Node *expand_terms(const Sym *s, Node *n, bool *changed) {
    if (n->kind == N_BINARY && (n->op == OP_ADD || n->op == OP_SUB))
        return sym_bin(s, n->op, expand_terms(s, n->a, changed), expand_terms(s, n->b, changed));
    Node *d = distribute(s, n);
    if (!d) return n;
    *changed = true;
    return d;
}

static Node *simplify_sum(const Sym *s, Node *n);

/* The sum's common factor taken out, when every term has one: e^x + x·e^x = e^x(x + 1).
 * NULL when there is none (or a term is a plain number). */
static Node *factor_common(const Sym *s, const SumList *l) {
    int live = 0;
    for (int i = 0; i < l->n; i++) {
        if (l->t[i].p.c.num == 0) continue;
        if (!l->t[i].key) return NULL;
        live++;
    }
    if (live < 2) return NULL;
    const Term *t0 = NULL;
    for (int i = 0; i < l->n && !t0; i++)
        if (l->t[i].p.c.num != 0) t0 = &l->t[i];
    Factor common[MAXF];
    int nc = 0;
    for (int k = 0; k < t0->p.n; k++) {
        if (t0->p.f[k].exp <= 0) continue;
        double mn = t0->p.f[k].exp;
        bool everywhere = true;
        for (int i = 0; i < l->n && everywhere; i++) {
            const Term *t = &l->t[i];
            if (t == t0 || t->p.c.num == 0) continue;
            bool found = false;
            for (int j = 0; j < t->p.n; j++)
                if (t->p.f[j].exp > 0 && sym_equal(t->p.f[j].base, t0->p.f[k].base)) {
                    found = true;
                    if (t->p.f[j].exp < mn) mn = t->p.f[j].exp;
                }
            everywhere = found;
        }
        if (everywhere) common[nc++] = (Factor){t0->p.f[k].base, mn};
    }
    if (nc == 0) return NULL;
    /* the terms with the common factors divided out (and a sign every term has) */
    bool all_negative = true;
    for (int i = 0; i < l->n; i++)
        if (l->t[i].p.c.num > 0) all_negative = false;
    Node *inner = NULL;
    for (int i = 0; i < l->n; i++) {
        const Term *t = &l->t[i];
        if (t->p.c.num == 0) continue;
        Product q = t->p;
        if (all_negative) q.c.num = -q.c.num;
        for (int c = 0; c < nc; c++)
            for (int j = 0; j < q.n; j++)
                if (sym_equal(q.f[j].base, common[c].base)) { q.f[j].exp -= common[c].exp; break; }
        Node *mag = build_product(s, &q);
        bool neg = q.c.num < 0;
        if (!inner) inner = neg ? negate_leading(s, mag) : mag;
        else inner = sym_bin(s, neg ? OP_SUB : OP_ADD, inner, mag);
    }
    inner = simplify_sum(s, inner);
    Product out;
    out.c = (Coef){1, 1};
    out.n = 0;
    out.overflow = false;
    for (int c = 0; c < nc; c++) add_factor(&out, common[c].base, common[c].exp);
    add_factor(&out, inner, 1);
    Node *r = build_product(s, &out);
    return all_negative ? negate_leading(s, r) : r;
}

static Node *simplify_sum(const Sym *s, Node *n) {
    SumList l = {malloc(MAXF * sizeof(Term)), 0, false};
    if (!l.t) abort();
    add_term(s, &l, n, false);
    if (l.overflow) { free(l.t); return n; }
    Node *r = build_sum(s, &l);
    /* distributing products over sums is kept when terms cancel: e^x(e^x + 1) − e^(2x) = e^x */
    if (l.n >= 2 && !s->light) {
        bool changed = false;
        Node *e = expand_terms(s, n, &changed);
        for (int pass = 0; changed && pass < 3; pass++) {
            bool again = false;
            Node *e2 = expand_terms(s, e, &again);
            if (!again) break;
            e = e2;
        }
        if (changed) {
            SumList m = {malloc(MAXF * sizeof(Term)), 0, false};
            if (!m.t) abort();
            add_term(s, &m, e, false);
            if (!m.overflow) {
                Node *r2 = build_sum(s, &m);
                Node *f2 = factor_common(s, &m);
                if (f2 && node_count(f2) < node_count(r2)) r2 = f2;
                if (node_count(r2) < node_count(r)) r = r2;
            }
            free(m.t);
        }
        Node *f = factor_common(s, &l);
        if (f && node_count(f) < node_count(r)) r = f;
    }
    free(l.t);
    return r;
}

/* −mag with the sign on its leading number or a quotient's numerator: −1/x², −x/y, not −(1/x²). */
static Node *negate_leading(const Sym *s, Node *mag) {
    if (mag->kind == N_NUM) return sym_num(s, -mag->num);
    if (mag->kind == N_BINARY && mag->op == OP_MUL) {
        /* the product's leading number takes the sign: −6 * x (the printer's exact form of −6x) */
        Node *lead = mag;
        while (lead->a->kind == N_BINARY && lead->a->op == OP_MUL) lead = lead->a;
        if (lead->a->kind == N_NUM) {
            lead->a = sym_num(s, -lead->a->num);
            return mag;
        }
    }
    if (mag->kind == N_BINARY && mag->op == OP_DIV) {
        if (mag->a->kind == N_BINARY && mag->a->op == OP_MUL && mag->a->a->kind == N_NUM) {
            mag->a->a = sym_num(s, -mag->a->a->num);
            return mag;
        }
        if (mag->a->kind == N_NUM) {
            mag->a = sym_num(s, -mag->a->num);
            return mag;
        }
        return sym_bin(s, OP_DIV, sym_neg(s, mag->a), mag->b);
    }
    return sym_neg(s, mag);
}

static Node *simplify_product(const Sym *s, Node *n) {
    Product *p = malloc(sizeof *p);
    if (!p) abort();
    p->c = (Coef){1, 1};
    p->n = 0;
    p->overflow = false;
    collect_product(p, n, false);
    Node *r = n;
    if (!p->overflow) {
        Node *mag = build_product(s, p);
        r = p->c.num < 0 ? negate_leading(s, mag) : mag;
    }
    free(p);
    return r;
}

/* }===================== */

static Node *fold_call(const Sym *s, Node *n) {
    if (n->nlist != 1 || n->list[0]->kind != N_NUM) {
        const char *f = sym_name_of(n->a), *arg = n->nlist == 1 ? sym_name_of(n->list[0]) : NULL;
        if (f && arg && (!strcmp(f, "log") || !strcmp(f, "ln")) && !strcmp(arg, "e")) return sym_num(s, 1);
        return n;
    }
    const char *f = sym_name_of(n->a);
    double x = n->list[0]->num;
    if (!f) return n;
    if (!strcmp(f, "exp") && x == 0) return sym_num(s, 1);
    if ((!strcmp(f, "log") || !strcmp(f, "ln")) && x == 1) return sym_num(s, 0);
    if ((!strcmp(f, "sin") || !strcmp(f, "tan") || !strcmp(f, "sinh") || !strcmp(f, "tanh")) && x == 0)
        return sym_num(s, 0);
    if ((!strcmp(f, "cos") || !strcmp(f, "cosh")) && x == 0) return sym_num(s, 1);
    if (!strcmp(f, "sqrt") && x >= 0 && whole(sqrt(x)) && sqrt(x) * sqrt(x) == x) return sym_num(s, sqrt(x));
    if (!strcmp(f, "sign")) return sym_num(s, x > 0 ? 1 : x < 0 ? -1 : 0);
    return n;
}

static Node *simplify_pow(const Sym *s, Node *n) {
    Node *a = n->a, *b = n->b;
    if (sym_is_num(b, 1)) return a;
    if (sym_is_num(b, 0) || sym_is_num(a, 1)) return sym_num(s, 1);
    if (a->kind == N_NUM && b->kind == N_NUM) {
        double r = pow(a->num, b->num);
        if (whole(b->num) && whole(r) && fabs(r) < 1e15) return sym_num(s, r);
        if (whole(b->num) && b->num < 0 && whole(a->num)) {
            double d = pow(a->num, -b->num);
            if (whole(d) && d < 1e15) return simplify_product(s, sym_bin(s, OP_DIV, sym_num(s, 1), sym_num(s, d)));
        }
        return n;
    }
    /* (u^p)^q = u^(pq) for a whole q */
    if (b->kind == N_NUM && whole(b->num) && a->kind == N_BINARY && a->op == OP_POW && a->b->kind == N_NUM)
        return simplify_pow(s, sym_bin(s, OP_POW, a->a, sym_num(s, a->b->num * b->num)));
    if (b->kind == N_NUM && whole(b->num) && a->kind == N_POWSUP)
        return simplify_pow(s, sym_bin(s, OP_POW, a->a, sym_num(s, a->num * b->num)));
    /* a power inside a product/quotient merges with the product's factors */
    return n;
}

Node *simplify(const Sym *s, Node *n) {
    if (!n) return n;
    switch (n->kind) {
    case N_NUM: case N_STR: case N_NAME: case N_LOCAL: case N_GLOBAL: case N_END: case N_ALL:
        return n;
    default:
        break;
    }
    n->a = simplify(s, n->a);
    n->b = simplify(s, n->b);
    if (n->kind != N_LAMBDA) n->c = simplify(s, n->c);
    for (int i = 0; i < n->nlist; i++) n->list[i] = simplify(s, n->list[i]);
    n->prog_state = 0;
    n->prog = NULL;
    switch (n->kind) {
    case N_POWSUP: {
        Node *r = simplify_pow(s, sym_bin(s, OP_POW, n->a, sym_num(s, n->num)));
        if (r->kind == N_BINARY && r->op == OP_POW && r->b->kind == N_NUM) return simplify_product(s, r);
        return r;
    }
    case N_UNARY:
        if (n->op == OP_POS) return n->a;
        if (n->op == OP_NEG) return simplify_sum(s, n);
        return n;
    case N_BINARY:
        switch (n->op) {
        case OP_ADD: case OP_SUB: return simplify_sum(s, n);
        case OP_MUL: case OP_DIV: {
            Node *r = simplify_product(s, n);
            /* a lone sum times a number stays a product; anything else is done */
            return r;
        }
        case OP_POW: {
            Node *r = simplify_pow(s, n);
            if (r->kind == N_BINARY && r->op == OP_POW && r->b->kind == N_NUM)
                return simplify_product(s, r); /* x^-2 → 1/x², x^2 → x² */
            return r;
        }
        case OP_MATMUL: case OP_DOT:
            if (sym_is_num(n->a, 0) || sym_is_num(n->b, 0)) return sym_num(s, 0);
            return n;
        default:
            return n;
        }
    case N_CALL:
        return fold_call(s, n);
    case N_IF_EXPR:
        if (sym_equal(n->b, n->c)) return n->b;
        return n;
    case N_SUM:
        if (sym_is_num(n->c, 0)) return sym_num(s, 0);
        return n;
    case N_TRANSPOSE:
        if (n->a->kind == N_NUM) return n->a;
        return n;
    default:
        return n;
    }
}
