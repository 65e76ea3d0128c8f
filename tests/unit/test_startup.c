/* test_startup.c — what start-up leaves for later must not change what a program sees: the
 * prelude runs on the first lookup of a name it defines (run.c), global names are found
 * through a hash index (interp.c), and the kernels pick their vector width on first use. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "kernels.h"
#include "source.h"

/* Runs text in the session; returns what it printed to out and err (caller frees). */
static char *run_in(Interp *in, const char *text) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    FILE *out = in->out, *err = in->err;
    in->out = in->err = f;
    Source *src = source_new("t.mlm", text, strlen(text));
    interp_run(in, src, false);
    source_release(src);
    in->out = out;
    in->err = err;
    fclose(f);
    return buf;
}

static bool prelude_ran(const Interp *in) { return in->load_prelude == NULL; }

START_TEST(arithmetic_does_not_run_the_prelude) {
    Interp *in = interp_new(stdout, stderr);
    ck_assert_ptr_nonnull(in);
    ck_assert(!prelude_ran(in));
    char *got = run_in(in, "x = 1 + 1\ny = x * 3\ny\n");
    ck_assert_str_eq(got, "6\n");
    ck_assert(!prelude_ran(in));
    free(got);
    got = run_in(in, "sigmoid(0)\n");
    ck_assert_str_eq(got, "0.5\n");
    ck_assert(prelude_ran(in));
    free(got);
    interp_free(in);
}
END_TEST

START_TEST(a_prelude_name_is_kept_as_its_first_statement) {
    /* eager: the prelude had run, so redefining relu was refused; lazily it must be too */
    Interp *in = interp_new(stdout, stderr);
    char *got = run_in(in, "relu(x) = 2 * x\n");
    ck_assert_msg(strstr(got, "'relu' is a function of mlm's library") != NULL, "%s", got);
    free(got);
    got = run_in(in, "relu(-3) + relu(2)\n");
    ck_assert_str_eq(got, "2\n");
    free(got);
    interp_free(in);
}
END_TEST

START_TEST(globals_made_before_the_prelude_stay_the_users) {
    /* `clear` removes what the user made before the prelude ran, and keeps the prelude */
    Interp *in = interp_new(stdout, stderr);
    char *got = run_in(in, "add = x -> x + 1\nmse([1, 2], [1, 4])\nclear\nmse([0], [3])\n");
    ck_assert_str_eq(got, "2\n9\n");
    free(got);
    got = run_in(in, "add(1)\n");
    ck_assert_msg(strstr(got, "unknown name 'add'") != NULL, "%s", got);
    free(got);
    got = run_in(in, "add(x) = x + 2\nadd(1)\n"); /* not a library name */
    ck_assert_str_eq(got, "3\n");
    free(got);
    interp_free(in);
}
END_TEST

START_TEST(a_misspelling_suggests_a_prelude_name) {
    Interp *in = interp_new(stdout, stderr);
    char *got = run_in(in, "sigmod(1)\n");
    ck_assert_msg(strstr(got, "did you mean 'sigmoid'") != NULL, "%s", got);
    free(got);
    interp_free(in);
}
END_TEST

START_TEST(the_reserved_names_are_what_the_prelude_defines) {
    Interp *in = interp_new(stdout, stderr);
    int n = in->nglobals, reserved = 0;
    bool *lazy = calloc((size_t)n, sizeof *lazy);
    for (int i = 0; i < n; i++) {
        lazy[i] = in->globals[i].lazy;
        reserved += lazy[i];
        ck_assert(lazy[i] ? in->globals[i].value.kind == VAL_NIL : true);
    }
    interp_need_prelude(in);
    ck_assert_int_eq(in->nglobals, n); /* the prelude made no global it had not reserved */
    for (int i = 0; i < n; i++)
        ck_assert_msg(lazy[i] == (in->globals[i].builtin.kind == VAL_FUNC), "%s", in->globals[i].name);
    ck_assert_int_ge(reserved, 11); /* sigmoid … cosine_similarity at the time of writing */
    free(lazy);
    interp_free(in);
}
END_TEST

START_TEST(thousands_of_globals_are_found) {
    Interp *in = interp_open(stdout, stderr);
    char name[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "v%d", i);
        interp_set_global(in, name, value_num(i));
    }
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "v%d", i);
        int slot = interp_find_global(in, name);
        ck_assert_int_ge(slot, 0);
        ck_assert_str_eq(in->globals[slot].name, name);
        ck_assert(in->globals[slot].value.as.num == i);
        ck_assert_int_eq(interp_global_slot(in, name), slot);
    }
    ck_assert_int_eq(interp_find_global(in, "v5000"), -1);
    ck_assert_int_eq(interp_find_global(in, ""), -1);
    ck_assert_int_eq(in->nglobals, 5000);
    interp_free(in);
}
END_TEST

START_TEST(kernel_width_is_never_wider_than_the_cpu) {
    int best = kernels_force_width(0);
    ck_assert(best == 2 || best == 4 || best == 8);
    ck_assert_int_eq(kernels_force_width(16), best);
    ck_assert_int_eq(kernels_force_width(2), 2);
    kernels_force_width(0);
}
END_TEST

Suite *startup_suite(void) {
    Suite *s = suite_create("startup");
    TCase *tc = tcase_create("Core");
    tcase_add_test(tc, arithmetic_does_not_run_the_prelude);
    tcase_add_test(tc, a_prelude_name_is_kept_as_its_first_statement);
    tcase_add_test(tc, globals_made_before_the_prelude_stay_the_users);
    tcase_add_test(tc, a_misspelling_suggests_a_prelude_name);
    tcase_add_test(tc, the_reserved_names_are_what_the_prelude_defines);
    tcase_add_test(tc, thousands_of_globals_are_found);
    tcase_add_test(tc, kernel_width_is_never_wider_than_the_cpu);
    suite_add_tcase(s, tc);
    return s;
}
