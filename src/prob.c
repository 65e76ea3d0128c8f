/* prob.c — the store of stated probability facts and the engine that derives new ones.
 *
 * Facts are kept as stated (their literal order is kept for printing) and compared as sets,
 * so P(A, B) and P(B, A) are one quantity.
 *
 * A query is answered by a closure over a small universe of events: the query's own events
 * plus events linked to them through facts (nearest first, up to UNIVERSE_FILL). Over that
 * universe every quantity P(T | C) is a key: each event is absent, in the target (asserted or
 * negated) or in the condition (asserted or negated), so a key is a base-5 number and the
 * table of all keys is an array. Stated facts cost 0; passes over the table apply the rules
 * (complement, product rule, Bayes' theorem, definition of conditional probability, law of
 * total probability) and keep for each key its cheapest derivation, cost = number of rule
 * steps (ties go to the rule listed first in Rule), until a pass improves nothing. Nothing recurses over the rules, so nothing can loop;
 * passes and costs are bounded (MAX_PASSES, MAX_COST). A chosen derivation only uses keys of
 * strictly smaller cost, so the derivation of the answer is a finite tree: it is evaluated
 * again children first (so every printed step agrees with the steps it uses) and printed.
 *
 * When the query is not reached, the rules that would give it in one step are examined and
 * the one missing the fewest facts is named, each missing fact with an alternative that would
 * also do when there is one.
 */
#include "prob.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    UNIVERSE_MAX = 2 * PROB_MAX_LITERALS, /* a query alone may name this many events */
    UNIVERSE_FILL = 6,   /* events linked through facts are added while fewer than this */
    MAX_PASSES = 64,     /* passes over the table of keys */
    MAX_COST = 200,      /* derivations with more rule steps than this are not considered */
    MAX_CHILDREN = 4,
};

static const double SUM_TOLERANCE = 1e-12;    /* P(A) + P(not A) must be 1 within this */
static const double RANGE_TOLERANCE = 1e-9;   /* derived values may stray this far from [0, 1] */
static const double ZERO_DENOMINATOR = 1e-14; /* a divisor this small counts as 0 */

/* {=================== text ===================} */

/* A growable string; data is owned (free it) and always terminated once anything is added. */
typedef struct Text {
    char *data;
    size_t len, cap;
} Text;

static void out_of_memory(void) {
    fputs("mlm: out of memory\n", stderr);
    abort();
}

static void text_reserve(Text *t, size_t extra) {
    if (t->len + extra + 1 <= t->cap) return;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < t->len + extra + 1) cap *= 2;
    char *grown = realloc(t->data, cap);
    if (!grown) out_of_memory();
    t->data = grown;
    t->cap = cap;
}

static void text_append(Text *t, const char *s) {
    size_t n = strlen(s);
    text_reserve(t, n);
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
}


static void text_int(Text *t, int n) {
    char digits[16];
    snprintf(digits, sizeof digits, "%d", n);
    text_append(t, digits);
}

/* Numbers as the rest of mlm shows them: up to 15 significant digits, never "-0". */
static void text_number(Text *t, double v) {
    char digits[32];
    snprintf(digits, sizeof digits, "%.15g", v + 0.0);
    text_append(t, digits);
}

static const char *text_str(const Text *t) { return t->data ? t->data : ""; }

/* Columns taken by s on a terminal: one per UTF-8 character. */
static int display_width(const char *s) {
    int width = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) width++;
    return width;
}

static void write_message(char *buf, size_t size, const char *msg) {
    if (buf && size > 0) snprintf(buf, size, "%s", msg);
}

/* {=================== queries as given ===================} */

static void text_literal(Text *t, const char *event, bool negated) {
    if (negated) text_append(t, "not ");
    text_append(t, event ? event : "?");
}

static int clamp_count(int n) {
    return n < 0 ? 0 : n > PROB_MAX_LITERALS ? PROB_MAX_LITERALS : n;
}

static void text_query(Text *t, const ProbQuery *q) {
    text_append(t, "P(");
    int ntarget = clamp_count(q->ntarget), ncond = clamp_count(q->ncond);
    for (int i = 0; i < ntarget; i++) {
        if (i > 0) text_append(t, ", ");
        text_literal(t, q->target[i].event, q->target[i].negated);
    }
    if (ncond > 0) text_append(t, " | ");
    for (int i = 0; i < ncond; i++) {
        if (i > 0) text_append(t, ", ");
        text_literal(t, q->cond[i].event, q->cond[i].negated);
    }
    text_append(t, ")");
}

void prob_query_format(const ProbQuery *q, char *buf, size_t size) {
    Text t = {0};
    if (q) text_query(&t, q);
    write_message(buf, size, text_str(&t));
    free(t.data);
}

/* Checks the shape of q: counts in range, names present, no event twice. On failure writes
 * the reason to msg and returns false. */
