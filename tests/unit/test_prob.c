/* test_prob.c — unit tests for the probability store and derivation engine (src/prob.c):
 * stated facts, each rule, order-independence, the messages for missing facts and bad input,
 * and the text of `why`. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prob.h"

/* A query written as text, "not A, B | C", with the names held in its own buffer. */
typedef struct QueryText {
    char names[512];
    ProbQuery q;
} QueryText;

static char *trim(char *s) {
    while (*s == ' ') s++;
    char *end = s + strlen(s);
    while (end > s && end[-1] == ' ') *--end = '\0';
    return s;
}

static int parse_literals(char *list, ProbLiteral *out) {
    int n = 0;
    for (char *item = strtok(list, ","); item; item = strtok(NULL, ",")) {
        item = trim(item);
        bool negated = strncmp(item, "not ", 4) == 0;
        out[n].negated = negated;
        out[n].event = negated ? trim(item + 4) : item;
        n++;
    }
    return n;
}

static void parse_query(QueryText *qt, const char *spec) {
    ck_assert_uint_lt(strlen(spec), sizeof qt->names);
    strcpy(qt->names, spec);
    memset(&qt->q, 0, sizeof qt->q);
    char *bar = strchr(qt->names, '|');
    if (bar) *bar = '\0';
    /* strtok keeps state, so the two lists are split one after the other. */
    qt->q.ntarget = parse_literals(qt->names, qt->q.target);
    qt->q.ncond = bar ? parse_literals(bar + 1, qt->q.cond) : 0;
}

static void state(ProbStore *store, const char *spec, double value) {
    QueryText qt;
    parse_query(&qt, spec);
    char err[256] = "";
    ck_assert_msg(prob_state(store, &qt.q, value, err, sizeof err), "stating %s: %s", spec, err);
}

static bool state_fails(ProbStore *store, const char *spec, double value, char *err,
                        size_t errsize) {
    QueryText qt;
    parse_query(&qt, spec);
    return !prob_state(store, &qt.q, value, err, errsize);
}

static double derive(ProbStore *store, const char *spec) {
    QueryText qt;
    parse_query(&qt, spec);
    char err[256] = "";
    double value = NAN;
    ck_assert_msg(prob_derive(store, &qt.q, &value, err, sizeof err, NULL), "deriving %s: %s",
                  spec, err);
    return value;
}

/* Derives spec expecting failure; returns the message in err. */
static void derive_fails(ProbStore *store, const char *spec, char *err, size_t errsize) {
    QueryText qt;
    parse_query(&qt, spec);
    double value = -1.0;
    bool ok = prob_derive(store, &qt.q, &value, err, errsize, NULL);
    ck_assert_msg(!ok, "%s should not be derivable, got %g", spec, value);
}

/* Derives spec and returns the why text (owned by the caller: free it). */
static char *derive_why(ProbStore *store, const char *spec, double *value) {
    QueryText qt;
    parse_query(&qt, spec);
    char *text = NULL;
    size_t len = 0;
    FILE *why = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(why);
    char err[256] = "";
    bool ok = prob_derive(store, &qt.q, value, err, sizeof err, why);
    fclose(why);
    ck_assert_msg(ok, "deriving %s: %s", spec, err);
    return text;
}

static ProbStore *seed_store(void) {
    ProbStore *store = prob_store_new();
    state(store, "failure", 0.05);
    state(store, "high_cpu | failure", 0.90);
    state(store, "high_cpu", 0.20);
    return store;
}

/* {=================== the article's examples ===================} */

START_TEST(test_seed_bayes) {
    ProbStore *store = seed_store();
    ck_assert_double_eq_tol(derive(store, "failure | high_cpu"), 0.225, 1e-12);
    prob_store_free(store);
}
END_TEST

START_TEST(test_exercise_friday) {
    ProbStore *store = prob_store_new();
    state(store, "incident", 0.08);
    state(store, "friday | incident", 0.75);
    state(store, "friday", 0.20);
    ck_assert_double_eq_tol(derive(store, "incident | friday"), 0.30, 1e-12);
    prob_store_free(store);
}
END_TEST

