# W1v: sum(1 ./ (i .* i)) over the array i = 1..N.
import numpy as np

N = 10_000_000
i = np.arange(1, N + 1, dtype=np.float64)
print(repr(float(np.sum(1.0 / (i * i)))))