static bool query_check(const ProbQuery *q, Text *msg) {
    if (!q) {
        text_append(msg, "no probability given");
        return false;
    }
    if (q->ntarget < 1 || q->ntarget > PROB_MAX_LITERALS) {
        text_append(msg, "a probability needs 1 to ");
        text_int(msg, PROB_MAX_LITERALS);
        text_append(msg, " events before |, got ");
        text_int(msg, q->ntarget);
        return false;
    }
    if (q->ncond < 0 || q->ncond > PROB_MAX_LITERALS) {
        text_append(msg, "at most ");
        text_int(msg, PROB_MAX_LITERALS);
        text_append(msg, " events may follow |, got ");
        text_int(msg, q->ncond);
        return false;
    }
    const ProbLiteral *all[2 * PROB_MAX_LITERALS];
    int nall = 0;
    for (int i = 0; i < q->ntarget; i++) all[nall++] = &q->target[i];
    for (int i = 0; i < q->ncond; i++) all[nall++] = &q->cond[i];
    for (int i = 0; i < nall; i++) {
        if (!all[i]->event || !all[i]->event[0]) {
            text_append(msg, "an event name is empty in ");
            text_query(msg, q);
            return false;
        }
    }
    for (int i = 0; i < nall; i++) {
        for (int j = i + 1; j < nall; j++) {
            if (strcmp(all[i]->event, all[j]->event) != 0) continue;
            const char *name = all[i]->event;
            bool same_side = (i < q->ntarget) == (j < q->ntarget);
            text_append(msg, name);
            if (!same_side) {
                text_append(msg, " appears on both sides of | in ");
            } else if (all[i]->negated != all[j]->negated) {
                text_append(msg, " and not ");
                text_append(msg, name);
                text_append(msg, " cannot both appear in ");
            } else {
                text_append(msg, " appears twice in ");
            }
            text_query(msg, q);
            return false;
        }
    }
    return true;
}

/* {=================== the store ===================} */

typedef struct StoredLiteral {
    int event; /* index into ProbStore.event_names */
    bool negated;
} StoredLiteral;

typedef struct Fact {
    int ntarget, ncond;
    StoredLiteral target[PROB_MAX_LITERALS]; /* in the order stated */
    StoredLiteral cond[PROB_MAX_LITERALS];
    double value;
} Fact;

struct ProbStore {
    char **event_names; /* owned, each name owned; every name is mentioned by some fact */
    int nevents, event_capacity;
    Fact *facts;        /* owned, in the order first stated */
    int nfacts, fact_capacity;
};

/* Returns a new, empty store (owned by the caller; prob_store_free releases it). */
ProbStore *prob_store_new(void) {
    ProbStore *store = calloc(1, sizeof *store);
    if (!store) out_of_memory();
    return store;
}

void prob_store_clear(ProbStore *store) {
    if (!store) return;
    for (int i = 0; i < store->nevents; i++) free(store->event_names[i]);
    free(store->event_names);
    free(store->facts);
    *store = (ProbStore){0};
}

void prob_store_free(ProbStore *store) {
    prob_store_clear(store);
    free(store);
}

int prob_store_count(const ProbStore *store) { return store ? store->nfacts : 0; }

static int store_event_find(const ProbStore *store, const char *name) {
    for (int i = 0; i < store->nevents; i++)
        if (strcmp(store->event_names[i], name) == 0) return i;
    return -1;
}

static int store_event_intern(ProbStore *store, const char *name) {
    int found = store_event_find(store, name);
    if (found >= 0) return found;
    if (store->nevents == store->event_capacity) {
        int cap = store->event_capacity ? 2 * store->event_capacity : 8;
        char **grown = realloc(store->event_names, (size_t)cap * sizeof *grown);
        if (!grown) out_of_memory();
        store->event_names = grown;
        store->event_capacity = cap;
    }
    char *copy = strdup(name);
    if (!copy) out_of_memory();
    store->event_names[store->nevents] = copy;
    return store->nevents++;
}

static bool literal_sets_equal(const StoredLiteral *a, int na, const StoredLiteral *b, int nb) {
    if (na != nb) return false;
    for (int i = 0; i < na; i++) {
        bool found = false;
        for (int j = 0; j < nb && !found; j++)
            found = a[i].event == b[j].event && a[i].negated == b[j].negated;
        if (!found) return false;
    }
    return true;
}

static bool facts_same_quantity(const Fact *a, const Fact *b) {
    return literal_sets_equal(a->target, a->ntarget, b->target, b->ntarget)
        && literal_sets_equal(a->cond, a->ncond, b->cond, b->ncond);
}

static bool fact_mentions(const Fact *fact, int event) {
    for (int i = 0; i < fact->ntarget; i++)
        if (fact->target[i].event == event) return true;
    for (int i = 0; i < fact->ncond; i++)
        if (fact->cond[i].event == event) return true;
    return false;
}

static void text_fact(Text *t, const ProbStore *store, const Fact *fact) {
    text_append(t, "P(");
    for (int i = 0; i < fact->ntarget; i++) {
        if (i > 0) text_append(t, ", ");
        text_literal(t, store->event_names[fact->target[i].event], fact->target[i].negated);
    }
    if (fact->ncond > 0) text_append(t, " | ");
    for (int i = 0; i < fact->ncond; i++) {
        if (i > 0) text_append(t, ", ");
        text_literal(t, store->event_names[fact->cond[i].event], fact->cond[i].negated);
    }
    text_append(t, ")");
}

/* Fills fact with q's literals as event indices, looked up without adding names; returns
 * false when some event is not yet known (then no stated fact can be the same quantity). */
