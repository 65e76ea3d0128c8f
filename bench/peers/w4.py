# W4: C = A @ B for n = 1000, five times; prints each matmul's time, then sum(C) and trace(C).
import time

import numpy as np

n = 1000
i = np.arange(1, n + 1).reshape(n, 1)
j = np.arange(1, n + 1)
A = ((i + 2 * j) % 7 - 2).astype(np.float64)
B = ((3 * i + j) % 5 - 1).astype(np.float64)
C = np.eye(2) @ np.eye(2)  # untimed warm-up, as in the mlm and C programs
for rep in range(5):
    t = time.perf_counter()
    C = A @ B
    print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print("%.17g %.17g" % (C.sum(), np.trace(C)))
