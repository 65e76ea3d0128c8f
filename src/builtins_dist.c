/* builtins_dist.c — the probability pillar: the distribution constructors (Normal(0, 1) …),
 * pdf/logpdf/cdf/sf element-wise, E and Var, the answers a distribution gives to mean, std,
 * var, median, quantile and entropy (dist_builtin_hook), and seeded sampling with GSL's
 * MT19937 generator, which lives in the session (Interp.rng, created on first use). */
#include <gsl/gsl_randist.h>
#include <pthread.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "builtins.h"
#include "dist.h"
#include "print.h"
#include "vecmath.h"

/* {===================== the session's generator */

void dist_rng_free(void *rng) {
    if (rng) gsl_rng_free(rng);
}

static gsl_rng *session_rng(Interp *in) {
    if (!in->rng) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        if (!r) { fputs("mlm: out of memory\n", stderr); abort(); }
        /* unseeded: different numbers each run, as NumPy's default_rng() */
        gsl_rng_set(r, (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16));
        in->rng = r;
    }
    return in->rng;
}

/* {===================== work shared among threads
 *
 * Large element-wise evaluations and large samples are cut into fixed blocks that threads take
 * in contiguous shares. A sample's block b draws from its own MT19937 seeded from one number
 * taken from the session generator and b, so the numbers depend on the seed and never on how
 * many threads there are. */

enum { PAR_BLOCK = 1 << 16, PAR_MAX = 8 };

typedef struct Share {
    void (*run)(void *ctx, size_t first_block, size_t end_block);
    void *ctx;
    size_t first, end;
} Share;

static void *run_share(void *arg) {
    Share *s = arg;
    s->run(s->ctx, s->first, s->end);
    return NULL;
}

static void parallel_blocks(Interp *in, size_t nblocks, void (*run)(void *, size_t, size_t), void *ctx) {
    int threads = nblocks >= 4 ? interp_threads(in) : 1;
    if (threads > PAR_MAX) threads = PAR_MAX;
    if ((size_t)threads > nblocks) threads = (int)nblocks;
    if (threads <= 1) { run(ctx, 0, nblocks); return; }
    Share shares[PAR_MAX];
    pthread_t ids[PAR_MAX];
    bool started[PAR_MAX] = {false};
    for (int t = 0; t < threads; t++)
        shares[t] = (Share){run, ctx, nblocks * (size_t)t / (size_t)threads, nblocks * (size_t)(t + 1) / (size_t)threads};
    for (int t = 1; t < threads; t++) started[t] = pthread_create(&ids[t], NULL, run_share, &shares[t]) == 0;
    run_share(&shares[0]);
    for (int t = 1; t < threads; t++) {
        if (started[t]) pthread_join(ids[t], NULL);
        else run_share(&shares[t]);
    }
}

/* }===================== */

/* {===================== constructors */

static bool construct(Interp *in, const CallInfo *ci, int argc, const Value *argv, DistFamily f, Value *out) {
    const DistInfo *info = &dist_info[f];
    double p[2] = {0, 1};
    if (argc == 0 && f == DF_UNIFORM) p[0] = 0, p[1] = 1;
    for (int i = 0; i < argc; i++)
        if (!builtin_scalar_arg(in, ci, info->name, argv, i, &p[i])) return false;
    for (int i = 0; i < info->nparams; i++) {
        char msg[200];
        if (!dist_check_param(f, p, i, msg, sizeof msg))
            return interp_error(in, i < argc ? ci->args[i] : ci->call, "%s: %s", info->name, msg);
    }
    *out = value_obj(&dist_new(f, p, NULL, 0)->obj);
    return true;
}

#define CONSTRUCTOR(fn, family) \
    static bool fn(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) { \
        return construct(in, ci, argc, argv, family, out); \
    }
CONSTRUCTOR(fn_normal, DF_NORMAL)
CONSTRUCTOR(fn_uniform, DF_UNIFORM)
CONSTRUCTOR(fn_exponential, DF_EXPONENTIAL)
CONSTRUCTOR(fn_gamma_dist, DF_GAMMA)
CONSTRUCTOR(fn_beta_dist, DF_BETA)
CONSTRUCTOR(fn_chisq, DF_CHISQ)
CONSTRUCTOR(fn_t, DF_T)
CONSTRUCTOR(fn_f, DF_F)
CONSTRUCTOR(fn_lognormal, DF_LOGNORMAL)
CONSTRUCTOR(fn_laplace, DF_LAPLACE)
CONSTRUCTOR(fn_bernoulli, DF_BERNOULLI)
CONSTRUCTOR(fn_binomial, DF_BINOMIAL)
CONSTRUCTOR(fn_poisson, DF_POISSON)
CONSTRUCTOR(fn_geometric, DF_GEOMETRIC)
CONSTRUCTOR(fn_negbinomial, DF_NEGBINOMIAL)