START_TEST(test_stated_fact_is_returned) {
    ProbStore *store = seed_store();
    ck_assert_double_eq(derive(store, "high_cpu | failure"), 0.9);
    ck_assert_double_eq(derive(store, "failure"), 0.05);
    /* A stated fact beats a derivation, even one that would disagree. */
    state(store, "failure | high_cpu", 0.25);
    ck_assert_double_eq(derive(store, "failure | high_cpu"), 0.25);
    prob_store_free(store);
}
END_TEST

/* {=================== the rules ===================} */

START_TEST(test_complement) {
    ProbStore *store = seed_store();
    ck_assert_double_eq_tol(derive(store, "not failure"), 0.95, 1e-12);
    ck_assert_double_eq_tol(derive(store, "not high_cpu | failure"), 0.1, 1e-12);
    ck_assert_double_eq_tol(derive(store, "not failure | high_cpu"), 0.775, 1e-12);
    prob_store_free(store);

    store = prob_store_new();
    state(store, "not rain", 0.7);
    ck_assert_double_eq_tol(derive(store, "rain"), 0.3, 1e-12);
    prob_store_free(store);
}
END_TEST

START_TEST(test_joint) {
    ProbStore *store = seed_store();
    ck_assert_double_eq_tol(derive(store, "failure, high_cpu"), 0.045, 1e-12);
    ck_assert_double_eq_tol(derive(store, "high_cpu, failure"), 0.045, 1e-12);
    /* P(not failure, high_cpu) = P(high_cpu) − P(failure, high_cpu) */
    ck_assert_double_eq_tol(derive(store, "not failure, high_cpu"), 0.155, 1e-12);
    ck_assert_double_eq_tol(derive(store, "failure, not high_cpu"), 0.005, 1e-12);
    prob_store_free(store);
}
END_TEST

START_TEST(test_joint_over_marginal) {
    /* P(A | B) = P(A, B) / P(B), and P(B) = P(A, B) + P(not A, B). */
    ProbStore *store = prob_store_new();
    state(store, "spam, link", 0.12);
    state(store, "not spam, link", 0.18);
    ck_assert_double_eq_tol(derive(store, "link"), 0.30, 1e-12);
    ck_assert_double_eq_tol(derive(store, "spam | link"), 0.4, 1e-12);
    ck_assert_double_eq_tol(derive(store, "not spam | link"), 0.6, 1e-12);
    prob_store_free(store);
}
END_TEST

START_TEST(test_total_probability) {
    ProbStore *store = prob_store_new();
    state(store, "failure", 0.05);
    state(store, "high_cpu | failure", 0.90);
    state(store, "high_cpu | not failure", 0.2);
    double p_high = 0.9 * 0.05 + 0.2 * 0.95;
    ck_assert_double_eq_tol(derive(store, "high_cpu"), p_high, 1e-12);
    ck_assert_double_eq_tol(derive(store, "failure | high_cpu"), 0.9 * 0.05 / p_high, 1e-12);
    ck_assert_double_eq_tol(derive(store, "not failure | high_cpu"), 1 - 0.9 * 0.05 / p_high,
                            1e-12);
    ck_assert_double_eq_tol(derive(store, "failure | not high_cpu"), 0.1 * 0.05 / (1 - p_high),
                            1e-12);
    prob_store_free(store);
}
END_TEST

START_TEST(test_conditioned_facts) {
    /* Rules apply under a common condition too. */
    ProbStore *store = prob_store_new();
    state(store, "a | c", 0.5);
    state(store, "b | a, c", 0.4);
    state(store, "b | c", 0.25);
    ck_assert_double_eq_tol(derive(store, "a | b, c"), 0.4 * 0.5 / 0.25, 1e-12);
    ck_assert_double_eq_tol(derive(store, "a, b | c"), 0.2, 1e-12);
    ck_assert_double_eq_tol(derive(store, "not a | c"), 0.5, 1e-12);
    prob_store_free(store);
}
END_TEST

