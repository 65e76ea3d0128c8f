import numpy  # noqa: F401  (start-up with NumPy loaded, as a NumPy user runs)

print(1 + 1)