static bool fn_categorical(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Value v = argv[0];
    if (v.kind != VAL_ARR || v.as.arr->len == 0)
        return interp_error(in, ci->args[0], "Categorical: p must be a vector of probabilities, e.g. Categorical([0.2, 0.5, 0.3])");
    const Array *a = v.as.arr;
    double *p = malloc(a->len * sizeof *p);
    if (!p) return interp_error(in, ci->call, "out of memory");
    double s = 0;
    for (size_t i = 0; i < a->len; i++) {
        p[i] = array_at(a, i);
        if (!(p[i] >= 0 && p[i] <= 1)) {
            char num[40];
            free(p);
            return interp_error(in, ci->args[0], "Categorical: p[%zu] must be a probability in [0, 1], got %s", i + 1,
                                print_number(array_at(a, i), num, sizeof num));
        }
        s += p[i];
    }
    if (fabs(s - 1) > 1e-9) {
        char num[40];
        free(p);
        return interp_error(in, ci->args[0], "Categorical: the probabilities must add up to 1, they add up to %s",
                            print_number(s, num, sizeof num));
    }
    *out = value_obj(&dist_new(DF_CATEGORICAL, NULL, p, a->len)->obj);
    free(p);
    return true;
}

/* }===================== */

/* {===================== element-wise functions of a distribution */

static bool dist_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, const Dist **d) {
    if (!value_is_dist(argv[i])) {
        char what[64];
        return interp_error(in, ci->args[i], "%s: argument %d must be a distribution such as Normal(0, 1), got %s",
                            ci->builtin->name, i + 1, value_describe(argv[i], what, sizeof what));
    }
    *d = dist_of(argv[i]);
    return true;
}

typedef double (*DistMap)(const Dist *d, double x, int how);

typedef struct MapJob {
    const Dist *d;
    const Array *a;
    double *out;
    DistMap f;
    int how;
} MapJob;

static double m_cdf(const Dist *d, double x, int how);

/* The Normal's cdf (how = 1) or upper tail (how = 0) of elements [lo, hi): Φ(z) =
 * erfc(−z/√2)/2 with z = (x − μ)/σ, erfc vectorised by SLEEF (1.5 ulp relative, tails
 * included: the rounding of z/√2 costs about (z²/2)·2⁻⁵³ relative, 3.5e-15 at z = 8). False
 * when SLEEF is not there (then R's pnorm does every element). */
static bool normal_tail_blocks(const MapJob *j, size_t lo, size_t hi) {
    enum { CHUNK = 256 };
    double mu = j->d->p[0], sigma = j->d->p[1], t[CHUNK];
    double sign = j->how ? -M_SQRT1_2 : M_SQRT1_2;
    for (size_t i = lo; i < hi; i += CHUNK) {
        size_t n = hi - i < CHUNK ? hi - i : CHUNK;
        for (size_t k = 0; k < n; k++) t[k] = sign * ((array_at(j->a, i + k) - mu) / sigma);
        if (n < VECMATH_MIN_LEN || !vecmath_erfc(j->out + i, t, n)) {
            if (i == lo && n >= VECMATH_MIN_LEN) return false;
            for (size_t k = 0; k < n; k++) j->out[i + k] = j->f(j->d, array_at(j->a, i + k), j->how);
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            double x = array_at(j->a, i + k);
            /* nan stays nan; ±inf and the halves as pnorm gives them */
            j->out[i + k] = isnan(x) ? x : 0.5 * j->out[i + k];
        }
    }
    return true;
}

static void map_blocks(void *ctx, size_t first, size_t end) {
    const MapJob *j = ctx;
    size_t hi = end * PAR_BLOCK < j->a->len ? end * PAR_BLOCK : j->a->len;
    if (j->d->family == DF_NORMAL && j->f == m_cdf && normal_tail_blocks(j, first * PAR_BLOCK, hi)) return;
    for (size_t i = first * PAR_BLOCK; i < hi; i++) j->out[i] = j->f(j->d, array_at(j->a, i), j->how);
}

