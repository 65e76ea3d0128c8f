/* test_repl.c — the prompt's pieces that need no terminal: the completion generator
 * (names, \symbols, file names), incomplete-input detection (what makes the prompt say
 * `... `), and the history file (path, escaping, merging, trimming). The terminal itself is
 * tested by tests/repl/run.sh. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complete.h"
#include "repl.h"

/* {===================== helpers */

/* A session whose output and errors go to memory; *err_text is the errors so far. */
typedef struct Session {
    Interp *in;
    FILE *out, *err;
    char *out_text, *err_text;
    size_t out_len, err_len;
} Session;

static void session_open(Session *s) {
    memset(s, 0, sizeof *s);
    s->out = open_memstream(&s->out_text, &s->out_len);
    s->err = open_memstream(&s->err_text, &s->err_len);
    ck_assert_ptr_nonnull(s->out);
    ck_assert_ptr_nonnull(s->err);
    s->in = interp_new(s->out, s->err);
    ck_assert_ptr_nonnull(s->in);
}

static void session_close(Session *s) {
    interp_free(s->in);
    fclose(s->out);
    fclose(s->err);
    free(s->out_text);
    free(s->err_text);
}

static RunStatus run(Session *s, const char *text) {
    Source *src = source_new("<test>", text, strlen(text));
    RunStatus st = interp_run(s->in, src, true);
    source_release(src);
    fflush(s->out);
    fflush(s->err);
    return st;
}

/* Completes line with the cursor at its end. */
static void complete(Session *s, const char *line, Completion *c) {
    complete_line(s ? s->in : NULL, line, (int)strlen(line), c);
}

static bool has_item(const Completion *c, const char *item) {
    for (int i = 0; i < c->count; i++)
        if (strcmp(c->items[i], item) == 0) return true;
    return false;
}

/* The single replacement for line, which must be a complete symbol form. */
#define ck_symbol(line, expected) do { \
    Completion c_; complete(NULL, (line), &c_); \
    ck_assert_int_eq(c_.kind, COMPLETE_SYMBOL); \
    ck_assert_int_eq(c_.count, 1); \
    ck_assert_str_eq(c_.items[0], (expected)); \
    completion_free(&c_); } while (0)

/* }===================== */

/* {===================== names */

START_TEST(test_builtin_prefix) {
    Session s;
    session_open(&s);
    Completion c;
    complete(&s, "sq", &c);
    ck_assert_int_eq(c.kind, COMPLETE_NAME);
    ck_assert_int_eq(c.start, 0);
    ck_assert_int_eq(c.end, 2);
    ck_assert(has_item(&c, "sqrt"));
    for (int i = 0; i < c.count; i++) ck_assert(strncmp(c.items[i], "sq", 2) == 0);
    for (int i = 1; i < c.count; i++) ck_assert(strcmp(c.items[i - 1], c.items[i]) < 0);
    completion_free(&c);
    session_close(&s);
}
END_TEST

START_TEST(test_word_inside_expression) {
    Session s;
    session_open(&s);
    Completion c;
    complete(&s, "y = 2 * sqr", &c);
    ck_assert_int_eq(c.start, 8);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.items[0], "sqrt");
    completion_free(&c);
    /* implicit multiplication: `2sig` completes the name after the number */
    complete(&s, "2sigm", &c);
    ck_assert_int_eq(c.start, 1);
    ck_assert(has_item(&c, "sigmoid"));
    completion_free(&c);
    session_close(&s);
}
END_TEST

START_TEST(test_library_keywords_and_commands) {
    Session s;
    session_open(&s);
    Completion c;
    complete(&s, "softm", &c); /* written in mlm (stdlib/prelude.mlm) */
    ck_assert(has_item(&c, "softmax"));
    completion_free(&c);
    complete(&s, "whi", &c);
    ck_assert(has_item(&c, "while"));
    completion_free(&c);
    complete(&s, "he", &c);
    ck_assert(has_item(&c, "help"));
    completion_free(&c);
    complete(&s, "help sigm", &c);
    ck_assert_int_eq(c.start, 5);
    ck_assert(has_item(&c, "sigmoid"));
    completion_free(&c);
    session_close(&s);
}
END_TEST

