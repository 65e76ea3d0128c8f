"""gsl_mt19937_ref.py — reproduces ci_bootstrap and kfold outside mlm: GSL's gsl_rng_mt19937 seeded with s is
init_genrand(s), as NumPy's legacy MT19937 seeding; gsl_rng_uniform_int(r, n) divides a raw 32-bit draw
by floor(0xffffffff / n) and rejects k >= n. Prints the values tests/scripts/stats.mlm checks."""
import numpy as np
def gen(seed):
    bg = np.random.MT19937(); bg._legacy_seeding(seed)
    def uniform_int(n):
        scale = 0xffffffff // n
        while True:
            k = int(bg.random_raw()) // scale
            if k < n: return k
    return uniform_int
x = np.array([5.1, 4.9, 5.6, 5.8, 6.0, 5.3, 4.7, 5.5])
u = gen(7)
stats = [np.mean(x[[u(8) for _ in range(8)]]) for _ in range(500)]
print(repr(np.quantile(stats, 0.025)), repr(np.quantile(stats, 0.975)))
u = gen(42); f = [i % 3 + 1 for i in range(10)]
for i in range(9, 0, -1):
    r = u(i + 1); f[i], f[r] = f[r], f[i]
print(f)