/* f(d, x) for x a number or every element of an array; with check_prob, x must be in [0, 1]. */
static bool map_dist(Interp *in, const CallInfo *ci, const Dist *d, Value x, int argi, DistMap f, int how,
                     bool check_prob, Value *out) {
    if (x.kind == VAL_NUM) {
        if (check_prob && !(x.as.num >= 0 && x.as.num <= 1)) {
            char num[40];
            return interp_error(in, ci->args[argi], "%s: p must be a probability in [0, 1], got %s", ci->builtin->name,
                                print_number(x.as.num, num, sizeof num));
        }
        *out = value_num(f(d, x.as.num, how));
        return true;
    }
    if (x.kind != VAL_ARR) {
        char what[64];
        return interp_error(in, ci->args[argi], "%s: argument %d must be a number or an array, got %s", ci->builtin->name,
                            argi + 1, value_describe(x, what, sizeof what));
    }
    const Array *a = x.as.arr;
    if (check_prob)
        for (size_t i = 0; i < a->len; i++) {
            double q = array_at(a, i);
            if (!(q >= 0 && q <= 1)) {
                char num[40];
                return interp_error(in, ci->args[argi], "%s: p must be a probability in [0, 1], got %s (element %zu)",
                                    ci->builtin->name, print_number(q, num, sizeof num), i + 1);
            }
        }
    Array *r = interp_new_array(in, ci->call, a->ndim, a->rows, a->cols);
    if (!r) return false;
    MapJob job = {d, a, r->data, f, how};
    parallel_blocks(in, (a->len + PAR_BLOCK - 1) / PAR_BLOCK, map_blocks, &job);
    *out = value_arr(r);
    return true;
}

static double m_pdf(const Dist *d, double x, int how) { return dist_pdf(d, x, how); }
static double m_cdf(const Dist *d, double x, int how) { return dist_cdf(d, x, how); }
static double m_quantile(const Dist *d, double x, int how) { return dist_quantile(d, x, how); }

static bool fn_pdf(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    const Dist *d = NULL;
    if (!dist_arg(in, ci, argv, 0, &d)) return false;
    bool lg = strcmp(ci->builtin->name, "logpdf") == 0;
    return map_dist(in, ci, d, argv[1], 1, m_pdf, lg, false, out);
}

static bool fn_cdf(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    const Dist *d = NULL;
    if (!dist_arg(in, ci, argv, 0, &d)) return false;
    bool lower = strcmp(ci->builtin->name, "cdf") == 0;
    return map_dist(in, ci, d, argv[1], 1, m_cdf, lower, false, out);
}

static bool fn_expect(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    const Dist *d = NULL;
    if (!dist_arg(in, ci, argv, 0, &d)) return false;
    *out = value_num(strcmp(ci->builtin->name, "Var") == 0 ? dist_var(d) : dist_mean(d));
    return true;
}

