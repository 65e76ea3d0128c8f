# W4: C = A @ B for n = 1000; prints sum(C) and trace(C).
import numpy as np

n = 1000
i = np.arange(1, n + 1).reshape(n, 1)
j = np.arange(1, n + 1)
A = ((i + 2 * j) % 7 - 2).astype(np.float64)
B = ((3 * i + j) % 5 - 1).astype(np.float64)
C = A @ B
print("%.17g %.17g" % (C.sum(), np.trace(C)))