static bool fact_lookup(const ProbStore *store, const ProbQuery *q, Fact *fact) {
    bool all_known = true;
    fact->ntarget = q->ntarget;
    fact->ncond = q->ncond;
    for (int i = 0; i < q->ntarget; i++) {
        fact->target[i] = (StoredLiteral){store_event_find(store, q->target[i].event),
                                          q->target[i].negated};
        all_known = all_known && fact->target[i].event >= 0;
    }
    for (int i = 0; i < q->ncond; i++) {
        fact->cond[i] = (StoredLiteral){store_event_find(store, q->cond[i].event),
                                        q->cond[i].negated};
        all_known = all_known && fact->cond[i].event >= 0;
    }
    return all_known;
}

/* The stated fact that is P(not A | C) for a candidate P(A | C), or NULL. */
static const Fact *store_complement_of(const ProbStore *store, const Fact *candidate) {
    if (candidate->ntarget != 1) return NULL;
    for (int i = 0; i < store->nfacts; i++) {
        const Fact *fact = &store->facts[i];
        if (fact->ntarget == 1 && fact->target[0].event == candidate->target[0].event
            && fact->target[0].negated != candidate->target[0].negated
            && literal_sets_equal(fact->cond, fact->ncond, candidate->cond, candidate->ncond))
            return fact;
    }
    return NULL;
}

bool prob_state(ProbStore *store, const ProbQuery *q, double value, char *err, size_t errsize) {
    Text msg = {0};
    bool ok = false;
    if (!store) {
        text_append(&msg, "no probability store");
        goto done;
    }
    if (!query_check(q, &msg)) goto done;
    if (!(value >= 0.0 && value <= 1.0)) {
        text_append(&msg, "probability must be between 0 and 1, got ");
        text_number(&msg, value);
        goto done;
    }
    Fact candidate;
    if (fact_lookup(store, q, &candidate)) {
        const Fact *complement = store_complement_of(store, &candidate);
        if (complement && fabs(value + complement->value - 1.0) > SUM_TOLERANCE) {
            text_query(&msg, q);
            text_append(&msg, " = ");
            text_number(&msg, value);
            text_append(&msg, " contradicts ");
            text_fact(&msg, store, complement);
            text_append(&msg, " = ");
            text_number(&msg, complement->value);
            text_append(&msg, " (they must sum to 1)");
            goto done;
        }
        for (int i = 0; i < store->nfacts; i++) {
            if (facts_same_quantity(&store->facts[i], &candidate)) {
                candidate.value = value;
                store->facts[i] = candidate; /* restated: the new wording and value */
                ok = true;
                goto done;
            }
        }
    }
    for (int i = 0; i < q->ntarget; i++)
        candidate.target[i].event = store_event_intern(store, q->target[i].event);
    for (int i = 0; i < q->ncond; i++)
        candidate.cond[i].event = store_event_intern(store, q->cond[i].event);
    candidate.value = value;
    if (store->nfacts == store->fact_capacity) {
        int cap = store->fact_capacity ? 2 * store->fact_capacity : 8;
        Fact *grown = realloc(store->facts, (size_t)cap * sizeof *grown);
        if (!grown) out_of_memory();
        store->facts = grown;
        store->fact_capacity = cap;
    }
    store->facts[store->nfacts++] = candidate;
    ok = true;
done:
    if (!ok) write_message(err, errsize, text_str(&msg));
    free(msg.data);
    return ok;
}

/* {=================== keys and rules ===================} */

/* Where an event stands in a key: one base-5 digit per universe slot. */
enum { ABSENT, TARGET_TRUE, TARGET_FALSE, COND_TRUE, COND_FALSE };

static bool in_target(int state) { return state == TARGET_TRUE || state == TARGET_FALSE; }
static bool in_cond(int state) { return state == COND_TRUE || state == COND_FALSE; }
static int negated_state(int state) {
    return state == TARGET_TRUE ? TARGET_FALSE : state == TARGET_FALSE ? TARGET_TRUE
         : state == COND_TRUE ? COND_FALSE : state == COND_FALSE ? COND_TRUE : ABSENT;
}
/* Moving a literal between target and condition keeps its sign: the digit moves by 2. */
enum { TARGET_TO_COND = COND_TRUE - TARGET_TRUE };

/* The rules, in the order they are preferred when two derivations cost the same. */
typedef enum Rule {
    RULE_GIVEN,
    RULE_COMPLEMENT,  /* P(A | C) = 1 − P(not A | C) */
    RULE_BAYES,       /* P(T | A, C) = P(A | T, C) × P(T | C) / P(A | C) */
    RULE_BAYES_ALL,   /* P(T | C) = P(C | T) × P(T) / P(C), several events on a side */
    RULE_CONDITIONAL, /* P(T | A, C) = P(T, A | C) / P(A | C) */
    RULE_CONDITIONAL_ALL, /* P(T | C) = P(T, C) / P(C), C of several events */
    RULE_PRODUCT,     /* P(A, R | C) = P(A | R, C) × P(R | C) */
    RULE_PRODUCT_REST, /* P(A, R | C) = P(R | A, C) × P(A | C) */
    RULE_TOTAL,       /* P(T | C) = P(T | X, C) × P(X | C) + P(T | not X, C) × P(not X | C) */
    RULE_MARGINAL,    /* P(T | C) = P(X, T | C) + P(not X, T | C) */
    RULE_SUBTRACT,    /* P(A, R | C) = P(R | C) − P(not A, R | C) */
    RULE_COUNT
} Rule;