START_TEST(test_user_names) {
    Session s;
    session_open(&s);
    Completion c;
    complete(&s, "learning_r", &c);
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
    ck_assert_int_eq(run(&s, "learning_rate = 0.1\nθ₁ = 2\nloss(w) = w^2\n"), RUN_OK);
    complete(&s, "learning_r", &c);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.items[0], "learning_rate");
    completion_free(&c);
    complete(&s, "los", &c);
    ck_assert(has_item(&c, "loss"));
    completion_free(&c);
    complete(&s, "x = θ", &c); /* a Greek name: the word starts at θ */
    ck_assert_int_eq(c.start, 4);
    ck_assert(has_item(&c, "θ₁"));
    completion_free(&c);
    ck_assert_int_eq(run(&s, "clear learning_rate\n"), RUN_OK);
    complete(&s, "learning_r", &c);
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
    session_close(&s);
}
END_TEST

/* After `r.` the parts of the result r: all of them, or those with the typed start. */
START_TEST(test_result_parts) {
    Session s;
    session_open(&s);
    ck_assert_int_eq(run(&s, "e = eig([2, 1; 1, 2]); r = svd([3, 0; 0, 4]); x = 5\n"), RUN_OK);
    Completion c;
    complete(&s, "e.", &c);
    ck_assert_int_eq(c.count, 2);
    ck_assert(has_item(&c, "values") && has_item(&c, "vectors"));
    ck_assert_int_eq(c.start, 2);
    completion_free(&c);
    complete(&s, "y = e.ve", &c);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.items[0], "vectors");
    ck_assert_int_eq(c.start, 6);
    completion_free(&c);
    complete(&s, "r.", &c);
    ck_assert(has_item(&c, "U") && has_item(&c, "S") && has_item(&c, "V"));
    completion_free(&c);
    complete(&s, "x.", &c);         /* not a result with parts: nothing */
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
    complete(&s, "2.5", &c);        /* a number's point is no part */
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
    session_close(&s);
}
END_TEST

/* After `d.` of a loaded table its column names (as identifiers: pandas' unnamed index is x1). */
START_TEST(test_table_columns) {
    Session s;
    session_open(&s);
    ck_assert_int_eq(run(&s, "d = load(\"tests/data/pandas.csv\")\n"), RUN_OK);
    Completion c;
    complete(&s, "d.", &c);
    ck_assert_int_eq(c.count, 5);
    ck_assert(has_item(&c, "x1") && has_item(&c, "host") && has_item(&c, "cpu") && has_item(&c, "failed"));
    completion_free(&c);
    complete(&s, "d.fa", &c);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.items[0], "failed");
    completion_free(&c);
    session_close(&s);
}
END_TEST

START_TEST(test_no_names_in_comments_and_strings) {
    Session s;
    session_open(&s);
    Completion c;
    complete(&s, "x = 1 # sq", &c);
    ck_assert_int_eq(c.kind, COMPLETE_NONE);
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
    complete(&s, "print(\"sq", &c);
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
    complete(&s, "x = ", &c); /* nothing typed: nothing offered */
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
    complete(&s, "", &c);
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
    session_close(&s);
}
END_TEST

/* }===================== */

/* {===================== \symbols */

