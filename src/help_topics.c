/* help_topics.c — help for operators, keywords and printed notation, and the table of
 * names learners bring from NumPy, Octave and R (see help_topics.h).
 *
 * Each notation row lists every spelling a learner may type for one thing (the Unicode
 * symbol, its ASCII and LaTeX spellings); an operator row names its OP_* so its words and
 * LaTeX come from the operator table (ops.h) and cannot drift from what `explain` and
 * `latex` say. */
#include "help_topics.h"

#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "ops.h"

typedef struct Notation {
    const char *keys;  /* spellings separated by single spaces */
    int op;            /* OP_* whose words and LaTeX are shown, or 0 */
    const char *text;  /* first line: what it is; further lines indented by two spaces */
} Notation;

static const Notation notation[] = {
    {"+", OP_ADD, "a + b — addition, element by element for arrays (a row or a column spreads over a matrix)\n"
                  "  example: [1, 2] + 10   → [11, 12]"},
    {"- − minus", OP_SUB, "a − b — subtraction (- or −); −a negates\n  example: [3, 5] − [1, 1]   → [2, 4]"},
    {"* × times", OP_MUL, "a * b or a × b — multiplication, element by element for arrays (NumPy's *, Octave's .*);\n"
                          "  2x and 3(x + 1) multiply too. The matrix product is @. × between two arrays is refused\n"
                          "  (print reads it as the matrix or cross product): write @, * or .*, or cross(a, b).\n"
                          "  example: [1, 2] * [3, 4]   → [3, 8]"},
    {"/ ÷", OP_DIV, "a / b — division, element by element for arrays\n  example: [2, 4] / 2   → [1, 2]"},
    {"^ ** power", OP_POW, "a ^ b (or a ** b) — power, element by element for arrays; right-associative: 2^3^2 is 2^9.\n"
                           "  Superscripts work too: x², x³, A⁻¹ (on a square matrix ⁻¹ is the inverse). ^T is the transpose.\n"
                           "  A power of a square matrix (A^2, A², A^-1) is refused as ambiguous: A @ A for the matrix\n"
                           "  power, A .^ 2 element by element.\n"
                           "  example: [1, 2, 3]^2   → [1, 4, 9]"},
    {"² ³ ⁴ superscript", OP_POW, "x² x³ … — a power written as a superscript, as in print\n  example: Σ_{i=1}^{3} i²   → 14"},
    {"⁻¹ inverse", 0, "A⁻¹ — the inverse of a square matrix A (inv(A)); on a number, 1/x. To solve A x = b prefer A \\ b.\n"
                      "  example: [2, 0; 0, 4]⁻¹   → [0.5, 0; 0, 0.25]\n"
                      "  LaTeX: A^{-1}\n  related: inv, solve, \\"},
    {"% mod", OP_MOD, "a % b — the remainder of a divided by b (the sign of b). A % ending an expression is a\n"
                      "  percentage: P(incident) = 8% states 0.08.\n  example: 7 % 3   → 1"},
    {"@ matmul", OP_MATMUL, "A @ B — the matrix product (rows of A times columns of B): an m×k matrix @ a k×n matrix is\n"
                            "  m×n; a vector on the right is a column. * is element-wise, · is the dot product.\n"
                            "  example: [1, 2; 3, 4] @ [1, 1]   → [3, 7]\n"
                            "  LaTeX: AB (juxtaposed)"},
    {"· ⋅ \\cdot dot", OP_DOT, "a · b — the dot product of two vectors (Σ a_i b_i); between numbers it multiplies\n"
                               "  example: [1, 2, 3] · [4, 5, 6]   → 32\n  related: dot, @"},
    {"\\ backslash", OP_LDIV, "A \\ b — solves A x = b for x (least squares when A is not square), without forming A⁻¹\n"
                             "  example: [2, 0; 0, 4] \\ [2, 4]   → [1, 1]\n  related: solve, lstsq"},
    {"ᵀ ' ^T transpose \\top", 0, "Aᵀ, A' or A^T — the transpose (rows become columns); xᵀ of a vector is a row\n"
                                  "  example: [1, 2; 3, 4]ᵀ   → [1, 3; 2, 4]\n  LaTeX: A^{\\top}\n  related: transpose"},
    {"√ sqrt \\sqrt", 0, "√x — the square root (sqrt(x)); √ binds tighter than * and looser than ^: √x² is √(x²)\n"
                         "  example: √16   → 4\n  LaTeX: \\sqrt{x}"},
    {"| abs given", 0, "|x| — the absolute value (element by element); inside P(…), A | B reads \"A given B\"\n"
                       "  example: |−3|   → 3;  P(rain | clouds)\n  LaTeX: \\lvert x \\rvert, A \\mid B"},
    {"‖ || norm \\| \\lVert", 0, "‖x‖ (or ||x||) — the Euclidean (L2) norm √(Σ xᵢ²); ‖x‖_1, ‖x‖_∞, ‖A‖_F pick another norm.\n"
                                 "  Outside a norm, || is `or`.\n"
                                 "  example: ‖[3, 4]‖   → 5\n  LaTeX: \\lVert x \\rVert\n  related: norm"},
    {"Σ ∑ \\sum sigma", OP_SUM, "Σ_{i=1}^{n} body — the sum of body for i = 1 … n (the body is the next multiplicative term:\n"
                                "  Σ_{i=1}^{n} i + 1 is (Σ i) + 1). Same as sum(i, 1, n, body). Σ v sums an array.\n"
                                "  example: Σ_{i=1}^{4} i²   → 30"},
    {"∏ Π \\prod", OP_PROD, "∏_{i=1}^{n} body — the product of body for i = 1 … n. Same as prod(i, 1, n, body).\n"
                            "  example: ∏_{i=1}^{4} i   → 24"},
    {"_ subscript", 0, "x_i, x_{i} — a subscript. Inside Σ_{i=…} a book's y_i is written y[i] (indices start at 1);\n"
                       "  ‖x‖_1 picks a norm; Σ_{i=1}^{n} writes the bounds."},
    {"∈ in \\in", OP_IN, "x ∈ S — true (1) when x is in S. On the right, ℝ, ℝⁿ, ℝ^{m×n} state a shape (x ∈ ℝ^3: a vector of\n"
                       "  3 reals; X ∈ ℝ^{3×2}: a 3×2 matrix; ℤ and ℕ want whole numbers); a vector or a range is a set\n"
                       "  of numbers (3 ∈ [1, 2, 3], i ∈ 1..10). In a loop, for i ∈ 1..n { … } names what it runs over.\n"
                       "  example: check [1, 2, 3] ∈ ℝ^3"},
    {"∩ intersect", OP_INTERSECT, "P(A ∩ B) — the joint probability of A and B (same as P(A, B))"},
    {"∪ union", OP_UNION, "A ∪ B — the union of events (A or B), read in probability"},
    {".* .^ elementwise", 0, "a .* b, a .^ b — the element-wise product and power written explicitly (Octave's spelling);\n"
                             "  * and ^ are element-wise already, except that A^2 of a square matrix is refused as ambiguous\n"
                             "  example: [1, 2] .^ 2   → [1, 4]"},
    {"== equals", OP_EQ, "a == b — true (1) when equal, element by element; = assigns\n  example: [1, 2] == [1, 3]   → [1, 0]"},
    {"!= ≠ \\ne", OP_NE, "a ≠ b (or a != b) — true when different"},
    {"< less", OP_LT, "a < b — comparison; chains as in maths: 0 < x < 1"},
    {"<= ≤ \\le \\leq", OP_LE, "a ≤ b (or a <= b) — at most; chains: 0 ≤ p ≤ 1"},
    {">", OP_GT, "a > b — comparison"},
    {">= ≥ \\ge \\geq", OP_GE, "a ≥ b (or a >= b) — at least"},
    {"≈ ~= \\approx approx", OP_APPROX, "a ≈ b — approximately equal (relative tolerance 1e-9); check a ≈ b within tol\n"
                                       "  example: 0.1 + 0.2 ≈ 0.3   → true"},
    {"juxtaposition side-by-side implicit", 0, "XᵀX, (XᵀX)⁻¹Xᵀy, ‖a‖ ‖b‖, λ‖w‖², p_i log2(p_i) — operands side by side multiply as print\n"
                                               "  means: the matrix product between arrays, a product when one side is a number. Two plain\n"
                                               "  vectors side by side are an error (x · y or x * y?). 2x glued is 2 times x.\n"
                                               "  example: X = [1, 2; 3, 4]; XᵀX   → [10, 14; 14, 20]"},
    {"= assign", 0, "x = 3 assigns; f(x) = x^2 defines a function; P(A) = 0.3 states a fact. == compares."},
    {"-> → \\mapsto lambda", OP_ARROW, "x -> body — a function without a name (a lambda); (x, y) -> x + y\n"
                                      "  example: g = x -> 2x; g(4)   → 8"},
    {"and && ∧", OP_AND, "a and b — true when both are (the right side is not computed when the left is false)"},
    {"or ∨", OP_OR, "a or b — true when either is"},
    {"not ! ¬", OP_NOT, "not a — true when a is false"},
    {": .. range", 0, "a..b or a:b — the numbers a, a+1, …, b; a:step:b steps; x[2:end] indexes a part\n"
                      "  example: 1..4   → [1, 2, 3, 4]"},
    {"[ ] [] ; matrix vector", 0, "[1, 2, 3] is a vector; [1, 2; 3, 4] a matrix (; or a new line starts a row); x[i] indexes\n"
                                 "  from 1; X[i, j], X[i, :] (a row), X[:, j] (a column), x[end]"},
    {"∂ \\partial partial", 0, "∂f/∂x — a partial derivative. mlm does not compute derivatives symbolically yet; write the\n"
                               "  derivative yourself as a function, e.g. for f(x) = x² write df(x) = 2x."},
    {"∇ \\nabla nabla gradient", 0, "∇f — the gradient, the vector of partial derivatives ∂f/∂xᵢ. Not computed symbolically yet:\n"
                                    "  write it as a function, e.g. for L(w) = ‖X @ w − y‖² the gradient is 2Xᵀ(X @ w − y)."},
    {"ℝ \\mathbb{R} reals", 0, "ℝ — the real numbers; ℝⁿ vectors of n reals, ℝ^{m×n} m×n matrices. Typed as \\mathbb{R} then Tab."},
    {"ŷ hat \\hat", 0, "ŷ (y-hat) — by convention a prediction or estimate of y. It is an ordinary name in mlm: ŷ = X @ w.\n"
                       "  Typed as y\\hat then Tab; in LaTeX \\hat{y}."},
    {"x̄ bar \\bar", 0, "x̄ (x-bar) — by convention the mean of x. An ordinary name in mlm: x̄ = mean(x). LaTeX \\bar{x}."},
    {"θ \\theta", 0, "θ (theta) — by convention the parameters of a model. Greek letters are ordinary names:\n"
                     "  α β γ δ ε η θ λ μ π σ φ ω … Type \\theta then Tab."},
    {"λ \\lambda", 0, "λ (lambda) — often a regularisation strength (λ‖w‖²) or an eigenvalue. An ordinary name in mlm."},
    {"μ \\mu", 0, "μ (mu) — by convention a mean. An ordinary name in mlm: μ = mean(x)."},
    {"σ \\sigma", 0, "σ (sigma) — by convention a standard deviation (σ² a variance), or the sigmoid σ(z);\n"
                     "  an ordinary name in mlm (the sigmoid function is sigmoid). Capital Σ is the sum."},
    {"η \\eta", 0, "η (eta) — by convention a learning rate: w = w − η ∇L(w). An ordinary name in mlm."},
    {"∞ inf infinity", 0, "∞ (or inf) — infinity; ‖x‖_∞ is the largest absolute element"},
    {"P probability", 0, "P(A) = 0.05 states a fact; P(A | B) asks. See help P."},
    {"# comment", 0, "# starts a comment to the end of the line"},
    {"\" string", 0, "\"text\" — a string, for print, printf and file names"},
    {"? question", 0, "?name — the same as help name, at the start of a line\n  example: ?softmax"},
    {"then else", 0, "if c then a else b (an expression), or a block: if c { … } else { … }"},
    {"return", 0, "return value — leaves a function with value (a function's last expression is returned anyway)"},
    {"break continue", 0, "break leaves the innermost loop; continue starts its next round"},
    {"within", 0, "check a ≈ b within tol — an absolute tolerance for a check"},
    {"explain", 0, "explain expr — reads an expression in words and names what it computes (SSE, MSE, a dot product,\n"
                   "  softmax, a linear layer …), with shapes when its variables are bound.\n"
                   "  example: explain Σ_{i=1}^{n} (y[i] − ŷ[i])²"},
    {"latex", 0, "latex expr — prints the expression as LaTeX (\\sum_{i=1}^{n}, \\frac{a}{b}, \\hat{y}, x^{\\top} …).\n"
                 "  LaTeX typed or pasted at the prompt is read as mlm: \\frac{1}{n} \\sum_{i=1}^{n} x_i.\n"
                 "  example: latex sqrt(x) / 2"},
    {"help ?", 0, "help NAME or ?NAME — what a name, operator, keyword or symbol means, with an example:\n"
                  "  help mean, help @, help ^, help ⁻¹, help ‖, help Σ, help for, help \\frac. help alone lists\n"
                  "  everything; help notation lists the operators and symbols."},
    {"notation symbols operators", 0, NULL}, /* the list: help_notation_list */
};

