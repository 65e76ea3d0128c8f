# W3: sum of sigmoid(x) over x = linspace(-10, 10, N); prints the kernel's time, then the sum.
import time

import numpy as np

N = 10_000_000
x = np.linspace(-10, 10, N)
t = time.perf_counter()
s = np.sum(1 / (1 + np.exp(-x)))
print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print(repr(float(s)))
