/* test_exercises.c — the exercise-file format (src/exercises.c): a good file's questions,
 * hints, worked answers and checks; every malformed block is refused with its file:line. */
#include <check.h>
#include <string.h>

#include "exercises.h"

static const char GOOD[] =
    "# set-up\n"
    "x = [1, 2, 3]\n"
    "\n"
    "#? What is Σ x?\n"
    "#? (x is above)\n"
    "#hint Add them.\n"
    "#hint 1 + 2 + 3.\n"
    "#answer 6\n"
    "answer = sum(x)\n"
    "check answer ≈ 6 within 1e-9\n"
    "y = 2\n"
    "#? And y²?\n"
    "#answer 4\n"
    "#answer (2 × 2)\n"
    "check answer ≈ 4 within 0\n";

START_TEST(good_file) {
    ExerciseSet set;
    char err[512] = "";
    ck_assert_msg(exercises_parse("g.mlm", GOOD, strlen(GOOD), &set, err, sizeof err), "%s", err);
    ck_assert_int_eq(set.n, 2);
    Exercise *a = &set.items[0], *b = &set.items[1];
    ck_assert_str_eq(a->question, "What is Σ x?\n(x is above)");
    ck_assert_int_eq(a->nhints, 2);
    ck_assert_str_eq(a->hints[1], "1 + 2 + 3.");
    ck_assert_str_eq(a->worked, "6");
    ck_assert_int_eq(a->line, 4);
    ck_assert_int_eq(a->setup_first, 1);
    ck_assert_int_eq(a->check_line, 10);
    ck_assert_str_eq(a->check_text, "check answer ≈ 6 within 1e-9");
    ck_assert_int_eq(b->setup_first, 11);
    ck_assert_int_eq(b->nhints, 0);
    ck_assert_str_eq(b->worked, "4\n(2 × 2)");
    ck_assert_int_eq((int)strlen(a->key), 16);
    ck_assert_str_ne(a->key, b->key);
    exercises_free(&set);
}
END_TEST

static void refused(const char *text, const char *want) {
    ExerciseSet set;
    char err[512] = "";
    ck_assert_msg(!exercises_parse("bad.mlm", text, strlen(text), &set, err, sizeof err), "accepted: %s", text);
    ck_assert_msg(strstr(err, want) != NULL, "error '%s' lacks '%s'", err, want);
    ck_assert_int_eq(set.n, 0);
}

START_TEST(malformed_files) {
    refused("x = 1\n#hint too early\n", "bad.mlm:2: error: #hint outside an exercise");
    refused("#answer 3\n", "bad.mlm:1: error: #answer outside an exercise");
    refused("#? q\n#answer a\nanswer = 1\n", "bad.mlm:1: error: the question has no `check answer");
    refused("#? q\n#answer a\n#? another\n#answer b\ncheck answer ≈ 1\n", "bad.mlm:3: error: a new question (#?) before the question of line 1");
    refused("#? q\n#hint h\ncheck answer ≈ 1 within 0\n", "bad.mlm:1: error: the exercise has no #answer line");
    refused("#? q\n#answer a\nz = 3\ncheck answer ≈ 1\n", "bad.mlm:3: error: inside an exercise (the question of line 1)");
    refused("#? q\n#answer a\ncheck answers ≈ 1\n", "bad.mlm:3: error: the check that ends an exercise must check `answer`");
    refused("#? q\n#answer a\ncheck x ≈ 1\n", "bad.mlm:3:");
    refused("#?\n#answer a\ncheck answer ≈ 1\n", "bad.mlm:1: error: the question (#?) is empty");
    refused("#? q\n#hint\n", "bad.mlm:2: error: #hint needs text");
    refused("x = 1\ncheck x ≈ 1\n", "bad.mlm:1: error: no exercises in this file");
    refused("", "no exercises");
}
END_TEST

Suite *exercises_suite(void) {
    Suite *s = suite_create("exercises");
    TCase *tc = tcase_create("exercises");
    tcase_add_test(tc, good_file);
    tcase_add_test(tc, malformed_files);
    suite_add_tcase(s, tc);
    return s;
}
