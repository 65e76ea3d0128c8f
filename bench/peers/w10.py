# W10: 10^7 draws from Normal(0, 1) with seed 42; prints the kernel's time, then mean and std.
import time

import numpy as np

rng = np.random.default_rng(42)
t = time.perf_counter()
x = rng.standard_normal(10_000_000)
print(f"time: {1e3 * (time.perf_counter() - t):.4f} ms")
print(f"{x.mean():.9f} {x.std(ddof=1):.9f}")