/* LaTeX commands read as mlm (help \frac, help \sum …): the command and what it becomes. */
typedef struct LatexHelp {
    const char *command;
    const char *text;
} LatexHelp;

static const LatexHelp latex_help[] = {
    {"\\frac", "\\frac{a}{b} — LaTeX for a / b, read as (a) / (b)"},
    {"\\dfrac", "\\dfrac{a}{b} — LaTeX for a / b, read as (a) / (b)"},
    {"\\times", "\\times — LaTeX for ×, multiplication"},
    {"\\left", "\\left( … \\right) — LaTeX's sized brackets, read as ( … )"},
    {"\\right", "\\left( … \\right) — LaTeX's sized brackets, read as ( … )"},
    {"\\mathbf", "\\mathbf{x} — bold x, read as the name x"},
    {"\\exp", "\\exp, \\log, \\sin … — LaTeX's function names, read as exp, log, sin …"},
    {"\\log", "\\exp, \\log, \\sin … — LaTeX's function names, read as exp, log, sin …"},
    {"\\in", "x \\in \\mathbb{R}^n — LaTeX for x ∈ ℝⁿ"},
    {"\\mathbb", "\\mathbb{R} — blackboard bold R, ℝ (Tab after \\mathbb{R} at the prompt types ℝ)"},
};

