# W2: SSE between y = sin(i) and yhat = cos(i), i = 1..N.
import numpy as np

N = 10_000_000
i = np.arange(1, N + 1, dtype=np.float64)
y, yhat = np.sin(i), np.cos(i)
print(repr(float(np.sum((y - yhat) ** 2))))
