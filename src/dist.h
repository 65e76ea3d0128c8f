/* dist.h — probability distributions as values (the open value kind, object.h): the family
 * table over R's standalone maths library (densities, lower and upper tails, quantiles) and
 * GSL (the Laplace family, random draws), and the closed forms of sums and affine maps.
 *
 * A Dist is immutable once made. Parameters are the textbook ones: Normal takes the standard
 * deviation σ (not σ²), Exponential and Gamma a rate (mean 1/λ, α/β), Geometric counts the
 * trials up to and including the first success (support 1, 2, …), NegativeBinomial counts the
 * failures before the r-th success (support 0, 1, …), Categorical is supported on 1…K.
 *
 * Ownership: dist_new returns a Dist with refcount 1 (release it through its Value);
 * a Categorical owns its probability array. */
#ifndef MLM_DIST_H
#define MLM_DIST_H

#include <stdbool.h>
#include <stddef.h>

#include "object.h"

typedef enum DistFamily {
    DF_NORMAL, DF_UNIFORM, DF_EXPONENTIAL, DF_GAMMA, DF_BETA, DF_CHISQ, DF_T, DF_F, DF_LOGNORMAL,
    DF_LAPLACE, DF_BERNOULLI, DF_BINOMIAL, DF_POISSON, DF_GEOMETRIC, DF_NEGBINOMIAL, DF_CATEGORICAL,
    DF_COUNT
} DistFamily;

typedef struct DistInfo {
    const char *name;        /* "Normal" */
    int nparams;             /* 0 for Categorical (it takes a vector) */
    const char *param[2];    /* printed names: "μ", "σ" */
    bool discrete;
} DistInfo;

extern const DistInfo dist_info[DF_COUNT];

typedef struct Dist {
    Obj obj;
    DistFamily family;
    double p[2];
    size_t k;        /* Categorical: number of categories */
    double *probs;   /* Categorical: owned, k probabilities */
} Dist;

extern const ObjType dist_type;

/* Checks parameter i of family (p holds all of them); on failure writes a message such as
 * "σ must be > 0, got -1" into msg and returns false. */
bool dist_check_param(DistFamily family, const double *p, int i, char *msg, size_t size);
/* A new distribution (refcount 1). probs (Categorical, k entries) is copied. */
Dist *dist_new(DistFamily family, const double *p, const double *probs, size_t k);
static inline const Dist *dist_of(Value v) { return (const Dist *)(const void *)v.as.obj; }
static inline bool value_is_dist(Value v) { return value_is(v, &dist_type); }

/* The density (pmf of a discrete family: 0 off the whole numbers of the support), or its log. */
double dist_pdf(const Dist *d, double x, bool give_log);
/* P(X ≤ x) when lower, else P(X > x) computed as an upper tail (never 1 − cdf). */
double dist_cdf(const Dist *d, double x, bool lower);
/* The p-quantile (lower: smallest x with P(X ≤ x) ≥ p; else of the upper tail); p ∈ [0, 1]. */
double dist_quantile(const Dist *d, double p, bool lower);
double dist_mean(const Dist *d);
double dist_var(const Dist *d);
/* The differential (or Shannon) entropy in nats; false when no closed form is kept here. */
bool dist_entropy(const Dist *d, double *out);
/* P(lo ⋖ X ⋖ hi) for an interval with open or closed ends (lo may be -inf, hi inf), the upper
 * tail used when the interval lies above the median, so small tails keep their digits. */
double dist_interval(const Dist *d, double lo, bool lo_open, double hi, bool hi_open);

/* log P(lo ⋖ X ⋖ hi), from log tails: keeps its digits where the probability underflows
 * (P(X > 40) of a standard normal is e^−804.6). */
double dist_log_interval(const Dist *d, double lo, bool lo_open, double hi, bool hi_open);

/* The distribution's one-line form "Normal(μ = 0, σ = 1)" into buf. */
const char *dist_text(const Dist *d, char *buf, size_t size);

/* The answers of a distribution to mean(X), std(X), var(X), median(X), quantile(X, p) and
 * entropy(X) (ObjType.builtin; in builtins_dist.c). */
bool dist_builtin_hook(struct Interp *in, const struct Builtin *b, const struct CallInfo *ci, int argc,
                       const Value *argv, Value *out, bool *handled);

/* Frees the session generator (Interp.rng; NULL is fine). */
void dist_rng_free(void *rng);

/* One draw using a gsl_rng (passed as void * so this header needs no GSL). */
double dist_draw(const Dist *d, void *rng);

#endif
