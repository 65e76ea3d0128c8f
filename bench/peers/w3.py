# W3: sum of sigmoid(x) over x = linspace(-10, 10, N).
import numpy as np

N = 10_000_000
x = np.linspace(-10, 10, N)
print(repr(float(np.sum(1 / (1 + np.exp(-x))))))