/* True when key is one of the space-separated spellings in keys. */
static bool has_key(const char *keys, const char *key) {
    size_t len = strlen(key);
    if (len == 0) return false;
    for (const char *s = keys; *s;) {
        const char *e = strchr(s, ' ');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == len && strncmp(s, key, n) == 0) return true;
        if (!e) break;
        s = e + 1;
    }
    return false;
}

static void print_row(const Notation *row, FILE *out) {
    fprintf(out, "%s\n", row->text);
    if (row->op) {
        const OpInfo *info = op_info(row->op);
        if (info->latex && info->latex[0] && !strstr(row->text, "LaTeX:"))
            fprintf(out, "  LaTeX: %s\n", info->latex);
        fprintf(out, "  spelt: %s\n", info->spellings);
    }
}

bool help_notation(const char *topic, FILE *out) {
    for (size_t i = 0; i < sizeof notation / sizeof notation[0]; i++) {
        if (!has_key(notation[i].keys, topic)) continue;
        if (!notation[i].text) {
            help_notation_list(out);
            return true;
        }
        print_row(&notation[i], out);
        return true;
    }
    for (size_t i = 0; i < sizeof latex_help / sizeof latex_help[0]; i++)
        if (strcmp(latex_help[i].command, topic) == 0) {
            fprintf(out, "%s\n", latex_help[i].text);
            return true;
        }
    return false;
}