START_TEST(test_symbols) {
    ck_symbol("\\Sigma", "Σ");
    ck_symbol("\\alpha", "α");
    ck_symbol("\\omega", "ω");
    ck_symbol("\\nabla", "∇");
    ck_symbol("\\partial", "∂");
    ck_symbol("\\in", "∈"); /* exact beats the longer \infty */
    ck_symbol("\\infty", "∞");
    ck_symbol("\\sum", "Σ");
    ck_symbol("\\prod", "∏");
    ck_symbol("\\sqrt", "√");
    ck_symbol("\\le", "≤");
    ck_symbol("\\ge", "≥");
    ck_symbol("\\ne", "≠");
    ck_symbol("\\approx", "≈");
    ck_symbol("\\times", "×");
    ck_symbol("\\cdot", "·");
    ck_symbol("\\pi", "π");
    ck_symbol("\\top", "ᵀ");
}
END_TEST

START_TEST(test_accents) {
    ck_symbol("\\hat{y}", "ŷ");       /* precomposed U+0177, as typed on a keyboard */
    ck_symbol("\\hat{y", "ŷ");        /* the closing brace may be left off */
    ck_symbol("\\bar{x}", "x\u0304"); /* no precomposed x̄: x + combining macron */
    ck_symbol("\\bar{a}", "ā");
    ck_symbol("\\tilde{n}", "ñ");
    ck_symbol("\\hat{\\theta}", "θ\u0302");
    ck_symbol("\\hat{θ}", "θ\u0302");
    ck_symbol("\\dot{x}", "x\u0307");
    Completion c;
    complete(NULL, "\\hat{+}", &c);
    ck_assert_int_ne(c.kind, COMPLETE_SYMBOL);
    completion_free(&c);
}
END_TEST

START_TEST(test_super_and_subscripts) {
    ck_symbol("\\^2", "²");
    ck_symbol("\\^-1", "⁻¹");
    ck_symbol("\\^T", "ᵀ");
    ck_symbol("\\^n", "ⁿ");
    ck_symbol("\\_1", "₁");
    ck_symbol("\\_12", "₁₂");
    Completion c;
    complete(NULL, "\\_x", &c);
    ck_assert_int_ne(c.kind, COMPLETE_SYMBOL);
    completion_free(&c);
}
END_TEST

START_TEST(test_symbol_in_context) {
    Completion c;
    complete(NULL, "loss = \\Sigma", &c);
    ck_assert_int_eq(c.kind, COMPLETE_SYMBOL);
    ck_assert_int_eq(c.start, 7);
    ck_assert_int_eq(c.end, 13);
    completion_free(&c);
    complete(NULL, "x\\^2", &c); /* right after a name */
    ck_assert_int_eq(c.kind, COMPLETE_SYMBOL);
    ck_assert_int_eq(c.start, 1);
    ck_assert_str_eq(c.items[0], "²");
    completion_free(&c);
    complete(NULL, "print(\"\\theta", &c); /* symbols work inside strings too */
    ck_assert_int_eq(c.kind, COMPLETE_SYMBOL);
    ck_assert_str_eq(c.items[0], "θ");
    completion_free(&c);
    complete(NULL, "A \\ b", &c); /* the backslash operator is not a symbol */
    ck_assert_int_ne(c.kind, COMPLETE_SYMBOL);
    completion_free(&c);
}
END_TEST

START_TEST(test_symbol_prefixes) {
    Completion c;
    complete(NULL, "\\alp", &c);
    ck_assert_int_eq(c.kind, COMPLETE_SYMBOL_NAME);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.items[0], "\\alpha");
    completion_free(&c);
    complete(NULL, "\\ha", &c);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.items[0], "\\hat{");
    completion_free(&c);
    complete(NULL, "\\var", &c);
    ck_assert(c.count >= 4);
    ck_assert(has_item(&c, "\\varepsilon"));
    char *prefix = completion_common_prefix(&c);
    ck_assert_str_eq(prefix, "\\var");
    free(prefix);
    completion_free(&c);
    complete(NULL, "\\hat{\\the", &c); /* the inner name first */
    ck_assert_int_eq(c.start, 5);
    ck_assert(has_item(&c, "\\theta"));
    completion_free(&c);
    complete(NULL, "\\nosuchsymbol", &c);
    ck_assert_int_eq(c.kind, COMPLETE_NONE);
    ck_assert_int_eq(c.count, 0);
    completion_free(&c);
}
END_TEST