START_TEST(test_chain_of_three) {
    ProbStore *store = prob_store_new();
    state(store, "a", 0.5);
    state(store, "b | a", 0.4);
    state(store, "c | a, b", 0.3);
    ck_assert_double_eq_tol(derive(store, "a, b, c"), 0.06, 1e-12);
    ck_assert_double_eq_tol(derive(store, "c, b, a"), 0.06, 1e-12);
    ck_assert_double_eq_tol(derive(store, "b, c | a"), 0.12, 1e-12);
    prob_store_free(store);
}
END_TEST

START_TEST(test_compound_conditions) {
    /* Evidence of several events at once, as naive Bayes has it: Bayes' theorem and the
     * definition of conditional probability over whole sides, and the product rule that keeps
     * the rest of the target (P(a, b, c) = P(b, c | a) × P(a)). Exact values worked by hand. */
    ProbStore *store = prob_store_new();
    state(store, "spam", 0.4);
    state(store, "offer, urgent | spam", 0.3);
    state(store, "offer, urgent | not spam", 0.05);
    /* P(offer, urgent) = 0.3 × 0.4 + 0.05 × 0.6 = 0.15; Bayes: 0.12 / 0.15 */
    ck_assert_double_eq_tol(derive(store, "spam | offer, urgent"), 0.8, 1e-12);
    ck_assert_double_eq_tol(derive(store, "not spam | urgent, offer"), 0.2, 1e-12);
    ck_assert_double_eq_tol(derive(store, "spam, offer, urgent"), 0.12, 1e-12);
    prob_store_free(store);

    store = prob_store_new();
    state(store, "a, b, c", 0.06);
    state(store, "b, c", 0.1);
    ck_assert_double_eq_tol(derive(store, "a | b, c"), 0.6, 1e-12);
    ck_assert_double_eq_tol(derive(store, "not a | b, c"), 0.4, 1e-12);
    prob_store_free(store);

    store = prob_store_new();
    state(store, "a", 0.3);
    state(store, "not b, c | a", 0.2);
    state(store, "not b, c", 0.1);
    ck_assert_double_eq_tol(derive(store, "a | c, not b"), 0.6, 1e-12);
    double value;
    char *why = derive_why(store, "a | not b, c", &value);
    ck_assert_msg(strstr(why, "P(not b, c | a) × P(a) / P(not b, c)    [Bayes' theorem]") != NULL, "%s", why);
    free(why);
    prob_store_free(store);
}
END_TEST

/* {=================== order and restating ===================} */

START_TEST(test_order_independent) {
    ProbStore *store = prob_store_new();
    state(store, "b, a", 0.1);
    state(store, "x | b, a", 0.5);
    ck_assert_double_eq(derive(store, "a, b"), 0.1);
    ck_assert_double_eq(derive(store, "x | a, b"), 0.5);
    /* Restating in the other order replaces the same quantity. */
    state(store, "a, b", 0.2);
    ck_assert_int_eq(prob_store_count(store), 2);
    ck_assert_double_eq(derive(store, "b, a"), 0.2);
    prob_store_free(store);
}
END_TEST

START_TEST(test_restating_replaces) {
    ProbStore *store = seed_store();
    ck_assert_int_eq(prob_store_count(store), 3);
    state(store, "high_cpu", 0.5);
    ck_assert_int_eq(prob_store_count(store), 3);
    ck_assert_double_eq_tol(derive(store, "failure | high_cpu"), 0.09, 1e-12);
    prob_store_clear(store);
    ck_assert_int_eq(prob_store_count(store), 0);
    char err[256];
    derive_fails(store, "failure", err, sizeof err);
    state(store, "failure", 0.5);
    ck_assert_int_eq(prob_store_count(store), 1);
    prob_store_free(store);
}
END_TEST

