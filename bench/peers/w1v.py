# W1v: sum(1 ./ (i .* i)) over the array i = 1..N; prints the kernel's time, then the sum.
import time

import numpy as np

N = 10_000_000
i = np.arange(1, N + 1, dtype=np.float64)
t = time.perf_counter()
s = np.sum(1.0 / (i * i))
print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print(repr(float(s)))