static const char *const RULE_NAMES[RULE_COUNT] = {
    [RULE_GIVEN] = "given",
    [RULE_COMPLEMENT] = "complement rule",
    [RULE_SUBTRACT] = "law of total probability, rearranged",
    [RULE_BAYES] = "Bayes' theorem",
    [RULE_BAYES_ALL] = "Bayes' theorem",
    [RULE_CONDITIONAL] = "definition of conditional probability",
    [RULE_CONDITIONAL_ALL] = "definition of conditional probability",
    [RULE_PRODUCT] = "product rule",
    [RULE_PRODUCT_REST] = "product rule",
    [RULE_TOTAL] = "law of total probability",
    [RULE_MARGINAL] = "law of total probability",
};

/* How each rule combines its children: #k stands for child k. */
static const char *const RULE_FORMS[RULE_COUNT] = {
    [RULE_GIVEN] = "#0",
    [RULE_COMPLEMENT] = "1 − #0",
    [RULE_SUBTRACT] = "#0 − #1",
    [RULE_BAYES] = "#0 × #1 / #2",
    [RULE_BAYES_ALL] = "#0 × #1 / #2",
    [RULE_CONDITIONAL] = "#0 / #1",
    [RULE_CONDITIONAL_ALL] = "#0 / #1",
    [RULE_PRODUCT] = "#0 × #1",
    [RULE_PRODUCT_REST] = "#0 × #1",
    [RULE_TOTAL] = "#0 × #1 + #2 × #3",
    [RULE_MARGINAL] = "#0 + #1",
};

/* The table of every quantity over the universe, for one prob_derive call. */
typedef struct Derivation {
    const ProbStore *store;           /* borrowed */
    int nuniverse;
    int universe[UNIVERSE_MAX];       /* store event index of each slot */
    int place[UNIVERSE_MAX + 1];      /* 5^slot: the weight of a slot's digit in a key */
    int nkeys;
    double *value;                    /* owned; meaningful where cost >= 0 */
    int *cost;                        /* owned; rule steps, 0 = stated, -1 = not derived */
    unsigned char *rule;              /* owned; the Rule chosen for each derived key */
    signed char *param;               /* owned; the slot that rule acts on */
    unsigned char *mark;              /* owned; MARK_* bits for evaluating and printing */
    int *fact_key;                    /* owned; key of each stated fact, -1 when outside */
} Derivation;

enum { MARK_EVALUATED = 1, MARK_PRINTED = 2 };

/* A key decoded, with the two related keys the rules keep needing. */
typedef struct KeyShape {
    unsigned char state[UNIVERSE_MAX];
    int ntarget, ncond;
    int targets_as_cond;  /* the key with every target literal moved to the condition */
    int condition_only;   /* the key with every target literal removed */
} KeyShape;

/* One application of a rule to a key: the keys it combines. */
typedef struct RuleUse {
    Rule rule;
    int slot;
    int nchild;
    int child[MAX_CHILDREN];
    int denominator; /* index into child of the divisor, or -1 */
} RuleUse;

static void key_shape(const Derivation *d, int key, KeyShape *shape) {
    shape->ntarget = shape->ncond = 0;
    shape->targets_as_cond = shape->condition_only = key;
    for (int slot = 0; slot < d->nuniverse; slot++) {
        int state = key / d->place[slot] % 5;
        shape->state[slot] = (unsigned char)state;
        if (in_target(state)) {
            shape->ntarget++;
            shape->targets_as_cond += TARGET_TO_COND * d->place[slot];
            shape->condition_only -= state * d->place[slot];
        } else if (in_cond(state)) {
            shape->ncond++;
        }
    }
}