START_TEST(test_names_are_copied) {
    ProbStore *store = prob_store_new();
    char name[16];
    strcpy(name, "storm");
    ProbQuery q = {.ntarget = 1, .target = {{name, false}}};
    char err[128];
    ck_assert(prob_state(store, &q, 0.1, err, sizeof err));
    strcpy(name, "XXXXX");
    ck_assert_double_eq_tol(derive(store, "not storm"), 0.9, 1e-12);
    prob_store_free(store);
}
END_TEST

/* {=================== messages ===================} */

START_TEST(test_missing_fact_message) {
    ProbStore *store = prob_store_new();
    state(store, "failure", 0.05);
    state(store, "high_cpu | failure", 0.9);
    char err[256];
    derive_fails(store, "failure | high_cpu", err, sizeof err);
    ck_assert_str_eq(err, "cannot derive P(failure | high_cpu): missing P(high_cpu) "
                          "(or P(high_cpu | not failure))");
    prob_store_free(store);
}
END_TEST

START_TEST(test_missing_two_facts) {
    ProbStore *store = prob_store_new();
    state(store, "a | b", 0.5);
    char err[256];
    derive_fails(store, "a", err, sizeof err);
    ck_assert_str_eq(err, "cannot derive P(a): missing P(b) and P(a | not b)");
    prob_store_free(store);
}
END_TEST

START_TEST(test_unknown_event) {
    ProbStore *store = seed_store();
    char err[256];
    derive_fails(store, "rain", err, sizeof err);
    ck_assert_str_eq(err, "cannot derive P(rain): no stated fact mentions rain");
    derive_fails(store, "failure | rain, snow", err, sizeof err);
    ck_assert_str_eq(err, "cannot derive P(failure | rain, snow): no stated fact mentions rain "
                          "or snow");
    prob_store_free(store);

    store = prob_store_new();
    derive_fails(store, "failure", err, sizeof err);
    ck_assert_str_eq(err, "cannot derive P(failure): no stated fact mentions failure");
    prob_store_free(store);
}
END_TEST

START_TEST(test_out_of_range) {
    ProbStore *store = prob_store_new();
    char err[256];
    ck_assert(state_fails(store, "a", 1.2, err, sizeof err));
    ck_assert_str_eq(err, "probability must be between 0 and 1, got 1.2");
    ck_assert(state_fails(store, "a | b", -0.1, err, sizeof err));
    ck_assert_str_eq(err, "probability must be between 0 and 1, got -0.1");
    ck_assert(state_fails(store, "a", NAN, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "probability must be between 0 and 1"));
    ck_assert(state_fails(store, "a", INFINITY, err, sizeof err));
    ck_assert_int_eq(prob_store_count(store), 0);
    state(store, "a", 0.0);
    state(store, "b", 1.0);
    ck_assert_int_eq(prob_store_count(store), 2);
    prob_store_free(store);
}
END_TEST

START_TEST(test_contradiction) {
    ProbStore *store = prob_store_new();
    state(store, "not a", 0.6);
    char err[256];
    ck_assert(state_fails(store, "a", 0.3, err, sizeof err));
    ck_assert_str_eq(err, "P(a) = 0.3 contradicts P(not a) = 0.6 (they must sum to 1)");
    ck_assert_int_eq(prob_store_count(store), 1);
    state(store, "a", 0.4);
    ck_assert_int_eq(prob_store_count(store), 2);

    state(store, "b | c", 0.25);
    ck_assert(state_fails(store, "not b | c", 0.5, err, sizeof err));
    ck_assert_str_eq(err, "P(not b | c) = 0.5 contradicts P(b | c) = 0.25 (they must sum to 1)");
    state(store, "not b | not c", 0.5); /* another condition: no contradiction */
    state(store, "not b | c", 0.75);
    prob_store_free(store);
}
END_TEST

