# W7: eigenvalues and eigenvectors of A_ij = min(i, j), n = 500, five times; prints each eigh's
# time, then the largest eigenvalue.
import time

import numpy as np

n = 500
i = np.arange(1, n + 1)
A = np.minimum(i.reshape(n, 1), i).astype(np.float64)
values, vectors = np.linalg.eigh(np.eye(2))  # untimed warm-up, as in the mlm and C programs
for rep in range(5):
    t = time.perf_counter()
    values, vectors = np.linalg.eigh(A)
    print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print(repr(float(values.max())))