void help_notation_list(FILE *out) {
    fputs("Operators, keywords and symbols (help SYMBOL for one):\n", out);
    for (size_t i = 0; i < sizeof notation / sizeof notation[0]; i++) {
        if (!notation[i].text) continue;
        const char *nl = strchr(notation[i].text, '\n');
        int n = nl ? (int)(nl - notation[i].text) : (int)strlen(notation[i].text);
        fprintf(out, "  %.*s\n", n, notation[i].text);
    }
}

/* {===================== what learners type */

typedef struct Learner {
    const char *name;      /* as typed */
    const char *mlm;       /* an mlm name that does it, used when mlm has it (NULL: none) */
    const char *sentence;  /* what to say otherwise, or always when mlm is NULL */
} Learner;

static const Learner learners[] = {
    {"std", "std", "the standard deviation is sqrt(mean((x − mean(x))^2)) in mlm"},
    {"sd", "std", "the standard deviation is sqrt(mean((x − mean(x))^2)) in mlm"},
    {"var", "var", "the variance is mean((x − mean(x))^2) in mlm"},
    {"variance", "var", "the variance is mean((x − mean(x))^2) in mlm"},
    {"shape", NULL, "NumPy's shape is size(x) in mlm"},
    {"dim", NULL, "R's dim is size(x) in mlm"},
    {"ndim", NULL, "NumPy's ndim: size(x) gives the shape in mlm"},
    {"len", NULL, "Python's len is length(x) in mlm"},
    {"nrow", NULL, "R's nrow is size(X)[1] in mlm"},
    {"ncol", NULL, "R's ncol is size(X)[2] in mlm"},
    {"rand", "rand", "mlm has no random numbers yet"},
    {"randn", "randn", "mlm has no random numbers yet"},
    {"runif", "rand", "mlm has no random numbers yet"},
    {"rnorm", "randn", "mlm has no random numbers yet"},
    {"random", "rand", "mlm has no random numbers yet"},
    {"diff", "diff", "differences: x[2:end] − x[1:end−1] in mlm"},
    {"integrate", "integrate", "a sum approximates an integral: Σ_{i=1}^{n} f(a + i·h)·h"},
    {"quad", "integrate", "a sum approximates an integral: Σ_{i=1}^{n} f(a + i·h)·h"},
    {"load", "load", "read a file with import \"file.mlm\""},
    {"read_csv", "read_csv", "mlm has no CSV reader yet"},
    {"loadtxt", "load", "read a file with import \"file.mlm\""},
    {"np", NULL, "mlm needs no np.: write zeros(3), mean(x), x @ y directly"},
    {"numpy", NULL, "mlm needs no numpy: write zeros(3), mean(x), x @ y directly"},
    {"math", NULL, "mlm needs no math.: write sqrt(x), exp(x), π directly"},
    {"torch", NULL, "mlm needs no torch.: write the maths directly"},
    {"matmul", NULL, "the matrix product is A @ B in mlm"},
    {"mtimes", NULL, "the matrix product is A @ B in mlm"},
    {"arange", NULL, "NumPy's arange is a range in mlm: 0..9 or 0:2:10"},
    {"seq", NULL, "R's seq is a range in mlm: 1..10 or 1:2:9"},
    {"rep", NULL, "R's rep: ones(n) * x in mlm"},
    {"array", NULL, "NumPy's array([1, 2]) is [1, 2] in mlm"},
    {"matrix", NULL, "a matrix is written [1, 2; 3, 4] in mlm"},
    {"identity", "eye", NULL},
    {"linalg", NULL, "mlm needs no linalg.: write inv(A), det(A), eig(A), svd(X) directly"},
    {"disp", "print", NULL},
    {"println", "print", NULL},
    {"cat", "print", NULL},
    {"argmax", "argmax", "mlm has no argmax yet: max(x) gives the largest value"},
    {"argmin", "argmin", "mlm has no argmin yet: min(x) gives the smallest value"},
    {"dot_product", "dot", NULL},
    {"sigma", NULL, "Σ (the sum) is typed \\Sigma then Tab, or sum(…); σ (the Greek letter) is \\sigma then Tab"},
    {"ℝ", NULL, "ℝ, the real numbers, is a set: it is read on the right of ∈, as in x ∈ ℝ^3"},
    {"ℤ", NULL, "ℤ, the integers, is a set: it is read on the right of ∈, as in k ∈ ℤ"},
    {"ℕ", NULL, "ℕ, the natural numbers, is a set: it is read on the right of ∈, as in k ∈ ℕ"},
    {"summation", "sum", NULL},
    {"product", "prod", NULL},
    {"average", "mean", NULL},
    {"avg", "mean", NULL},
    {"pow", NULL, "a power is x^y in mlm"},
    {"power", NULL, "a power is x^y in mlm"},
    {"ln2", "log2", NULL},
};