/* Fills use with rule applied to key at slot; false when the rule does not apply there. */
static bool rule_use(const Derivation *d, int key, const KeyShape *shape, Rule rule, int slot,
                     RuleUse *use) {
    int state = shape->state[slot], weight = d->place[slot];
    int flipped = key + (negated_state(state) - state) * weight;
    int without = key - state * weight;
    use->rule = rule;
    use->slot = slot;
    use->denominator = -1;
    switch (rule) {
    case RULE_COMPLEMENT:
        if (!in_target(state) || shape->ntarget != 1) return false;
        use->nchild = 1;
        use->child[0] = flipped;
        return true;
    case RULE_SUBTRACT:
        if (!in_target(state) || shape->ntarget < 2) return false;
        use->nchild = 2;
        use->child[0] = without;
        use->child[1] = flipped;
        return true;
    case RULE_BAYES:
        if (!in_cond(state)) return false;
        use->nchild = 3;
        use->child[0] = shape->targets_as_cond - TARGET_TO_COND * weight;
        use->child[1] = without;
        use->child[2] = shape->condition_only - TARGET_TO_COND * weight;
        use->denominator = 2;
        return true;
    case RULE_BAYES_ALL:
    case RULE_CONDITIONAL_ALL: {
        /* whole sides at once: applied at the first condition slot only, and only where the
         * one-event rules do not already say the same */
        int first_cond = -1;
        for (int s = 0; s < d->nuniverse && first_cond < 0; s++)
            if (in_cond(shape->state[s])) first_cond = s;
        if (slot != first_cond || shape->ntarget == 0) return false;
        if (rule == RULE_CONDITIONAL_ALL ? shape->ncond < 2 : shape->ncond < 2 && shape->ntarget < 2) return false;
        int swapped = 0, targets = 0, conds_alone = 0, joint = 0;
        for (int s = 0; s < d->nuniverse; s++) {
            int st = shape->state[s], w = d->place[s];
            if (in_target(st)) {
                swapped += (st + TARGET_TO_COND) * w;
                targets += st * w;
                joint += st * w;
            } else if (in_cond(st)) {
                swapped += (st - TARGET_TO_COND) * w;
                conds_alone += (st - TARGET_TO_COND) * w;
                joint += (st - TARGET_TO_COND) * w;
            }
        }
        if (rule == RULE_BAYES_ALL) {
            use->nchild = 3;
            use->child[0] = swapped;      /* P(C | T) */
            use->child[1] = targets;      /* P(T) */
            use->child[2] = conds_alone;  /* P(C) */
            use->denominator = 2;
        } else {
            use->nchild = 2;
            use->child[0] = joint;        /* P(T, C) */
            use->child[1] = conds_alone;  /* P(C) */
            use->denominator = 1;
        }
        return true;
    }
    case RULE_PRODUCT_REST:
        if (!in_target(state) || shape->ntarget < 2) return false;
        use->nchild = 2;
        use->child[0] = key + TARGET_TO_COND * weight;        /* P(R | A, C) */
        use->child[1] = shape->condition_only + state * weight; /* P(A | C) */
        return true;
    case RULE_CONDITIONAL:
        if (!in_cond(state)) return false;
        use->nchild = 2;
        use->child[0] = key - TARGET_TO_COND * weight;
        use->child[1] = shape->condition_only - TARGET_TO_COND * weight;
        use->denominator = 1;
        return true;
    case RULE_PRODUCT:
        if (!in_target(state) || shape->ntarget < 2) return false;
        use->nchild = 2;
        use->child[0] = shape->targets_as_cond - TARGET_TO_COND * weight;
        use->child[1] = without;
        return true;
    case RULE_TOTAL:
        if (state != ABSENT) return false;
        use->nchild = 4;
        use->child[0] = key + COND_TRUE * weight;
        use->child[1] = shape->condition_only + TARGET_TRUE * weight;
        use->child[2] = key + COND_FALSE * weight;
        use->child[3] = shape->condition_only + TARGET_FALSE * weight;
        return true;
    case RULE_MARGINAL:
        if (state != ABSENT) return false;
        use->nchild = 2;
        use->child[0] = key + TARGET_TRUE * weight;
        use->child[1] = key + TARGET_FALSE * weight;
        return true;
    case RULE_GIVEN:
    case RULE_COUNT:
        break;
    }
    return false;
}

/* Combines the children's values by the rule; false when the divisor is 0. */
static bool rule_apply(const RuleUse *use, const double *v, double *result) {
    if (use->denominator >= 0 && !(fabs(v[use->denominator]) > ZERO_DENOMINATOR)) return false;
    switch (use->rule) {
    case RULE_COMPLEMENT: *result = 1.0 - v[0]; return true;
    case RULE_SUBTRACT: *result = v[0] - v[1]; return true;
    case RULE_BAYES: case RULE_BAYES_ALL: *result = v[0] * v[1] / v[2]; return true;
    case RULE_CONDITIONAL: case RULE_CONDITIONAL_ALL: *result = v[0] / v[1]; return true;
    case RULE_PRODUCT: case RULE_PRODUCT_REST: *result = v[0] * v[1]; return true;
    case RULE_TOTAL: *result = v[0] * v[1] + v[2] * v[3]; return true;
    case RULE_MARGINAL: *result = v[0] + v[1]; return true;
    case RULE_GIVEN:
    case RULE_COUNT: break;
    }
    return false;
}

static void text_key(Text *t, const Derivation *d, int key) {
    const char *const *names = (const char *const *)d->store->event_names;
    text_append(t, "P(");
    bool first = true;
    for (int slot = 0; slot < d->nuniverse; slot++) {
        int state = key / d->place[slot] % 5;
        if (!in_target(state)) continue;
        if (!first) text_append(t, ", ");
        text_literal(t, names[d->universe[slot]], state == TARGET_FALSE);
        first = false;
    }
    first = true;
    for (int slot = 0; slot < d->nuniverse; slot++) {
        int state = key / d->place[slot] % 5;
        if (!in_cond(state)) continue;
        text_append(t, first ? " | " : ", ");
        text_literal(t, names[d->universe[slot]], state == COND_FALSE);
        first = false;
    }
    text_append(t, ")");
}

/* {=================== building the table ===================} */

static int universe_slot(const Derivation *d, int event) {
    for (int slot = 0; slot < d->nuniverse; slot++)
        if (d->universe[slot] == event) return slot;
    return -1;
}

static void universe_add_from(Derivation *d, const Fact *fact) {
    for (int i = 0; i < fact->ntarget + fact->ncond && d->nuniverse < UNIVERSE_FILL; i++) {
        int event = i < fact->ntarget ? fact->target[i].event : fact->cond[i - fact->ntarget].event;
        if (universe_slot(d, event) < 0) d->universe[d->nuniverse++] = event;
    }
}

static bool fact_targets(const Fact *fact, int event) {
    for (int i = 0; i < fact->ntarget; i++)
        if (fact->target[i].event == event) return true;
    return false;
}

/* The query's events first (so keys print in the query's order), then events linked to them
 * through facts, nearest first, while there are fewer than UNIVERSE_FILL. Facts about a
 * universe event (it is in their target) are followed first: their conditions are what the law
 * of total probability sums over; facts that merely condition on one are followed after. */
