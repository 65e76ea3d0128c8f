import sys
import numpy as np

x = np.loadtxt("build/bench/w12.csv", delimiter=",", skiprows=1)
print(*x.mean(axis=0))