START_TEST(test_malformed_queries) {
    ProbStore *store = prob_store_new();
    state(store, "a", 0.5);
    char err[256];
    ck_assert(state_fails(store, "a | a", 0.5, err, sizeof err));
    ck_assert_str_eq(err, "a appears on both sides of | in P(a | a)");
    ck_assert(state_fails(store, "a, not a", 0.0, err, sizeof err));
    ck_assert_str_eq(err, "a and not a cannot both appear in P(a, not a)");
    ck_assert(state_fails(store, "b | a, not a", 0.5, err, sizeof err));
    ck_assert_str_eq(err, "a and not a cannot both appear in P(b | a, not a)");
    ck_assert(state_fails(store, "a, a", 0.5, err, sizeof err));
    ck_assert_str_eq(err, "a appears twice in P(a, a)");
    derive_fails(store, "not a | a", err, sizeof err);
    ck_assert_str_eq(err, "a appears on both sides of | in P(not a | a)");

    ProbQuery q = {.ntarget = 0};
    ck_assert(!prob_state(store, &q, 0.5, err, sizeof err));
    ck_assert_str_eq(err, "a probability needs 1 to 4 events before |, got 0");
    q.ntarget = PROB_MAX_LITERALS + 1;
    ck_assert(!prob_derive(store, &q, NULL, err, sizeof err, NULL));
    q = (ProbQuery){.ntarget = 1, .target = {{"a", false}}, .ncond = -1};
    ck_assert(!prob_derive(store, &q, NULL, err, sizeof err, NULL));
    ck_assert_str_eq(err, "at most 4 events may follow |, got -1");
    q = (ProbQuery){.ntarget = 1, .target = {{NULL, false}}};
    ck_assert(!prob_state(store, &q, 0.5, err, sizeof err));
    ck_assert_str_eq(err, "an event name is empty in P(?)");
    q = (ProbQuery){.ntarget = 1, .target = {{"", false}}};
    ck_assert(!prob_derive(store, &q, NULL, err, sizeof err, NULL));
    ck_assert(!prob_derive(store, NULL, NULL, err, sizeof err, NULL));
    ck_assert(!prob_state(NULL, &q, 0.5, err, sizeof err));
    /* NULL or tiny error buffers are fine. */
    ck_assert(!prob_state(store, &q, 0.5, NULL, 0));
    ck_assert(!prob_state(store, &q, 0.5, err, 1));
    ck_assert_str_eq(err, "");
    ck_assert_int_eq(prob_store_count(store), 1);
    prob_store_free(store);
}
END_TEST

START_TEST(test_zero_condition) {
    ProbStore *store = prob_store_new();
    state(store, "b", 0.0);
    state(store, "a, b", 0.0);
    char err[256];
    derive_fails(store, "a | b", err, sizeof err);
    ck_assert_str_eq(err, "cannot derive P(a | b): P(a | b) is undefined because P(b) = 0");
    prob_store_free(store);
}
END_TEST

START_TEST(test_inconsistent_facts) {
    ProbStore *store = prob_store_new();
    state(store, "a", 0.9);
    state(store, "b | a", 0.9);
    state(store, "b", 0.1);
    char err[256];
    derive_fails(store, "a | b", err, sizeof err);
    ck_assert_str_eq(err, "cannot derive P(a | b): the stated facts are inconsistent: they give "
                          "P(a | b) = 8.1");
    prob_store_free(store);
}
END_TEST

START_TEST(test_query_format) {
    char buf[64];
    ProbQuery q = {.ntarget = 1, .target = {{"failure", false}}, .ncond = 1,
                   .cond = {{"high_cpu", false}}};
    prob_query_format(&q, buf, sizeof buf);
    ck_assert_str_eq(buf, "P(failure | high_cpu)");
    q = (ProbQuery){.ntarget = 2, .target = {{"A", true}, {"B", false}}, .ncond = 1,
                    .cond = {{"C", false}}};
    prob_query_format(&q, buf, sizeof buf);
    ck_assert_str_eq(buf, "P(not A, B | C)");
    q = (ProbQuery){.ntarget = 1, .target = {{"A", true}}};
    prob_query_format(&q, buf, sizeof buf);
    ck_assert_str_eq(buf, "P(not A)");
    prob_query_format(&q, buf, 5);
    ck_assert_str_eq(buf, "P(no");
    q.ntarget = 99; /* malformed counts are clamped, never read past the arrays */
    prob_query_format(&q, buf, sizeof buf);
}
END_TEST

