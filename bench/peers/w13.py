# W13: entropy in bits of p_i = i / sum(k), N = 10^7, as NumPy users write it; prints the
# kernel's time, then H.
import time

import numpy as np

N = 10_000_000
i = np.arange(1, N + 1, dtype=np.float64)
p = i / i.sum()
t = time.perf_counter()
h = -(p * np.log2(p)).sum()
print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print(repr(float(h)))
