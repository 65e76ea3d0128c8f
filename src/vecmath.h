/* vecmath.h — transcendentals over arrays from SLEEF where it beats libmvec (sin, cos) or
 * libmvec has none (erfc).
 *
 * libsleef (Debian's libsleef3) is loaded on first use; without it the kernels keep using
 * glibc's libmvec. SLEEF's u10 functions are within 1.0 ulp of the exact result. */
#ifndef MLM_VECMATH_H
#define MLM_VECMATH_H

#include <stdbool.h>
#include <stddef.h>

#include "kernels.h"

/* Shorter arrays stay on libmvec, so a script taking sin of three numbers never opens the
 * library. */
enum { VECMATH_MIN_LEN = 64 };

/* z[i] = f(x[i]) with SLEEF when f is one it serves, n ≥ VECMATH_MIN_LEN and the library
 * loads; returns false (z untouched) otherwise. z may alias x. */
bool vecmath_unary(KernelUnary f, double *z, const double *x, size_t n);
/* z[i] = erfc(x[i]) with SLEEF's erfc (within 1.5 ulp, relative, over the whole range, so
 * tails keep their digits) for n ≥ VECMATH_MIN_LEN; false (z untouched) when the library is
 * not there. z may alias x. The normal cdf of arrays uses it: Φ(z) = erfc(−z/√2)/2. */
bool vecmath_erfc(double *z, const double *x, size_t n);
/* True when libsleef was found (loads it if not tried yet): for tests. */
bool vecmath_loaded(void);

#endif