const char *learner_hint(const char *name, bool (*exists)(const char *name, void *ctx), void *ctx) {
    static char buf[160];
    for (size_t i = 0; i < sizeof learners / sizeof learners[0]; i++) {
        const Learner *l = &learners[i];
        if (strcmp(l->name, name) != 0) continue;
        if (l->mlm && strcmp(l->mlm, name) != 0 && exists && exists(l->mlm, ctx)) {
            snprintf(buf, sizeof buf, "did you mean '%s'?", l->mlm);
            return buf;
        }
        if (l->sentence) return l->sentence;
        if (l->mlm) {
            snprintf(buf, sizeof buf, "did you mean '%s'?", l->mlm);
            return buf;
        }
    }
    return NULL;
}

const char *learner_field_hint(const char *field) {
    static const struct { const char *field, *sentence; } fields[] = {
        {"shape", "NumPy's x.shape is size(x) in mlm"},
        {"size", "x.size is numel(x) in mlm"},
        {"ndim", "NumPy's x.ndim: size(x) gives the shape in mlm"},
        {"sum", "x.sum() is sum(x) (or Σ x) in mlm"},
        {"max", "x.max() is max(x) in mlm"},
        {"min", "x.min() is min(x) in mlm"},
        {"std", "x.std() is sqrt(mean((x − mean(x))^2)) in mlm"},
        {"dot", "x.dot(y) is x · y (or x @ y) in mlm"},
        {"reshape", "x.reshape(m, n) is reshape(x, m, n) in mlm"},
        {"inv", "A.inv() is A⁻¹ (or inv(A)) in mlm"},
        {"H", "the conjugate transpose: mlm's matrices are real, so Aᵀ"},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(fields[i].field, field) == 0) return fields[i].sentence;
    return NULL;
}

/* }===================== */