bool dist_builtin_hook(Interp *in, const Builtin *b, const CallInfo *ci, int argc, const Value *argv, Value *out,
                       bool *handled) {
    const Dist *d = dist_of(argv[0]);
    const char *name = b->name;
    *handled = true;
    if (strcmp(name, "quantile") == 0) {
        if (argc != 2) return interp_error(in, ci->call, "quantile of a distribution takes the distribution and p: quantile(X, 0.975)");
        return map_dist(in, ci, d, argv[1], 1, m_quantile, 1, true, out);
    }
    bool one = argc == 1;
    /* exp of a Normal is a LogNormal, log of a LogNormal a Normal */
    if (one && strcmp(name, "exp") == 0 && d->family == DF_NORMAL) {
        *out = value_obj(&dist_new(DF_LOGNORMAL, d->p, NULL, 0)->obj);
        return true;
    }
    if (one && (strcmp(name, "log") == 0 || strcmp(name, "ln") == 0) && d->family == DF_LOGNORMAL) {
        *out = value_obj(&dist_new(DF_NORMAL, d->p, NULL, 0)->obj);
        return true;
    }
    if (strcmp(name, "mean") == 0 && one) { *out = value_num(dist_mean(d)); return true; }
    if ((strcmp(name, "var") == 0) && one) { *out = value_num(dist_var(d)); return true; }
    if (strcmp(name, "std") == 0 && one) { *out = value_num(sqrt(dist_var(d))); return true; }
    if (strcmp(name, "median") == 0 && one) { *out = value_num(dist_quantile(d, 0.5, true)); return true; }
    if ((strcmp(name, "entropy") == 0 || strcmp(name, "H") == 0) && argc <= 2) {
        /* in bits by default, as entropy(p) of a vector (differential entropy for continuous
         * families); a second argument 2/"bits", e/"nats" or another base chooses */
        double h;
        if (!dist_entropy(d, &h))
            return interp_error(in, ci->args[0], "%s: no closed form is kept for the %s family; estimate it from sample(X, n)",
                                name, dist_info[d->family].name);
        ValueUnit unit = UNIT_BITS;
        double base = 2;
        if (argc == 2) {
            Value b2 = argv[1];
            if (b2.kind == VAL_STR && (strcmp(b2.as.str->text, "bits") == 0 || strcmp(b2.as.str->text, "bit") == 0)) base = 2;
            else if (b2.kind == VAL_STR && (strcmp(b2.as.str->text, "nats") == 0 || strcmp(b2.as.str->text, "nat") == 0)) base = M_E;
            else if (b2.kind == VAL_NUM && b2.as.num > 0 && b2.as.num != 1 && isfinite(b2.as.num)) base = b2.as.num;
            else return interp_error(in, ci->args[1], "%s: the unit is 2 or \"bits\", e or \"nats\", or a base > 0 other than 1", name);
            unit = base == 2 ? UNIT_BITS : base == M_E ? UNIT_NATS : UNIT_NONE;
        }
        *out = value_num_unit(h / log(base), unit);
        return true;
    }
    *handled = false;
    return false;
}

/* }===================== */

/* {===================== sampling */

static bool count_arg(Interp *in, const CallInfo *ci, const Value *argv, int i, size_t *n) {
    long long k;
    if (!builtin_int_arg(in, ci, ci->builtin->name, argv, i, 0, 9.0e18, &k)) return false;
    *n = (size_t)k;
    return true;
}

/* The shape from arguments first … argc − 1 (n → vector, n, m → matrix). */
static Array *shaped(Interp *in, const CallInfo *ci, int argc, const Value *argv, int first) {
    size_t n = 1, m = 0;
    if (argc > first && !count_arg(in, ci, argv, first, &n)) return NULL;
    if (argc > first + 1 && !count_arg(in, ci, argv, first + 1, &m)) return NULL;
    if (argc > first + 1) return interp_new_matrix(in, ci->call, n, m);
    return interp_new_vector(in, ci->call, n);
}

typedef struct DrawJob {
    const Dist *d;
    double *out;
    size_t len;
    unsigned long base;  /* from the session generator */
} DrawJob;

/* splitmix64's finaliser: well-spread seeds for neighbouring blocks */
static unsigned long block_seed(unsigned long base, size_t b) {
    uint64_t z = (uint64_t)base * 0x9E3779B97F4A7C15u + (uint64_t)b + 1;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return (unsigned long)((z ^ (z >> 31)) & 0xffffffffu);
}

static void draw_blocks(void *ctx, size_t first, size_t end) {
    const DrawJob *j = ctx;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) { fputs("mlm: out of memory\n", stderr); abort(); }
    for (size_t b = first; b < end; b++) {
        gsl_rng_set(r, block_seed(j->base, b));
        size_t lo = b * PAR_BLOCK, hi = lo + PAR_BLOCK < j->len ? lo + PAR_BLOCK : j->len;
        if (j->d->family == DF_NORMAL) { /* the hot loop of W10 */
            double mu = j->d->p[0], sigma = j->d->p[1];
            for (size_t i = lo; i < hi; i++) j->out[i] = mu + gsl_ran_gaussian_ziggurat(r, sigma);
        } else {
            for (size_t i = lo; i < hi; i++) j->out[i] = dist_draw(j->d, r);
        }
    }
    gsl_rng_free(r);
}

static bool fn_sample(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    const Dist *d = NULL;
    if (!dist_arg(in, ci, argv, 0, &d)) return false;
    gsl_rng *r = session_rng(in);
    if (argc == 1) { *out = value_num(dist_draw(d, r)); return true; }
    Array *a = shaped(in, ci, argc, argv, 1);
    if (!a) return false;
    if (a->len >= 4 * PAR_BLOCK) { /* blocks with their own streams, shared among threads */
        DrawJob job = {d, a->data, a->len, gsl_rng_get(r)};
        parallel_blocks(in, (a->len + PAR_BLOCK - 1) / PAR_BLOCK, draw_blocks, &job);
    } else {
        for (size_t i = 0; i < a->len; i++) a->data[i] = dist_draw(d, r);
    }
    *out = value_arr(a);
    return true;
}