static void universe_build(Derivation *d, const int *query_events, int nquery) {
    const ProbStore *store = d->store;
    for (int i = 0; i < nquery; i++) d->universe[d->nuniverse++] = query_events[i];
    for (int upstream_only = 1; upstream_only >= 0; upstream_only--) {
        for (int head = 0; head < d->nuniverse && d->nuniverse < UNIVERSE_FILL; head++) {
            for (int f = 0; f < store->nfacts && d->nuniverse < UNIVERSE_FILL; f++) {
                const Fact *fact = &store->facts[f];
                if (upstream_only ? fact_targets(fact, d->universe[head])
                                  : fact_mentions(fact, d->universe[head]))
                    universe_add_from(d, fact);
            }
        }
    }
    d->place[0] = 1;
    for (int slot = 0; slot < d->nuniverse; slot++) d->place[slot + 1] = 5 * d->place[slot];
    d->nkeys = d->place[d->nuniverse];
}

/* The key of a fact, or -1 when one of its events is outside the universe. */
static int fact_key_in(const Derivation *d, const Fact *fact) {
    int key = 0;
    for (int i = 0; i < fact->ntarget + fact->ncond; i++) {
        bool is_target = i < fact->ntarget;
        const StoredLiteral *lit = is_target ? &fact->target[i] : &fact->cond[i - fact->ntarget];
        int slot = universe_slot(d, lit->event);
        if (slot < 0) return -1;
        int state = is_target ? (lit->negated ? TARGET_FALSE : TARGET_TRUE)
                              : (lit->negated ? COND_FALSE : COND_TRUE);
        key += state * d->place[slot];
    }
    return key;
}

/* Allocates the table and enters the stated facts; false when memory runs out. */
static bool derivation_init(Derivation *d) {
    size_t n = (size_t)d->nkeys;
    d->value = malloc(n * sizeof *d->value);
    d->cost = malloc(n * sizeof *d->cost);
    d->rule = calloc(n, sizeof *d->rule);
    d->param = calloc(n, sizeof *d->param);
    d->mark = calloc(n, sizeof *d->mark);
    d->fact_key = malloc(((size_t)d->store->nfacts + 1) * sizeof *d->fact_key);
    if (!d->value || !d->cost || !d->rule || !d->param || !d->mark || !d->fact_key) return false;
    for (size_t key = 0; key < n; key++) d->cost[key] = -1;
    for (int f = 0; f < d->store->nfacts; f++) {
        int key = fact_key_in(d, &d->store->facts[f]);
        d->fact_key[f] = key;
        if (key < 0) continue;
        d->value[key] = d->store->facts[f].value;
        d->cost[key] = 0;
        d->rule[key] = RULE_GIVEN;
    }
    return true;
}

static void derivation_free(Derivation *d) {
    free(d->value);
    free(d->cost);
    free(d->rule);
    free(d->param);
    free(d->mark);
    free(d->fact_key);
}

/* Passes over every key, keeping for each its best derivation — the fewest rule steps, then
 * the rule earliest in Rule — until nothing improves. Each key's choice only ever improves, so
 * the passes end even without MAX_PASSES. */
static void derivation_close(Derivation *d) {
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        bool improved = false;
        for (int key = 0; key < d->nkeys; key++) {
            if (d->cost[key] == 0) continue; /* stated */
            if (d->cost[key] == 1 && d->rule[key] == RULE_COMPLEMENT) continue; /* the best */
            KeyShape shape;
            key_shape(d, key, &shape);
            if (shape.ntarget == 0) continue;
            bool derived = d->cost[key] > 0;
            int best_cost = derived ? d->cost[key] : MAX_COST;
            int best_rule = derived ? d->rule[key] : RULE_COUNT;
            bool found = false;
            for (int rule = RULE_COMPLEMENT; rule < RULE_COUNT; rule++) {
                for (int slot = 0; slot < d->nuniverse; slot++) {
                    RuleUse use;
                    if (!rule_use(d, key, &shape, (Rule)rule, slot, &use)) continue;
                    int cost = 1;
                    double child_values[MAX_CHILDREN];
                    for (int c = 0; c < use.nchild && cost <= best_cost; c++) {
                        int child_cost = d->cost[use.child[c]];
                        if (child_cost < 0) {
                            cost = MAX_COST + 1;
                        } else {
                            cost += child_cost;
                            child_values[c] = d->value[use.child[c]];
                        }
                    }
                    bool better = cost < best_cost || (cost == best_cost && rule < best_rule);
                    double result;
                    if (!better || !rule_apply(&use, child_values, &result)) continue;
                    best_cost = cost;
                    best_rule = rule;
                    found = true;
                    d->value[key] = result;
                    d->rule[key] = (unsigned char)rule;
                    d->param[key] = (signed char)slot;
                }
            }
            if (found) {
                d->cost[key] = best_cost;
                improved = true;
            }
        }
        if (!improved) break;
    }
}

static bool value_in_range(double v) {
    return v >= -RANGE_TOLERANCE && v <= 1.0 + RANGE_TOLERANCE;
}

/* Recomputes key from its chosen rule, children first, so that every printed step agrees with
 * the steps it uses, and marks the keys used. Children cost strictly less than their parent,
 * so the recursion ends (depth at most MAX_COST). Returns false, with the offending key in
 * *bad_key, when some value falls outside [0, 1] or divides by 0: the facts are inconsistent. */
