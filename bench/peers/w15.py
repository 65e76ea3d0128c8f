# W15 (SciPy): minimize(method="BFGS") with the exact gradient; prints the point and nfev.
import numpy as np
from scipy.optimize import minimize


def f(p):
    x, y = p
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def g(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


r = minimize(f, [-1.2, 1], jac=g, method="BFGS")
print(f"{r.x[0]:.10f} {r.x[1]:.10f} {r.nfev}")
