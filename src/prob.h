/* prob.h — probability facts and their derivation: P(A) = 0.05 states a fact,
 * P(A | B) asks for one, derived by the complement rule, the product rule, Bayes' theorem
 * and the law of total probability (over A and not A). Events are names; the store knows
 * nothing of the evaluator.
 *
 * A query is a conjunction of literals (the target) given a conjunction of literals
 * (the condition, possibly empty): P(A), P(not A), P(A, B), P(A | B), P(not A | B),
 * P(A, B | C). Literals are event names with an optional negation. */
#ifndef MLM_PROB_H
#define MLM_PROB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PROB_MAX_LITERALS 4

typedef struct ProbLiteral {
    const char *event;   /* borrowed for the call; the store copies what it keeps */
    bool negated;
} ProbLiteral;

typedef struct ProbQuery {
    int ntarget;                            /* 1 .. PROB_MAX_LITERALS */
    ProbLiteral target[PROB_MAX_LITERALS];
    int ncond;                              /* 0 .. PROB_MAX_LITERALS */
    ProbLiteral cond[PROB_MAX_LITERALS];
} ProbQuery;

typedef struct ProbStore ProbStore;

/* Returns a new, empty store (owned by the caller; prob_store_free releases it). */
ProbStore *prob_store_new(void);
void prob_store_free(ProbStore *store);
/* Forgets every fact. */
void prob_store_clear(ProbStore *store);
/* Number of stated facts. */
int prob_store_count(const ProbStore *store);

/* Writes the canonical text of q, e.g. "P(failure | high_cpu)", "P(not A, B)". */
void prob_query_format(const ProbQuery *q, char *buf, size_t size);

/* States q = value. Fails (false, message in err) when value is outside [0, 1] or NaN,
 * when q is malformed (an event both asserted and negated, the same event in target and
 * condition), or when the fact contradicts stated facts directly (P(A) = 0.3 after
 * P(not A) = 0.6). Restating the same quantity replaces it. */
bool prob_state(ProbStore *store, const ProbQuery *q, double value, char *err, size_t errsize);

/* Derives q from the facts. On success returns true and *value. On failure returns false
 * and writes to err a message that names the missing fact(s), e.g.
 * "cannot derive P(failure | high_cpu): missing P(high_cpu) (or P(high_cpu | not failure))".
 * When why is non-NULL and derivation succeeds, the derivation is written to it: one step
 * per line, each naming the rule and showing the numbers, ending with the result. */
bool prob_derive(ProbStore *store, const ProbQuery *q, double *value,
                 char *err, size_t errsize, FILE *why);

#endif