/* {=================== why ===================} */

START_TEST(test_why_bayes) {
    ProbStore *store = seed_store();
    double value = 0;
    char *text = derive_why(store, "failure | high_cpu", &value);
    ck_assert_double_eq_tol(value, 0.225, 1e-12);
    ck_assert_ptr_nonnull(strstr(text, "given: P(failure) = 0.05\n"));
    ck_assert_ptr_nonnull(strstr(text, "given: P(high_cpu | failure) = 0.9\n"));
    ck_assert_ptr_nonnull(strstr(text, "given: P(high_cpu) = 0.2\n"));
    ck_assert_ptr_nonnull(strstr(text,
        "P(failure | high_cpu) = P(high_cpu | failure) × P(failure) / P(high_cpu)    "
        "[Bayes' theorem]\n"
        "                      = 0.9 × 0.05 / 0.2\n"
        "                      = 0.225\n"));
    free(text);
    prob_store_free(store);
}
END_TEST

START_TEST(test_why_total_probability) {
    ProbStore *store = prob_store_new();
    state(store, "failure", 0.05);
    state(store, "high_cpu | failure", 0.9);
    state(store, "high_cpu | not failure", 0.2);
    double value = 0;
    char *text = derive_why(store, "failure | high_cpu", &value);
    const char *complement = strstr(text, "P(not failure) = 1 − P(failure)    [complement rule]\n"
                                          "               = 1 − 0.05\n"
                                          "               = 0.95\n");
    const char *total = strstr(text,
        "P(high_cpu) = P(high_cpu | failure) × P(failure) + P(high_cpu | not failure) × "
        "P(not failure)    [law of total probability]\n"
        "            = 0.9 × 0.05 + 0.2 × 0.95\n"
        "            = 0.235\n");
    const char *bayes = strstr(text, "P(failure | high_cpu) = P(high_cpu | failure) × P(failure) "
                                     "/ P(high_cpu)    [Bayes' theorem]\n");
    ck_assert_ptr_nonnull(complement);
    ck_assert_ptr_nonnull(total);
    ck_assert_ptr_nonnull(bayes);
    ck_assert(complement < total && total < bayes); /* sub-results first */
    ck_assert_ptr_nonnull(strstr(text, "given: P(high_cpu | not failure) = 0.2\n"));
    ck_assert_ptr_null(strstr(text, "given: P(failure | high_cpu)"));
    free(text);
    prob_store_free(store);
}
END_TEST

START_TEST(test_why_given_and_joint) {
    ProbStore *store = seed_store();
    double value = 0;
    char *text = derive_why(store, "failure", &value);
    ck_assert_str_eq(text, "given: P(failure) = 0.05\n");
    free(text);
    text = derive_why(store, "failure, high_cpu", &value);
    ck_assert_ptr_nonnull(strstr(text, "P(failure, high_cpu) = P(high_cpu | failure) × P(failure)"
                                       "    [product rule]\n"));
    ck_assert_ptr_nonnull(strstr(text, "= 0.045\n"));
    ck_assert_ptr_null(strstr(text, "given: P(high_cpu) = 0.2")); /* not used */
    free(text);
    prob_store_free(store);
}
END_TEST

/* {=================== limits ===================} */

