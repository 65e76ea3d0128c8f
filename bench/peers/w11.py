# W11: Σ Φ(x) over x = linspace(-5, 5, 10^7), Φ the standard normal cdf; kernel time, then the sum.
import time

import numpy as np
from scipy.stats import norm

x = np.linspace(-5, 5, 10_000_000)
t = time.perf_counter()
s = np.sum(norm.cdf(x))
print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print(repr(float(s)))