static bool derivation_evaluate(Derivation *d, int key, int *bad_key) {
    if (d->mark[key] & MARK_EVALUATED) return true;
    d->mark[key] |= MARK_EVALUATED;
    if (d->rule[key] == RULE_GIVEN) return true;
    KeyShape shape;
    key_shape(d, key, &shape);
    RuleUse use;
    rule_use(d, key, &shape, (Rule)d->rule[key], d->param[key], &use);
    double child_values[MAX_CHILDREN];
    for (int c = 0; c < use.nchild; c++) {
        if (!derivation_evaluate(d, use.child[c], bad_key)) return false;
        child_values[c] = d->value[use.child[c]];
    }
    double result = NAN;
    if (!rule_apply(&use, child_values, &result) || !value_in_range(result)) {
        d->value[key] = result;
        *bad_key = key;
        return false;
    }
    d->value[key] = result < 0.0 ? 0.0 : result > 1.0 ? 1.0 : result;
    return true;
}

/* {=================== explaining ===================} */

/* Writes RULE_FORMS[use->rule] with each #k replaced by child k's name or value. */
static void text_form(Text *t, const Derivation *d, const RuleUse *use, bool numbers) {
    for (const char *p = RULE_FORMS[use->rule]; *p; p++) {
        if (*p == '#' && p[1] >= '0' && p[1] < '0' + use->nchild) {
            int child = use->child[p[1] - '0'];
            if (numbers) text_number(t, d->value[child]);
            else text_key(t, d, child);
            p++;
        } else {
            char one[2] = {*p, '\0'};
            text_append(t, one);
        }
    }
}

/* Prints the steps deriving key, sub-results first, each derived key once. */
static void why_steps(Derivation *d, int key, FILE *why) {
    if (d->rule[key] == RULE_GIVEN || (d->mark[key] & MARK_PRINTED)) return;
    d->mark[key] |= MARK_PRINTED;
    KeyShape shape;
    key_shape(d, key, &shape);
    RuleUse use;
    rule_use(d, key, &shape, (Rule)d->rule[key], d->param[key], &use);
    for (int c = 0; c < use.nchild; c++) why_steps(d, use.child[c], why);

    Text head = {0}, line = {0};
    text_key(&head, d, key);
    int pad = display_width(text_str(&head));
    text_form(&line, d, &use, false);
    fprintf(why, "%s = %s    [%s]\n", text_str(&head), text_str(&line), RULE_NAMES[use.rule]);
    line.len = 0;
    text_form(&line, d, &use, true);
    fprintf(why, "%*s = %s\n", pad, "", text_str(&line));
    line.len = 0;
    text_number(&line, d->value[key]);
    fprintf(why, "%*s = %s\n", pad, "", text_str(&line));
    free(head.data);
    free(line.data);
}

/* The stated facts used (in the order they were stated), then the steps. */
static void why_print(Derivation *d, int root, FILE *why) {
    for (int f = 0; f < d->store->nfacts; f++) {
        int key = d->fact_key[f];
        if (key < 0 || !(d->mark[key] & MARK_EVALUATED)) continue;
        Text line = {0};
        text_append(&line, "given: ");
        text_fact(&line, d->store, &d->store->facts[f]);
        text_append(&line, " = ");
        text_number(&line, d->store->facts[f].value);
        fprintf(why, "%s\n", text_str(&line));
        free(line.data);
    }
    why_steps(d, root, why);
}

/* A missing P(not A | C) is named as P(A | C): stating either gives the other. */
static int missing_name(const Derivation *d, int key) {
    KeyShape shape;
    key_shape(d, key, &shape);
    if (shape.ntarget != 1) return key;
    for (int slot = 0; slot < d->nuniverse; slot++)
        if (shape.state[slot] == TARGET_FALSE) return key - (TARGET_FALSE - TARGET_TRUE) * d->place[slot];
    return key;
}

typedef struct Missing {
    int n;
    int key[MAX_CHILDREN];
} Missing;

/* Fills missing with the not-derived children of use, named by missing_name, each once;
 * false when one of them could not be stated (more than PROB_MAX_LITERALS on a side). */
static bool missing_of(const Derivation *d, const RuleUse *use, Missing *missing) {
    missing->n = 0;
    for (int c = 0; c < use->nchild; c++) {
        if (d->cost[use->child[c]] >= 0) continue;
        KeyShape shape;
        key_shape(d, use->child[c], &shape);
        if (shape.ntarget > PROB_MAX_LITERALS || shape.ncond > PROB_MAX_LITERALS) return false;
        int name = missing_name(d, use->child[c]);
        bool seen = false;
        for (int m = 0; m < missing->n; m++) seen = seen || missing->key[m] == name;
        if (!seen) missing->key[missing->n++] = name;
    }
    return true;
}

/* The rules tried when explaining a failure, most telling first. The complement rule is left
 * out: the fact it misses is the quantity itself, restated. The subtraction form comes last for
 * the same reason: one of its facts is the quantity with one literal negated. */
static const Rule EXPLAINING_RULES[] = {
    RULE_BAYES, RULE_BAYES_ALL, RULE_CONDITIONAL, RULE_CONDITIONAL_ALL, RULE_PRODUCT, RULE_PRODUCT_REST,
    RULE_TOTAL, RULE_MARGINAL, RULE_SUBTRACT,
};
enum { NEXPLAINING = sizeof EXPLAINING_RULES / sizeof EXPLAINING_RULES[0] };

