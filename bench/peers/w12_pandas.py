import pandas as pd

x = pd.read_csv("build/bench/w12.csv")
print(*x.mean(axis=0))
