# W14: mean and sample variance (n − 1) of x = sin(1:N); prints the kernel's time, then both.
import time

import numpy as np

N = 10_000_000
x = np.sin(np.arange(1, N + 1, dtype=np.float64))
t = time.perf_counter()
m = np.mean(x)
v = np.var(x, ddof=1)
print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print(repr(float(m)), repr(float(v)))