static bool fn_seed(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    long long s;
    if (!builtin_int_arg(in, ci, "seed", argv, 0, 0, 4294967295.0, &s)) return false;
    gsl_rng_set(session_rng(in), (unsigned long)s);
    *out = value_nil();
    return true;
}

static bool fn_rand(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    gsl_rng *r = session_rng(in);
    bool normal = strcmp(ci->builtin->name, "randn") == 0;
    if (argc == 0) { *out = value_num(normal ? gsl_ran_gaussian_ziggurat(r, 1) : gsl_rng_uniform(r)); return true; }
    Array *a = shaped(in, ci, argc, argv, 0);
    if (!a) return false;
    if (normal) for (size_t i = 0; i < a->len; i++) a->data[i] = gsl_ran_gaussian_ziggurat(r, 1);
    else for (size_t i = 0; i < a->len; i++) a->data[i] = gsl_rng_uniform(r);
    *out = value_arr(a);
    return true;
}

static bool fn_randperm(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    size_t n;
    if (!count_arg(in, ci, argv, 0, &n)) return false;
    Array *a = interp_new_vector(in, ci->call, n);
    if (!a) return false;
    for (size_t i = 0; i < n; i++) a->data[i] = (double)(i + 1);
    if (n > 1) gsl_ran_shuffle(session_rng(in), a->data, n, sizeof(double));
    *out = value_arr(a);
    return true;
}

static bool vector_copy(Interp *in, const CallInfo *ci, Value v, Array **out) {
    if (v.kind != VAL_ARR || v.as.arr->ndim != 1) {
        char what[64];
        return interp_error(in, ci->args[0], "%s: argument 1 must be a vector, got %s", ci->builtin->name,
                            value_describe(v, what, sizeof what));
    }
    const Array *a = v.as.arr;
    Array *c = interp_new_vector(in, ci->call, a->len);
    if (!c) return false;
    for (size_t i = 0; i < a->len; i++) c->data[i] = array_at(a, i);
    *out = c;
    return true;
}

static bool fn_shuffle(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)argc;
    Array *c;
    if (!vector_copy(in, ci, argv[0], &c)) return false;
    if (c->len > 1) gsl_ran_shuffle(session_rng(in), c->data, c->len, sizeof(double));
    *out = value_arr(c);
    return true;
}

static bool fn_choice(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    Array *c;
    if (!vector_copy(in, ci, argv[0], &c)) return false;
    if (c->len == 0) { array_release(c); return interp_error(in, ci->args[0], "choice: the vector is empty"); }
    gsl_rng *r = session_rng(in);
    if (argc == 1) {
        *out = value_num(c->data[gsl_rng_uniform_int(r, c->len)]);
        array_release(c);
        return true;
    }
    long long k;
    if (!builtin_int_arg(in, ci, "choice", argv, 1, 0, (double)c->len, &k)) { array_release(c); return false; }
    Array *pick = interp_new_vector(in, ci->call, (size_t)k);
    if (!pick) { array_release(c); return false; }
    /* k distinct elements in random order: the first k of a shuffle */
    for (size_t i = 0; i < (size_t)k; i++) {
        size_t j = i + gsl_rng_uniform_int(r, c->len - i);
        double t = c->data[i]; c->data[i] = c->data[j]; c->data[j] = t;
        pick->data[i] = c->data[i];
    }
    array_release(c);
    *out = value_arr(pick);
    return true;
}

/* }===================== */

