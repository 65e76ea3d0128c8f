# W2: SSE between y = sin(i) and yhat = cos(i), i = 1..N; prints the kernel's time, then the SSE.
import time

import numpy as np

N = 10_000_000
i = np.arange(1, N + 1, dtype=np.float64)
t = time.perf_counter()
y, yhat = np.sin(i), np.cos(i)
s = np.sum((y - yhat) ** 2)
print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print(repr(float(s)))