/* One fact other than key itself, the query root and those in avoid that would let key be
 * derived in one step from what is known; -1 when there is none. */
static int single_alternative(const Derivation *d, int key, int root, const Missing *avoid) {
    KeyShape shape;
    key_shape(d, key, &shape);
    for (int r = 0; r < NEXPLAINING; r++) {
        for (int slot = 0; slot < d->nuniverse; slot++) {
            RuleUse use;
            if (!rule_use(d, key, &shape, EXPLAINING_RULES[r], slot, &use)) continue;
            Missing missing;
            if (!missing_of(d, &use, &missing)) continue;
            if (missing.n != 1 || missing.key[0] == missing_name(d, key)
                || missing.key[0] == missing_name(d, root))
                continue;
            bool avoided = false;
            for (int m = 0; m < avoid->n; m++) avoided = avoided || avoid->key[m] == missing.key[0];
            if (!avoided) return missing.key[0];
        }
    }
    return -1;
}

/* Explains why root was not derived: a divisor that is 0, or the one-step derivation missing
 * the fewest facts. */
static void explain_failure(const Derivation *d, int root, Text *msg) {
    KeyShape shape;
    key_shape(d, root, &shape);
    Missing best = {.n = MAX_CHILDREN + 1};
    int zero_key = -1;
    for (int r = 0; r < NEXPLAINING; r++) {
        for (int slot = 0; slot < d->nuniverse; slot++) {
            RuleUse use;
            if (!rule_use(d, root, &shape, EXPLAINING_RULES[r], slot, &use)) continue;
            Missing missing;
            if (!missing_of(d, &use, &missing)) continue;
            if (missing.n == 0) {
                if (use.denominator >= 0 && zero_key < 0) {
                    int divisor = use.child[use.denominator];
                    if (!(fabs(d->value[divisor]) > ZERO_DENOMINATOR)) zero_key = divisor;
                }
            } else if (missing.n < best.n) {
                best = missing;
            }
        }
    }
    if (zero_key >= 0) {
        text_key(msg, d, root);
        text_append(msg, " is undefined because ");
        text_key(msg, d, zero_key);
        text_append(msg, " = 0");
        return;
    }
    if (best.n > MAX_CHILDREN) {
        text_append(msg, "the stated facts do not determine it");
        return;
    }
    text_append(msg, "missing ");
    for (int m = 0; m < best.n; m++) {
        if (m > 0) text_append(msg, m == best.n - 1 ? " and " : ", ");
        text_key(msg, d, best.key[m]);
        int alternative = single_alternative(d, best.key[m], root, &best);
        if (alternative >= 0) {
            text_append(msg, " (or ");
            text_key(msg, d, alternative);
            text_append(msg, ")");
        }
    }
}

/* {=================== deriving ===================} */

bool prob_derive(ProbStore *store, const ProbQuery *q, double *value,
                 char *err, size_t errsize, FILE *why) {
    Text msg = {0};
    bool ok = false;
    Derivation d = {.store = store};
    if (!store) {
        text_append(&msg, "no probability store");
        goto done;
    }
    if (!query_check(q, &msg)) goto done;

    int query_events[UNIVERSE_MAX];
    int nquery = 0, nunknown = 0;
    const char *unknown[UNIVERSE_MAX];
    for (int i = 0; i < q->ntarget + q->ncond; i++) {
        const ProbLiteral *lit = i < q->ntarget ? &q->target[i] : &q->cond[i - q->ntarget];
        int event = store_event_find(store, lit->event);
        if (event < 0) unknown[nunknown++] = lit->event;
        else query_events[nquery++] = event;
    }
    text_append(&msg, "cannot derive ");
    text_query(&msg, q);
    text_append(&msg, ": ");
    if (nunknown > 0) {
        text_append(&msg, "no stated fact mentions ");
        for (int i = 0; i < nunknown; i++) {
            if (i > 0) text_append(&msg, i == nunknown - 1 ? " or " : ", ");
            text_append(&msg, unknown[i]);
        }
        goto done;
    }

    universe_build(&d, query_events, nquery);
    if (!derivation_init(&d)) {
        text_append(&msg, "out of memory");
        goto done;
    }
    int root = 0;
    for (int slot = 0; slot < nquery; slot++) {
        const ProbLiteral *lit = slot < q->ntarget ? &q->target[slot] : &q->cond[slot - q->ntarget];
        int state = slot < q->ntarget ? (lit->negated ? TARGET_FALSE : TARGET_TRUE)
                                      : (lit->negated ? COND_FALSE : COND_TRUE);
        root += state * d.place[slot];
    }
    derivation_close(&d);
    if (d.cost[root] < 0) {
        explain_failure(&d, root, &msg);
        goto done;
    }
    int bad_key = -1;
    if (!derivation_evaluate(&d, root, &bad_key)) {
        text_append(&msg, "the stated facts are inconsistent: they give ");
        text_key(&msg, &d, bad_key);
        if (isfinite(d.value[bad_key])) {
            text_append(&msg, " = ");
            text_number(&msg, d.value[bad_key]);
        } else {
            text_append(&msg, " a division by 0");
        }
        goto done;
    }
    if (value) *value = d.value[root];
    if (why) why_print(&d, root, why);
    write_message(err, errsize, "");
    ok = true;
done:
    if (!ok) write_message(err, errsize, text_str(&msg));
    derivation_free(&d);
    free(msg.data);
    return ok;
}