#define P "probability"
static const Builtin entries[] = {
    {.name = "Normal", .min_args = 0, .max_args = 2, .fn = fn_normal, .signature = "Normal(μ = 0, σ = 1)",
     .summary = "the normal (Gaussian) distribution with mean μ and standard deviation σ > 0 (σ, not the variance σ²)",
     .example = "Normal(0, 1)", .related = "pdf, cdf, P, sample", .pillar = P},
    {.name = "Uniform", .min_args = 0, .max_args = 2, .fn = fn_uniform, .signature = "Uniform(a = 0, b = 1)",
     .summary = "the continuous uniform distribution on [a, b], a < b", .example = "Uniform(0, 10)", .related = "rand", .pillar = P},
    {.name = "Exponential", .min_args = 1, .max_args = 1, .fn = fn_exponential, .signature = "Exponential(λ)",
     .summary = "waiting time at rate λ > 0 (a rate, not a scale: the mean is 1/λ)", .example = "Exponential(2)",
     .related = "Gamma, Poisson", .pillar = P},
    {.name = "Gamma", .min_args = 2, .max_args = 2, .fn = fn_gamma_dist, .signature = "Gamma(α, β)",
     .summary = "the gamma distribution with shape α > 0 and rate β > 0 (mean α/β; the scale θ is 1/β)",
     .example = "Gamma(2, 1)", .related = "Exponential, ChiSquared", .pillar = P},
    {.name = "Beta", .min_args = 2, .max_args = 2, .fn = fn_beta_dist, .signature = "Beta(α, β)",
     .summary = "the beta distribution on [0, 1] with shapes α > 0 and β > 0 (mean α/(α + β))",
     .example = "Beta(2, 5)", .related = "Bernoulli, Binomial", .pillar = P},
    {.name = "ChiSquared", .min_args = 1, .max_args = 1, .fn = fn_chisq, .signature = "ChiSquared(k)",
     .summary = "the χ² distribution with k > 0 degrees of freedom", .example = "ChiSquared(3)", .related = "Gamma, StudentT", .pillar = P},
    {.name = "StudentT", .min_args = 1, .max_args = 1, .fn = fn_t, .signature = "StudentT(ν)",
     .summary = "Student's t distribution with ν > 0 degrees of freedom", .example = "StudentT(5)", .related = "Normal", .pillar = P},
    {.name = "F", .min_args = 2, .max_args = 2, .fn = fn_f, .signature = "F(d₁, d₂)",
     .summary = "the F distribution with d₁ > 0 and d₂ > 0 degrees of freedom", .example = "F(3, 10)", .related = "ChiSquared", .pillar = P},
    {.name = "LogNormal", .min_args = 2, .max_args = 2, .fn = fn_lognormal, .signature = "LogNormal(μ, σ)",
     .summary = "exp of a Normal(μ, σ): μ and σ > 0 are the mean and standard deviation of log X",
     .example = "LogNormal(0, 1)", .related = "Normal", .pillar = P},
    {.name = "Laplace", .min_args = 2, .max_args = 2, .fn = fn_laplace, .signature = "Laplace(μ, b)",
     .summary = "the double exponential distribution with location μ and scale b > 0 (variance 2b²)",
     .example = "Laplace(0, 1)", .related = "Normal, Exponential", .pillar = P},
    {.name = "Bernoulli", .min_args = 1, .max_args = 1, .fn = fn_bernoulli, .signature = "Bernoulli(p)",
     .summary = "1 with probability p ∈ [0, 1], else 0", .example = "Bernoulli(0.3)", .related = "Binomial", .pillar = P},
    {.name = "Binomial", .min_args = 2, .max_args = 2, .fn = fn_binomial, .signature = "Binomial(n, p)",
     .summary = "successes in n (a whole number) independent trials of probability p", .example = "Binomial(10, 0.5)",
     .related = "Bernoulli, Poisson", .pillar = P},
    {.name = "Poisson", .min_args = 1, .max_args = 1, .fn = fn_poisson, .signature = "Poisson(λ)",
     .summary = "counts of events at mean rate λ > 0 per interval", .example = "Poisson(3)", .related = "Exponential", .pillar = P},
    {.name = "Geometric", .min_args = 1, .max_args = 1, .fn = fn_geometric, .signature = "Geometric(p)",
     .summary = "the number of trials up to and including the first success (1, 2, …; mean 1/p), p ∈ (0, 1]",
     .example = "Geometric(0.2)", .related = "NegativeBinomial", .pillar = P},
    {.name = "NegativeBinomial", .min_args = 2, .max_args = 2, .fn = fn_negbinomial, .signature = "NegativeBinomial(r, p)",
     .summary = "the number of failures before the r-th success (0, 1, …), success probability p ∈ (0, 1]",
     .example = "NegativeBinomial(3, 0.5)", .related = "Geometric", .pillar = P},
    {.name = "Categorical", .min_args = 1, .max_args = 1, .fn = fn_categorical, .signature = "Categorical(p)",
     .summary = "one of 1…K with the probabilities of the vector p (they add up to 1)", .example = "Categorical([0.2, 0.5, 0.3])",
     .related = "choice", .pillar = P},
    {.name = "pdf", .min_args = 2, .max_args = 2, .fn = fn_pdf, .signature = "pdf(X, x)",
     .summary = "the density of X at x (the pmf P(X = x) for a discrete X: 0 at a non-integer), element-wise",
     .example = "pdf(Normal(0, 1), 0)", .related = "logpdf, cdf", .pillar = P, .takes_objects = true},
    {.name = "logpdf", .min_args = 2, .max_args = 2, .fn = fn_pdf, .signature = "logpdf(X, x)",
     .summary = "the log density (log pmf) of X at x, computed as a log (no underflow), element-wise",
     .example = "logpdf(Normal(0, 1), 40)", .related = "pdf", .pillar = P, .takes_objects = true},
    {.name = "cdf", .min_args = 2, .max_args = 2, .fn = fn_cdf, .signature = "cdf(X, x)",
     .summary = "P(X ≤ x), element-wise", .example = "cdf(Normal(0, 1), 1.96)", .related = "sf, pdf, quantile", .pillar = P,
     .takes_objects = true},
    {.name = "sf", .min_args = 2, .max_args = 2, .fn = fn_cdf, .signature = "sf(X, x)",
     .summary = "the upper tail P(X > x), computed as a tail (not 1 − cdf), element-wise", .example = "sf(Normal(0, 1), 8)",
     .related = "cdf", .pillar = P, .takes_objects = true},
    {.name = "E", .min_args = 1, .max_args = 1, .fn = fn_expect, .signature = "E[X] or E(X)",
     .summary = "the expectation of a random variable", .example = "E(Poisson(3))", .related = "Var, mean", .pillar = P,
     .takes_objects = true},
    {.name = "Var", .min_args = 1, .max_args = 1, .fn = fn_expect, .signature = "Var(X)",
     .summary = "the variance of a random variable", .example = "Var(Normal(0, 2))", .related = "E", .pillar = P,
     .takes_objects = true},
    {.name = "sample", .min_args = 1, .max_args = 3, .fn = fn_sample, .signature = "sample(X, n) or sample(X, n, m)",
     .summary = "draws from X: one, a vector of n or an n×m matrix (the session's MT19937 generator; seed(k) repeats them)",
     .example = "sample(Normal(0, 1), 3)", .related = "seed, rand, randn", .pillar = P, .takes_objects = true},
    {.name = "seed", .min_args = 1, .max_args = 1, .fn = fn_seed, .signature = "seed(k)",
     .summary = "restarts the generator (GSL's MT19937) at seed k: the same numbers follow on every machine and thread count",
     .example = "seed(42)", .related = "sample, rand", .pillar = P},
    {.name = "rand", .min_args = 0, .max_args = 2, .fn = fn_rand, .signature = "rand() or rand(n) or rand(n, m)",
     .summary = "uniform draws from [0, 1) (MT19937)", .example = "rand(3)", .related = "randn, seed", .pillar = P},
    {.name = "randn", .min_args = 0, .max_args = 2, .fn = fn_rand, .signature = "randn() or randn(n) or randn(n, m)",
     .summary = "standard normal draws (MT19937, ziggurat)", .example = "randn(2, 2)", .related = "rand, sample", .pillar = P},
    {.name = "randperm", .min_args = 1, .max_args = 1, .fn = fn_randperm, .signature = "randperm(n)",
     .summary = "a random ordering of 1…n", .example = "randperm(5)", .related = "shuffle", .pillar = P},
    {.name = "shuffle", .min_args = 1, .max_args = 1, .fn = fn_shuffle, .signature = "shuffle(v)",
     .summary = "the elements of v in a random order", .example = "shuffle([1, 2, 3, 4])", .related = "randperm, choice", .pillar = P},
    {.name = "choice", .min_args = 1, .max_args = 2, .fn = fn_choice, .signature = "choice(v) or choice(v, k)",
     .summary = "one random element of v, or k distinct ones (without replacement)", .example = "choice([10, 20, 30], 2)",
     .related = "shuffle, Categorical", .pillar = P},
};
#undef P

const BuiltinTable builtins_dist = {entries, sizeof entries / sizeof entries[0]};
