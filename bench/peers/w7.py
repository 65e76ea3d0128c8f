# W7: eigenvalues and eigenvectors of A_ij = min(i, j), n = 500.
import numpy as np

n = 500
i = np.arange(1, n + 1)
A = np.minimum(i.reshape(n, 1), i).astype(np.float64)
values, vectors = np.linalg.eigh(A)
print(repr(float(values.max())))