START_TEST(test_common_prefix_utf8) {
    char a[] = "αβ", b[] = "αγ";
    char *items[] = {a, b};
    Completion c = {COMPLETE_NAME, 0, 0, 2, 2, items};
    char *prefix = completion_common_prefix(&c); /* β and γ share a first byte: not kept */
    ck_assert_str_eq(prefix, "α");
    free(prefix);
}
END_TEST

START_TEST(test_complete_symbol_buffer) {
    char buf[4];
    ck_assert(!complete_symbol("\\^222", 5, buf, sizeof buf));
    ck_assert(complete_symbol("\\^2", 3, buf, sizeof buf));
    ck_assert_str_eq(buf, "²");
    ck_assert(!complete_symbol("alpha", 5, buf, sizeof buf));
    const char *text;
    ck_assert_str_eq(complete_symbol_at(0, &text), "alpha");
    ck_assert_str_eq(text, "α");
    ck_assert_ptr_null(complete_symbol_at(100000, &text));
}
END_TEST

/* }===================== */

/* {===================== file names */

static char dir[64];

static void make_files(void) {
    snprintf(dir, sizeof dir, "/tmp/mlm-test-complete-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    const char *files[] = {"model.mlm", "data.csv", ".hidden.mlm", NULL};
    for (int i = 0; files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/models", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
}

static void remove_files(void) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_import_files) {
    make_files();
    char line[256], item[256];
    Completion c;
    snprintf(line, sizeof line, "import \"%s/mod", dir);
    complete(NULL, line, &c);
    ck_assert_int_eq(c.kind, COMPLETE_FILE);
    ck_assert_int_eq(c.start, 8);
    ck_assert_int_eq(c.count, 2);
    snprintf(item, sizeof item, "%s/model.mlm", dir);
    ck_assert_str_eq(c.items[0], item);
    snprintf(item, sizeof item, "%s/models/", dir);
    ck_assert_str_eq(c.items[1], item);
    completion_free(&c);
    /* import offers .mlm files (and directories) only, and no hidden files */
    snprintf(line, sizeof line, "import \"%s/", dir);
    complete(NULL, line, &c);
    ck_assert_int_eq(c.count, 2);
    completion_free(&c);
    remove_files();
}
END_TEST

START_TEST(test_load_files) {
    make_files();
    char line[256], item[256];
    Completion c;
    snprintf(line, sizeof line, "d = load(\"%s/da", dir);
    complete(NULL, line, &c);
    ck_assert_int_eq(c.kind, COMPLETE_FILE);
    ck_assert_int_eq(c.count, 1);
    snprintf(item, sizeof item, "%s/data.csv", dir);
    ck_assert_str_eq(c.items[0], item);
    completion_free(&c);
    snprintf(line, sizeof line, "d = load(\"%s/.h", dir); /* hidden files when asked for */
    complete(NULL, line, &c);
    ck_assert_int_eq(c.count, 1);
    completion_free(&c);
    remove_files();
}
END_TEST

/* }===================== */

/* {===================== incomplete input */

static const char *const incomplete_inputs[] = {
    "f(1,", "[1, 2", "for i in 1..3 {", "1 +", "(1 + 2", "if x > 0 {",
    "for i in 1..3 {\n  s = i\n", "[1, 2;\n 3, 4", "g(x) =", "sum(i, 1, 3,",
};

START_TEST(test_incomplete) {
    Session s;
    session_open(&s);
    const char *text = incomplete_inputs[_i];
    ck_assert_msg(run(&s, text) == RUN_INCOMPLETE, "expected incomplete: %s", text);
    ck_assert_msg(s.err_len == 0, "incomplete input printed: %s", s.err_text);
    session_close(&s);
}
END_TEST

static const char *const complete_inputs[] = {
    "1 + 2", "[1, 2]", "f(x) = x^2", "for i in 1..3 { }", "for i in 1..3 {\n  s = i\n}\n",
    "[1, 2;\n 3, 4]", "x = (1 +\n 2)", "sum(i, 1, 3, i)",
};

START_TEST(test_complete_input) {
    Session s;
    session_open(&s);
    const char *text = complete_inputs[_i];
    ck_assert_msg(run(&s, text) == RUN_OK, "expected to run: %s (%s)", text, s.err_text);
    session_close(&s);
}
END_TEST

static const char *const error_inputs[] = {
    "1 + * 2", "[1, 2)", ")", "f(1,, 2)", "for {",
};

START_TEST(test_syntax_error) {
    Session s;
    session_open(&s);
    const char *text = error_inputs[_i];
    ck_assert_msg(run(&s, text) == RUN_ERROR, "expected a syntax error: %s", text);
    ck_assert(strstr(s.err_text, "error") != NULL);
    ck_assert(strchr(s.err_text, '^') != NULL); /* the caret */
    session_close(&s);
}
END_TEST

START_TEST(test_error_keeps_session) {
    Session s;
    session_open(&s);
    ck_assert_int_eq(run(&s, "kept = 42"), RUN_OK);
    ck_assert_int_eq(run(&s, "1 + * 2"), RUN_ERROR);
    ck_assert_int_eq(run(&s, "nosuchname + 1"), RUN_ERROR);
    ck_assert_int_eq(run(&s, "kept"), RUN_OK);
    ck_assert(strstr(s.out_text, "42") != NULL);
    session_close(&s);
}
END_TEST

/* }===================== */

/* {===================== history file */

/* Saves and restores an environment variable: with CK_FORK=no the tests share a process. */
typedef struct SavedEnv {
    const char *name;
    char *value; /* owned copy, or NULL when unset */
} SavedEnv;

static SavedEnv env_save(const char *name) {
    const char *v = getenv(name);
    SavedEnv e = {name, v ? strdup(v) : NULL};
    return e;
}

static void env_restore(SavedEnv *e) {
    if (e->value) setenv(e->name, e->value, 1);
    else unsetenv(e->name);
    free(e->value);
}

START_TEST(test_history_path) {
    SavedEnv saved[] = {env_save("MLM_HISTORY"), env_save("XDG_STATE_HOME"), env_save("HOME")};
    char buf[512];
    setenv("MLM_HISTORY", "", 1);
    ck_assert(!repl_history_path(buf, sizeof buf));
    setenv("MLM_HISTORY", "/tmp/h", 1);
    ck_assert(repl_history_path(buf, sizeof buf));
    ck_assert_str_eq(buf, "/tmp/h");
    unsetenv("MLM_HISTORY");
    setenv("XDG_STATE_HOME", "/state", 1);
    setenv("HOME", "/home/u", 1);
    ck_assert(repl_history_path(buf, sizeof buf));
    ck_assert_str_eq(buf, "/state/mlm/history");
    setenv("XDG_STATE_HOME", "relative", 1); /* not absolute: ignored, as XDG says */
    ck_assert(repl_history_path(buf, sizeof buf));
    ck_assert_str_eq(buf, "/home/u/.mlm_history");
    unsetenv("XDG_STATE_HOME");
    ck_assert(repl_history_path(buf, sizeof buf));
    ck_assert_str_eq(buf, "/home/u/.mlm_history");
    for (size_t i = 0; i < sizeof saved / sizeof saved[0]; i++) env_restore(&saved[i]);
}
END_TEST

START_TEST(test_history_round_trip_and_merge) {
    char tmpl[] = "/tmp/mlm-test-history-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    char path[256], err[512];
    snprintf(path, sizeof path, "%s/sub/history", tmpl); /* the directory is created */
    char *first[] = {"x = 1"};
    char *second[] = {"for i in 1..3 {\n  s = i\n}", "A \\ b", "print(\"a\\n\")"};
    ck_assert_msg(repl_history_append(path, first, 1, 100, err, sizeof err), "%s", err);
    /* a second session appends after re-reading what the first saved */
    ck_assert_msg(repl_history_append(path, second, 3, 100, err, sizeof err), "%s", err);
    char **got;
    int n = repl_history_read(path, &got);
    ck_assert_int_eq(n, 4);
    ck_assert_str_eq(got[0], "x = 1");
    ck_assert_str_eq(got[1], "for i in 1..3 {\n  s = i\n}");
    ck_assert_str_eq(got[2], "A \\ b");
    ck_assert_str_eq(got[3], "print(\"a\\n\")");
    repl_history_free(got, n);
    /* keeps the newest */
    ck_assert(repl_history_append(path, first, 1, 3, err, sizeof err));
    n = repl_history_read(path, &got);
    ck_assert_int_eq(n, 3);
    ck_assert_str_eq(got[0], "A \\ b");
    ck_assert_str_eq(got[2], "x = 1");
    repl_history_free(got, n);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_history_missing_and_unwritable) {
    char **got;
    ck_assert_int_eq(repl_history_read("/nonexistent/mlm/history", &got), 0);
    ck_assert_ptr_null(got);
    char err[512] = "";
    char *one[] = {"1"};
    if (geteuid() != 0) { /* root can write anywhere */
        ck_assert(!repl_history_append("/proc/mlm-history", one, 1, 10, err, sizeof err));
        ck_assert(err[0] != '\0');
    }
}
END_TEST

/* }===================== */

Suite *repl_suite(void) {
    Suite *suite = suite_create("repl");
    TCase *names = tcase_create("Names");
    tcase_add_test(names, test_builtin_prefix);
    tcase_add_test(names, test_word_inside_expression);
    tcase_add_test(names, test_library_keywords_and_commands);
    tcase_add_test(names, test_user_names);
    tcase_add_test(names, test_result_parts);
    tcase_add_test(names, test_table_columns);
    tcase_add_test(names, test_no_names_in_comments_and_strings);
    suite_add_tcase(suite, names);

    TCase *symbols = tcase_create("Symbols");
    tcase_add_test(symbols, test_symbols);
    tcase_add_test(symbols, test_accents);
    tcase_add_test(symbols, test_super_and_subscripts);
    tcase_add_test(symbols, test_symbol_in_context);
    tcase_add_test(symbols, test_symbol_prefixes);
    tcase_add_test(symbols, test_common_prefix_utf8);
    tcase_add_test(symbols, test_complete_symbol_buffer);
    suite_add_tcase(suite, symbols);

    TCase *files = tcase_create("Files");
    tcase_add_test(files, test_import_files);
    tcase_add_test(files, test_load_files);
    suite_add_tcase(suite, files);

    TCase *incomplete = tcase_create("Incomplete");
    int n_inc = (int)(sizeof incomplete_inputs / sizeof incomplete_inputs[0]);
    int n_ok = (int)(sizeof complete_inputs / sizeof complete_inputs[0]);
    int n_err = (int)(sizeof error_inputs / sizeof error_inputs[0]);
    tcase_add_loop_test(incomplete, test_incomplete, 0, n_inc);
    tcase_add_loop_test(incomplete, test_complete_input, 0, n_ok);
    tcase_add_loop_test(incomplete, test_syntax_error, 0, n_err);
    tcase_add_test(incomplete, test_error_keeps_session);
    suite_add_tcase(suite, incomplete);

    TCase *history = tcase_create("History");
    tcase_add_test(history, test_history_path);
    tcase_add_test(history, test_history_round_trip_and_merge);
    tcase_add_test(history, test_history_missing_and_unwritable);
    suite_add_tcase(suite, history);
    return suite;
}