START_TEST(test_many_events_terminate) {
    /* A chain of ten events: more than the engine keeps in one derivation. */
    ProbStore *store = prob_store_new();
    const char *names[] = {"e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"};
    ProbQuery q = {.ntarget = 1, .target = {{names[0], false}}};
    char err[256];
    ck_assert(prob_state(store, &q, 0.5, err, sizeof err));
    for (int i = 1; i < 10; i++) {
        q = (ProbQuery){.ntarget = 1, .target = {{names[i], false}}, .ncond = 1,
                        .cond = {{names[i - 1], false}}};
        ck_assert(prob_state(store, &q, 0.5, err, sizeof err));
        q.cond[0].negated = true;
        ck_assert(prob_state(store, &q, 0.25, err, sizeof err));
    }
    double value = 0;
    q = (ProbQuery){.ntarget = 1, .target = {{names[2], false}}};
    ck_assert(prob_derive(store, &q, &value, err, sizeof err, NULL));
    /* P(e1) = 0.5·0.5 + 0.25·0.5 = 0.375; P(e2) = 0.5·0.375 + 0.25·0.625 */
    ck_assert_double_eq_tol(value, 0.5 * 0.375 + 0.25 * 0.625, 1e-12);
    /* Five steps of the law of total probability, each needing the one before. */
    q = (ProbQuery){.ntarget = 1, .target = {{names[5], false}}};
    ck_assert(prob_derive(store, &q, &value, err, sizeof err, NULL));
    ck_assert_double_eq_tol(value, 0.33349609375, 1e-12);
    /* A wide query over six events must simply return, with a message. */
    q = (ProbQuery){.ntarget = 4, .ncond = 2};
    for (int i = 0; i < 4; i++) q.target[i] = (ProbLiteral){names[i], i % 2 == 1};
    q.cond[0] = (ProbLiteral){names[9], false};
    q.cond[1] = (ProbLiteral){names[8], true};
    ck_assert(!prob_derive(store, &q, &value, err, sizeof err, NULL));
    ck_assert_ptr_nonnull(strstr(err, "cannot derive P(e0, not e1, e2, not e3 | e9, not e8): "));
    prob_store_free(store);
}
END_TEST

START_TEST(test_long_names) {
    ProbStore *store = prob_store_new();
    char long_name[600];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    ProbQuery q = {.ntarget = 1, .target = {{long_name, false}}, .ncond = 1,
                   .cond = {{"b", false}}};
    char err[64];
    ck_assert(prob_state(store, &q, 0.5, err, sizeof err));
    double value = 0;
    ck_assert(prob_derive(store, &q, &value, err, sizeof err, NULL));
    ck_assert_double_eq(value, 0.5);
    q.ncond = 0;
    ck_assert(!prob_derive(store, &q, NULL, err, sizeof err, NULL));
    ck_assert_uint_eq(strlen(err), sizeof err - 1); /* truncated, terminated */
    prob_store_free(store);
}
END_TEST

Suite *prob_suite(void) {
    Suite *suite = suite_create("prob");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_seed_bayes);
    tcase_add_test(core, test_exercise_friday);
    tcase_add_test(core, test_stated_fact_is_returned);
    tcase_add_test(core, test_complement);
    tcase_add_test(core, test_joint);
    tcase_add_test(core, test_joint_over_marginal);
    tcase_add_test(core, test_total_probability);
    tcase_add_test(core, test_conditioned_facts);
    tcase_add_test(core, test_chain_of_three);
    tcase_add_test(core, test_compound_conditions);
    tcase_add_test(core, test_order_independent);
    tcase_add_test(core, test_restating_replaces);
    tcase_add_test(core, test_names_are_copied);
    suite_add_tcase(suite, core);

    TCase *messages = tcase_create("Messages");
    tcase_add_test(messages, test_missing_fact_message);
    tcase_add_test(messages, test_missing_two_facts);
    tcase_add_test(messages, test_unknown_event);
    tcase_add_test(messages, test_out_of_range);
    tcase_add_test(messages, test_contradiction);
    tcase_add_test(messages, test_malformed_queries);
    tcase_add_test(messages, test_zero_condition);
    tcase_add_test(messages, test_inconsistent_facts);
    tcase_add_test(messages, test_query_format);
    suite_add_tcase(suite, messages);

    TCase *why = tcase_create("Why");
    tcase_add_test(why, test_why_bayes);
    tcase_add_test(why, test_why_total_probability);
    tcase_add_test(why, test_why_given_and_joint);
    suite_add_tcase(suite, why);

    TCase *limits = tcase_create("Limits");
    tcase_set_timeout(limits, 60);
    tcase_add_test(limits, test_many_events_terminate);
    tcase_add_test(limits, test_long_names);
    suite_add_tcase(suite, limits);
    return suite;
}
